/**
 * Matching (救助项目匹配): which programs a household should be offered, given its facts and its
 * recognized tier — a pure function. The "stepped gentle slope" (分层梯度救助): tier 1 (特困,
 * 低保) gets basic living plus special assistance; tiers 2 and 3 (低保边缘, 刚性支出困难) get
 * special and temporary assistance; a household found in need but not recognized gets what is
 * open to anyone. Within that, a program's own tiers and condition decide. Every program comes
 * back with its reasons — the tier rule, the slope, each condition with the household's actual
 * value — whether recommended or not.
 */
import { evaluate, evaluateLeaf, type FactValue, type FactValues } from '../../monitoring/domain/condition.js';
import { isLeaf, type Condition } from '../../monitoring/domain/indicator-definition.js';
import { estimateAmount, type AmountEstimate, type MatchAmounts } from './amount-estimate.js';
import {
  HOUSEHOLD_FACTS, PROGRAM_TYPES, SPECIAL_TYPES, labelOfTier, labelOfType,
  type ProgramDefinition, type ProgramTier, type ProgramType,
} from './program-definition.js';

export interface Reason {
  zh: string;
  en: string;
  passed: boolean;
}

export interface MatchParams extends MatchAmounts {
  /** Values of the policy parameters the conditions name, in force on the date. */
  values: ReadonlyMap<string, number>;
}

export interface Recommendation<P extends ProgramDefinition = ProgramDefinition> {
  program: P;
  recommended: boolean;
  reasons: Reason[];
  /** For recommended programs only. */
  amount_estimate: AmountEstimate | null;
}

/** The program types each tier is offered (the slope); the program's own tiers narrow it further. */
export const SLOPE: Record<ProgramTier, readonly ProgramType[]> = {
  tekun: ['basic_living', ...SPECIAL_TYPES, 'service', 'charity'],
  dibao: ['basic_living', ...SPECIAL_TYPES, 'service', 'charity'],
  marginal: [...SPECIAL_TYPES, 'temporary', 'service', 'charity'],
  rigid_expense: [...SPECIAL_TYPES, 'temporary', 'service', 'charity'],
  none: [...SPECIAL_TYPES, 'temporary', 'service', 'charity'],
};

const SLOPE_TEXT: Record<ProgramTier, { zh: string; en: string }> = {
  tekun: { zh: '第一层（特困、低保）：基本生活救助和专项救助', en: 'tier 1 (tekun, dibao): basic living and special assistance' },
  dibao: { zh: '第一层（特困、低保）：基本生活救助和专项救助', en: 'tier 1 (tekun, dibao): basic living and special assistance' },
  marginal: { zh: '第二层（低保边缘）：专项救助和临时救助', en: 'tier 2 (marginal): special and temporary assistance' },
  rigid_expense: { zh: '第三层（刚性支出困难）：专项救助和临时救助', en: 'tier 3 (rigid expenditure): special and temporary assistance' },
  none: { zh: '未认定但发现有困难：专项救助、临时救助、服务和慈善', en: 'not recognized but found in need: special and temporary assistance, services, charity' },
};

export function recommend<P extends ProgramDefinition>(facts: FactValues, tier: ProgramTier, programs: readonly P[], params: MatchParams): Recommendation<P>[] {
  const order = (t: string) => PROGRAM_TYPES.findIndex((x) => x.code === t);
  return programs
    .map((program) => match(facts, tier, program, params))
    .sort((a, b) => Number(b.recommended) - Number(a.recommended) || order(a.program.type) - order(b.program.type) || a.program.code.localeCompare(b.program.code));
}

function match<P extends ProgramDefinition>(facts: FactValues, tier: ProgramTier, program: P, params: MatchParams): Recommendation<P> {
  const reasons: Reason[] = [tierReason(tier, program), slopeReason(tier, program)];
  let conditionHolds = true;
  if (program.condition) {
    conditionHolds = evaluate(program.condition, facts, params.values);
    reasons.push(...leafReasons(program.condition, facts, params.values));
    reasons.push(conditionHolds
      ? { zh: '项目条件成立', en: "the program's condition holds", passed: true }
      : { zh: '项目条件不成立', en: "the program's condition does not hold", passed: false });
  }
  const recommended = reasons[0].passed && reasons[1].passed && conditionHolds;
  return { program, recommended, reasons, amount_estimate: recommended ? estimateAmount(program.amount, facts, params) : null };
}

function tierReason(tier: ProgramTier, p: ProgramDefinition): Reason {
  const t = labelOfTier(tier);
  const covered = p.tiers.map((x) => labelOfTier(x));
  const list = { zh: covered.map((c) => c.zh).join('、'), en: covered.map((c) => c.en).join(', ') };
  return p.tiers.includes(tier)
    ? { zh: `本户为「${t.zh}」，在本项目救助范围内（${list.zh}）`, en: `the household is "${t.en}", which this program covers (${list.en})`, passed: true }
    : { zh: `本项目只救助：${list.zh}；本户为「${t.zh}」`, en: `this program covers only: ${list.en}; the household is "${t.en}"`, passed: false };
}

function slopeReason(tier: ProgramTier, p: ProgramDefinition): Reason {
  const type = labelOfType(p.type);
  const s = SLOPE_TEXT[tier];
  return SLOPE[tier].includes(p.type)
    ? { zh: `分层梯度救助，${s.zh}：含${type.zh}`, en: `stepped assistance, ${s.en}: includes ${type.en.toLowerCase()}`, passed: true }
    : { zh: `分层梯度救助，${s.zh}：不含${type.zh}`, en: `stepped assistance, ${s.en}: not ${type.en.toLowerCase()}`, passed: false };
}

const OP_TEXT: Record<string, string> = { eq: '=', ne: '≠', gt: '>', gte: '≥', lt: '<', lte: '≤', in: '∈', not_in: '∉' };
const NULL_TEXT: Record<string, { zh: string; en: string }> = { is_null: { zh: '为空', en: 'empty' }, not_null: { zh: '不为空', en: 'not empty' } };

function leafReasons(c: Condition, facts: FactValues, params: ReadonlyMap<string, number>): Reason[] {
  if (!isLeaf(c)) {
    const parts = 'all' in c ? c.all : 'any' in c ? c.any : [c.not];
    return parts.flatMap((x) => leafReasons(x, facts, params));
  }
  const r = evaluateLeaf(c, facts, params);
  const fact = HOUSEHOLD_FACTS.find((f) => f.code === c.fact);
  const name = { zh: fact?.zh ?? c.fact, en: fact?.en ?? c.fact };
  const param = typeof c.value === 'object' && c.value !== null && 'param' in c.value ? `（${c.value.param}）` : '';
  const op = OP_TEXT[c.operator] ?? c.operator;
  const nullText = NULL_TEXT[c.operator];
  const needs = nullText ? nullText.zh : `${op} ${show(r.threshold, 'zh')}${param}`;
  const needsEn = nullText ? nullText.en : `${op} ${show(r.threshold, 'en')}${param ? ` (${param.slice(1, -1)})` : ''}`;
  return [{
    zh: `${name.zh}：${show(r.value, 'zh')}（要求 ${needs}）`,
    en: `${name.en}: ${show(r.value, 'en')} (needs ${needsEn})`,
    passed: r.passed,
  }];
}

function show(v: FactValue | FactValue[], lang: 'zh' | 'en'): string {
  if (v === null) return lang === 'zh' ? '无数据' : 'no data';
  if (Array.isArray(v)) return v.map((x) => show(x, lang)).join(lang === 'zh' ? '、' : ', ');
  if (typeof v === 'boolean') return lang === 'zh' ? (v ? '是' : '否') : v ? 'yes' : 'no';
  return String(v);
}
