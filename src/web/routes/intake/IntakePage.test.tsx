// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockFetch, renderAt, sessionUser, setViewportWidth, setupWebTest, signedInAs, type Handler } from '../../test-utils';

setupWebTest();

const township = sessionUser({ username: 'demo_township', role: 'township_officer', region_code: '220102001', permissions: ['registry.read', 'case.read', 'case.manage', 'case.report'] });
const auditor = sessionUser({ username: 'demo_auditor', role: 'auditor', region_code: '2201', permissions: ['audit.read', 'case.read'] });

const APPLICATION = {
  id: '7', reference: 'SQ20261101000007', region_code: '220102001001', region_name: '长春市 南关区 南岭街道 华阳社区', hukou_type: 'urban', address: '3栋2单元101',
  phone_masked: '138****5678', applicant: { name: '王建国', id_number_masked: '220102********0017' }, member_count: 2, needs: ['living', 'medical'],
  description: '老伴住院，家里没有收入', channel: 'online', status: 'received', status_zh: '已收到，待受理', status_en: 'Received', received_at: '2026-11-01T02:00:00.000Z', case: null,
};
const REPORT = {
  id: '40', household_code: null, head_name: null, person: { name: '赵大爷', id_number_masked: '220102********0036' }, region_code: '220102001001', region_name: '长春市 南关区 南岭街道 华阳社区',
  address: '平房7号', difficulties: ['living'], description: '独居老人，无收入', urgency: 'urgent', urgency_zh: '紧急', urgency_en: 'Urgent', reported_by: 'user:demo_village',
  status: 'received', status_zh: '待受理', status_en: 'Received', created_at: '2026-11-01T03:00:00.000Z', case: null,
};

const lists: Handler = ({ method, url }) => {
  if (method !== 'GET') return undefined;
  if (url === '/api/applications?status=received&limit=100') return { body: { applications: [APPLICATION], total: 1 } };
  if (url === '/api/reports?status=received&limit=100') return { body: { reports: [REPORT], total: 1 } };
  if (url === '/api/applications/7') return { body: { ...APPLICATION, members: [{ name: '王建国', id_number_masked: '220102********0017', relation: 'head' }, { name: '李秀兰', id_number_masked: '220102********0021', relation: 'spouse' }] } };
  return undefined;
};

const openCase: Handler = ({ method, url, body }) =>
  method === 'POST' && url === '/api/cases' ? { status: 201, body: { id: (body as { report_id?: string }).report_id ? '13' : '12', state: 'discovered' } } : undefined;

async function accept(item: HTMLElement) {
  fireEvent.click(within(item).getByTestId('accept'));
  const ok = await waitFor(() => {
    const b = [...document.querySelectorAll('.ant-popover:not(.ant-popover-hidden) .ant-btn-primary')].at(-1);
    if (!b) throw new Error('no confirmation');
    return b as HTMLElement;
  });
  fireEvent.click(ok);
}

describe('待受理 (applications and reports waiting to be accepted)', () => {
  it('lists the applications of the region, masked, and opens a case from one', async () => {
    setViewportWidth(375);
    const { calls } = mockFetch(signedInAs(township), lists, openCase);
    renderAt('/intake');
    const [item] = await screen.findAllByTestId('intake-item');
    expect(item.textContent).toContain('王建国');
    expect(item.textContent).toContain('220102********0017');
    expect(item.textContent).toContain('基本生活');
    expect(item.textContent).toContain('138****5678');
    fireEvent.click(within(item).getByText('查看家庭成员'));
    expect((await screen.findByTestId('members')).textContent).toContain('李秀兰 · 配偶');
    await accept(item);
    await waitFor(() => expect(window.location.pathname).toBe('/cases/12'));
    expect(calls.find((c) => c.method === 'POST' && c.url === '/api/cases')!.body).toEqual({ application_id: '7' });
  });

  it('opens a case from a worker’s report', async () => {
    const { calls } = mockFetch(signedInAs(township), lists, openCase);
    renderAt('/intake');
    fireEvent.click(await screen.findByTestId('tab-reports'));
    const item = await waitFor(() => {
      const hit = screen.getAllByTestId('intake-item').find((el) => el.textContent?.includes('赵大爷'));
      if (!hit) throw new Error('no report');
      return hit;
    });
    expect(item.textContent).toContain('未在库');
    expect(item.textContent).toContain('紧急');
    await accept(item);
    await waitFor(() => expect(window.location.pathname).toBe('/cases/13'));
    expect(calls.filter((c) => c.url === '/api/cases').at(-1)!.body).toEqual({ report_id: '40' });
  });

  it('shows the refusal when the application is already in a case, and no accept button without case.manage', async () => {
    mockFetch(signedInAs(township), lists, ({ method, url }) =>
      method === 'POST' && url === '/api/cases' ? { status: 409, body: { error: { code: 'CONFLICT', message: '该申请已在案件 12 中 / already in case 12' } } } : undefined,
    );
    const view = renderAt('/intake');
    const [item] = await screen.findAllByTestId('intake-item');
    await accept(item);
    expect(await screen.findByText('该申请已在案件 12 中')).toBeTruthy();
    expect(window.location.pathname).toBe('/intake');
    view.unmount();

    mockFetch(signedInAs(auditor), lists);
    renderAt('/intake');
    await screen.findAllByTestId('intake-item');
    expect(screen.queryByTestId('accept')).toBeNull();
  });
});
