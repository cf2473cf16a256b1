import { describe, expect, it } from 'vitest';
import { identify, type Assessment } from './identify.js';
import { parseDescription, type HouseholdDescription } from './household-description.js';
import { newIdNumber } from '../../../../test/support/factories.js';
import { jilinParameters } from '../../../../test/support/rule-parameters.js';

const AS_OF = '2025-03-01'; // urban standard ¥643, rural ¥483 (in force from 2024-07-01)

/** A birth date giving the age on AS_OF. */
function born(age: number): string {
  return `${2025 - age - 1}0601`;
}

type MemberIn = Record<string, unknown>;
const adult = (over: MemberIn = {}): MemberIn => ({ id_number: newIdNumber(born(40)), relation: 'head', work_ability: 'full', ...over });

function household(over: Partial<Record<keyof HouseholdDescription, unknown>> & { monthlyPerCapita?: number } = {}): HouseholdDescription {
  const { monthlyPerCapita, ...rest } = over;
  const members = (rest.members as MemberIn[] | undefined) ?? [adult(), adult({ relation: 'spouse' }), adult({ relation: 'child', id_number: newIdNumber(born(12)) })];
  const annual = monthlyPerCapita === undefined ? 0 : Math.round(monthlyPerCapita * 12 * members.length * 100) / 100;
  return parseDescription({
    region_code: '220102', hukou_type: 'urban', as_of: AS_OF, annual_income: annual, financial_assets: 0, vehicles: [], properties: 1,
    rigid_expenses_12m: { medical: 0, education: 0, rehabilitation: 0, other: 0 }, supporters: [],
    ...rest, members,
  });
}

const run = (d: HouseholdDescription, overrides: Record<string, unknown> = {}): Assessment => identify(d, jilinParameters(d.hukou_type, d.as_of, overrides));
const categories = (a: Assessment) => a.recognitions.map((r) => `${r.category}:${r.scope}`).sort();
const test = (a: Assessment, category: string, scope = 'household') => a.tests.find((t) => t.category === category && t.scope === scope)!;
const condition = (a: Assessment, code: string) => a.tests.flatMap((t) => t.conditions).find((c) => c.code === code)!;

describe('income tiers at their boundaries (urban ¥643, marginal 1.5×)', () => {
  const cases: [string, number, string, string[]][] = [
    ['one fen below the standard', 642.99, 'dibao', ['dibao:household']],
    ['exactly at the standard: not below', 643, 'marginal', ['marginal:household']],
    ['the example: ¥833', 833, 'marginal', ['marginal:household']],
    ['one fen below 1.5 × the standard', 964.49, 'marginal', ['marginal:household']],
    ['exactly 1.5 × the standard: not below', 964.5, 'none', []],
    ['well above', 3000, 'none', []],
  ];
  it.each(cases)('%s (¥%s per person per month) → %s', (_label, income, tier, recognized) => {
    const a = run(household({ monthlyPerCapita: income }));
    expect(a.tier).toBe(tier);
    expect(categories(a)).toEqual(recognized);
  });

  it('explains a marginal family the way a clerk says it', () => {
    const a = run(household({ monthlyPerCapita: 833 }));
    expect(a.figures.per_capita_monthly_income).toBe(833);
    expect(a.figures.dibao_standard).toBe(643);
    expect(a.figures.marginal_line).toBe(964.5);
    expect(test(a, 'marginal').en).toContain('低保边缘 (marginal family): per-capita income ¥833/month is below 1.5 × ¥643 = ¥964.5');
    expect(test(a, 'marginal').zh).toContain('低保边缘：人均月收入 ¥833 低于 1.5 × ¥643 = ¥964.5');
    expect(condition(a, 'dibao.income')).toMatchObject({ actual: 833, threshold: 643, passed: false });
    expect(condition(a, 'dibao.income').en).toBe('per-capita income ¥833/month is not below the dibao standard of ¥643');
    expect(a.summary.en).toContain('per-capita income ¥833/month is below 1.5 × ¥643 = ¥964.5');
  });

  it('uses the rural standard for a rural household', () => {
    const a = run(household({ hukou_type: 'rural', monthlyPerCapita: 500 }));
    expect(a.figures.dibao_standard).toBe(483);
    expect(a.tier).toBe('marginal');
  });

  it('reads the 2024 standard for a 2024 date', () => {
    const d = household({ as_of: '2024-03-01', monthlyPerCapita: 620 });
    expect(run(d).tier).toBe('marginal'); // 620 ≥ 612
    expect(run({ ...d, as_of: '2025-03-01' }).tier).toBe('dibao'); // 620 < 643
  });
});

describe('assets', () => {
  // 3 persons, standard ¥643: dibao cap 24 months = ¥15,432 per person.
  it.each([
    ['financial assets exactly at the cap', 15432 * 3, true],
    ['one fen over the cap', 15432 * 3 + 0.01, false],
  ])('%s', (_l, assets, ok) => {
    const a = run(household({ monthlyPerCapita: 400, financial_assets: assets }));
    expect(condition(a, 'dibao.assets.financial_assets').passed).toBe(ok);
    expect(a.tier).toBe(ok ? 'dibao' : 'marginal');
  });

  it('counts a private car against 低保 but not a disability mobility vehicle', () => {
    const car = run(household({ monthlyPerCapita: 400, vehicles: [{ purpose: 'private', value: 30000 }] }));
    expect(condition(car, 'dibao.assets.vehicles').passed).toBe(false);
    expect(car.tier).toBe('marginal'); // the marginal cap is ¥50,000
    const mobility = run(household({ monthlyPerCapita: 400, vehicles: [{ purpose: 'disability_mobility', value: 30000 }] }));
    expect(mobility.tier).toBe('dibao');
  });

  it('refuses a second residential property', () => {
    const a = run(household({ monthlyPerCapita: 400, properties: 2 }));
    expect(condition(a, 'dibao.assets.properties')).toMatchObject({ actual: 2, threshold: 1, passed: false });
    expect(a.tier).not.toBe('dibao');
  });
});

describe('特困 (per person)', () => {
  it('recognizes a lone elderly person with no income source and no supporter', () => {
    const a = run(household({ members: [adult({ id_number: newIdNumber(born(72)), work_ability: 'partial' })], monthlyPerCapita: 300 }));
    expect(a.tier).toBe('tekun');
    expect(a.recognitions).toEqual([{ category: 'tekun', scope: 'person', id_number: a.tests[0].id_number }]);
    expect(test(a, 'dibao').tested).toBe(false);
    // support = 1.3 × the 2024 year-end standard ¥643 = ¥835.9
    expect(a.amounts.tekun[0].support).toBe(835.9);
    expect(a.amounts.tekun[0].care).toBeNull(); // self_care not assessed
  });

  it('computes the care standard from self-care ability and the previous-year minimum wage', () => {
    const a = run(household({ members: [adult({ id_number: newIdNumber(born(72)), self_care: 'none' })], monthlyPerCapita: 300 }));
    expect(a.amounts.tekun[0].care).toBe(564); // 30% × ¥1,880
  });

  it.each([
    ['an able supporter outside the household', { supporters: [{ id_number: newIdNumber(born(45)), able: true }] }, false],
    ['a supporter outside who is unable', { supporters: [{ id_number: newIdNumber(born(45)), able: false }] }, true],
  ])('an elderly person with %s', (_l, extra, tekun) => {
    const a = run(household({ members: [adult({ id_number: newIdNumber(born(70)) })], monthlyPerCapita: 300, ...extra }));
    expect(condition(a, 'tekun.no_supporter').passed).toBe(tekun);
    expect(a.tier).toBe(tekun ? 'tekun' : 'dibao');
  });

  it('counts an adult child with work ability inside the household as a supporter', () => {
    const a = run(household({
      members: [adult({ id_number: newIdNumber(born(75)) }), adult({ relation: 'child', id_number: newIdNumber(born(45)), work_ability: 'full' })],
      monthlyPerCapita: 300,
    }));
    expect(test(a, 'tekun', 'person').passed).toBe(false);
    expect(condition(a, 'tekun.no_supporter').actual).toBe(1);
    expect(a.tier).toBe('dibao');
  });

  it('does not count a spouse who is also elderly (presumed unable to work)', () => {
    const a = run(household({
      members: [adult({ id_number: newIdNumber(born(75)) }), adult({ relation: 'spouse', id_number: newIdNumber(born(71), 'female') })],
      monthlyPerCapita: 300,
    }));
    expect(a.recognitions.filter((r) => r.category === 'tekun')).toHaveLength(2);
    expect(test(a, 'dibao').tested).toBe(false);
  });

  it('a child living with a working parent is not 特困', () => {
    const a = run(household({
      members: [adult({ work_ability: 'full' }), adult({ relation: 'child', id_number: newIdNumber(born(10)) })],
      monthlyPerCapita: 300,
    }));
    expect(a.recognitions).toEqual([{ category: 'dibao', scope: 'household' }]);
  });

  it.each([
    ['aged 15: presumed unable to work', 15, true],
    ['aged 16 with work ability: not presumed', 16, false],
  ])('an orphan %s', (_l, age, tekun) => {
    const a = run(household({
      members: [adult({ id_number: newIdNumber(born(66)) }), adult({ relation: 'grandchild', id_number: newIdNumber(born(age)), work_ability: 'full' })],
      monthlyPerCapita: 300,
    }));
    const minor = a.tests.find((t) => t.category === 'tekun' && t.id_number === a.tests[1].id_number)!;
    expect(minor.passed).toBe(tekun);
  });

  it.each([
    ['physical grade 2', { disability_type: 'physical', disability_grade: 2 }, true],
    ['physical grade 3', { disability_type: 'physical', disability_grade: 3 }, false],
    ['intellectual grade 3', { disability_type: 'intellectual', disability_grade: 3 }, true],
    ['visual grade 2', { disability_type: 'visual', disability_grade: 2 }, false],
  ])('a disabled adult alone, %s, counts as no work ability: %s', (_l, disability, none) => {
    const a = run(household({ members: [adult({ work_ability: 'partial', ...disability })], monthlyPerCapita: 300 }));
    expect(condition(a, 'tekun.no_work_ability').passed).toBe(none);
  });

  it('reports that no member is elderly, disabled or a minor', () => {
    const a = run(household({ members: [adult(), adult({ relation: 'spouse' })], monthlyPerCapita: 300 }));
    expect(test(a, 'tekun')).toMatchObject({ scope: 'household', passed: false });
    expect(condition(a, 'tekun.group').passed).toBe(false);
  });

  it('income at the standard is an income source', () => {
    const a = run(household({ members: [adult({ id_number: newIdNumber(born(72)) })], monthlyPerCapita: 643 }));
    expect(condition(a, 'tekun.no_income').passed).toBe(false);
    expect(a.tier).toBe('marginal');
  });
});

describe('单人保: a seriously ill or severely disabled member of a marginal family', () => {
  it('is enrolled in 低保 alone beside the household\'s marginal recognition', () => {
    const ill = adult({ relation: 'spouse', health: 'serious' });
    const a = run(household({ members: [adult(), ill], monthlyPerCapita: 800 }));
    const illId = a.tests.find((t) => t.scope === 'person' && t.category === 'dibao')!.id_number;
    expect(categories(a)).toEqual(['dibao:person', 'marginal:household']);
    expect(a.recognitions).toContainEqual({ category: 'dibao', scope: 'person', id_number: illId });
    expect(a.tier).toBe('dibao');
    // 100% of ¥643 + 20% severe top-up ¥128.6
    expect(a.amounts.single_person[0].amount).toBe(771.6);
  });

  it('does not apply to a chronic illness or a grade-3 disability', () => {
    const a = run(household({ members: [adult({ health: 'chronic' }), adult({ relation: 'spouse', disability_type: 'physical', disability_grade: 3 })], monthlyPerCapita: 800 }));
    expect(categories(a)).toEqual(['marginal:household']);
  });
});

describe('刚性支出困难', () => {
  // 2 persons, per-capita ¥1,200/month: above 1.5 × ¥643, below ¥37,503/year (urban disposable income).
  const base = { members: [adult(), adult({ relation: 'spouse' })], monthlyPerCapita: 1200 };
  const income = 1200 * 12 * 2; // ¥28,800

  it.each([
    ['above 80% of income', income * 0.8 + 0.01, true],
    ['exactly 80%: not above', income * 0.8, false],
  ])('rigid expenditure %s', (_l, medical, passed) => {
    const a = run(household({ ...base, rigid_expenses_12m: { medical, education: 0, rehabilitation: 0, other: 0 } }));
    expect(condition(a, 'rigid.expense_share').passed).toBe(passed);
    expect(a.tier).toBe(passed ? 'rigid_expense' : 'none');
  });

  it('adds the four items and imputes nothing', () => {
    const a = run(household({ ...base, rigid_expenses_12m: { medical: 10000, education: 6000, rehabilitation: 4000, other: 3100 } }));
    expect(a.figures.rigid_expenses_total).toBe(23100);
    expect(a.tier).toBe('rigid_expense');
    expect(test(a, 'rigid_expense').en).toMatch(/^刚性支出困难 \(rigid-expenditure hardship\): per-capita income ¥14400\/year is below/);
  });

  it('needs income below the previous-year disposable income', () => {
    const a = run(household({ ...base, monthlyPerCapita: 3200, rigid_expenses_12m: { medical: 80000, education: 0, rehabilitation: 0, other: 0 } }));
    expect(condition(a, 'rigid.income').passed).toBe(false);
  });

  it('is not tested for a family already recognized', () => {
    const a = run(household({ monthlyPerCapita: 900, rigid_expenses_12m: { medical: 90000, education: 0, rehabilitation: 0, other: 0 } }));
    expect(a.tier).toBe('marginal');
    expect(test(a, 'rigid_expense').tested).toBe(false);
  });

  it('with no income at all, any rigid expenditure is above the ratio', () => {
    const a = run(household({ ...base, monthlyPerCapita: 0, financial_assets: 5_000_000, rigid_expenses_12m: { medical: 100, education: 0, rehabilitation: 0, other: 0 } }));
    expect(condition(a, 'rigid.expense_share')).toMatchObject({ actual: null, passed: true });
  });
});

describe('amounts', () => {
  it('pays a 低保 household the gap plus the largest top-up per member', () => {
    const a = run(household({ members: [adult({ id_number: newIdNumber(born(65)) }), adult({ relation: 'spouse', id_number: newIdNumber(born(50)), health: 'serious' })], monthlyPerCapita: 400, supporters: [{ id_number: newIdNumber(born(30)), able: true }] }));
    expect(a.tier).toBe('dibao');
    // gap (643 − 400) × 2 = 486; elderly 10% = 64.3; serious illness 20% = 128.6
    expect(a.amounts.dibao_allowance).toMatchObject({ gap: 486, total: 678.9 });
    expect(a.amounts.dibao_allowance!.lines.map((l) => l.amount)).toEqual([486, 64.3, 128.6]);
  });

  it('pays the gap only for members who are not 特困 (they receive support instead)', () => {
    const a = run(household({
      members: [adult({ id_number: newIdNumber(born(77)) }), adult({ relation: 'child', id_number: newIdNumber(born(55)), work_ability: 'none' })],
      monthlyPerCapita: 200,
    }));
    expect(categories(a)).toEqual(['dibao:household', 'tekun:person']);
    // (643 − 200) × 1 for the son; the father's 特困 support is ¥835.9
    expect(a.amounts.dibao_allowance!.gap).toBe(443);
    expect(a.amounts.tekun[0].support).toBe(835.9);
  });

  it('accepts the aliases and English labels the registry accepts', () => {
    const a = run(household({ members: [adult({ relation: '本人', work_ability: 'Full', health: '重病' })], monthlyPerCapita: 800 }));
    expect(a.recognitions).toContainEqual(expect.objectContaining({ category: 'dibao', scope: 'person' }));
  });

  it('caps a fast small relief at one month of the standard', () => {
    expect(run(household({ monthlyPerCapita: 3000 })).amounts.fast_relief_cap).toBe(643);
  });
});

describe('a description with bad input names the field', () => {
  const good = () => ({ region_code: '220102', hukou_type: 'urban', as_of: AS_OF, annual_income: 1000, financial_assets: 0, properties: 0, members: [adult()] });
  it.each([
    ['an invalid ID number', (d: Record<string, unknown>) => { const id = newIdNumber('19800101'); (d.members as MemberIn[])[0].id_number = id.slice(0, 17) + (id[17] === '0' ? '1' : '0'); }, 'members[0].id_number'],
    ['a negative income', (d: Record<string, unknown>) => { d.annual_income = -1; }, 'annual_income'],
    ['a missing income', (d: Record<string, unknown>) => { delete d.annual_income; }, 'annual_income'],
    ['a bad date', (d: Record<string, unknown>) => { d.as_of = '2025-13-01'; }, 'as_of'],
    ['an unknown relation', (d: Record<string, unknown>) => { (d.members as MemberIn[])[0].relation = 'cousin'; }, 'members[0].relation'],
    ['no head', (d: Record<string, unknown>) => { (d.members as MemberIn[])[0].relation = 'spouse'; }, 'members'],
    ['a grade without a type', (d: Record<string, unknown>) => { (d.members as MemberIn[])[0].disability_grade = 2; }, 'members[0].disability_type'],
    ['a negative vehicle value', (d: Record<string, unknown>) => { d.vehicles = [{ purpose: 'private', value: -5 }]; }, 'vehicles[0].value'],
    ['a misspelt field', (d: Record<string, unknown>) => { d.suporters = []; }, 'suporters'],
    ['a misspelt member field', (d: Record<string, unknown>) => { (d.members as MemberIn[])[0].helth = 'serious'; }, 'members[0].helth'],
    ['a date that is not in the calendar', (d: Record<string, unknown>) => { d.as_of = '2025-02-30'; }, 'as_of'],
    ['the same supporter twice', (d: Record<string, unknown>) => { const id = newIdNumber(); d.supporters = [{ id_number: id, able: false }, { id_number: id, able: true }]; }, 'supporters[1].id_number'],
    ['a supporter without able', (d: Record<string, unknown>) => { d.supporters = [{ id_number: newIdNumber() }]; }, 'supporters[0].able'],
  ])('%s', (_l, spoil, field) => {
    const d = good();
    spoil(d);
    let error: unknown;
    try { parseDescription(d); } catch (e) { error = e; }
    expect(error).toMatchObject({ code: 'VALIDATION', details: { field } });
    expect(String((error as Error).message)).toContain(field);
    expect(String((error as Error).message)).not.toMatch(/2201021980/); // the ID number itself is never echoed
  });
});
