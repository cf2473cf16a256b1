/**
 * Recalculation (重新核算): what each closed month should have paid, under the parameters and
 * facts known now, against what it did pay. A positive difference is back pay (补发), a negative
 * one an overpayment listed for recovery (追回). Typical causes:
 *  - a standard raise backdated (a raise announced in July, in force from 1 January): each month
 *    from January is owed the difference, put on the next roll with the parameter change named;
 *  - a death recorded late: months after the month of death that were paid are recovered;
 *  - a late approval: months from the entitlement's start with no payment are owed in full.
 *
 * "Paid" is everything the ledger paid for the month (the regular line plus earlier adjustments),
 * so running the recalculation again after its adjustments are paid finds nothing: no double back
 * pay. Months that were held are left alone unless the hold is being released.
 */
import type { Bilingual } from '../../../platform/errors.js';
import { money } from '../../recognition/domain/money.js';
import { changeReason } from './change-reason.js';
import type { Entitlement } from './entitlement.js';
import { monthRange, type Month } from './months.js';
import { monthlyAmount, type AmountBasis, type HouseholdFacts, type MonthAmount } from './monthly-amount.js';
import type { ParameterVersion } from './parameter-history.js';
import type { Reason, RollLine } from './roll-line.js';

/** A ledger line for the entitlement (regular or adjustment) that the bank paid. */
export interface PaidMonth {
  for_month: Month;
  paid_fen: number;
  /** The month was held (nothing paid); recalculated only when the hold is released. */
  held?: boolean;
  /** The basis the amount was computed on (the regular line's). */
  basis: AmountBasis | null;
}

export interface Difference {
  for_month: Month;
  paid_fen: number;
  due_fen: number;
  difference_fen: number;
  kind: 'back_pay' | 'recovery';
  reason: Reason;
}

export interface Recalculation {
  differences: Difference[];
  /** Months whose amount cannot be computed now: no adjustment, shown to the officer. */
  not_computable: { for_month: Month; text: Bilingual }[];
}

export interface RecalculationRange {
  from: Month;
  /** The last closed month (the month before the roll the adjustments go on). */
  through: Month;
  releaseHolds?: boolean;
}

export function recalculate(e: Entitlement, range: RecalculationRange, paid: readonly PaidMonth[], due: (month: Month) => MonthAmount): Recalculation {
  const out: Recalculation = { differences: [], not_computable: [] };
  for (const month of monthRange(range.from, range.through)) {
    const lines = paid.filter((p) => p.for_month === month);
    if (lines.some((p) => p.held) && !range.releaseHolds) continue;
    const paidFen = lines.reduce((s, p) => s + p.paid_fen, 0);
    const basis = lines.find((p) => p.basis)?.basis ?? null;
    const now = due(month);
    if (now.kind === 'not_computable') {
      out.not_computable.push({ for_month: month, text: now.text });
      continue;
    }
    const dueFen = now.kind === 'due' ? now.amount_fen : 0;
    if (dueFen === paidFen) continue;
    out.differences.push(difference(month, paidFen, dueFen, now, basis));
  }
  return out;
}

/** recalculate with monthlyAmount under the given parameter history and household facts. */
export function recalculateWithHistory(e: Entitlement, range: RecalculationRange, paid: readonly PaidMonth[], history: readonly ParameterVersion[], facts: HouseholdFacts): Recalculation {
  return recalculate(e, range, paid, (month) => monthlyAmount(e, month, history, facts));
}

function difference(month: Month, paidFen: number, dueFen: number, now: MonthAmount, paidBasis: AmountBasis | null): Difference {
  const diff = dueFen - paidFen;
  const kind = diff > 0 ? 'back_pay' : 'recovery';
  const head = kind === 'back_pay' ? { zh: `补发 ${month}`, en: `back pay for ${month}` } : { zh: `追回 ${month} 多发金额`, en: `recover the overpayment for ${month}` };
  let why: Bilingual;
  if (now.kind === 'none') why = { zh: `${now.text.zh}；已发放 ${money(paidFen)}`, en: `${now.text.en}; ${money(paidFen)} was paid` };
  else if (paidFen === 0 && !paidBasis) why = { zh: `该月未发放，应发 ${money(dueFen)}`, en: `not paid for the month; ${money(dueFen)} due` };
  else why = changeReason(paidBasis, now.kind === 'due' ? now.basis : null, paidFen, dueFen);
  return {
    for_month: month, paid_fen: paidFen, due_fen: dueFen, difference_fen: diff, kind,
    reason: { code: kind, zh: `${head.zh}（${money(Math.abs(diff))}）：${why.zh}`, en: `${head.en} (${money(Math.abs(diff))}): ${why.en}` },
  };
}

/**
 * The adjustment lines for the next roll. Back pay follows the entitlement's regular line on that
 * roll: held with it when it is held, and held for a decision when the person has died (money
 * owed for months while alive goes to the heirs by decision, never automatically to the
 * account of the dead). Recoveries are listed with status 'recovery'.
 */
export function adjustmentLines(e: Entitlement, rollMonth: Month, differences: readonly Difference[], regular: RollLine | null): RollLine[] {
  return differences.map((d) => {
    const base = {
      entitlement_id: e.id, household_code: e.household_code, payee: e.payee, program: e.program,
      roll_month: rollMonth, for_month: d.for_month, kind: 'adjustment' as const, amount_fen: d.difference_fen, due_fen: d.difference_fen, basis: null,
    };
    if (d.kind === 'recovery') return { ...base, status: 'recovery' as const, reason: d.reason };
    if (regular?.status === 'held') return { ...base, status: 'held' as const, amount_fen: 0, reason: { ...regular.reason!, zh: `${d.reason.zh}；${regular.reason!.zh}`, en: `${d.reason.en}; ${regular.reason!.en}` } };
    if (regular?.reason?.code === 'death') {
      const hold = { zh: '领款人已去世，补发款待决定后发放给继承人', en: 'the payee has died: back pay is held for a decision on the heirs' };
      return { ...base, status: 'held' as const, amount_fen: 0, reason: { code: 'payee_deceased' as const, zh: `${d.reason.zh}；${hold.zh}`, en: `${d.reason.en}; ${hold.en}` } };
    }
    return { ...base, status: 'payable' as const, reason: d.reason };
  });
}
