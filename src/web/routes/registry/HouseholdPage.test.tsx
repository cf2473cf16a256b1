// @vitest-environment jsdom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CSRF, downloads, mockFetch, renderAt, sessionUser, setupWebTest, setViewportWidth, signedInAs, type RecordedCall } from '../../test-utils';
import { searchMemory } from './searchState';

setupWebTest();

const CODE = '220102001001000001';
const member = (over: Record<string, unknown>) => ({
  id: 1, id_number: '220102********123X', name: '张三', relation: 'head', sex: 'male', birth_date: '1960-05-01', age: 66,
  disability_type: null, disability_grade: null, work_ability: 'none', health: 'chronic', school_stage: null,
  employment: 'unemployed', phone: '138****1234', categories: [], ...over,
});
const HOUSEHOLD = {
  code: CODE,
  region_code: '220102001001',
  region_path: [
    { code: '22', name: '吉林省', level: 'province' },
    { code: '2201', name: '长春市', level: 'prefecture' },
    { code: '220102', name: '南关区', level: 'county' },
  ],
  hukou_type: 'urban',
  address: '华阳街1号',
  hukou_booklet_no: 'HK0001',
  status: 'active',
  members: [
    member({
      categories: [
        { category: 'dibao', status: 'active', valid_from: '2025-01-01', valid_to: null, decided_by: '南关区民政局', source: 'import:7' },
        { category: 'marginal', status: 'ended', valid_from: '2023-01-01', valid_to: '2024-12-31', decided_by: '南关区民政局', source: 'demo' },
      ],
    }),
    member({ id: 2, name: '李四', relation: 'spouse', sex: 'female', birth_date: '1962-08-15', age: 64, disability_type: 'physical', disability_grade: 2 }),
    member({ id: 3, name: '张小', relation: 'child', sex: 'male', birth_date: '2017-03-01', age: 9, school_stage: 'primary' }),
  ],
  // 36 000 a year for 3 people → 1 000.00 per person per month
  snapshots: [
    { as_of: '2026-06-30', source: 'declaration', income_wage: '24000', income_business: 0, income_property: '0.00', income_transfer: 12000, income_other: null,
      financial_assets: '5000.5', vehicle_count: 0, vehicle_value: 0, property_count: 1, rigid_medical: '8000', rigid_education: 1000, rigid_rehab: 0, rigid_other: '500' },
  ],
  history: [
    { at: '2026-01-02T03:04:05Z', actor: 'clerk01', action: 'household.create', reason: '首次建档', person_id: null },
    { at: '2026-02-01T00:00:00Z', actor: 'clerk02', action: 'membership.create', reason: '认定低保', person_id: 1 },
  ],
};
const household = ({ method, url }: RecordedCall) =>
  method === 'GET' && url === `/api/households/${CODE}` ? { body: HOUSEHOLD } : undefined;

describe('household page', () => {
  it('shows the household, its members, categories, income and history', async () => {
    mockFetch(household);
    renderAt(`/households/${CODE}`);
    expect(await screen.findByText('吉林省 / 长春市 / 南关区')).toBeTruthy();
    expect(screen.getByText('HK0001')).toBeTruthy();
    expect(screen.getByText('家庭成员（3）')).toBeTruthy();
    expect(screen.getAllByText('220102********123X').length).toBe(3);
    expect(screen.getAllByText('138****1234').length).toBe(3);
    expect(await screen.findByText('户主')).toBeTruthy();
    expect(screen.getByText('配偶')).toBeTruthy();
    expect(screen.getByText('肢体残疾 2级')).toBeTruthy();
    expect(screen.getByText('1960-05-01（66岁）')).toBeTruthy();
    // category history: both records, with Chinese status
    expect(screen.getByText('已退出')).toBeTruthy();
    expect(screen.getByText('2024-12-31')).toBeTruthy();
    // economic snapshot: 36 000 / 3 / 12
    expect(screen.getByText('36,000.00')).toBeTruthy();
    expect(screen.getByText('1,000.00')).toBeTruthy();
    expect(screen.getByText('9,500.00')).toBeTruthy();
    expect(screen.getByText('5,000.50')).toBeTruthy();
    // change history, newest first
    expect(screen.getByText('纳入救助类别')).toBeTruthy();
    expect(screen.getByText(/认定低保/)).toBeTruthy();
    expect(screen.getByText('建档')).toBeTruthy();
  });

  it('links back to the search with the filters it came from', async () => {
    mockFetch(household);
    searchMemory.lastSearch = '?region=2201&page=3';
    renderAt(`/households/${CODE}`);
    const back = await screen.findByText('返回查询');
    expect(back.closest('a')!.getAttribute('href')).toBe('/registry?region=2201&page=3');
  });

  it('exports the household as one XLSX', async () => {
    const { calls } = mockFetch(household, ({ url }) =>
      url === `/api/households/${CODE}/export` ? { body: new Blob(['x']), headers: {} } : undefined,
    );
    renderAt(`/households/${CODE}`);
    await screen.findByText('HK0001');
    fireEvent.click(screen.getByText('导出本户 XLSX').closest('button')!);
    await waitFor(() => expect(downloads).toEqual([`household-${CODE}.xlsx`]));
    expect(calls.find((c) => c.url.endsWith('/export'))!.method).toBe('GET');
  });

  it('reports an unknown household with the server message', async () => {
    mockFetch(({ url }) =>
      url === '/api/households/999'
        ? { status: 404, body: { error: { code: 'NOT_FOUND', message: '家庭不存在 / Household not found' } } }
        : undefined,
    );
    renderAt('/households/999');
    expect(await screen.findByText('家庭不存在 / Household not found')).toBeTruthy();
  });

  it('reveals a full phone number for a stated purpose, in the dialog only', async () => {
    const { calls } = mockFetch(household, ({ method, url }) =>
      method === 'POST' && url === '/api/persons/2/reveal' ? { body: { value: '13812341234' } } : undefined,
    );
    renderAt(`/households/${CODE}`);
    await screen.findByText('HK0001');
    const links = await screen.findAllByTestId('reveal-phone');
    expect(links).toHaveLength(3);
    expect(screen.getAllByTestId('reveal-id_number')).toHaveLength(3);
    fireEvent.click(links[1]);
    expect(await screen.findByText('查看完整联系电话')).toBeTruthy();
    // a purpose is required (at least 4 characters)
    fireEvent.change(screen.getByLabelText('查看用途'), { target: { value: '看看' } });
    fireEvent.click(screen.getByTestId('reveal-submit'));
    expect(await screen.findByText('用途至少 4 个字')).toBeTruthy();
    expect(calls.some((c) => c.url.endsWith('/reveal'))).toBe(false);
    // a preset fills it in
    fireEvent.click(screen.getByText('入户核查'));
    fireEvent.click(screen.getByTestId('reveal-submit'));
    expect((await screen.findByTestId('reveal-result')).textContent).toContain('13812341234');
    const post = calls.find((c) => c.url === '/api/persons/2/reveal')!;
    expect(post.body).toEqual({ field: 'phone', purpose: '入户核查' });
    expect(post.headers['x-csrf-token']).toBe(CSRF);
    // the table still shows the masked value; closing forgets the full one
    expect(screen.getByTestId('members-table').textContent).not.toContain('13812341234');
    fireEvent.click(screen.getByText(/^关\s*闭$/).closest('button')!);
    await waitFor(() => expect(document.body.textContent).not.toContain('13812341234'));
  });

  it("shows the server's refusal in the reveal dialog", async () => {
    mockFetch(household, ({ url }) =>
      url === '/api/persons/1/reveal'
        ? { status: 400, body: { error: { code: 'VALIDATION', message: '请说明查看用途（至少 4 个字） / state the purpose (at least 4 characters)' } } }
        : undefined,
    );
    renderAt(`/households/${CODE}`);
    fireEvent.click((await screen.findAllByTestId('reveal-id_number'))[0]);
    fireEvent.change(await screen.findByLabelText('查看用途'), { target: { value: '救助资金发放核对' } });
    fireEvent.click(screen.getByTestId('reveal-submit'));
    expect(await screen.findByText('请说明查看用途（至少 4 个字） / state the purpose (at least 4 characters)')).toBeTruthy();
  });

  it('offers no reveal link without pii.reveal', async () => {
    mockFetch(household, signedInAs(sessionUser({ username: 'demo_village', role: 'village_worker', permissions: ['registry.read'] })));
    renderAt(`/households/${CODE}`);
    await screen.findByText('HK0001');
    expect(screen.getAllByText('138****1234').length).toBe(3);
    expect(screen.queryByTestId('reveal-phone')).toBeNull();
    expect(screen.queryByTestId('reveal-id_number')).toBeNull();
  });

  it('offers the reveal link on the phone member cards too', async () => {
    setViewportWidth(390);
    mockFetch(household);
    renderAt(`/households/${CODE}`);
    await screen.findAllByTestId('member-card');
    expect(screen.getAllByTestId('reveal-id_number')).toHaveLength(3);
  });
});
