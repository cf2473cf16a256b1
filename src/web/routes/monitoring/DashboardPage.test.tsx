// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import dayjs from 'dayjs';
import { describe, expect, it, vi } from 'vitest';
import { CSRF, mockFetch, renderAt, sessionUser, setupWebTest, signedInAs, type RecordedCall } from '../../test-utils';
import { SUMMARY, admin, gridWorker, monitoring } from './fixtures';

// ECharts needs a canvas, which jsdom lacks: the chart becomes a stub that builds its option
// (with three prefectures of the map) and shows the series it would draw.
vi.mock('./EChart', () => ({
  EChart: ({ build, 'data-testid': testId }: { build: (lib: unknown) => { series: { data: unknown[] }[] }; 'data-testid'?: string }) => {
    const option = build({ jilinFeatures: [{ adcode: 220100, name: '长春市' }, { adcode: 220200, name: '吉林市' }, { adcode: 222400, name: '延边朝鲜族自治州' }] });
    return <pre data-testid={testId}>{JSON.stringify(option.series.map((s) => s.data))}</pre>;
  },
}));

setupWebTest();

const summary = ({ method, url }: RecordedCall) => (method === 'GET' && url.startsWith('/api/alerts/summary') ? { body: SUMMARY } : undefined);
const noRuns = ({ method, url }: RecordedCall) => (method === 'GET' && url === '/api/monitoring/runs' ? { body: { runs: [] } } : undefined);
const RUN = {
  id: '16', kind: 'full', as_of: '2026-11-29', status: 'finished', started_at: '2026-11-29T01:00:00.000Z', finished_at: '2026-11-29T01:00:03.000Z',
  alerts_created: 12, by_indicator: { medical_burden: 12 }, actor: 'user:demo_admin',
};
const oneRun = ({ method, url }: RecordedCall) => (method === 'GET' && url === '/api/monitoring/runs' ? { body: { runs: [RUN] } } : undefined);

describe('monitoring overview (监测总览)', () => {
  it('shows counts by level, the prefecture map and table, the trend and the handling rate', async () => {
    const { calls } = mockFetch(signedInAs(gridWorker), summary);
    renderAt('/monitoring');
    const red = await screen.findByTestId('level-card-red');
    await waitFor(() => expect(red.textContent).toBe('红色预警3'));
    expect(screen.getByTestId('level-card-orange').textContent).toBe('橙色预警12');
    expect(screen.getByTestId('level-card-yellow').textContent).toBe('黄色预警20');
    expect(screen.getByTestId('level-card-blue').textContent).toBe('蓝色预警5');
    expect(calls.some((c) => c.url === '/api/alerts/summary')).toBe(true);

    // the map: joined on the code, every feature drawn
    const map = JSON.parse(screen.getByTestId('map-chart').textContent!) as { code: string; name: string; value: number }[][];
    expect(map[0].map((d) => [d.code, d.name, d.value])).toEqual([
      ['2201', '长春市', 23],
      ['2202', '吉林市', 13],
      ['2224', '延边朝鲜族自治州', 4],
    ]);
    const table = screen.getByTestId('region-table');
    const rows = [...table.querySelectorAll('tbody tr.ant-table-row')].map((r) => r.textContent);
    expect(rows[0]).toBe('长春市2810323');
    expect(within(table).getByText('延边朝鲜族自治州').closest('a')!.getAttribute('href')).toBe('/alerts?region=2224');

    const trend = JSON.parse(screen.getByTestId('trend-chart').textContent!) as number[][];
    expect(trend).toEqual([[15, 25], [9, 26]]);
    expect(screen.getByTestId('handling-rate').textContent).toContain('87.5%');
    // no run button without monitor.manage
    expect(screen.queryByTestId('run-monitoring')).toBeNull();
    expect(calls.some((c) => c.url === '/api/monitoring/runs')).toBe(false);

    fireEvent.click(red);
    await waitFor(() => expect(window.location.pathname + window.location.search).toBe('/alerts?level=red'));
  });

  it('asks for a chosen region and keeps it in the URL', async () => {
    const { calls } = mockFetch(signedInAs(gridWorker), summary, ({ url }) =>
      url === '/api/regions/2201'
        ? { body: { code: '2201', name: '长春市', level: 'prefecture', parent_code: '22', path: [{ code: '22', name: '吉林省', level: 'province' }, { code: '2201', name: '长春市', level: 'prefecture' }] } }
        : undefined,
    );
    renderAt('/monitoring?region=2201');
    await screen.findByTestId('level-card-red');
    await waitFor(() => expect(calls.some((c) => c.url === '/api/alerts/summary?region=2201')).toBe(true));
    fireEvent.click(screen.getByTestId('level-card-blue'));
    await waitFor(() => expect(window.location.search).toBe('?level=blue&region=2201'));
  });

  it('runs the monitoring for a monitor.manage user and shows what it raised', async () => {
    const { calls } = mockFetch(signedInAs(admin), summary, monitoring, oneRun, ({ method, url }) =>
      method === 'POST' && url === '/api/monitoring/runs'
        ? { body: { run_id: '17', alerts_created: 5, by_indicator: { medical_burden: 4, death_stop: 1, unemployment_new: 0 }, seconds: 2.345 } }
        : undefined,
    );
    renderAt('/monitoring');
    const recent = await screen.findByTestId('runs-list');
    expect(recent.textContent).toContain('#16');
    expect(recent.textContent).toContain('2026-11-29');
    expect(recent.textContent).toContain('全量');
    expect(recent.textContent).toContain('已完成');
    expect(recent.textContent).toContain('新增 12 条');
    fireEvent.click(screen.getByTestId('run-monitoring'));
    const result = await screen.findByTestId('run-result');
    const today = dayjs().format('YYYY-MM-DD');
    expect(result.textContent).toContain(`监测完成（${today}）：新增预警 5 条，用时 2.3 秒`);
    await waitFor(() => expect(within(result).getByTestId('run-by-indicator').textContent).toBe('因病支出型困难 4救助对象死亡 1'));
    const run = calls.find((c) => c.method === 'POST' && c.url === '/api/monitoring/runs')!;
    expect(run.body).toEqual({ on: today });
    expect(run.headers['x-csrf-token']).toBe(CSRF);
    // the summary is asked again after the run
    await waitFor(() => expect(calls.filter((c) => c.url === '/api/alerts/summary').length).toBeGreaterThan(1));
  });

  it('shows the server message when a run fails', async () => {
    mockFetch(signedInAs(admin), summary, monitoring, noRuns, ({ method, url }) =>
      method === 'POST' && url === '/api/monitoring/runs'
        ? { status: 409, body: { error: { code: 'CONFLICT', message: '已有监测正在运行 / a run is already in progress' } } }
        : undefined,
    );
    renderAt('/monitoring');
    fireEvent.click(await screen.findByTestId('run-monitoring'));
    expect((await screen.findByTestId('run-error')).textContent).toContain('已有监测正在运行 / a run is already in progress');
  });

  it('lands a user who only reads alerts on the overview', async () => {
    mockFetch(signedInAs(sessionUser({ permissions: ['alert.read'] })), summary);
    renderAt('/');
    await waitFor(() => expect(window.location.pathname).toBe('/monitoring'));
    expect(await screen.findByTestId('level-card-red')).toBeTruthy();
  });
});
