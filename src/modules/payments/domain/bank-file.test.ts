import { describe, expect, it } from 'vitest';
import { bankLines, lineReference, renderBankFile } from './bank-file.js';
import { CSV_LAYOUT, FIXED_LAYOUT, cutFixed, fit, formatAmount, gbkWidth, parseAmount, type BankLayout } from './bank-layout.js';
import { idNumber } from './payments.fixtures.js';
import type { RollLine } from './roll-line.js';

const ACCOUNT = '4111111111111111';
const ID = idNumber('19700101', 11);

function line(more: Partial<RollLine> = {}): RollLine {
  return {
    entitlement_id: 'E1', household_code: 'H1', payee: { id_number: ID, name: '张三' }, program: 'dibao_allowance',
    roll_month: '2026-07', for_month: '2026-07', kind: 'regular', status: 'payable', amount_fen: 117000, due_fen: 117000, reason: null, basis: null, ...more,
  };
}

const roll = [
  line(),
  line({ kind: 'adjustment', for_month: '2026-01', amount_fen: 17670 }),
  line({ entitlement_id: 'E2', status: 'held', amount_fen: 0 }),
  line({ entitlement_id: 'E3', status: 'stopped', amount_fen: 0 }),
  line({ entitlement_id: 'E4', kind: 'adjustment', for_month: '2026-04', status: 'recovery', amount_fen: -83590 }),
  line({ entitlement_id: 'E5', payee: { id_number: ID, name: '欧阳, "小明"' }, amount_fen: 5 }),
];
const accounts = () => ACCOUNT;

describe('layout helpers', () => {
  it('counts GBK bytes: 2 for a Chinese character', () => {
    expect(gbkWidth('张三')).toBe(4);
    expect(gbkWidth('Li 三')).toBe(5);
  });

  it('pads to a width, refuses to truncate, and cuts back by byte widths', () => {
    expect(fit('64300', { field: 'amount', title: '', width: 8, align: 'right', pad: '0' })).toBe('00064300');
    expect(fit('张三', { field: 'payee_name', title: '', width: 6, align: 'left', pad: ' ' })).toBe('张三  ');
    expect(fit('张三丰', { field: 'payee_name', title: '', width: 5 })).toBeNull();
    const fields = [{ field: 'a', title: '', width: 6, align: 'left' as const }, { field: 'b', title: '', width: 8, align: 'right' as const, pad: '0' }];
    expect(cutFixed('张三  00064300', fields)).toEqual(['张三', '64300']);
  });

  it('writes and reads amounts in yuan and fen exactly', () => {
    expect(formatAmount(117000, 'yuan')).toBe('1170.00');
    expect(formatAmount(5, 'yuan')).toBe('0.05');
    expect(formatAmount(17670, 'fen')).toBe('17670');
    expect(parseAmount('176.7', 'yuan')).toBe(17670);
    expect(parseAmount('0.05', 'yuan')).toBe(5);
    expect(parseAmount('1,170.00', 'yuan')).toBeNull();
    expect(parseAmount('17670', 'fen')).toBe(17670);
    expect(parseAmount('176.70', 'fen')).toBeNull();
  });
});

describe('renderBankFile', () => {
  it('sends only payable lines with a positive amount', () => {
    expect(bankLines(roll).map(lineReference)).toEqual(['E1-2026-07-R', 'E1-2026-01-A', 'E5-2026-07-R']);
  });

  it('renders the CSV layout with a title row, quoting where needed', () => {
    const f = renderBankFile(CSV_LAYOUT, roll, accounts);
    expect(f).toMatchObject({ ok: true, count: 3, total_fen: 117000 + 17670 + 5 });
    if (!f.ok) return;
    expect(f.text.split('\r\n')).toEqual([
      '序号,账号,户名,身份证号,金额,项目,所属月份,业务参考号',
      `1,${ACCOUNT},张三,${ID},1170.00,低保金,2026-07,E1-2026-07-R`,
      `2,${ACCOUNT},张三,${ID},176.70,低保金,2026-01,E1-2026-01-A`,
      `3,${ACCOUNT},"欧阳, ""小明""",${ID},0.05,低保金,2026-07,E5-2026-07-R`,
      '',
    ]);
  });

  it('renders the fixed-width layout with every record the same byte width', () => {
    const f = renderBankFile(FIXED_LAYOUT, roll.slice(0, 2), accounts);
    if (!f.ok) throw new Error('expected a file');
    const records = f.text.split('\r\n').filter(Boolean);
    expect(records[0]).toBe(`000001${ACCOUNT}   张三                000000117000${'2026-07'}E1-2026-07-R${' '.repeat(20)}`);
    expect(records.map(gbkWidth)).toEqual([96, 96]);
  });

  it('refuses the whole file when a line has no account or a bad one, listing each with the account masked', () => {
    const f = renderBankFile(CSV_LAYOUT, roll, (l) => (l.entitlement_id === 'E5' ? null : l.kind === 'adjustment' ? '4111111111111112' : ACCOUNT));
    expect(f.ok).toBe(false);
    if (f.ok) return;
    expect(f.problems.map((p) => [p.serial, p.entitlement_id, p.field])).toEqual([[2, 'E1', 'account_number'], [3, 'E5', 'account_number']]);
    expect(f.problems[0].zh).toBe('第 2 条（H1 低保金）：account_number「4111********1112」校验位错误：16 位银行卡号未通过 Luhn 校验，请核对');
    expect(f.problems[1].en).toBe('record 3 (H1 Dibao allowance): account_number: the bank account number is missing');
  });

  it('honours a bank layout without the Luhn check', () => {
    const noLuhn: BankLayout = { ...CSV_LAYOUT, luhn: false };
    expect(renderBankFile(noLuhn, [line()], () => '4111111111111112').ok).toBe(true);
  });

  it('refuses a name wider than its field rather than cutting it', () => {
    const f = renderBankFile(FIXED_LAYOUT, [line({ payee: { id_number: ID, name: '阿卜杜热合曼·买买提明' } })], accounts);
    expect(f.ok).toBe(false);
    if (f.ok) return;
    expect(f.problems[0]).toMatchObject({ field: 'payee_name', en: 'record 1: payee_name "阿卜杜热合曼·买买提明" is wider than 20 bytes' });
  });
});
