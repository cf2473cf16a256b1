// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockFetch, renderAt, sessionUser, setViewportWidth, setupWebTest, signedInAs, type RecordedCall } from '../../test-utils';
import { readFilter } from './AlertsPage';
import { ALERTS, admin, gridWorker, monitoring } from './fixtures';

setupWebTest();

/** GET /api/alerts?…: the fixtures filtered by level/status/indicator; `total` may claim more. */
const alertList = (total?: number) => ({ method, url }: RecordedCall) => {
  if (method !== 'GET' || !url.startsWith('/api/alerts?')) return undefined;
  const q = new URL(url, 'http://x').searchParams;
  const alerts = ALERTS.filter(
    (a) => (!q.get('level') || a.level === q.get('level')) && (!q.get('status') || a.status === q.get('status')) && (!q.get('indicator') || a.indicator === q.get('indicator')),
  );
  return { body: { alerts, total: total ?? alerts.length } };
};
const listCalls = (calls: RecordedCall[]) => calls.filter((c) => c.url.startsWith('/api/alerts?')).map((c) => c.url);
const rows = () => [...document.querySelectorAll('[data-testid="alerts-table"] tbody tr.ant-table-row')] as HTMLElement[];

/** Open the select labelled `label` and choose the option reading `text`. */
async function choose(label: string, text: string) {
  fireEvent.mouseDown(screen.getByLabelText(label));
  const option = await waitFor(() => {
    const hit = [...document.querySelectorAll('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')].find((el) => el.textContent === text);
    if (!hit) throw new Error(`no option ${text}`);
    return hit as HTMLElement;
  });
  fireEvent.click(option);
}

describe('alert inbox (预警处置)', () => {
  it('lists alerts with level, person or lead, household link, deadline and status', async () => {
    const { calls } = mockFetch(signedInAs(admin), monitoring, alertList());
    renderAt('/alerts');
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(listCalls(calls)[0]).toBe('/api/alerts?limit=20&offset=0');
    expect(screen.getByTestId('alert-total').textContent).toBe('共 3 条预警');

    const [medical, lead, closed] = rows();
    expect(within(medical).getByTestId('level-tag').textContent).toBe('橙色');
    expect(medical.textContent).toContain('因病支出型困难');
    expect(medical.textContent).toContain('张三');
    expect(medical.textContent).toContain('220102********1234');
    expect(within(medical).getByTestId('household-link').getAttribute('href')).toBe('/households/HH220102000001');
    expect(medical.textContent).toContain('长春市 / 南关区 / 永吉街道');
    expect(within(medical).getByTestId('status-tag').textContent).toBe('待处置');
    expect(within(medical).queryByTestId('overdue')).toBeNull();

    // someone only seen in departments' data: a lead, with the masked ID number
    expect(within(lead).getByTestId('lead-tag').textContent).toBe('未在库人员');
    expect(lead.textContent).toContain('220104********5678');
    expect(within(lead).getByTestId('overdue').textContent).toBe('2026-11-20 已逾期');
    expect(within(lead).getByTestId('status-tag').textContent).toBe('核实中');
    expect(within(closed).getByTestId('level-tag').textContent).toBe('红色');
    expect(within(closed).getByTestId('status-tag').textContent).toBe('已办结');

    // the household link opens the household, not the alert
    fireEvent.click(within(medical).getByTestId('household-link'));
    await waitFor(() => expect(window.location.pathname).toBe('/households/HH220102000001'));
  });

  it('opens an alert from its row', async () => {
    mockFetch(signedInAs(admin), monitoring, alertList());
    renderAt('/alerts');
    await waitFor(() => expect(rows()).toHaveLength(3));
    fireEvent.click(rows()[1]);
    await waitFor(() => expect(window.location.pathname).toBe('/alerts/102'));
    expect(await screen.findByTestId('alert-title')).toBeTruthy();
    expect(screen.getByTestId('alert-title').textContent).toContain('新增失业人员');
  });

  it('keeps the filters in the URL and sends them to the server', async () => {
    const { calls } = mockFetch(signedInAs(admin), monitoring, alertList());
    renderAt('/alerts?status=open');
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(listCalls(calls).at(-1)).toBe('/api/alerts?status=open&limit=20&offset=0');

    await choose('处置状态', '已办结');
    await waitFor(() => expect(window.location.search).toBe('?status=closed'));
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0].textContent).toContain('李四');

    await choose('预警等级', '红色');
    await waitFor(() => expect(window.location.search).toBe('?level=red&status=closed'));
    await choose('预警指标', '救助对象死亡');
    await waitFor(() => expect(window.location.search).toBe('?level=red&indicator=death_stop&status=closed'));
    await waitFor(() => expect(listCalls(calls).at(-1)).toBe('/api/alerts?level=red&indicator=death_stop&status=closed&limit=20&offset=0'));

    // back: the previous filter comes back from the URL
    window.history.back();
    await waitFor(() => expect(window.location.search).toBe('?level=red&status=closed'));
    await waitFor(() => expect(listCalls(calls).at(-1)).toBe('/api/alerts?level=red&status=closed&limit=20&offset=0'));
  });

  it('pages through the server, and a new filter starts again at page 1', async () => {
    const { calls } = mockFetch(signedInAs(admin), monitoring, alertList(45));
    renderAt('/alerts?region=2201');
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(listCalls(calls).at(-1)).toBe('/api/alerts?region=2201&limit=20&offset=0');
    fireEvent.click(document.querySelector('.ant-pagination-item-3')!);
    await waitFor(() => expect(window.location.search).toBe('?region=2201&page=3'));
    await waitFor(() => expect(listCalls(calls).at(-1)).toBe('/api/alerts?region=2201&limit=20&offset=40'));
    await choose('预警等级', '黄色');
    await waitFor(() => expect(window.location.search).toBe('?level=yellow&region=2201'));
  });

  it('shows one card per alert on a phone', async () => {
    setViewportWidth(390);
    mockFetch(signedInAs(gridWorker), monitoring, alertList());
    renderAt('/alerts');
    await waitFor(() => expect(screen.getAllByTestId('alert-card')).toHaveLength(3));
    expect(document.querySelector('[data-testid="alerts-table"]')).toBeNull();
    const lead = screen.getAllByTestId('alert-card')[1];
    expect(lead.textContent).toContain('未在库人员');
    expect(lead.textContent).toContain('已逾期');
    fireEvent.click(lead);
    await waitFor(() => expect(window.location.pathname).toBe('/alerts/102'));
  });

  it('keeps a user without alert.read out', async () => {
    const { calls } = mockFetch(signedInAs(sessionUser({ permissions: ['registry.read'] })), monitoring, alertList());
    renderAt('/alerts');
    expect(await screen.findByText('无权访问')).toBeTruthy();
    expect(listCalls(calls)).toEqual([]);
  });

  it('reads only known levels and statuses from the URL', () => {
    expect(readFilter(new URLSearchParams('level=purple&status=closed&page=-2&region=22'))).toEqual({
      level: undefined, status: 'closed', region: '22', indicator: undefined, page: 1,
    });
  });
});
