// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockFetch, renderAt, sessionUser, setupWebTest, signedInAs, type Handler } from '../../test-utils';
import { catalog, medicalProvider } from './fixtures';

setupWebTest();

const batch = (over: Record<string, unknown>) => ({
  id: '1', dataset: 'medical_settlement', file_name: 'medical-2026-10.csv', file_bytes: 2048, sent_by: 'user:demo_medical', department: '医保局',
  received_at: '2026-11-30T02:00:00.000Z', finished_at: '2026-11-30T02:00:01.000Z', status: 'committed', rows_total: 3, accepted: 3, rejected: 0,
  matched: 1, unmatched: 2, errors_total: 0, supersedes: null, superseded_by: null, skip_invalid: false, ...over,
});
const BATCHES = [
  batch({ id: '9', file_name: 'medical-2026-10-fixed.csv', supersedes: '4' }),
  batch({ id: '8', file_name: 'bad.csv', status: 'rejected', accepted: 0, rejected: 3, matched: 0, unmatched: 0, errors_total: 5 }),
  batch({ id: '4', status: 'superseded', superseded_by: '9', skip_invalid: true, accepted: 2, rejected: 1, errors_total: 1 }),
  batch({ id: '2', dataset: 'death_record', file_name: 'deaths.jsonl', sent_by: 'user:demo_admin', department: null }),
];
const batches: Handler = ({ method, url }) => {
  if (method !== 'GET' || !url.startsWith('/api/ingest/batches')) return undefined;
  const dataset = new URL(url, 'http://x').searchParams.get('dataset');
  return { body: { items: BATCHES.filter((b) => !dataset || b.dataset === dataset) } };
};
const rows = () => [...document.querySelectorAll('[data-testid="batches-table"] tbody tr.ant-table-row')] as HTMLElement[];

describe('batches', () => {
  it('lists the batches with status, counts and error reports, and filters by dataset', async () => {
    const { calls } = mockFetch(signedInAs(sessionUser({ permissions: ['dataset.read', 'registry.read'] })), catalog, batches);
    renderAt('/sharing/batches');
    await waitFor(() => expect(rows()).toHaveLength(4));
    expect(screen.getByText('共 4 个批次')).toBeTruthy();
    const [fixed, bad, old, death] = rows();
    expect(fixed.textContent).toContain('医疗费用结算');
    expect(fixed.textContent).toContain('medical-2026-10-fixed.csv');
    expect(fixed.textContent).toContain('2.0 KB');
    expect(fixed.textContent).toContain('user:demo_medical');
    expect(within(fixed).getByTestId('batch-status').textContent).toBe('已入库');
    expect(fixed.textContent).toContain('替换批次 4');
    expect(fixed.textContent).toContain('1 / 2');
    expect(within(fixed).queryByTestId('error-report')).toBeNull();
    expect(within(bad).getByTestId('batch-status').textContent).toBe('已拒收');
    expect(within(bad).getByTestId('error-report').getAttribute('href')).toBe('/api/ingest/batches/8/errors.csv');
    expect(within(old).getByTestId('batch-status').textContent).toBe('已被替换');
    expect(old.textContent).toContain('被批次 9 替换');
    expect(old.textContent).toContain('跳过错误行');
    expect(within(old).getByTestId('error-report').getAttribute('href')).toBe('/api/ingest/batches/4/errors.csv');
    expect(death.textContent).toContain('死亡注销');
    // a reader without dataset.upload has no upload tab
    expect([...document.querySelectorAll('[role="tab"]')].map((el) => el.textContent)).toEqual(['数据目录', '批次记录']);

    fireEvent.mouseDown(screen.getByLabelText('数据集'));
    fireEvent.click(await screen.findByTitle('死亡注销'));
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(window.location.search).toBe('?dataset=death_record');
    expect(calls.some((c) => c.url === '/api/ingest/batches?dataset=death_record')).toBe(true);
  });

  it('says so when there are none', async () => {
    mockFetch(signedInAs(medicalProvider), catalog, ({ url }) => (url.startsWith('/api/ingest/batches') ? { body: { items: [] } } : undefined));
    renderAt('/sharing/batches');
    expect(await screen.findByText('暂无批次记录')).toBeTruthy();
  });

  it('keeps a registry reader without dataset permissions out', async () => {
    const { calls } = mockFetch(signedInAs(sessionUser({ permissions: ['registry.read'] })), catalog, batches);
    renderAt('/sharing/batches');
    expect(await screen.findByText('无权访问')).toBeTruthy();
    expect(calls.some((c) => c.url.startsWith('/api/ingest'))).toBe(false);
  });
});
