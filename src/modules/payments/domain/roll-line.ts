/**
 * One entitlement's line on a month's roll (发放花名册): payable, held or stopped, with the reason.
 *
 * Stops end the payment: a death, an exit decision (退出), the entitlement's end, or an amount of
 * ¥0 after a recomputation. Holds keep the line on the roll with amount 0 and status 'held' until
 * the cause is settled: an eligibility-review alert (复核预警), a suspended case, a suspended
 * entitlement, a household payee who has died (a new payee must be named), or an amount that
 * cannot be computed. The amount a held line would have paid stays on the line (`due_fen`) so the
 * months held can be paid back once the hold is lifted (back-pay.ts).
 *
 * When several causes apply, a stop wins over a hold, and the order below decides between them.
 */
import type { Bilingual } from '../../../platform/errors.js';
import type { Entitlement, Payee, ProgramCode } from './entitlement.js';
import type { Month } from './months.js';
import type { AmountBasis, MonthAmount } from './monthly-amount.js';

export type StopReason = 'death' | 'exit_decision' | 'entitlement_ended' | 'zero_amount' | 'not_on_roll';
export type HoldReason = 'case_suspended' | 'review_hold' | 'entitlement_suspended' | 'payee_deceased' | 'not_computable';

export interface Reason extends Bilingual {
  code: StopReason | HoldReason | 'back_pay' | 'recovery';
}

/** An event outside the entitlement that stops or holds it from a month on (set by cases/monitoring). */
export interface Control {
  kind: 'exit_decision' | 'review_hold' | 'case_suspended';
  /** First month affected: the month after the decision or alert, as the service sets it. */
  from_month: Month;
  /** The case, decision or alert, e.g. "case #12". */
  ref: string;
}

export type LineStatus = 'payable' | 'held' | 'stopped' | 'recovery';

export interface RollLine {
  entitlement_id: string;
  household_code: string;
  payee: Payee;
  program: ProgramCode;
  /** The month of the roll the line is on. */
  roll_month: Month;
  /** The month the money is for: the roll month for a regular line, an earlier one for an adjustment. */
  for_month: Month;
  kind: 'regular' | 'adjustment';
  status: LineStatus;
  /** What the roll pays (0 when held or stopped; negative for a recovery). */
  amount_fen: number;
  /** What the line would pay without its hold (an adjustment: the difference); null when nothing was computed. */
  due_fen: number | null;
  reason: Reason | null;
  basis: AmountBasis | null;
}

const CONTROL_TEXT: Record<Control['kind'], (ref: string) => Bilingual> = {
  exit_decision: (ref) => ({ zh: `退出决定（${ref}），停发`, en: `exit decision (${ref}): stopped` }),
  case_suspended: (ref) => ({ zh: `案件暂停（${ref}），暂停发放`, en: `case suspended (${ref}): payment held` }),
  review_hold: (ref) => ({ zh: `资格复核预警（${ref}），复核期间暂停发放`, en: `eligibility-review alert (${ref}): held during the review` }),
};

/**
 * The line for an entitlement in a month, or null when the month is before its start. The amount
 * is computed by monthlyAmount; the controls are those recorded for the entitlement's case.
 */
export function rollLine(e: Entitlement, month: Month, amount: MonthAmount, controls: readonly Control[]): RollLine | null {
  if (amount.kind === 'none' && amount.reason === 'not_started') return null;
  const base = {
    entitlement_id: e.id, household_code: e.household_code, payee: e.payee, program: e.program,
    roll_month: month, for_month: month, kind: 'regular' as const,
    due_fen: amount.kind === 'due' ? amount.amount_fen : null, basis: amount.kind === 'none' ? null : amount.basis,
  };
  const stop = (code: StopReason, text: Bilingual): RollLine => ({ ...base, status: 'stopped', amount_fen: 0, reason: { code, ...text } });
  const hold = (code: HoldReason, text: Bilingual): RollLine => ({ ...base, status: 'held', amount_fen: 0, reason: { code, ...text } });
  const control = (kind: Control['kind']) => controls.find((c) => c.kind === kind && c.from_month <= month);

  const exit = control('exit_decision');
  if (amount.kind === 'none') {
    if (amount.reason === 'death') return stop('death', amount.text);
    // an entitlement that ended with the memberships an exit decision ended names the decision
    if (exit) return stop('exit_decision', { zh: `退出决定（${exit.ref}），${amount.text.zh}，停发`, en: `exit decision (${exit.ref}): ${amount.text.en}, stopped` });
    return stop('entitlement_ended', amount.text);
  }
  if (exit) return stop('exit_decision', CONTROL_TEXT.exit_decision(exit.ref));
  if (e.status === 'ended') return stop('entitlement_ended', { zh: '待遇已终止', en: 'the entitlement has ended' });
  const suspended = control('case_suspended');
  if (suspended) return hold('case_suspended', CONTROL_TEXT.case_suspended(suspended.ref));
  const review = control('review_hold');
  if (review) return hold('review_hold', CONTROL_TEXT.review_hold(review.ref));
  if (e.status === 'suspended') return hold('entitlement_suspended', { zh: '待遇暂停', en: 'the entitlement is suspended' });
  if (amount.kind === 'not_computable') return hold('not_computable', { zh: `金额无法计算：${amount.text.zh}`, en: `amount not computable: ${amount.text.en}` });
  if (amount.payee_deceased) {
    return hold('payee_deceased', { zh: '领款人已去世，待指定新的领款人后发放', en: 'the payee has died: held until a new payee is named' });
  }
  if (amount.amount_fen === 0) return stop('zero_amount', { zh: '重新计算后金额为 ¥0，请复核', en: 'the recomputed amount is ¥0: review the household' });
  return { ...base, status: 'payable', amount_fen: amount.amount_fen, reason: null };
}
