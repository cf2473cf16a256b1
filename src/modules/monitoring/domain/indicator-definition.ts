/**
 * A warning indicator, as data. An indicator names its facts (aggregates over departments'
 * datasets in a window counted back from the run's date, or registry attributes), a condition
 * over them (`all` / `any` / `not` of `{fact, operator, value}`), the people it looks at, its
 * level, its suppression window and the action it suggests. These codes are an interface:
 * administrators write them and the engine compiles them to SQL.
 */

export const LEVELS = [
  { code: 'blue', zh: '蓝色', en: 'Blue', rank: 1 },
  { code: 'yellow', zh: '黄色', en: 'Yellow', rank: 2 },
  { code: 'orange', zh: '橙色', en: 'Orange', rank: 3 },
  { code: 'red', zh: '红色', en: 'Red', rank: 4 },
] as const;
export type Level = (typeof LEVELS)[number]['code'];

export function levelRank(level: Level): number {
  return LEVELS.find((l) => l.code === level)!.rank;
}

export function levelOfRank(rank: number): Level {
  return LEVELS[Math.min(Math.max(rank, 1), 4) - 1].code;
}

export const OPERATORS = [
  { code: 'eq', zh: '等于', en: 'equals', sql: '=' },
  { code: 'ne', zh: '不等于', en: 'does not equal', sql: '<>' },
  { code: 'gt', zh: '大于', en: 'greater than', sql: '>' },
  { code: 'gte', zh: '大于等于', en: 'at least', sql: '>=' },
  { code: 'lt', zh: '小于', en: 'less than', sql: '<' },
  { code: 'lte', zh: '小于等于', en: 'at most', sql: '<=' },
  { code: 'in', zh: '属于', en: 'is one of', sql: '' },
  { code: 'not_in', zh: '不属于', en: 'is none of', sql: '' },
  { code: 'contains', zh: '包含', en: 'includes', sql: '' },
  { code: 'contains_any', zh: '包含任一', en: 'includes any of', sql: '' },
  { code: 'is_null', zh: '为空', en: 'is empty', sql: '' },
  { code: 'not_null', zh: '不为空', en: 'is not empty', sql: '' },
] as const;
export type Operator = (typeof OPERATORS)[number]['code'];

export const AGGREGATES = [
  { code: 'sum', zh: '合计', en: 'total' },
  { code: 'count', zh: '条数', en: 'count' },
  { code: 'max', zh: '最大值', en: 'largest' },
  { code: 'min', zh: '最小值', en: 'smallest' },
  { code: 'latest', zh: '最近一条', en: 'latest' },
  { code: 'exists', zh: '是否存在', en: 'exists' },
] as const;
export type Aggregate = (typeof AGGREGATES)[number]['code'];

export const ACTIONS = [
  { code: 'home_visit', zh: '入户核实', en: 'Home visit' },
  { code: 'medical_assistance_referral', zh: '医疗救助转介', en: 'Medical assistance referral' },
  { code: 'temporary_assistance', zh: '临时救助', en: 'Temporary assistance' },
  { code: 'education_assistance_referral', zh: '教育救助转介', en: 'Education assistance referral' },
  { code: 'employment_assistance_referral', zh: '就业帮扶转介', en: 'Employment assistance referral' },
  { code: 'housing_assistance_referral', zh: '住房救助转介', en: 'Housing assistance referral' },
  { code: 'disaster_relief', zh: '受灾人员救助', en: 'Disaster relief' },
  { code: 'eligibility_review', zh: '救助资格复核', en: 'Eligibility review' },
  { code: 'recognition_renewal', zh: '认定到期复核', en: 'Recognition renewal review' },
  { code: 'care_visit', zh: '探访关爱', en: 'Care visit' },
] as const;
export type Action = (typeof ACTIONS)[number]['code'];

/** Attributes read from the registry as of the run's date. Unregistered people have none (NULL). */
export const REGISTRY_FACTS = [
  { code: 'registered', zh: '是否在库', en: 'In the registry', type: 'boolean', level: 'person' },
  { code: 'age', zh: '年龄', en: 'Age', type: 'number', level: 'person' },
  { code: 'sex', zh: '性别', en: 'Sex', type: 'text', level: 'person' },
  { code: 'relation', zh: '与户主关系', en: 'Relation to the head', type: 'text', level: 'person' },
  { code: 'disability_grade', zh: '残疾等级', en: 'Disability grade', type: 'number', level: 'person' },
  { code: 'disability_type', zh: '残疾类别', en: 'Disability type', type: 'text', level: 'person' },
  { code: 'health', zh: '健康状况', en: 'Health', type: 'text', level: 'person' },
  { code: 'categories', zh: '本人救助类别', en: "The person's categories", type: 'set', level: 'person' },
  { code: 'household_categories', zh: '家庭成员救助类别', en: "The household's categories", type: 'set', level: 'household' },
  { code: 'household_size', zh: '家庭人口数', en: 'Household size', type: 'number', level: 'household' },
  { code: 'household_annual_income', zh: '家庭年收入', en: 'Annual household income', type: 'number', level: 'household' },
  { code: 'category_months', zh: '类别已认定月数', en: 'Months in a category', type: 'number', level: 'person', needs: 'category' },
  { code: 'months_since_exit', zh: '退出类别后月数', en: 'Months since leaving a category', type: 'number', level: 'person', needs: 'categories' },
] as const;
export type RegistryFactCode = (typeof REGISTRY_FACTS)[number]['code'];

export type FactType = 'number' | 'text' | 'date' | 'boolean' | 'set';

/** A value in a condition: a literal, a policy parameter, or another fact times a multiplier. */
export type ValueRef =
  | number
  | string
  | boolean
  | (number | string)[]
  | { param: string }
  | { fact: string; times?: number | { param: string } };

export interface Leaf {
  fact: string;
  operator: Operator;
  value?: ValueRef;
}

export type Condition = Leaf | { all: Condition[] } | { any: Condition[] } | { not: Condition };

/** A row filter inside a dataset fact: leaves name the dataset's fields. */
export interface RowLeaf {
  field: string;
  operator: Operator;
  value?: number | string | boolean | (number | string)[];
}
export type RowCondition = RowLeaf | { all: RowCondition[] } | { any: RowCondition[] } | { not: RowCondition };

export interface DatasetFact {
  dataset: string;
  agg: Aggregate;
  /** Required except for count and exists. */
  field?: string;
  /** The window: rows whose event date is after (run date − months) and not after the run date. */
  months: number | { param: string };
  /** Only the latest N rows (by event date) within the window count. */
  latest?: number;
  where?: RowCondition;
  /** household: aggregated over the members of the person's household. */
  scope?: 'person' | 'household';
  zh?: string;
  en?: string;
}

export interface RegistryFact {
  registry: RegistryFactCode;
  category?: string;
  categories?: string[];
  zh?: string;
  en?: string;
}

export type FactDef = DatasetFact | RegistryFact;

export type Population =
  | { kind: 'everyone' }
  | { kind: 'registered' }
  | { kind: 'categories'; categories: string[]; of: 'person' | 'household' };

export interface IndicatorDefinition {
  code: string;
  zh: string;
  en: string;
  /** hardship: finds people in difficulty; reverse: a recipient's change that asks for an eligibility review; modifier: raises other alerts' level. */
  kind: 'hardship' | 'reverse' | 'modifier';
  subject: 'person' | 'household';
  level: Level;
  population: Population;
  facts: Record<string, FactDef>;
  condition: Condition;
  suppress_days: number;
  action: Action;
  /** Modifiers only: how many levels an alert of an `applies_to` indicator rises when the condition holds. */
  raise?: number;
  applies_to?: 'hardship';
  description?: { zh: string; en: string };
}

export const isDatasetFact = (f: FactDef): f is DatasetFact => 'dataset' in f;
export const isRegistryFact = (f: FactDef): f is RegistryFact => 'registry' in f;
export const isLeaf = (c: Condition): c is Leaf => 'fact' in c;
export const isRowLeaf = (c: RowCondition): c is RowLeaf => 'field' in c;
export const isParam = (v: unknown): v is { param: string } => typeof v === 'object' && v !== null && !Array.isArray(v) && 'param' in v;
export const isFactRef = (v: unknown): v is { fact: string; times?: number | { param: string } } =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && 'fact' in v;

/** Every leaf of a condition, in order (evidence lists them). */
export function leavesOf(c: Condition): Leaf[] {
  if (isLeaf(c)) return [c];
  if ('all' in c) return c.all.flatMap(leavesOf);
  if ('any' in c) return c.any.flatMap(leavesOf);
  return leavesOf(c.not);
}

/** Every policy parameter a definition refers to. */
export function paramsOf(def: IndicatorDefinition): string[] {
  const keys = new Set<string>();
  const visit = (v: unknown) => {
    if (isParam(v)) keys.add(v.param);
    else if (isFactRef(v) && isParam(v.times)) keys.add(v.times.param);
  };
  for (const f of Object.values(def.facts)) if (isDatasetFact(f)) visit(f.months);
  for (const l of leavesOf(def.condition)) visit(l.value);
  return [...keys].sort();
}
