import { describe, expect, it } from 'vitest';
import type { Entitlement } from './entitlement.js';
import { monthlyAmount, type HouseholdFacts } from './monthly-amount.js';
import { description, entitlement, idNumber, jilinHistory, member, version } from './payments.fixtures.js';
import type { ParameterVersion } from './parameter-history.js';
import { rollLine, type Control, type RollLine } from './roll-line.js';
import { classifyRoll } from './roll.js';

interface Case {
  e: Entitlement;
  facts: HouseholdFacts;
  controls?: Control[];
}

function lines(cases: Case[], month: string, history: ParameterVersion[] = jilinHistory()): RollLine[] {
  return cases.map((c) => rollLine(c.e, month, monthlyAmount(c.e, month, history, c.facts), c.controls ?? [])).filter((l): l is RollLine => l !== null);
}

/** A 低保 family of three on ¥12,000 a year: ¥993.30 a month at the ¥643 standard. */
function dibaoCase(n: number, more: Partial<Case> = {}, deaths: HouseholdFacts['deaths'] = []): Case {
  const head = idNumber('19700101', n * 3 + 1);
  const members = [member(head), member(idNumber('19720202', n * 3 + 2), { relation: 'spouse' }), member(idNumber('20150303', n * 3 + 3), { relation: 'child', work_ability: null })];
  return {
    e: entitlement({ id: `E${n}`, household_code: `H${n}`, payee: { id_number: head, name: `户主${n}` }, start_month: '2026-01' }),
    facts: { description: description(members, { annual_income: 12000 }), deaths, tekun_members: [] },
    ...more,
  };
}

const ELDER = idNumber('19450808', 88);
const tekunCase: Case = {
  e: entitlement({ id: 'E2', household_code: 'H2', program: 'tekun_support', rule: { kind: 'tekun_support' }, payee: { id_number: ELDER, name: '王五' }, start_month: '2026-01' }),
  facts: { description: description([member(ELDER, { work_ability: 'none' })]), deaths: [{ id_number: ELDER, died_on: '2026-05-17' }], tekun_members: [ELDER] },
};

describe('classifyRoll — June against May', () => {
  const h5Spouse = idNumber('19720202', 5 * 3 + 2);
  const cases: Case[] = [
    dibaoCase(1),
    tekunCase,
    dibaoCase(3, { controls: [{ kind: 'exit_decision', from_month: '2026-06', ref: 'decision #31' }] }),
    dibaoCase(4, { controls: [{ kind: 'review_hold', from_month: '2026-06', ref: 'alert #44' }] }),
    dibaoCase(5, {}, [{ id_number: h5Spouse, died_on: '2026-05-09' }]),
    dibaoCase(6, { e: { ...dibaoCase(6).e, start_month: '2026-06' } }),
  ];
  const may = [...lines(cases, '2026-05'), ...lines([dibaoCase(7)], '2026-05')];
  const june = classifyRoll('2026-06', lines(cases, '2026-06'), may);
  const byId = (id: string) => june.lines.find((l) => l.entitlement_id === id)!;

  it('keeps an unchanged line', () => {
    expect(byId('E1')).toMatchObject({ change: 'unchanged', status: 'payable', amount_fen: 99330, previous_amount_fen: 99330 });
  });

  it('a death in mid-May stops the June payment, with the reason', () => {
    expect(byId('E2')).toMatchObject({ change: 'stopped', status: 'stopped', amount_fen: 0, previous_amount_fen: 83590, reason: { code: 'death' } });
    expect(byId('E2').change_reason.zh).toContain('自 2026-06 起停发');
  });

  it('an exit decision stops and a review alert holds, each with its reason', () => {
    expect(byId('E3')).toMatchObject({ change: 'stopped', status: 'stopped', reason: { code: 'exit_decision' } });
    expect(byId('E4')).toMatchObject({ change: 'stopped', status: 'held', amount_fen: 0, due_fen: 99330, reason: { code: 'review_hold' } });
  });

  it('a household member who died in May changes the June amount, naming the death', () => {
    expect(byId('E5')).toMatchObject({ change: 'changed', amount_fen: 35030, previous_amount_fen: 99330 });
    expect(byId('E5').change_reason.en).toMatch(/died; recomputed for the remaining 2: ¥993\.3 → ¥350\.3$/);
  });

  it('a new entitlement is new; one that disappeared is listed as stopped, not dropped', () => {
    expect(byId('E6')).toMatchObject({ change: 'new', amount_fen: 99330, previous_amount_fen: null });
    expect(byId('E7')).toMatchObject({ change: 'stopped', status: 'stopped', amount_fen: 0, previous_amount_fen: 99330, reason: { code: 'not_on_roll' } });
  });

  it('totals what is paid: the payable lines only', () => {
    expect(june.totals).toMatchObject({ regular_fen: 99330 + 35030 + 99330, back_pay_fen: 0, total_fen: 233690, payable_lines: 3, held_lines: 1 });
    expect(june.totals.counts).toEqual({ new: 1, stopped: 4, changed: 1, unchanged: 1, back_pay: 0, recovery: 0 });
  });

  it('in July, a line stopped in June is left out and a line still held is unchanged', () => {
    const july = classifyRoll('2026-07', lines(cases, '2026-07'), june.lines);
    expect(july.lines.find((l) => l.entitlement_id === 'E2')).toBeUndefined();
    expect(july.lines.find((l) => l.entitlement_id === 'E3')).toBeUndefined();
    expect(july.lines.find((l) => l.entitlement_id === 'E4')).toMatchObject({ change: 'unchanged', status: 'held' });
    expect(july.lines.find((l) => l.entitlement_id === 'E5')).toMatchObject({ change: 'unchanged', amount_fen: 35030 });
  });

  it('lifting the hold resumes the payment as a change', () => {
    const released = lines([dibaoCase(4)], '2026-07');
    const july = classifyRoll('2026-07', released, june.lines.filter((l) => l.entitlement_id === 'E4'));
    expect(july.lines[0]).toMatchObject({ change: 'changed', status: 'payable', amount_fen: 99330 });
    expect(july.lines[0].change_reason.zh).toBe('暂停解除，恢复发放 ¥993.3');
  });
});

describe('classifyRoll — reasons and adjustments', () => {
  it('a standard raise names the parameter, its start date and both amounts', () => {
    const history = jilinHistory([version('dibao.standard.urban', 700, '2026-07-01')]);
    const c = dibaoCase(1);
    const july = classifyRoll('2026-07', lines([c], '2026-07', history), lines([c], '2026-06', history));
    expect(july.lines[0]).toMatchObject({ change: 'changed', amount_fen: 117000 });
    expect(july.lines[0].change_reason).toEqual({
      zh: '城市低保标准由 ¥643 调整为 ¥700（2026-07-01 起执行）：¥993.3 → ¥1170',
      en: 'urban dibao standard changed from ¥643 to ¥700 (in force from 2026-07-01): ¥993.3 → ¥1170',
    });
  });

  it('appends back pay and recoveries: back pay is paid, recoveries are listed and not netted', () => {
    const c = dibaoCase(1);
    const regular = lines([c], '2026-07');
    const adj = (for_month: string, amount_fen: number): RollLine => ({
      ...regular[0], kind: 'adjustment', for_month, amount_fen, due_fen: null, status: amount_fen < 0 ? 'recovery' : 'payable',
      reason: { code: amount_fen < 0 ? 'recovery' : 'back_pay', zh: '补发', en: 'back pay' },
    });
    const roll = classifyRoll('2026-07', regular, regular, [adj('2026-02', 17670), adj('2026-01', 17670), adj('2026-03', -5000)]);
    expect(roll.lines.map((l) => [l.kind, l.for_month, l.change])).toEqual([
      ['regular', '2026-07', 'unchanged'], ['adjustment', '2026-01', 'back_pay'], ['adjustment', '2026-02', 'back_pay'], ['adjustment', '2026-03', 'recovery'],
    ]);
    expect(roll.totals).toMatchObject({ regular_fen: 99330, back_pay_fen: 35340, recovery_fen: 5000, total_fen: 134670 });
  });
});
