/**
 * Assessment results for the component tests (not bundled: only test files import this): the
 * engine's answer for a 3-person urban family with ¥833 per person per month (低保边缘), trimmed.
 */
import type { AssessmentResult, CategoryTest, Condition } from '../../api/recognition';

const c = (code: string, passed: boolean, zh: string, en: string, actual: Condition['actual'] = null, threshold: Condition['threshold'] = null): Condition =>
  ({ code, actual, threshold, passed, zh, en });

const TESTS: CategoryTest[] = [
  {
    category: 'tekun', scope: 'person', id_number: '220102********0038', person_id: '3', tested: true, passed: false,
    conditions: [
      c('tekun.group', true, '220102********0038 属于未成年人（13 周岁）', '220102********0038 is a minor (aged 13)', 13),
      c('tekun.no_income', false, '人均月收入 ¥833 不低于 低保标准 ¥643', 'per-capita income ¥833/month is not below the dibao standard of ¥643', 833, 643),
    ],
    zh: '220102********0038 不符合特困人员：人均月收入 ¥833 不低于 低保标准 ¥643',
    en: '220102********0038 not 特困人员 (extreme poverty (tekun)): per-capita income ¥833/month is not below the dibao standard of ¥643',
  },
  {
    category: 'dibao', scope: 'household', tested: true, passed: false,
    conditions: [
      c('dibao.income', false, '人均月收入 ¥833 不低于 低保标准 ¥643', 'per-capita income ¥833/month is not below the dibao standard of ¥643', 833, 643),
      c('dibao.assets.properties', true, '住房 1 套，不超过 1 套', '1 residential property, within the limit of 1', 1, 1),
    ],
    zh: '不符合低保：人均月收入 ¥833 不低于 低保标准 ¥643',
    en: 'not 低保 (minimum living allowance (dibao)): per-capita income ¥833/month is not below the dibao standard of ¥643',
  },
  {
    category: 'marginal', scope: 'household', tested: true, passed: true,
    conditions: [
      c('marginal.income', true, '人均月收入 ¥833 低于 1.5 × ¥643 = ¥964.5', 'per-capita income ¥833/month is below 1.5 × ¥643 = ¥964.5', 833, 964.5),
      c('marginal.assets.properties', true, '住房 1 套，不超过 1 套', '1 residential property, within the limit of 1', 1, 1),
    ],
    zh: '低保边缘：人均月收入 ¥833 低于 1.5 × ¥643 = ¥964.5；住房 1 套，不超过 1 套',
    en: '低保边缘 (marginal family): per-capita income ¥833/month is below 1.5 × ¥643 = ¥964.5; 1 residential property, within the limit of 1',
  },
  {
    category: 'rigid_expense', scope: 'household', tested: false, passed: false, conditions: [],
    zh: '已认定特困、低保或低保边缘，不再测试刚性支出困难',
    en: 'already tekun, dibao or marginal; rigid-expenditure hardship not tested',
  },
];

export const MARGINAL: AssessmentResult = {
  id: '7', household_code: '220102001001000001', snapshot: { as_of: '2025-01-31', source: 'declaration' }, engine_version: '2026.11-1',
  created_by: 'user:demo_township', created_at: '2026-11-20T02:00:00.000Z',
  as_of: '2025-03-01', region_code: '220102001001', hukou_type: 'urban', tier: 'marginal',
  recognitions: [{ category: 'marginal', scope: 'household' }],
  figures: {
    household_size: 3, annual_income: 29988, per_capita_monthly_income: 833, dibao_standard: 643, marginal_line: 964.5, income_to_standard_ratio: 1.2955,
    per_capita_annual_income: 9996, disposable_income: 37503, financial_assets_per_capita: 2000, vehicle_value_counted: 0, properties: 1,
    rigid_expenses_total: 3000, rigid_expense_share: 0.1,
  },
  tests: TESTS,
  amounts: { dibao_allowance: null, single_person: [], tekun: [], fast_relief_cap: 643 },
  summary: {
    zh: '低保边缘：人均月收入 ¥833 低于 1.5 × ¥643 = ¥964.5；住房 1 套，不超过 1 套',
    en: '低保边缘 (marginal family): per-capita income ¥833/month is below 1.5 × ¥643 = ¥964.5; 1 residential property, within the limit of 1',
  },
  parameters: [
    { key: 'dibao.standard.urban', on: '2025-03-01', value: 643, region_code: '22', valid_from: '2024-07-01', version: 1 },
    { key: 'marginal.income_multiplier', on: '2025-03-01', value: 1.5, region_code: '22', valid_from: '2022-01-01', version: 1 },
  ],
  notes: [{ zh: '登记库不记录户外法定义务人', en: 'the registry does not record legal supporters outside the household' }],
};

/** The same family with a seriously ill spouse enrolled alone (单人保): tier 低保. */
export const SINGLE_PERSON: AssessmentResult = {
  ...MARGINAL,
  id: '8',
  tier: 'dibao',
  recognitions: [{ category: 'marginal', scope: 'household' }, { category: 'dibao', scope: 'person', id_number: '220102********0020', person_id: '2' }],
  amounts: {
    dibao_allowance: null,
    single_person: [{
      id_number: '220102********0020', person_id: '2', amount: 771.6,
      zh: '220102********0020 单人保：100% × ¥643 = ¥643 + 重病重残增发 20% = ¥771.6',
      en: '220102********0020 single-person dibao: 100% × ¥643 = ¥643 + seriously ill or severely disabled top-up 20% = ¥771.6',
    }],
    tekun: [],
    fast_relief_cap: 643,
  },
};
