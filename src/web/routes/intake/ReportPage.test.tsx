// @vitest-environment jsdom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockFetch, renderAt, sessionUser, setViewportWidth, setupWebTest, signedInAs, type Handler, type RecordedCall } from '../../test-utils';
import { ID_OTHER, regionTree, type } from './fixtures';

setupWebTest();

const grid = sessionUser({ username: 'demo_village', role: 'village_worker', region_code: '220102001001', permissions: ['registry.read', 'case.read', 'case.report'] });
const PENDING_KEY = 'safetynet.report.pending:demo_village';

const search: Handler = ({ method, url }) =>
  method === 'POST' && url === '/api/households/search'
    ? { body: { items: [{ code: 'H2201020010010001', region_code: '220102001001', region_name: '华阳社区', hukou_type: 'urban', address: '3栋2单元101', head_name: '王建国', member_count: 2, categories: ['dibao'] }], total: 1, page: 1, page_size: 10 } }
    : undefined;

const reportsSent = (calls: RecordedCall[]) => calls.filter((c) => c.method === 'POST' && c.url === '/api/reports');

/** POST /api/reports answers like the server: the first time 201, the same client_key again 409. */
function server(opts: { offline?: () => boolean } = {}): Handler {
  const seen = new Map<string, string>();
  return ({ method, url, body }) => {
    if (method !== 'POST' || url !== '/api/reports') return undefined;
    if (opts.offline?.()) return { status: 503, body: { error: { code: 'INTERNAL', message: '服务不可用 / unavailable' } } };
    const key = (body as { client_key: string }).client_key;
    const first = seen.get(key);
    if (first) return { status: 409, body: { error: { code: 'CONFLICT', message: `该上报已提交过（上报编号 ${first}）/ this report was already filed (report ${first})`, details: { report_id: first } } } };
    const id = String(40 + seen.size);
    seen.set(key, id);
    return { status: 201, body: { id, status: 'received' } };
  };
}

async function pickHousehold() {
  const box = await screen.findByTestId('household-search');
  const input = box.querySelector('input')!;
  fireEvent.change(input, { target: { value: '王建国' } });
  fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', keyCode: 13 });
  fireEvent.click(await screen.findByTestId('household-option'));
  await screen.findByTestId('picked-household');
}

describe('困难上报 (the village worker’s report)', () => {
  it('files a report about a household of the village from a phone, once for a double tap', async () => {
    setViewportWidth(375);
    const { calls } = mockFetch(signedInAs(grid), search, server());
    renderAt('/report');
    await pickHousehold();
    expect(calls.find((c) => c.url === '/api/households/search')!.body).toEqual({ name: '王建国', page_size: 10 });
    fireEvent.click(screen.getByText('医疗'));
    type('description', '户主突发脑梗住院');
    fireEvent.click(screen.getByText('紧急'));
    const submit = screen.getByTestId('report-submit');
    fireEvent.click(submit);
    fireEvent.click(submit);
    expect(await screen.findByText(/已上报（编号 40）/)).toBeTruthy();
    const sent = reportsSent(calls);
    expect(sent.length).toBeGreaterThanOrEqual(1);
    expect(new Set(sent.map((c) => (c.body as { client_key: string }).client_key)).size).toBe(1);
    expect(sent[0].body).toMatchObject({ household_code: 'H2201020010010001', difficulties: ['medical'], description: '户主突发脑梗住院', urgency: 'urgent', client_key: expect.stringMatching(/^[0-9a-f-]{32,36}$/) });
    expect(localStorage.getItem(PENDING_KEY)).toBeNull();
    // the next form has its own key
    fireEvent.click(screen.getByTestId('report-new'));
    await pickHousehold();
    fireEvent.click(screen.getByText('医疗'));
    type('description', '又一户');
    fireEvent.click(screen.getByTestId('report-submit'));
    expect(await screen.findByText(/已上报（编号 41）/)).toBeTruthy();
    expect(reportsSent(calls).at(-1)!.body).not.toMatchObject({ client_key: (sent[0].body as { client_key: string }).client_key });
  });

  it('keeps a report that could not be sent on the phone, says so, and resends it with the same key', async () => {
    let offline = true;
    const { calls } = mockFetch(signedInAs(grid), regionTree, server({ offline: () => offline }));
    const view = renderAt('/report');
    fireEvent.click(await screen.findByText('未在库人员'));
    await waitFor(() => expect(document.getElementById('person_name')).toBeTruthy());
    type('person_name', '赵大爷');
    type('person_id_number', ID_OTHER);
    fireEvent.click(screen.getByText('基本生活'));
    type('description', '独居老人，无收入');
    fireEvent.click(screen.getByTestId('report-submit'));
    expect((await screen.findByTestId('report-pending')).textContent).toContain('已保存在本机');
    const kept = JSON.parse(localStorage.getItem(PENDING_KEY)!);
    expect(kept.values).toMatchObject({ kind: 'person', person: { name: '赵大爷' }, difficulties: ['living'] });
    const key = kept.client_key as string;
    expect((reportsSent(calls)[0].body as { region_code: string }).region_code).toBe('220102001001');

    // the page is opened again later (the phone was locked): the report is still there
    view.unmount();
    renderAt('/report');
    expect((await screen.findByTestId('report-pending')).textContent).toContain('尚未发送成功');
    expect((document.getElementById('person_name') as HTMLInputElement).value).toBe('赵大爷');
    offline = false;
    fireEvent.click(screen.getByTestId('report-submit'));
    expect(await screen.findByText(/已上报（编号 40）/)).toBeTruthy();
    expect(reportsSent(calls).map((c) => (c.body as { client_key: string }).client_key)).toEqual([key, key]);
    expect(localStorage.getItem(PENDING_KEY)).toBeNull();
  });

  it('takes a resend the server already had as filed, naming the first report', async () => {
    const { calls } = mockFetch(signedInAs(grid), search, server());
    renderAt('/report');
    await pickHousehold();
    fireEvent.click(screen.getByText('医疗'));
    type('description', '户主住院');
    // the first answer is lost on the way back: the server has the report, the phone does not know
    const original = globalThis.fetch;
    let lose = true;
    globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const res = await original(input, init);
      if (lose && String(input) === '/api/reports') {
        lose = false;
        throw new TypeError('network lost');
      }
      return res;
    }) as typeof fetch;
    fireEvent.click(screen.getByTestId('report-submit'));
    expect((await screen.findByTestId('report-pending')).textContent).toContain('网络不畅');
    fireEvent.click(screen.getByTestId('report-submit'));
    expect(await screen.findByText(/已经提交过（编号 40）/)).toBeTruthy();
    expect(reportsSent(calls)).toHaveLength(2);
    expect(localStorage.getItem(PENDING_KEY)).toBeNull();
  });

  it('is not for a user without case.report', async () => {
    mockFetch(signedInAs(sessionUser({ permissions: ['registry.read'] })));
    renderAt('/report');
    expect(await screen.findByText('无权访问')).toBeTruthy();
  });
});
