// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CSRF, mockFetch, renderAt, sessionUser, setupWebTest, signedInAs, type Handler } from '../../test-utils';
import { MARGINAL, SINGLE_PERSON } from './fixtures';
import { chinaToday } from './format';

setupWebTest();

const CODE = '220102001001000001';
const HOUSEHOLD = {
  code: CODE, region_code: '220102001001', region_path: [{ code: '22', name: '吉林省', level: 'province' }], hukou_type: 'urban',
  address: '华阳街1号', hukou_booklet_no: 'HK0001', status: 'active', members: [], snapshots: [], history: [],
};
const OLDER = { ...SINGLE_PERSON, id: '5', as_of: '2024-12-01', created_at: '2026-10-01T02:00:00.000Z', created_by: 'user:demo_county' };

const household: Handler = ({ method, url }) => (method === 'GET' && url === `/api/households/${CODE}` ? { body: HOUSEHOLD } : undefined);
const list = (items: unknown[]): Handler => ({ method, url }) =>
  method === 'GET' && url === `/api/households/${CODE}/assessments` ? { body: { items } } : undefined;
const village = sessionUser({ username: 'demo_village', role: 'village_worker', permissions: ['registry.read'] });
const runButton = () => screen.getByTestId('assess-run');

describe('household page: 分层认定测算', () => {
  it('shows the latest assessment and lets an earlier one be picked', async () => {
    mockFetch(household, list([MARGINAL, OLDER]));
    renderAt(`/households/${CODE}`);
    const card = await screen.findByTestId('household-assessments');
    expect(within(card).getByText('分层认定测算')).toBeTruthy();
    expect((await within(card).findByTestId('assessment-summary')).textContent).toBe(MARGINAL.summary.zh);
    const records = within(card).getAllByTestId('assessment-record');
    expect(records.map((r) => r.textContent)).toEqual([
      expect.stringContaining('2025-03-01低保边缘user:demo_township'),
      expect.stringContaining('2024-12-01低保user:demo_county'),
    ]);
    fireEvent.click(records[1]);
    await waitFor(() => expect(screen.getByTestId('assessment-tier').textContent).toBe('低保'));
    expect(records[1].getAttribute('aria-pressed')).toBe('true');
  });

  it('knows today as the server does (China time, UTC+8)', () => {
    expect(chinaToday(new Date('2026-11-29T20:30:00Z'))).toBe('2026-11-30');
    expect(chinaToday(new Date('2026-11-29T15:59:00Z'))).toBe('2026-11-29');
  });

  it('runs 测算 for the household on the chosen date and shows the new result', async () => {
    const fresh = { ...MARGINAL, id: '9', created_at: '2026-11-29T08:00:00.000Z' };
    let stored: unknown[] = [];
    const { calls } = mockFetch(household, (call) => list(stored)(call), ({ method, url }) => {
      if (method !== 'POST' || url !== '/api/assessments') return undefined;
      stored = [fresh];
      return { status: 201, body: fresh };
    });
    renderAt(`/households/${CODE}`);
    expect(await screen.findByText('本户尚无测算记录')).toBeTruthy();
    expect(runButton().textContent).toMatch(/测\s*算/);
    fireEvent.click(runButton());
    expect((await screen.findByTestId('assessment-summary')).textContent).toBe(MARGINAL.summary.zh);
    const post = calls.find((c) => c.method === 'POST' && c.url === '/api/assessments')!;
    expect(post.body).toEqual({ household_code: CODE, on: chinaToday() });
    expect(post.headers['x-csrf-token']).toBe(CSRF);
    expect(await screen.findByText('测算完成：低保边缘')).toBeTruthy();
  });

  it("shows the server's refusal, e.g. no economic snapshot", async () => {
    mockFetch(household, list([]), ({ method, url }) =>
      method === 'POST' && url === '/api/assessments'
        ? { status: 400, body: { error: { code: 'VALIDATION', message: `户「${CODE}」在 2026-11-29 及以前没有家庭经济状况记录，无法测算 / no economic snapshot` } } }
        : undefined,
    );
    renderAt(`/households/${CODE}`);
    await screen.findByText('本户尚无测算记录');
    fireEvent.click(runButton());
    expect((await screen.findByTestId('assess-error')).textContent).toContain('没有家庭经济状况记录，无法测算 / no economic snapshot');
  });

  it('offers no 测算 without recognition.assess, but still shows the assessments', async () => {
    mockFetch(household, list([MARGINAL]), signedInAs(village));
    renderAt(`/households/${CODE}`);
    expect((await screen.findByTestId('assessment-summary')).textContent).toBe(MARGINAL.summary.zh);
    expect(screen.queryByTestId('assess-run')).toBeNull();
    expect(screen.queryByTestId('assessment-records')).toBeNull();
    expect(screen.getByTestId('assess-replay')).toBeTruthy();
  });

  it('replays a stored assessment: identical, or the parts that differ', async () => {
    let identical = true;
    mockFetch(household, list([MARGINAL]), ({ method, url }) =>
      method === 'GET' && url === '/api/assessments/7/replay'
        ? {
            body: identical
              ? { id: '7', identical: true, engine_version: { stored: '2026.11-1', current: '2026.11-1' }, differences: [], replayed: MARGINAL }
              : { id: '7', identical: false, engine_version: { stored: '2026.10-1', current: '2026.11-1' }, differences: ['tier', 'amounts'], replayed: MARGINAL },
          }
        : undefined,
    );
    renderAt(`/households/${CODE}`);
    fireEvent.click(await screen.findByTestId('assess-replay'));
    const ok = await screen.findByTestId('replay-result');
    expect(ok.textContent).toContain('重算一致');
    expect(ok.className).toContain('ant-alert-success');

    identical = false;
    fireEvent.click(screen.getByTestId('assess-replay'));
    await waitFor(() => expect(screen.getByTestId('replay-result').className).toContain('ant-alert-warning'));
    const differs = screen.getByTestId('replay-result').textContent!;
    expect(differs).toContain('重算结果与保存的不一致');
    expect(differs).toContain('tier, amounts');
    expect(differs).toContain('保存时 2026.10-1，当前 2026.11-1');
  });
});
