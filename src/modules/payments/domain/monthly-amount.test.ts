import { describe, expect, it } from 'vitest';
import { description, entitlement, idNumber, jilinHistory, member, version } from './payments.fixtures.js';
import { maskIdNumber } from '../../registry/domain/id-number.js';
import { firstMonthAfterDeath, isAliveIn, monthlyAmount, type HouseholdFacts, type MonthAmount } from './monthly-amount.js';

const HEAD = idNumber('19700101', 11);
const SPOUSE = idNumber('19720202', 22);
const CHILD = idNumber('20150303', 33);
const ELDER = idNumber('19500505', 55);

/** Urban, ¥12,000 a year for three: per-capita ¥333.33 a month, below the ¥643 standard. */
function family(more: Partial<HouseholdFacts> = {}): HouseholdFacts {
  return {
    description: description([member(HEAD), member(SPOUSE, { relation: 'spouse' }), member(CHILD, { relation: 'child', work_ability: null, in_school: true })], { annual_income: 12000 }),
    deaths: [], tekun_members: [], ...more,
  };
}

const dibao = entitlement({ payee: { id_number: HEAD, name: '张三' }, start_month: '2025-01' });

/** The amount due in fen, or the kind of result when nothing is due. */
function due(r: MonthAmount): number | string {
  return r.kind === 'due' ? r.amount_fen : r.kind;
}

describe('monthlyAmount — 低保 per household', () => {
  it('pays the gap for every member plus the top-up of the minor, from the standard in force', () => {
    // (643 − 333.33) × 3 = 929.00, + 10% × 643 = 64.30 for the child
    const r = monthlyAmount(dibao, '2026-02', jilinHistory(), family());
    expect(r.kind).toBe('due');
    if (r.kind !== 'due') return;
    expect(r.amount_fen).toBe(99330);
    expect(r.basis.members_counted).toBe(3);
    expect(r.basis.zh).toContain('¥643');
    expect(r.basis.parameters.find((p) => p.key === 'dibao.standard.urban')).toMatchObject({ value: 643, valid_from: '2024-07-01', on: '2026-02-01' });
  });

  it('uses the standard in force in each month: a version from 2026-01-01 changes January, not December', () => {
    const history = jilinHistory([version('dibao.standard.urban', 700, '2026-01-01')]);
    const dec = monthlyAmount(dibao, '2025-12', history, family());
    const jan = monthlyAmount(dibao, '2026-01', history, family());
    expect(due(dec)).toBe(99330);
    // (700 − 333.33) × 3 = 1100.00, + 70.00 top-up
    expect(due(jan)).toBe(117000);
  });

  it('reads a version starting mid-month from the next month (the month reads its first day)', () => {
    const history = jilinHistory([version('dibao.standard.urban', 700, '2026-07-15')]);
    expect(due(monthlyAmount(dibao, '2026-07', history, family()))).toBe(99330);
    expect(due(monthlyAmount(dibao, '2026-08', history, family()))).toBe(117000);
  });

  it('a county value outranks the province value in force', () => {
    const history = jilinHistory([version('dibao.standard.urban', 660, '2025-01-01', { region_code: '220102' })]);
    // (660 − 333.33) × 3 = 980.00, + 66.00
    expect(due(monthlyAmount(dibao, '2026-02', history, family()))).toBe(104600);
  });

  it('a member who died mid-March is counted for March and the household recomputed for the others from April', () => {
    const facts = family({ deaths: [{ id_number: SPOUSE, died_on: '2026-03-17' }] });
    const march = monthlyAmount(dibao, '2026-03', jilinHistory(), facts);
    const april = monthlyAmount(dibao, '2026-04', jilinHistory(), facts);
    expect(due(march)).toBe(99330);
    expect(april.kind).toBe('due');
    if (april.kind !== 'due') return;
    // per-capita 12000/12/2 = 500: (643 − 500) × 2 = 286.00, + 64.30
    expect(april.amount_fen).toBe(35030);
    expect(april.basis.members_counted).toBe(2);
    expect(april.basis.deceased).toEqual([maskIdNumber(SPOUSE)]);
    expect(april.basis.zh).not.toContain(SPOUSE);
    expect(april.basis.zh).toContain('不再计入');
    expect(april.payee_deceased).toBe(false);
  });

  it('keeps paying the household when its payee died, flagged so the roll holds it', () => {
    const r = monthlyAmount(dibao, '2026-04', jilinHistory(), family({ deaths: [{ id_number: HEAD, died_on: '2026-03-02' }] }));
    expect(r.kind === 'due' && r.payee_deceased).toBe(true);
  });

  it('stops when every member has died, from the month after the last death', () => {
    const deaths = [HEAD, SPOUSE, CHILD].map((id) => ({ id_number: id, died_on: '2026-05-31' }));
    expect(monthlyAmount(dibao, '2026-05', jilinHistory(), family({ deaths })).kind).toBe('due');
    const june = monthlyAmount(dibao, '2026-06', jilinHistory(), family({ deaths }));
    expect(june).toMatchObject({ kind: 'none', reason: 'death' });
  });

  it('does not count a member supported separately as 特困', () => {
    const r = monthlyAmount(dibao, '2026-02', jilinHistory(), family({ tekun_members: [CHILD] }));
    // the gap for two of three: (643 − 333.33) × 2 = 619.33; the child's top-up is not paid here
    expect(due(r)).toBe(61933);
  });

  it('pays nothing before the start month or after the end month', () => {
    const e = entitlement({ start_month: '2026-03', end_month: '2026-05' });
    expect(monthlyAmount(e, '2026-02', jilinHistory(), family())).toMatchObject({ kind: 'none', reason: 'not_started' });
    expect(monthlyAmount(e, '2026-05', jilinHistory(), family()).kind).toBe('due');
    expect(monthlyAmount(e, '2026-06', jilinHistory(), family())).toMatchObject({ kind: 'none', reason: 'entitlement_ended' });
  });

  it('names the parameter and the month when a standard is missing', () => {
    const history = jilinHistory().filter((v) => v.key !== 'dibao.standard.urban');
    expect(() => monthlyAmount(dibao, '2026-02', history, family())).toThrow(/dibao\.standard\.urban.*2026-02-01.*2026-02/);
  });
});

describe('monthlyAmount — 特困 per person', () => {
  const elder = (more: Partial<HouseholdFacts> = {}): HouseholdFacts => ({
    description: description([member(ELDER, { work_ability: 'none', self_care: 'partial' })]), deaths: [], tekun_members: [ELDER], ...more,
  });
  const support = entitlement({ program: 'tekun_support', rule: { kind: 'tekun_support' }, payee: { id_number: ELDER, name: '李四' } });
  const care = entitlement({ program: 'tekun_care', rule: { kind: 'tekun_care' }, payee: { id_number: ELDER, name: '李四' } });

  it('support is 1.3 × the previous year-end 低保 standard; care is 20% of the minimum wage for partial self-care', () => {
    expect(monthlyAmount(support, '2026-02', jilinHistory(), elder())).toMatchObject({ kind: 'due', amount_fen: 83590 });
    expect(monthlyAmount(care, '2026-02', jilinHistory(), elder())).toMatchObject({ kind: 'due', amount_fen: 37600 });
  });

  it('a 2026 raise of the 低保 standard does not change 2026 support (it reads 31 December 2025)', () => {
    const history = jilinHistory([version('dibao.standard.urban', 700, '2026-01-01')]);
    expect(monthlyAmount(support, '2026-02', history, elder())).toMatchObject({ amount_fen: 83590 });
    expect(monthlyAmount(support, '2027-01', history, elder())).toMatchObject({ amount_fen: 91000 });
  });

  it('is paid through the month of death and stopped from the next month', () => {
    const facts = elder({ deaths: [{ id_number: ELDER, died_on: '2026-03-31' }] });
    expect(monthlyAmount(support, '2026-03', jilinHistory(), facts).kind).toBe('due');
    const april = monthlyAmount(support, '2026-04', jilinHistory(), facts);
    expect(april).toMatchObject({ kind: 'none', reason: 'death' });
    expect(april.kind === 'none' && april.text.zh).toContain('自 2026-04 起停发');
  });

  it('the care amount is not computable without a self-care assessment', () => {
    const facts = elder({ description: description([member(ELDER, { work_ability: 'none', self_care: null })]) });
    const r = monthlyAmount(care, '2026-02', jilinHistory(), facts);
    expect(r.kind).toBe('not_computable');
    expect(r.kind === 'not_computable' && r.text.en).toContain('self_care');
  });

  it('a payee outside the household is not computable, not guessed', () => {
    const r = monthlyAmount(entitlement({ ...support, payee: { id_number: HEAD, name: '张三' } }), '2026-02', jilinHistory(), elder());
    expect(r.kind).toBe('not_computable');
  });
});

describe('monthlyAmount — fixed', () => {
  it('pays the fixed amount, unchanged by standards', () => {
    const e = entitlement({ program: 'heating', rule: { kind: 'fixed', amount_fen: 20000 } });
    const history = jilinHistory([version('dibao.standard.urban', 700, '2026-01-01')]);
    expect(monthlyAmount(e, '2026-02', history, family())).toMatchObject({ kind: 'due', amount_fen: 20000 });
  });
});

describe('death months', () => {
  it('stops from the month after the month of death, including on the last day of a year', () => {
    expect(firstMonthAfterDeath('2026-03-17')).toBe('2026-04');
    expect(firstMonthAfterDeath('2026-12-31')).toBe('2027-01');
    const deaths = [{ id_number: 'x', died_on: '2026-03-01' }];
    expect(isAliveIn('x', '2026-03', deaths)).toBe(true);
    expect(isAliveIn('x', '2026-04', deaths)).toBe(false);
    expect(isAliveIn('y', '2030-01', deaths)).toBe(true);
  });
});
