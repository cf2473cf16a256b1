/**
 * Entitlements (待遇): what a decision says a household or a person is paid each month. The
 * amount is a rule, not a figure, so that a standard raise or a death changes it without a new
 * decision: the 低保 gap plus top-ups (per household), the 特困 support or care standard (per
 * person), or a fixed monthly amount (migrated recipients, temporary and heating assistance).
 */
import type { Bilingual } from '../../../platform/errors.js';
import { isMonth, type Month } from './months.js';

export const PROGRAMS = [
  { code: 'dibao_allowance', per: 'household', zh: '低保金', en: 'Dibao allowance' },
  { code: 'tekun_support', per: 'person', zh: '特困人员基本生活费', en: 'Tekun basic-living support' },
  { code: 'tekun_care', per: 'person', zh: '特困人员照料护理费', en: 'Tekun care allowance' },
  { code: 'temporary', per: 'household', zh: '临时救助金', en: 'Temporary assistance' },
  { code: 'heating', per: 'household', zh: '取暖补助', en: 'Heating assistance' },
] as const;

export type ProgramCode = (typeof PROGRAMS)[number]['code'];

export type AmountRule =
  /** The 低保 gap (standard − per-capita income) × members paid, plus the top-ups (分类施保). */
  | { kind: 'dibao_gap' }
  /** 特困 basic-living support: multiplier × the previous year's 低保 standard. */
  | { kind: 'tekun_support' }
  /** 特困 care: ratio by self-care ability × the previous year's minimum wage. */
  | { kind: 'tekun_care' }
  /** A fixed monthly amount in fen, as decided or migrated. */
  | { kind: 'fixed'; amount_fen: number };

export type EntitlementStatus = 'active' | 'suspended' | 'ended';

export interface Payee {
  id_number: string;
  name: string;
}

export interface Entitlement {
  id: string;
  program: ProgramCode;
  household_code: string;
  /** Who receives the money; for a per-person program, also the person it is for. */
  payee: Payee;
  rule: AmountRule;
  /** First month paid (payment starts the month after the approval). */
  start_month: Month;
  /** Last month paid, inclusive; null while open. */
  end_month: Month | null;
  status: EntitlementStatus;
}

/** The rules a program may use: the computed one, or a fixed amount (a migrated recipient). */
const ALLOWED_RULES: Record<ProgramCode, AmountRule['kind'][]> = {
  dibao_allowance: ['dibao_gap', 'fixed'],
  tekun_support: ['tekun_support', 'fixed'],
  tekun_care: ['tekun_care', 'fixed'],
  temporary: ['fixed'],
  heating: ['fixed'],
};

export function programOf(code: ProgramCode) {
  return PROGRAMS.find((p) => p.code === code)!;
}

export function isPerPerson(code: ProgramCode): boolean {
  return programOf(code).per === 'person';
}

export interface EntitlementProblem extends Bilingual {
  field: string;
}

/** Every problem with an entitlement, each naming the field and its value; empty when valid. */
export function checkEntitlement(e: Entitlement): EntitlementProblem[] {
  const problems: EntitlementProblem[] = [];
  const add = (field: string, zh: string, en: string) => problems.push({ field, zh, en });
  const program = PROGRAMS.find((p) => p.code === e.program);
  if (!program) {
    add('program', `救助项目「${String(e.program)}」无效，可用：${PROGRAMS.map((p) => p.code).join('、')}`, `program "${String(e.program)}" is invalid; known: ${PROGRAMS.map((p) => p.code).join(', ')}`);
  } else if (!ALLOWED_RULES[e.program].includes(e.rule?.kind)) {
    add('rule.kind', `${program.zh}不能按「${String(e.rule?.kind)}」计发，可用：${ALLOWED_RULES[e.program].join('、')}`, `${program.en} cannot be paid by rule "${String(e.rule?.kind)}"; allowed: ${ALLOWED_RULES[e.program].join(', ')}`);
  }
  if (e.rule?.kind === 'fixed' && !(Number.isInteger(e.rule.amount_fen) && e.rule.amount_fen > 0)) {
    add('rule.amount_fen', `固定金额「${String(e.rule.amount_fen)}」应为正整数（分）`, `fixed amount "${String(e.rule.amount_fen)}" must be a positive whole number of fen`);
  }
  if (!e.household_code?.trim()) add('household_code', '缺少户编号', 'household_code is missing');
  if (!e.payee?.id_number?.trim()) add('payee.id_number', '缺少领款人身份证号', 'the payee has no ID number');
  if (!isMonth(e.start_month)) add('start_month', `起始月份「${String(e.start_month)}」应为 YYYY-MM`, `start_month "${String(e.start_month)}" must be YYYY-MM`);
  if (e.end_month !== null && !isMonth(e.end_month)) add('end_month', `终止月份「${String(e.end_month)}」应为 YYYY-MM`, `end_month "${String(e.end_month)}" must be YYYY-MM`);
  else if (e.end_month !== null && isMonth(e.start_month) && e.end_month < e.start_month) {
    add('end_month', `终止月份 ${e.end_month} 早于起始月份 ${e.start_month}`, `end_month ${e.end_month} is before start_month ${e.start_month}`);
  }
  if (e.status === 'ended' && e.end_month === null) add('end_month', '已终止的待遇须有终止月份', 'an ended entitlement needs its end_month');
  return problems;
}
