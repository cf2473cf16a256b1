// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../api/monitoring';
import { CSRF, mockFetch, renderAt, setViewportWidth, setupWebTest, signedInAs, type RecordedCall } from '../../test-utils';
import { ALERT_MEDICAL, gridWorker, handler, monitoring } from './fixtures';

setupWebTest();

const evidenceRows = () => [...document.querySelectorAll('[data-testid="evidence-table"] tbody tr.ant-table-row')] as HTMLElement[];
const modal = () => document.querySelector<HTMLElement>('.ant-modal')!;

/** GET /api/alerts/101 answers the alert as it is now; POST …/status changes it. */
function statefulAlert() {
  let current: Alert = { ...ALERT_MEDICAL };
  const handle = ({ method, url, body }: RecordedCall) => {
    if (url !== '/api/alerts/101' && url !== '/api/alerts/101/status') return undefined;
    if (method === 'GET') return { body: current };
    const change = body as { status: Alert['status']; outcome?: string; note?: string };
    current = { ...current, status: change.status, outcome: change.outcome ?? null, note: change.note ?? null };
    return { body: current };
  };
  return handle;
}

describe('alert detail', () => {
  it('shows the header and each check of the evidence with its source; a reader gets no buttons', async () => {
    mockFetch(signedInAs(gridWorker), monitoring);
    renderAt('/alerts/101');
    expect((await screen.findByTestId('alert-title')).textContent).toContain('因病支出型困难');
    expect(screen.getByTestId('alert-title').textContent).toContain('Medical expense hardship');
    expect(screen.getAllByTestId('level-tag')[0].textContent).toBe('橙色');
    expect(screen.getAllByTestId('status-tag')[0].textContent).toBe('待处置');
    expect(screen.getByTestId('alert-action').textContent).toBe('医疗救助转介');
    expect(screen.getByText('2026-12-08')).toBeTruthy();
    expect(screen.getByTestId('alert-subject').textContent).toContain('220102********1234');

    await waitFor(() => expect(evidenceRows()).toHaveLength(2));
    const [oop, age] = evidenceRows();
    expect(oop.textContent).toContain('近12个月个人自付医疗费用');
    expect(oop.textContent).toContain('35,210.5');
    await waitFor(() => expect(oop.textContent).toContain('大于等于'));
    expect(oop.textContent).toContain('20,000');
    expect(within(oop).getByTestId('ev-passed').textContent).toBe('✓ 满足');
    const source = within(oop).getByTestId('ev-source').textContent!;
    expect(source).toContain('医疗费用结算');
    expect(source).toContain('medical_settlement');
    expect(source).toContain('oop_cost');
    expect(source).toContain('合计');
    expect(source).toContain('2025-12-01 至 2026-11-30（近 12 个月）');
    expect(source).toContain('批次 12, 15');
    expect(source).toContain('7 条记录');
    expect(within(age).getByTestId('ev-passed').textContent).toBe('✗ 不满足');
    expect(age.textContent).toContain('低收入人口库');

    // alert.read without alert.handle: nothing to press
    expect(screen.queryByTestId('handle-actions')).toBeNull();
    expect(screen.queryByText('开始核实')).toBeNull();
    // the menu marks 预警处置
    expect(document.querySelector('.ant-menu-item-selected')!.textContent).toBe('预警处置');
  });

  it('lets a handler start verifying, then close with an outcome and a note', async () => {
    const { calls } = mockFetch(signedInAs(handler), statefulAlert(), monitoring);
    renderAt('/alerts/101');
    fireEvent.click(await screen.findByTestId('start-verify'));
    await waitFor(() => expect(screen.getAllByTestId('status-tag')[0].textContent).toBe('核实中'));
    const verify = calls.find((c) => c.method === 'POST')!;
    expect(verify.url).toBe('/api/alerts/101/status');
    expect(verify.body).toEqual({ status: 'verifying' });
    expect(verify.headers['x-csrf-token']).toBe(CSRF);
    expect(screen.queryByTestId('start-verify')).toBeNull();

    fireEvent.click(screen.getByTestId('close-alert'));
    await waitFor(() => expect(modal()).toBeTruthy());
    // an outcome is required
    fireEvent.click(within(modal()).getByText(/^办\s*结$/).closest('button')!);
    expect(await within(modal()).findByText('请选择办结结果')).toBeTruthy();
    fireEvent.mouseDown(within(modal()).getByLabelText('办结结果'));
    const option = await waitFor(() => {
      const hit = [...document.querySelectorAll('.ant-select-item-option')].find((el) => el.textContent === '无需救助');
      if (!hit) throw new Error('no option');
      return hit as HTMLElement;
    });
    fireEvent.click(option);
    fireEvent.change(within(modal()).getByLabelText('办结说明'), { target: { value: '  已入户核实，收入已恢复  ' } });
    fireEvent.click(within(modal()).getByText(/^办\s*结$/).closest('button')!);

    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(2));
    expect(calls.filter((c) => c.method === 'POST')[1].body).toEqual({ status: 'closed', outcome: 'no_need', note: '已入户核实，收入已恢复' });
    await waitFor(() => expect(screen.getAllByTestId('status-tag')[0].textContent).toBe('已办结'));
    expect(screen.getByTestId('alert-outcome').textContent).toBe('无需救助');
    expect(screen.getByText('已入户核实，收入已恢复')).toBeTruthy();
    expect(screen.queryByTestId('handle-actions')).toBeNull();
  });

  it("shows the server's refusal in the close dialog", async () => {
    mockFetch(signedInAs(handler), monitoring, ({ method, url }) =>
      method === 'POST' && url === '/api/alerts/101/status'
        ? { status: 409, body: { error: { code: 'CONFLICT', message: '预警已办结 / the alert is already closed' } } }
        : undefined,
    );
    renderAt('/alerts/101');
    fireEvent.click(await screen.findByTestId('close-alert'));
    await waitFor(() => expect(modal()).toBeTruthy());
    fireEvent.mouseDown(within(modal()).getByLabelText('办结结果'));
    const option = await waitFor(() => {
      const hit = [...document.querySelectorAll('.ant-select-item-option')].find((el) => el.textContent === '确有困难');
      if (!hit) throw new Error('no option');
      return hit as HTMLElement;
    });
    fireEvent.click(option);
    fireEvent.click(within(modal()).getByText(/^办\s*结$/).closest('button')!);
    expect((await screen.findByTestId('close-error')).textContent).toContain('预警已办结 / the alert is already closed');
  });

  it('lists the checks as cards on a phone', async () => {
    setViewportWidth(390);
    mockFetch(signedInAs(gridWorker), monitoring);
    renderAt('/alerts/101');
    await waitFor(() => expect(screen.getAllByTestId('evidence-item')).toHaveLength(2));
    expect(document.querySelector('[data-testid="evidence-table"]')).toBeNull();
    expect(screen.getAllByTestId('evidence-item')[0].textContent).toContain('批次 12, 15');
  });

  it('says so when the alert does not exist', async () => {
    mockFetch(signedInAs(gridWorker), monitoring);
    renderAt('/alerts/999');
    expect(await screen.findByText('预警 999 不存在 / alert 999 not found')).toBeTruthy();
  });
});
