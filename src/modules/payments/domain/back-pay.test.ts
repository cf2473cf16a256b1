import { describe, expect, it } from 'vitest';
import { adjustmentLines, recalculate, recalculateWithHistory, type PaidMonth } from './back-pay.js';
import { monthlyAmount, type HouseholdFacts } from './monthly-amount.js';
import { monthRange } from './months.js';
import { description, entitlement, idNumber, jilinHistory, member, version } from './payments.fixtures.js';
import { rollLine } from './roll-line.js';
import { classifyRoll } from './roll.js';

const HEAD = idNumber('19700101', 11);
const facts: HouseholdFacts = {
  description: description([member(HEAD), member(idNumber('19720202', 22), { relation: 'spouse' }), member(idNumber('20150303', 33), { relation: 'child', work_ability: null })], { annual_income: 12000 }),
  deaths: [], tekun_members: [],
};
const dibao = entitlement({ payee: { id_number: HEAD, name: '张三' }, start_month: '2025-06' });
const before = jilinHistory();
/** The province raises the urban standard to ¥700 in July 2026, in force from 1 January. */
const after = jilinHistory([version('dibao.standard.urban', 700, '2026-01-01')]);

/** What the ledger holds for a month paid under a history. */
function paidUnder(history: typeof before, month: string, f: HouseholdFacts = facts, e = dibao): PaidMonth {
  const a = monthlyAmount(e, month, history, f);
  if (a.kind !== 'due') throw new Error(`nothing due for ${month}`);
  return { for_month: month, paid_fen: a.amount_fen, basis: a.basis };
}

describe('recalculate — a raise announced in July backdated to January', () => {
  const paid = monthRange('2025-12', '2026-06').map((m) => paidUnder(before, m));
  const r = recalculateWithHistory(dibao, { from: '2025-12', through: '2026-06' }, paid, after, facts);

  it('owes exactly Jan–Jun, six months × the difference, and nothing for December', () => {
    // new ¥1,170.00 − old ¥993.30 = ¥176.70 a month
    expect(r.differences.map((d) => d.for_month)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
    expect(r.differences.every((d) => d.difference_fen === 17670 && d.paid_fen === 99330 && d.due_fen === 117000 && d.kind === 'back_pay')).toBe(true);
    expect(r.differences.reduce((s, d) => s + d.difference_fen, 0)).toBe(6 * 17670);
    expect(r.not_computable).toEqual([]);
  });

  it('names the parameter change as the reason', () => {
    expect(r.differences[0].reason).toEqual({
      code: 'back_pay',
      zh: '补发 2026-01（¥176.7）：城市低保标准由 ¥643 调整为 ¥700（2026-01-01 起执行）：¥993.3 → ¥1170',
      en: 'back pay for 2026-01 (¥176.7): urban dibao standard changed from ¥643 to ¥700 (in force from 2026-01-01): ¥993.3 → ¥1170',
    });
  });

  it('shows up on the July roll as six back-pay lines next to the raised regular line', () => {
    const july = rollLine(dibao, '2026-07', monthlyAmount(dibao, '2026-07', after, facts), [])!;
    const june = rollLine(dibao, '2026-06', monthlyAmount(dibao, '2026-06', before, facts), [])!;
    const roll = classifyRoll('2026-07', [july], [june], adjustmentLines(dibao, '2026-07', r.differences, july));
    expect(roll.lines.map((l) => l.change)).toEqual(['changed', 'back_pay', 'back_pay', 'back_pay', 'back_pay', 'back_pay', 'back_pay']);
    expect(roll.totals).toMatchObject({ regular_fen: 117000, back_pay_fen: 106020, total_fen: 223020 });
  });

  it('finds nothing more once the back pay is paid: no double back pay', () => {
    const settled = [...paid, ...r.differences.map((d) => ({ for_month: d.for_month, paid_fen: d.difference_fen, basis: null }))];
    expect(recalculateWithHistory(dibao, { from: '2025-12', through: '2026-06' }, settled, after, facts).differences).toEqual([]);
  });
});

describe('recalculate — a death recorded late', () => {
  const ELDER = idNumber('19450808', 88);
  const tekun = entitlement({ program: 'tekun_support', rule: { kind: 'tekun_support' }, payee: { id_number: ELDER, name: '王五' }, start_month: '2026-01' });
  const alive: HouseholdFacts = { description: description([member(ELDER, { work_ability: 'none' })]), deaths: [], tekun_members: [ELDER] };
  const dead: HouseholdFacts = { ...alive, deaths: [{ id_number: ELDER, died_on: '2026-03-10' }] };
  const paid = monthRange('2026-01', '2026-06').map((m) => paidUnder(before, m, alive, tekun));
  const r = recalculateWithHistory(tekun, { from: '2026-01', through: '2026-06' }, paid, before, dead);

  it('lists the months after the month of death for recovery; the month of death stays paid', () => {
    expect(r.differences.map((d) => [d.for_month, d.difference_fen, d.kind])).toEqual([
      ['2026-04', -83590, 'recovery'], ['2026-05', -83590, 'recovery'], ['2026-06', -83590, 'recovery'],
    ]);
    expect(r.differences[0].reason.zh).toBe(`追回 2026-04 多发金额（¥835.9）：${ELDER.slice(0, 6)}********${ELDER.slice(-4)} 于 2026-03-10 死亡，发放至 2026-03，自 2026-04 起停发；已发放 ¥835.9`);
  });

  it('puts them on the roll as recoveries, not deducted from the total', () => {
    const stopped = rollLine(tekun, '2026-07', monthlyAmount(tekun, '2026-07', before, dead), [])!;
    const lines = adjustmentLines(tekun, '2026-07', r.differences, stopped);
    expect(lines.every((l) => l.status === 'recovery' && l.amount_fen === -83590)).toBe(true);
    const roll = classifyRoll('2026-07', [stopped], [], lines);
    expect(roll.totals).toMatchObject({ total_fen: 0, recovery_fen: 3 * 83590 });
  });
});

describe('recalculate — late approval, holds and adjustments', () => {
  const due = () => ({ kind: 'due' as const, amount_fen: 50000, basis: { zh: '', en: '', parameters: [], members_counted: null, deceased: [], fixed_fen: 50000 }, payee_deceased: false });

  it('owes months with no payment in full', () => {
    const r = recalculate(dibao, { from: '2026-03', through: '2026-04' }, [], due);
    expect(r.differences.map((d) => [d.for_month, d.difference_fen])).toEqual([['2026-03', 50000], ['2026-04', 50000]]);
    expect(r.differences[0].reason.en).toBe('back pay for 2026-03 (¥500): not paid for the month; ¥500 due');
  });

  it('leaves held months alone unless the hold is released', () => {
    const held: PaidMonth[] = [{ for_month: '2026-03', paid_fen: 0, held: true, basis: null }];
    expect(recalculate(dibao, { from: '2026-03', through: '2026-03' }, held, due).differences).toEqual([]);
    expect(recalculate(dibao, { from: '2026-03', through: '2026-03', releaseHolds: true }, held, due).differences).toHaveLength(1);
  });

  it('reports months it cannot compute instead of guessing', () => {
    const r = recalculate(dibao, { from: '2026-03', through: '2026-03' }, [], () => ({ kind: 'not_computable', text: { zh: 'x', en: 'x' }, basis: due().basis }));
    expect(r).toEqual({ differences: [], not_computable: [{ for_month: '2026-03', text: { zh: 'x', en: 'x' } }] });
  });

  it('holds back pay with a held regular line, and for a decision when the payee has died', () => {
    const [d] = recalculate(dibao, { from: '2026-03', through: '2026-03' }, [], due).differences;
    const held = rollLine(dibao, '2026-07', due(), [{ kind: 'review_hold', from_month: '2026-07', ref: 'alert #1' }]);
    expect(adjustmentLines(dibao, '2026-07', [d], held)[0]).toMatchObject({ status: 'held', amount_fen: 0, due_fen: 50000, reason: { code: 'review_hold' } });
    const deadLine = rollLine(dibao, '2026-07', { kind: 'none', reason: 'death', text: { zh: 'd', en: 'd' } }, []);
    expect(adjustmentLines(dibao, '2026-07', [d], deadLine)[0]).toMatchObject({ status: 'held', amount_fen: 0, reason: { code: 'payee_deceased' } });
    expect(adjustmentLines(dibao, '2026-07', [d], null)[0]).toMatchObject({ status: 'payable', amount_fen: 50000, kind: 'adjustment', for_month: '2026-03', roll_month: '2026-07' });
  });
});
