/**
 * An assistance program (救助项目), as data: who provides it, which recognized tiers and which
 * household facts qualify, and how much it pays. These codes are an interface: the seed
 * programs (data/assistance/programs.json), the case flow, referrals and the web editor rely on
 * them. The condition uses the monitoring format (`all` / `any` / `not` of `{fact, operator,
 * value}`) over the closed set of household facts below and is evaluated by the same pure
 * evaluator (src/modules/monitoring/domain/condition.ts).
 */
import type { Condition } from '../../monitoring/domain/indicator-definition.js';

export const PROGRAM_TYPES = [
  { code: 'basic_living', zh: '基本生活救助', en: 'Basic living assistance' },
  { code: 'special_medical', zh: '医疗救助', en: 'Medical assistance' },
  { code: 'special_education', zh: '教育救助', en: 'Education assistance' },
  { code: 'special_housing', zh: '住房救助', en: 'Housing assistance' },
  { code: 'special_employment', zh: '就业救助', en: 'Employment assistance' },
  { code: 'special_disaster', zh: '受灾人员救助', en: 'Disaster relief' },
  { code: 'temporary', zh: '临时救助', en: 'Temporary assistance' },
  { code: 'service', zh: '服务类救助', en: 'Care services' },
  { code: 'charity', zh: '慈善帮扶', en: 'Charity' },
] as const;
export type ProgramType = (typeof PROGRAM_TYPES)[number]['code'];

export const SPECIAL_TYPES: readonly ProgramType[] = ['special_medical', 'special_education', 'special_housing', 'special_employment', 'special_disaster'];

/** The recognized tiers a program may name; `none` stands for a household found in need but not recognized. */
export const PROGRAM_TIERS = [
  { code: 'tekun', zh: '特困人员', en: 'Extreme poverty (tekun)', level: 1 },
  { code: 'dibao', zh: '低保', en: 'Minimum living allowance (dibao)', level: 1 },
  { code: 'marginal', zh: '低保边缘', en: 'Marginal family', level: 2 },
  { code: 'rigid_expense', zh: '刚性支出困难', en: 'Rigid-expenditure hardship', level: 3 },
  { code: 'none', zh: '未认定（发现有困难）', en: 'Not recognized (found in need)', level: 0 },
] as const;
export type ProgramTier = (typeof PROGRAM_TIERS)[number]['code'];

export type FactType = 'number' | 'text' | 'boolean';

/**
 * The closed set of household facts a program's condition may name. Each is computed for one
 * household as of a date by facts.store.ts (docs/assistance.md says exactly how).
 */
export const HOUSEHOLD_FACTS = [
  { code: 'household_size', type: 'number', zh: '家庭人口数', en: 'Household size' },
  { code: 'hukou_type', type: 'text', zh: '户籍类型（urban/rural）', en: 'Hukou type (urban/rural)', values: ['urban', 'rural'] },
  { code: 'has_serious_illness', type: 'boolean', zh: '有大病患者', en: 'A member is seriously ill' },
  { code: 'has_chronic_illness', type: 'boolean', zh: '有慢性病患者', en: 'A member has a chronic illness' },
  { code: 'has_severe_disability', type: 'boolean', zh: '有重度残疾人（1–2级）', en: 'A member is severely disabled (grade 1–2)' },
  { code: 'has_disability', type: 'boolean', zh: '有残疾人', en: 'A member is disabled' },
  { code: 'has_student', type: 'boolean', zh: '有在校学生', en: 'A member is in school' },
  { code: 'has_senior_student', type: 'boolean', zh: '有高中、中职或大学在校生', en: 'A member is in senior, vocational or higher education' },
  { code: 'has_elderly', type: 'boolean', zh: '有老年人', en: 'A member is elderly' },
  { code: 'elderly_alone', type: 'boolean', zh: '独居或空巢老人（家庭成员均为老年人）', en: 'Elderly living alone (every member is elderly)' },
  { code: 'has_minor', type: 'boolean', zh: '有未成年人', en: 'A member is a minor' },
  { code: 'has_working_age_able', type: 'boolean', zh: '有劳动年龄内有劳动能力的成员', en: 'A member of working age is able to work' },
  { code: 'has_unemployed', type: 'boolean', zh: '有失业人员', en: 'A member is unemployed' },
  { code: 'medical_oop_12m', type: 'number', zh: '近12个月医疗个人自付（元）', en: 'Out-of-pocket medical costs, 12 months (CNY)' },
  { code: 'dangerous_housing', type: 'boolean', zh: '住房鉴定为C/D级危房', en: 'Housing assessed as dangerous (grade C/D)' },
  { code: 'disaster_loss', type: 'boolean', zh: '受灾严重或全部损失', en: 'Major or total loss in a disaster' },
] as const satisfies readonly { code: string; type: FactType; zh: string; en: string; values?: readonly string[] }[];
export type HouseholdFactCode = (typeof HOUSEHOLD_FACTS)[number]['code'];

export const AMOUNT_KINDS = [
  { code: 'none', zh: '不涉及金额（服务、实物）', en: 'No amount (services, in kind)' },
  { code: 'fixed', zh: '固定金额', en: 'A fixed amount' },
  { code: 'months_of_standard', zh: '当地低保标准的若干个月', en: 'Months of the local dibao standard' },
  { code: 'assessed', zh: '按认定测算结果', en: "From the household's assessment" },
] as const;

export const AMOUNT_PER = ['household', 'person'] as const;
export const AMOUNT_PERIODS = [
  { code: 'once', zh: '一次性', en: 'once' },
  { code: 'month', zh: '每月', en: 'a month' },
  { code: 'season', zh: '每季（采暖季）', en: 'a season' },
] as const;
export const ASSESSED_FIELDS = [
  { code: 'dibao_allowance', zh: '低保金（月）', en: 'Dibao allowance (monthly)' },
  { code: 'tekun_support', zh: '特困基本生活标准（月）', en: 'Tekun basic-living support (monthly)' },
  { code: 'tekun_care', zh: '特困照料护理标准（月）', en: 'Tekun care (monthly)' },
] as const;

export type Amount =
  | { kind: 'none' }
  | { kind: 'fixed'; amount: number; per: (typeof AMOUNT_PER)[number]; period: (typeof AMOUNT_PERIODS)[number]['code'] }
  | { kind: 'months_of_standard'; months: number }
  | { kind: 'assessed'; field: (typeof ASSESSED_FIELDS)[number]['code'] };

export interface ProgramDefinition {
  code: string;
  zh: string;
  en: string;
  type: ProgramType;
  /** A catalog department's code: the provider referrals go to. */
  department: string;
  tiers: ProgramTier[];
  condition?: Condition;
  amount: Amount;
  description: { zh: string; en: string };
  legal_basis: string;
}

export const labelOfType = (t: string) => PROGRAM_TYPES.find((x) => x.code === t) ?? { code: t, zh: t, en: t };
export const labelOfTier = (t: string) => PROGRAM_TIERS.find((x) => x.code === t) ?? { code: t, zh: t, en: t, level: 0 };
