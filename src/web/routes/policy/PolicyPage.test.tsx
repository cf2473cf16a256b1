// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS, mockFetch, renderAt, sessionUser, setupWebTest, signedInAs, type Handler } from '../../test-utils';

setupWebTest();

const CATALOG = [
  { key: 'dibao.standard.urban', type: 'amount', unit: 'CNY/person/month', zh: '城市低保标准', en: 'Urban dibao standard' },
  { key: 'tekun.support_multiplier', type: 'ratio', unit: '× dibao', zh: '特困基本生活标准倍数', en: 'Tekun multiplier' },
];
const row = (over: Record<string, unknown>) => ({
  key: 'dibao.standard.urban', region_code: '22', valid_to: null, source: null, author: 'seed', version: 1,
  created_at: '2025-01-01T00:00:00Z', superseded_at: null, current: true, label: { zh: '城市低保标准', en: 'Urban dibao standard' }, ...over,
});
const HISTORY = [
  row({ id: '1', valid_from: '2023-07-01', valid_to: '2024-06-30', value: 612, source: '省民政厅 2023-11 发布会' }),
  row({ id: '2', valid_from: '2024-07-01', value: 643, source: '省民政厅 2025-01 发布会' }),
  row({ id: '3', region_code: '2201', valid_from: '2025-01-01', value: 700, author: 'user:demo_city', version: 1, current: false, superseded_at: '2025-02-01T00:00:00Z' }),
  row({ id: '4', region_code: '2201', valid_from: '2025-01-01', value: 720, author: 'user:demo_city', version: 2 }),
];
const parameters: Handler = ({ method, url }) =>
  method === 'GET' && url === '/api/policy/parameters' ? { body: { catalog: CATALOG, history: HISTORY } } : undefined;
const region = (code: string, name: string): Handler => ({ method, url }) =>
  method === 'GET' && url === `/api/regions/${code}`
    ? { body: { code, name, level: 'prefecture', parent_code: '22', path: [{ code: '22', name: '吉林省', level: 'province' }, { code, name, level: 'prefecture' }] } }
    : undefined;

const admin = sessionUser({ permissions: [...ALL_PERMISSIONS, 'policy.manage'] });
const auditor = sessionUser({ username: 'demo_auditor', role: 'auditor', permissions: ['audit.read'] });

describe('policy parameters page', () => {
  it('lists the catalog with the province value in force and the number of versions', async () => {
    mockFetch(signedInAs(admin), parameters, region('2201', '长春市'));
    renderAt('/admin/policy');
    expect(await screen.findByText('城市低保标准')).toBeTruthy();
    expect(screen.getByText('dibao.standard.urban')).toBeTruthy();
    expect(screen.getByText('CNY/person/month')).toBeTruthy();
    expect(screen.getByTestId('current-dibao.standard.urban').textContent).toBe('643');
    expect(screen.getByText('4 个版本')).toBeTruthy();
    expect(screen.getByText('其中 2 个为市县设置')).toBeTruthy();
    // a key without any version
    expect(screen.getByText('特困基本生活标准倍数')).toBeTruthy();
    expect(screen.getByText('未设置')).toBeTruthy();
    expect(screen.getByTestId('set-policy')).toBeTruthy();
    expect([...document.querySelectorAll('.ant-layout-sider [role="menuitem"]')].map((el) => el.textContent)).toContain('政策参数');
  });

  it('shows the full history of a key when its row is expanded', async () => {
    mockFetch(signedInAs(admin), parameters, region('2201', '长春市'));
    renderAt('/admin/policy');
    await screen.findByText('城市低保标准');
    fireEvent.click(document.querySelector('.ant-table-row-expand-icon')!);
    const history = await screen.findByTestId('policy-history');
    const text = history.textContent ?? '';
    expect(text).toContain('2023-07-01 – 2024-06-30');
    expect(text).toContain('2024-07-01 – 至今');
    expect(text).toContain('612');
    expect(text).toContain('720');
    expect(text).toContain('省民政厅 2025-01 发布会');
    expect(text).toContain('user:demo_city');
    expect(within(history).getAllByText('当前').length).toBe(3);
    expect(within(history).getAllByText('已取代').length).toBe(1);
    expect(within(history).getByText('v2')).toBeTruthy();
  });

  it('lets a user without policy.manage read but not set', async () => {
    mockFetch(signedInAs(auditor), parameters, region('2201', '长春市'));
    renderAt('/admin/policy');
    expect(await screen.findByText('城市低保标准')).toBeTruthy();
    expect(screen.getByTestId('current-dibao.standard.urban').textContent).toBe('643');
    expect(screen.queryByTestId('set-policy')).toBeNull();
    expect(screen.queryByTestId('set-dibao.standard.urban')).toBeNull();
  });

  it('sets a value from a row and shows the server error message', async () => {
    const { calls } = mockFetch(signedInAs(admin), parameters, region('2201', '长春市'), ({ method, url }) =>
      method === 'POST' && url === '/api/policy/parameters'
        ? { status: 400, body: { error: { code: 'VALIDATION', message: '生效日期与现有版本重叠 / overlaps an existing version' } } }
        : undefined,
    );
    renderAt('/admin/policy');
    fireEvent.click(await screen.findByTestId('set-dibao.standard.urban'));
    const value = await screen.findByLabelText('值');
    fireEvent.change(value, { target: { value: '660' } });
    fireEvent.click(screen.getByText(/^保\s*存$/).closest('button')!);
    expect((await screen.findByTestId('policy-form-error')).textContent).toContain('生效日期与现有版本重叠 / overlaps an existing version');
    const post = calls.find((c) => c.method === 'POST' && c.url === '/api/policy/parameters')!;
    expect(post.body).toMatchObject({ key: 'dibao.standard.urban', value: 660, region: '22' });
    expect((post.body as { from: string }).from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await waitFor(() => expect(post.headers['x-csrf-token']).toBeTruthy());
  });
});
