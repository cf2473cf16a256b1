import { describe, expect, it } from 'vitest';
import { renderBankFile } from './bank-file.js';
import { CSV_LAYOUT, FIXED_LAYOUT, fit } from './bank-layout.js';
import { matchReturn, parseBankReturn, type ReturnRow } from './bank-return.js';
import { idNumber } from './payments.fixtures.js';
import type { RollLine } from './roll-line.js';

const A = '4111111111111111';
const B = '5500000000000004';

function line(id: string, amount_fen: number, more: Partial<RollLine> = {}): RollLine {
  return {
    entitlement_id: id, household_code: `H${id}`, payee: { id_number: idNumber('19700101', 11), name: '张三' }, program: 'dibao_allowance',
    roll_month: '2026-07', for_month: '2026-07', kind: 'regular', status: 'payable', amount_fen, due_fen: amount_fen, reason: null, basis: null, ...more,
  };
}
const sent = [line('E1', 117000), line('E2', 35030), line('E1', 17670, { kind: 'adjustment', for_month: '2026-01' })];
const accountOf = (l: RollLine) => (l.entitlement_id === 'E1' ? A : B);

describe('parseBankReturn', () => {
  it('reads the CSV return layout: reference, account, amount, status, reason', () => {
    const text = '\uFEFF业务参考号,账号,金额,状态,原因\r\nE2-2026-07-R,5500 0000 0000 0004,350.30,退回,账户已销户\r\nE1-2026-07-R,4111111111111111,1170.00,成功,\r\n\r\n';
    const { rows, problems } = parseBankReturn(CSV_LAYOUT, text);
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { row: 2, reference: 'E2-2026-07-R', account_number: B, amount_fen: 35030, status: 'returned', reason: '账户已销户' },
      { row: 3, reference: 'E1-2026-07-R', account_number: A, amount_fen: 117000, status: 'paid', reason: '' },
    ]);
  });

  it('reads the fixed-width return layout by GBK widths', () => {
    const f = FIXED_LAYOUT.return.fields;
    const record = [fit('E2-2026-07-R', f[0]), fit(B, f[1]), fit('35030', f[2]), fit('F', f[3]), fit('账户冻结', f[4])].join('');
    const { rows, problems } = parseBankReturn(FIXED_LAYOUT, `${record}\r\n`);
    expect(problems).toEqual([]);
    expect(rows).toEqual([{ row: 1, reference: 'E2-2026-07-R', account_number: B, amount_fen: 35030, status: 'returned', reason: '账户冻结' }]);
  });

  it('names the row and the value of a bad amount or status', () => {
    const { rows, problems } = parseBankReturn(CSV_LAYOUT, '业务参考号,账号,金额,状态,原因\nE1-2026-07-R,4111111111111111,1170.005,成功\nE2-2026-07-R,5500000000000004,350.30,处理中,\n');
    expect(rows).toEqual([]);
    expect(problems.map((p) => [p.row, p.value])).toEqual([[2, '1170.005'], [3, '处理中']]);
    expect(problems[1].zh).toBe('第 3 行：状态「处理中」无法识别（应为成功/退回）');
  });
});

describe('matchReturn', () => {
  const row = (more: Partial<ReturnRow>): ReturnRow => ({ row: 2, reference: null, account_number: A, amount_fen: 117000, status: 'returned', reason: '账户已销户', ...more });

  it('matches by reference, and by account and amount when the bank sends none', () => {
    const r = matchReturn([row({ reference: 'E2-2026-07-R', account_number: B, amount_fen: 35030 }), row({ row: 3, amount_fen: 17670 })], sent, accountOf);
    expect(r.unmatched).toEqual([]);
    expect(r.matched.map((m) => [m.row.row, m.line.entitlement_id, m.line.kind])).toEqual([[2, 'E2', 'regular'], [3, 'E1', 'adjustment']]);
  });

  it('reports a row that matches no line, with row, masked value and reason', () => {
    const r = matchReturn([row({ row: 4, account_number: '6222021234567890123', amount_fen: 64300 })], sent, accountOf);
    expect(r.matched).toEqual([]);
    expect(r.unmatched).toEqual([{
      row: 4, value: '6222***********0123 643.00',
      zh: '第 4 行（6222***********0123 643.00）：账号和金额在本次发放文件中没有对应的记录',
      en: 'row 4 (6222***********0123 643.00): no line of the file sent has this account and amount',
    }]);
  });

  it('reports an unknown reference, and a reference whose amount differs', () => {
    const r = matchReturn([row({ reference: 'E9-2026-07-R' }), row({ row: 3, reference: 'E1-2026-07-R', amount_fen: 100 })], sent, accountOf);
    expect(r.unmatched.map((u) => [u.row, u.en])).toEqual([
      [2, 'row 2 (E9-2026-07-R): the reference is not on the file that was sent'],
      [3, 'row 3 (E1-2026-07-R): the account or amount differs from the line sent'],
    ]);
  });

  it('a second row for the same line is unmatched: a payment is returned once', () => {
    const r = matchReturn([row({}), row({ row: 3 })], sent, accountOf);
    expect(r.matched).toHaveLength(1);
    expect(r.unmatched[0].en).toBe('row 3 (4111********1111 1170.00): that line was already returned by row 2');
  });

  it('round-trips: a file rendered and returned in full matches every line', () => {
    const file = renderBankFile(CSV_LAYOUT, sent, accountOf);
    if (!file.ok) throw new Error('expected a file');
    const back = file.text.split('\r\n').slice(1).filter(Boolean).map((r) => r.split(',')).map((c) => [c[7], c[1], c[4], '退回', '销户'].join(','));
    const { rows } = parseBankReturn(CSV_LAYOUT, ['业务参考号,账号,金额,状态,原因', ...back].join('\n'));
    const r = matchReturn(rows, sent, accountOf);
    expect(r.unmatched).toEqual([]);
    expect(r.matched.map((m) => m.line)).toEqual(sent);
  });
});
