// @vitest-environment jsdom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockFetch, renderAt, sessionUser, setupWebTest, signedInAs, type RecordedCall } from '../../test-utils';

setupWebTest();

const auditor = sessionUser({ username: 'demo_auditor', display_name: '审计人员（演示）', role: 'auditor', permissions: ['audit.read'] });
const ENTRIES = [
  { id: '42', at: '2026-11-29T10:00:00Z', actor: 'user:demo_township', action: 'person.reveal.phone', subject: 'person:23', detail: { purpose: '入户核查' }, prev_hash: 'aa11', hash: 'bb22' },
  { id: '41', at: '2026-11-29T09:59:00Z', actor: 'user:demo_township', action: 'auth.login', subject: 'user:4', detail: {}, prev_hash: '9f00', hash: 'aa11' },
];
const audit = ({ method, url }: RecordedCall) =>
  method === 'GET' && url.startsWith('/api/audit?') ? { body: { items: ENTRIES, total: 123, page: 1, page_size: 50 } } : undefined;
const auditCalls = (calls: RecordedCall[]) => calls.filter((c) => c.url.startsWith('/api/audit?')).map((c) => new URLSearchParams(c.url.split('?')[1]));

describe('audit page', () => {
  it('lists entries with Chinese action labels, filtered from the page URL', async () => {
    const { calls } = mockFetch(signedInAs(auditor), audit);
    renderAt('/admin/audit?actor=user:demo_township&action=person.&page=2');
    expect(await screen.findByText('查看完整电话')).toBeTruthy();
    expect(screen.getByText('person.reveal.phone')).toBeTruthy();
    expect(screen.getAllByText('user:demo_township').length).toBe(2);
    expect(screen.getByText('{"purpose":"入户核查"}')).toBeTruthy();
    expect(screen.getAllByText('共 123 条').length).toBeGreaterThan(0);
    const q = auditCalls(calls)[0];
    expect(Object.fromEntries(q)).toEqual({ actor: 'user:demo_township', action: 'person.', page: '2', page_size: '50' });
    expect((document.querySelector('input[aria-label="操作人"]') as HTMLInputElement).value).toBe('user:demo_township');
  });

  it('puts the filter in the URL and asks the server again', async () => {
    const { calls } = mockFetch(signedInAs(auditor), audit);
    renderAt('/admin/audit');
    await screen.findByText('查看完整电话');
    fireEvent.change(document.querySelector('input[aria-label="操作对象"]')!, { target: { value: 'person:23' } });
    fireEvent.click(screen.getByText(/^查\s*询$/).closest('button')!);
    await waitFor(() => expect(window.location.search).toBe('?subject=person%3A23'));
    await waitFor(() => expect(auditCalls(calls).at(-1)!.get('subject')).toBe('person:23'));
  });

  it('shows the detail JSON and the hashes when a row is expanded', async () => {
    mockFetch(signedInAs(auditor), audit);
    renderAt('/admin/audit');
    await screen.findByText('查看完整电话');
    fireEvent.click(document.querySelector('.ant-table-row-expand-icon')!);
    expect(await screen.findByText('bb22')).toBeTruthy();
    expect(screen.getByText('aa11')).toBeTruthy();
  });

  it('verifies the chain and says so in green', async () => {
    const { calls } = mockFetch(signedInAs(auditor), audit, ({ url }) =>
      url === '/api/audit/verify' ? { body: { ok: true, checked: 1234, first_broken: null, head: 'abcdef0123' } } : undefined,
    );
    renderAt('/admin/audit');
    fireEvent.click(await screen.findByTestId('verify-chain'));
    const result = await screen.findByTestId('chain-result');
    expect(result.textContent).toContain('审计链完整');
    expect(result.textContent).toContain('已校验 1,234 条记录');
    expect(result.textContent).toContain('abcdef0123');
    expect(result.className).toContain('ant-alert-success');
    expect(calls.some((c) => c.url === '/api/audit/verify' && c.method === 'GET')).toBe(true);
  });

  it('reports a broken chain in red with the first broken entry', async () => {
    mockFetch(signedInAs(auditor), audit, ({ url }) =>
      url === '/api/audit/verify' ? { body: { ok: false, checked: 500, first_broken: '317', head: 'ff' } } : undefined,
    );
    renderAt('/admin/audit');
    fireEvent.click(await screen.findByTestId('verify-chain'));
    const result = await screen.findByTestId('chain-result');
    expect(result.textContent).toContain('审计链已被破坏');
    expect(result.textContent).toContain('自第 317 条记录起');
    expect(result.className).toContain('ant-alert-error');
  });
});
