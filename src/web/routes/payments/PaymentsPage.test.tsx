// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockFetch, renderAt, sessionUser, setupWebTest, signedInAs, type Handler, type RecordedCall } from '../../test-utils';

setupWebTest();

const clerk = sessionUser({ username: 'demo_county', role: 'civil_affairs_officer', region_code: '220113', permissions: ['payment.read', 'payment.prepare', 'payment.approve', 'registry.read'] });
const counts = { new: 1, stopped: 1, changed: 1, unchanged: 0, back_pay: 1, recovery: 0 };
const line = (over: object) => ({
  household_code: 'H1', payee: { name: '孙金玉', id_number_masked: '220113********5562' }, program: 'dibao_allowance', for_month: '2026-07', kind: 'regular',
  status: 'payable', change: 'new', amount: 900, previous_amount: null, reason: '新增发放 ¥900', reason_en: 'new payment ¥900', ...over,
});
const ROLL = {
  id: '5', month: '2026-07', region: '220113', status: 'draft', prepared_by: 'user:demo_county', prepared_at: '2026-07-02T01:00:00Z', approved_by: null, approved_at: null,
  totals: { regular_fen: 190000, back_pay_fen: 11400, recovery_fen: 0, total_fen: 201400, payable_lines: 3, held_lines: 0, counts },
  lines: [
    line({}),
    line({ household_code: 'H2', payee: { name: '王建国', id_number_masked: '220113********0016' }, program: 'tekun_support', change: 'stopped', status: 'stopped', amount: 0, previous_amount: 835.9, reason: '220113********0016 于 2026-06-15 死亡，发放至 2026-06，自 2026-07 起停发', reason_en: 'died' }),
    line({ household_code: 'H3', change: 'changed', amount: 1000, previous_amount: 886, reason: '城市低保标准 643 → 700（2026-06-01 起）', reason_en: 'standard raised' }),
    line({ household_code: 'H3', kind: 'adjustment', for_month: '2026-06', change: 'back_pay', amount: 114, reason: '补发 2026-06（¥114）', reason_en: 'back pay' }),
  ],
  total: 2014,
};
const rows = () => [...document.querySelectorAll('[data-testid="roll-lines"] tbody tr.ant-table-row')] as HTMLElement[];

describe('payments (救助金发放)', () => {
  it('prepares a county\'s roll, shows who stops and why, and will not let the preparer approve it', async () => {
    let prepared = false;
    const roll: Handler = ({ method, url }) => {
      if (method === 'GET' && url === '/api/payments/rolls/220113/2026-07') return prepared ? { body: ROLL } : { status: 404, body: { error: { code: 'NOT_FOUND', message: '220113 2026-07 还没有编制发放花名册 / no roll has been prepared' } } };
      if (method === 'POST' && url === '/api/payments/rolls') { prepared = true; return { body: ROLL }; }
      return undefined;
    };
    const { calls } = mockFetch(signedInAs(clerk), roll);
    renderAt('/payments?month=2026-07');
    expect(await screen.findByTestId('roll-empty')).toBeTruthy();
    fireEvent.click(screen.getByTestId('roll-prepare'));
    await waitFor(() => expect(rows()).toHaveLength(4));
    expect((calls.find((c: RecordedCall) => c.method === 'POST' && c.url === '/api/payments/rolls')!.body)).toEqual({ region: '220113', month: '2026-07' });
    expect(screen.getByTestId('roll-status').textContent).toBe('待审核');
    expect(screen.getByTestId('roll-totals').textContent).toContain('¥2,014.00');
    fireEvent.click(within(screen.getByTestId('roll-filter')).getByText(/停发 1/));
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0].textContent).toContain('王建国');
    expect(rows()[0].textContent).toContain('自 2026-07 起停发');
    expect((screen.getByTestId('roll-approve') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryByTestId('roll-bank-file')).toBeNull();
    expect(calls.every((c) => !c.url.includes('王建国') && !/\d{17}[\dX]/.test(c.url))).toBe(true);
  });

  it('lets a colleague approve, then offers the bank file', async () => {
    const approved = { ...ROLL, status: 'approved', approved_by: 'user:demo_admin' };
    const colleague = sessionUser({ ...clerk, username: 'demo_admin' });
    const { calls } = mockFetch(signedInAs(colleague), ({ method, url }) =>
      method === 'GET' && url === '/api/payments/rolls/220113/2026-07' ? { body: ROLL }
        : method === 'POST' && url === '/api/payments/rolls/220113/2026-07/approve' ? { body: approved } : undefined);
    renderAt('/payments?region=220113&month=2026-07');
    await waitFor(() => expect(rows()).toHaveLength(4));
    fireEvent.click(screen.getByTestId('roll-approve'));
    await waitFor(() => expect(screen.getByTestId('roll-status').textContent).toBe('已审核'));
    expect(calls.some((c) => c.method === 'POST' && c.url.endsWith('/approve'))).toBe(true);
    expect(screen.getByTestId('roll-bank-file')).toBeTruthy();
    expect(screen.queryByTestId('roll-prepare')).toBeNull();
  });

  it('applies the bank\'s return file and says how many came back', async () => {
    const approved = { ...ROLL, status: 'approved', approved_by: 'user:demo_admin' };
    const { calls } = mockFetch(signedInAs(clerk), ({ method, url }) =>
      method === 'GET' && url === '/api/payments/rolls/220113/2026-07' ? { body: approved }
        : method === 'POST' && url === '/api/payments/rolls/220113/2026-07/bank-returns' ? { body: { rows: 2, paid: 1, returned: 1 } } : undefined);
    renderAt('/payments?region=220113&month=2026-07');
    await waitFor(() => expect(rows()).toHaveLength(4));
    const text = '业务参考号,账号,金额,状态,原因\r\n12-2026-07-R,6222020200001234567,900.00,退回,账户已销户\r\n';
    fireEvent.change(screen.getByTestId('roll-bank-returns-file'), { target: { files: [new File([text], 'returns.csv', { type: 'text/csv' })] } });
    expect(await screen.findByText('回盘 2 行：成功 1，退回 1（退回的下月补发）')).toBeTruthy();
    const sent = calls.find((c) => c.url.endsWith('/bank-returns'))!;
    expect(sent.body).toEqual({ layout: 'generic_csv', text });
  });
});
