// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { navigate } from '../../router';
import { mockFetch, renderAt, sessionUser, setupWebTest, setViewportWidth, signedInAs } from '../../test-utils';
import { catalog, medicalProvider, township } from './fixtures';

setupWebTest();

const tabs = () => [...document.querySelectorAll('[role="tab"]')].map((el) => el.textContent);

describe('data catalog', () => {
  it('lists departments and datasets, filters by department and opens a dataset with its fields', async () => {
    mockFetch(signedInAs(township), catalog);
    renderAt('/sharing');
    await waitFor(() => expect(window.location.pathname).toBe('/sharing/catalog'));
    expect(await screen.findByTestId('dataset-medical_settlement')).toBeTruthy();
    expect(screen.getByTestId('dataset-death_record')).toBeTruthy();
    // a reader without dataset permissions sees the catalog only
    expect(tabs()).toEqual(['数据目录']);
    const departments = screen.getByTestId('departments');
    expect(departments.textContent).toContain('医保局 (1)');
    expect(departments.textContent).toContain('教育厅 (0)');
    expect(screen.getByText('发现因病支出型困难：个人自付医疗费用预警')).toBeTruthy();
    expect(screen.getByText('400 天')).toBeTruthy();

    fireEvent.click(within(departments).getByText('公安厅'));
    await waitFor(() => expect(screen.queryByTestId('dataset-medical_settlement')).toBeNull());
    expect(window.location.search).toBe('?department=public_security');
    expect(screen.getByText('数据集（1）')).toBeTruthy();
    fireEvent.click(within(departments).getByText(/全部部门/));
    fireEvent.click(await screen.findByTestId('dataset-medical_settlement'));

    await waitFor(() => expect(window.location.pathname).toBe('/sharing/catalog/medical_settlement'));
    expect(await screen.findByText('《社会救助暂行办法》第五十八条（家庭经济状况核对）')).toBeTruthy();
    expect(screen.getByText('省医保局信息中心')).toBeTruthy();
    expect(screen.getByTestId('retention').textContent).toContain('400 天');
    expect(screen.getByTestId('retention').textContent).toContain('未在低收入人口库中的人员');
    const fields = screen.getByTestId('fields-table');
    expect(fields.textContent).toContain('oop_cost*');
    expect(fields.textContent).toContain('个人自付费用');
    expect(fields.textContent).toContain('Out-of-pocket cost');
    expect(fields.textContent).toContain('金额（元）');
    expect(fields.textContent).toContain('inpatient 住院、outpatient 门诊');
    expect(fields.textContent).toContain('个人自付、个人负担');
    expect(within(fields).getAllByText('敏感')).toHaveLength(2);
    expect(within(fields).getByText('身份标识')).toBeTruthy();
    // no upload button without dataset.upload
    expect(screen.queryByTestId('upload-this')).toBeNull();
    // English second
    fireEvent.click(screen.getByTestId('lang-switch'));
    expect(await screen.findByText('Back to the catalog')).toBeTruthy();
    expect(screen.getByTestId('retention').textContent).toContain('400 days');
    expect(screen.getByTestId('fields-table').textContent).toContain('Amount (CNY)');
    fireEvent.click(screen.getByText('Back to the catalog'));
    await waitFor(() => expect(window.location.pathname).toBe('/sharing/catalog'));
  });

  it("offers a provider the upload of its own department's dataset only", async () => {
    mockFetch(signedInAs(medicalProvider), catalog);
    renderAt('/sharing/catalog/death_record');
    expect(await screen.findByText('死亡人员及时停发救助金')).toBeTruthy();
    expect(screen.getByText(/第 2 版 · user:demo_admin/)).toBeTruthy();
    expect(screen.queryByTestId('upload-this')).toBeNull();
    expect(tabs()).toEqual(['数据目录', '上传数据', '批次记录']);
    act(() => navigate('/sharing/catalog/medical_settlement'));
    fireEvent.click(await screen.findByTestId('upload-this'));
    await waitFor(() => expect(window.location.pathname + window.location.search).toBe('/sharing/upload?dataset=medical_settlement'));
  });

  it('is open to any signed-in user, reports an unknown dataset, and fits a phone', async () => {
    setViewportWidth(390);
    mockFetch(signedInAs(sessionUser({ username: 'demo_auditor', role: 'auditor', permissions: ['audit.read'] })), catalog);
    renderAt('/sharing/catalog');
    expect((await screen.findAllByTestId('dataset-card')).length).toBe(2);
    act(() => navigate('/sharing/catalog/medical_bills'));
    expect(await screen.findByText('未知的数据集「medical_bills」 / unknown dataset "medical_bills"')).toBeTruthy();
  });
});
