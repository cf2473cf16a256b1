/**
 * The identification engine (分层认定): a pure function of a household description and the
 * parameters in force. It tests 特困 per person, then 低保, 低保边缘 and 刚性支出困难 for the
 * household, in that order (一次申请、分类审核认定), and reports every condition it checked.
 */
import type { HouseholdDescription, Member } from './household-description.js';
import { CATEGORY_LABEL, TIERS, type Tier, type TierCategory } from './categories.js';
import { annualIncomeBelow, assetsWithin, householdMoney, incomeBelow, rigidShareAbove, perCapitaMonthlyFen, type Condition, type HouseholdMoney } from './conditions.js';
import { ableSupportersInside, isElderly, isMinor, isSevere, label, membersOf, workAbility } from './member-facts.js';
import { fen, money, plain } from './money.js';
import type { RuleParameters } from './rule-parameters.js';
import { computeAmounts, type Amounts } from './amounts.js';

export interface CategoryTest {
  category: TierCategory;
  scope: 'household' | 'person';
  /** The member tested, for person-scope tests (the ID number as given). */
  id_number?: string;
  tested: boolean;
  passed: boolean;
  conditions: Condition[];
  zh: string;
  en: string;
}

export interface Recognition {
  category: TierCategory;
  scope: 'household' | 'person';
  id_number?: string;
}

export interface Figures {
  household_size: number;
  annual_income: number;
  per_capita_monthly_income: number;
  dibao_standard: number;
  marginal_line: number;
  income_to_standard_ratio: number;
  per_capita_annual_income: number;
  disposable_income: number;
  financial_assets_per_capita: number;
  vehicle_value_counted: number;
  properties: number;
  rigid_expenses_total: number;
  rigid_expense_share: number | null;
}

export interface Assessment {
  as_of: string;
  region_code: string;
  hukou_type: 'urban' | 'rural';
  tier: Tier;
  recognitions: Recognition[];
  figures: Figures;
  tests: CategoryTest[];
  amounts: Amounts;
  summary: { zh: string; en: string };
}

export function identify(d: HouseholdDescription, p: RuleParameters): Assessment {
  const members = membersOf(d);
  const h = householdMoney(d);
  const standardFen = fen(p.dibaoStandard);
  const marginalFen = Math.round(p.marginalMultiplier * standardFen);

  const tekunTests = testTekun(d, members, h, p, standardFen);
  const tekunIds = new Set(tekunTests.filter((t) => t.passed && t.id_number).map((t) => t.id_number!));

  const dibao = testDibao(h, p, standardFen, tekunIds.size === members.length);
  const marginal = testMarginal(h, p, standardFen, marginalFen, dibao.passed || !dibao.tested);
  const single = marginal.passed ? singlePersonDibao(members, tekunIds, p) : [];
  const anyRecognized = tekunIds.size > 0 || dibao.passed || marginal.passed;
  const rigid = testRigid(d, h, p, standardFen, anyRecognized);

  const tests = [...tekunTests, dibao, marginal, ...single, rigid];
  const recognitions: Recognition[] = tests
    .filter((t) => t.passed)
    .map((t) => (t.scope === 'person' ? { category: t.category, scope: t.scope, id_number: t.id_number } : { category: t.category, scope: t.scope }));
  const tier: Tier = TIERS.find((c) => recognitions.some((r) => r.category === c)) ?? 'none';
  const amounts = computeAmounts(members, h, p, { householdDibao: dibao.passed, tekun: tekunIds, single: single.map((t) => t.id_number!) });

  return {
    as_of: d.as_of,
    region_code: d.region_code,
    hukou_type: d.hukou_type,
    tier,
    recognitions,
    figures: figures(h, p, standardFen, marginalFen),
    tests,
    amounts,
    summary: summarize(tests, tier),
  };
}

function figures(h: HouseholdMoney, p: RuleParameters, standardFen: number, marginalFen: number): Figures {
  return {
    household_size: h.size,
    annual_income: h.incomeFen / 100,
    per_capita_monthly_income: Math.round(perCapitaMonthlyFen(h)) / 100,
    dibao_standard: standardFen / 100,
    marginal_line: marginalFen / 100,
    income_to_standard_ratio: standardFen === 0 ? 0 : Math.round((perCapitaMonthlyFen(h) / standardFen) * 10000) / 10000,
    per_capita_annual_income: Math.round(h.incomeFen / h.size) / 100,
    disposable_income: p.disposableIncome,
    financial_assets_per_capita: Math.round(h.financialFen / h.size) / 100,
    vehicle_value_counted: h.vehicleFen / 100,
    properties: h.properties,
    rigid_expenses_total: h.rigidFen / 100,
    rigid_expense_share: h.incomeFen === 0 ? null : Math.round((h.rigidFen / h.incomeFen) * 10000) / 10000,
  };
}

function dibaoLine(standardFen: number) {
  return { lineFen: standardFen, zh: `低保标准 ${money(standardFen)}`, en: `the dibao standard of ${money(standardFen)}` };
}

/** 特困, per person: elderly, disabled or minor; no work ability; no income source; no able supporter. */
function testTekun(d: HouseholdDescription, members: Member[], h: HouseholdMoney, p: RuleParameters, standardFen: number): CategoryTest[] {
  const candidates = members.filter((m) => isElderly(m, p) || isMinor(m, p) || m.disability_type !== null);
  if (candidates.length === 0) {
    const condition: Condition = {
      code: 'tekun.group', actual: false, threshold: true, passed: false,
      zh: `家庭中没有年满 ${p.elderlyAge} 周岁的老年人、残疾人或未满 ${p.minorAge} 周岁的未成年人`,
      en: `no member is aged ${p.elderlyAge} or more, disabled, or under ${p.minorAge}`,
    };
    return [verdict('tekun', 'household', undefined, [condition])];
  }
  const outsideAble = d.supporters.filter((s) => s.able).length;
  return candidates.map((m) => {
    const who = label(m);
    const group = isElderly(m, p) ? { zh: `老年人（${m.age} 周岁）`, en: `elderly (aged ${m.age})` }
      : m.disability_type !== null ? { zh: `残疾人（${m.disability_grade} 级）`, en: `disabled (grade ${m.disability_grade})` }
      : { zh: `未成年人（${m.age} 周岁）`, en: `a minor (aged ${m.age})` };
    const work = workAbility(m, p);
    const inside = ableSupportersInside(m, members, p);
    const supporterCount = inside.length + outsideAble;
    const conditions: Condition[] = [
      { code: 'tekun.group', actual: m.age, threshold: null, passed: true, zh: `${who} 属于${group.zh}`, en: `${who} is ${group.en}` },
      {
        code: 'tekun.no_work_ability', actual: work.zh, threshold: null, passed: work.none,
        zh: `${who} ${work.none ? '无劳动能力' : '有劳动能力'}：${work.zh}`,
        en: `${who} ${work.none ? 'has no work ability' : 'is able to work'}: ${work.en}`,
      },
      { ...incomeBelow('tekun.no_income', h, dibaoLine(standardFen)), code: 'tekun.no_income' },
      ...assetsWithin('tekun.assets', h, p.assets.dibao, standardFen, p.maxProperties),
      {
        code: 'tekun.no_supporter', actual: supporterCount, threshold: 0, passed: supporterCount === 0,
        zh: supporterCount === 0
          ? `${who} 无有履行能力的法定赡养、抚养、扶养义务人`
          : `${who} 有 ${supporterCount} 名有履行能力的法定义务人（户内 ${inside.length} 名有劳动能力的配偶、父母或成年子女，户外 ${outsideAble} 名）`,
        en: supporterCount === 0
          ? `${who} has no legal supporter able to support`
          : `${who} has ${supporterCount} legal supporter(s) able to support (${inside.length} working spouse, parent or adult child in the household, ${outsideAble} outside)`,
      },
    ];
    return verdict('tekun', 'person', m.id_number, conditions, who);
  });
}

function testDibao(h: HouseholdMoney, p: RuleParameters, standardFen: number, allTekun: boolean): CategoryTest {
  if (allTekun) return skipped('dibao', { zh: '全部成员已认定特困人员，不再测试低保', en: 'every member is recognized as tekun; dibao not tested' });
  return verdict('dibao', 'household', undefined, [
    incomeBelow('dibao.income', h, dibaoLine(standardFen)),
    ...assetsWithin('dibao.assets', h, p.assets.dibao, standardFen, p.maxProperties),
  ]);
}

function testMarginal(h: HouseholdMoney, p: RuleParameters, standardFen: number, marginalFen: number, dibaoDone: boolean): CategoryTest {
  if (dibaoDone) return skipped('marginal', { zh: '已符合低保（或全部成员为特困），不再测试低保边缘', en: 'already dibao (or every member tekun); marginal not tested' });
  const m = plain(p.marginalMultiplier);
  return verdict('marginal', 'household', undefined, [
    incomeBelow('marginal.income', h, { lineFen: marginalFen, zh: `${m} × ${money(standardFen)} = ${money(marginalFen)}`, en: `${m} × ${money(standardFen)} = ${money(marginalFen)}` }),
    ...assetsWithin('marginal.assets', h, p.assets.marginal, standardFen, p.maxProperties),
  ]);
}

/** 单人保: a seriously ill or severely disabled member of a marginal family is enrolled in 低保 alone. */
function singlePersonDibao(members: Member[], tekun: Set<string>, p: RuleParameters): CategoryTest[] {
  return members
    .filter((m) => isSevere(m, p) && !tekun.has(m.id_number))
    .map((m) => {
      const who = label(m);
      const why = m.health === 'serious' ? { zh: '患重病', en: 'seriously ill' } : { zh: `重度残疾（${m.disability_grade} 级）`, en: `severely disabled (grade ${m.disability_grade})` };
      return verdict('dibao', 'person', m.id_number, [
        {
          code: 'dibao.single_person', actual: why.en, threshold: null, passed: true,
          zh: `${who} ${why.zh}，所在家庭为低保边缘家庭，单独纳入低保（单人保）`,
          en: `${who} is ${why.en} in a marginal family and is enrolled in dibao alone (单人保)`,
        },
      ], who);
    });
}

function testRigid(d: HouseholdDescription, h: HouseholdMoney, p: RuleParameters, standardFen: number, recognized: boolean): CategoryTest {
  if (recognized) return skipped('rigid_expense', { zh: '已认定特困、低保或低保边缘，不再测试刚性支出困难', en: 'already tekun, dibao or marginal; rigid-expenditure hardship not tested' });
  return verdict('rigid_expense', 'household', undefined, [
    { code: 'rigid.not_other', actual: false, threshold: false, passed: true, zh: '不属于特困、低保或低保边缘', en: 'not tekun, dibao or marginal' },
    annualIncomeBelow(h, p.disposableIncome, d.hukou_type),
    ...assetsWithin('rigid.assets', h, p.assets.rigid, standardFen, p.maxProperties),
    rigidShareAbove(h, p.rigidExpenseRatio),
  ]);
}

function verdict(category: TierCategory, scope: 'household' | 'person', idNumber: string | undefined, conditions: Condition[], who?: string): CategoryTest {
  const passed = conditions.every((c) => c.passed);
  const shown = passed ? conditions.filter((c) => c.code !== 'tekun.group' && c.code !== 'rigid.not_other') : conditions.filter((c) => !c.passed);
  const name = CATEGORY_LABEL[category];
  const subject = who ? `${who} ` : '';
  const lead = passed ? '' : '不符合';
  return {
    category, scope, ...(idNumber ? { id_number: idNumber } : {}), tested: true, passed, conditions,
    zh: `${subject}${lead}${name.zh}：${shown.map((c) => c.zh).join('；')}`,
    en: `${subject}${passed ? '' : 'not '}${name.zh} (${name.en}): ${shown.map((c) => c.en).join('; ')}`,
  };
}

function skipped(category: TierCategory, why: { zh: string; en: string }): CategoryTest {
  return { category, scope: 'household', tested: false, passed: false, conditions: [], zh: why.zh, en: why.en };
}

function summarize(tests: CategoryTest[], tier: Tier): { zh: string; en: string } {
  const passed = tests.filter((t) => t.passed);
  if (tier === 'none') {
    const failed = tests.filter((t) => t.tested);
    return { zh: `未认定任何类别。${failed.map((t) => t.zh).join('。')}`, en: `Not recognized in any category. ${failed.map((t) => t.en).join('. ')}` };
  }
  return { zh: passed.map((t) => t.zh).join('。'), en: passed.map((t) => t.en).join('. ') };
}
