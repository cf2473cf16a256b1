/**
 * The month's roll against last month's: each line is new, stopped, changed, unchanged, back pay
 * or a recovery, with the reason a county officer reads before approving. Nothing disappears
 * silently: a line paid last month and absent now is listed as stopped.
 *
 * Totals: the roll pays its payable regular lines and payable back pay. Recoveries (overpayments,
 * e.g. months paid after a death recorded late) are listed for recovery and NOT netted against
 * anyone's payment: the bank pays positive lines only, and the recovery is collected separately.
 */
import type { Bilingual } from '../../../platform/errors.js';
import { money } from '../../recognition/domain/money.js';
import { changeReason } from './change-reason.js';
import type { Month } from './months.js';
import type { RollLine } from './roll-line.js';

export type Change = 'new' | 'stopped' | 'changed' | 'unchanged' | 'back_pay' | 'recovery';

export interface ClassifiedLine extends RollLine {
  change: Change;
  /** Last month's amount for the same entitlement; null when it had no line. */
  previous_amount_fen: number | null;
  change_reason: Bilingual;
}

export interface RollTotals {
  regular_fen: number;
  back_pay_fen: number;
  /** Sum of the overpayments listed for recovery, as a positive figure. */
  recovery_fen: number;
  /** What the roll pays: regular + back pay. */
  total_fen: number;
  payable_lines: number;
  held_lines: number;
  counts: Record<Change, number>;
}

export interface Roll {
  month: Month;
  lines: ClassifiedLine[];
  totals: RollTotals;
}

const UNCHANGED = { zh: '与上月相同', en: 'same as last month' };

/**
 * Classify this month's regular lines against last month's and append the adjustments. Lines
 * that were stopped last month and are still stopped are left out.
 */
export function classifyRoll(month: Month, current: readonly RollLine[], previous: readonly RollLine[], adjustments: readonly RollLine[] = []): Roll {
  const before = new Map(previous.filter((l) => l.kind === 'regular').map((l) => [l.entitlement_id, l]));
  const lines: ClassifiedLine[] = [];
  for (const line of current) {
    const c = classify(line, before.get(line.entitlement_id) ?? null);
    if (c) lines.push(c);
    before.delete(line.entitlement_id);
  }
  for (const gone of before.values()) {
    if (gone.status === 'stopped') continue;
    const reason = { code: 'not_on_roll' as const, zh: '本月未计算该待遇（已撤销或不在本区域），停发', en: 'the entitlement was not computed this month (withdrawn or out of the region): stopped' };
    lines.push({ ...gone, roll_month: month, for_month: month, status: 'stopped', amount_fen: 0, due_fen: null, reason, change: 'stopped', previous_amount_fen: gone.amount_fen, change_reason: reason });
  }
  for (const a of adjustments) {
    const change = a.amount_fen < 0 ? 'recovery' : 'back_pay';
    lines.push({ ...a, change, previous_amount_fen: null, change_reason: a.reason ?? { zh: '补发', en: 'back pay' } });
  }
  lines.sort(byHousehold);
  return { month, lines, totals: rollTotals(lines) };
}

function classify(line: RollLine, prev: RollLine | null): ClassifiedLine | null {
  const was = prev && prev.status !== 'stopped' ? prev : null;
  const out = (change: Change, reason: Bilingual): ClassifiedLine => ({ ...line, change, previous_amount_fen: prev?.amount_fen ?? null, change_reason: reason });
  if (line.status === 'stopped') return was ? out('stopped', line.reason!) : null;
  if (!was) return out('new', line.status === 'held' ? line.reason! : { zh: `新增发放 ${money(line.amount_fen)}`, en: `new payment ${money(line.amount_fen)}` });
  if (line.status === 'held') return was.status === 'held' && was.reason?.code === line.reason?.code ? out('unchanged', line.reason!) : out('stopped', line.reason!);
  if (was.status === 'held') return out('changed', { zh: `暂停解除，恢复发放 ${money(line.amount_fen)}`, en: `hold lifted: payment resumed at ${money(line.amount_fen)}` });
  if (was.amount_fen === line.amount_fen) return out('unchanged', UNCHANGED);
  return out('changed', changeReason(was.basis, line.basis, was.amount_fen, line.amount_fen));
}

function byHousehold(a: RollLine, b: RollLine): number {
  return a.household_code.localeCompare(b.household_code) || a.program.localeCompare(b.program) || a.entitlement_id.localeCompare(b.entitlement_id)
    || (a.kind === b.kind ? 0 : a.kind === 'regular' ? -1 : 1) || a.for_month.localeCompare(b.for_month);
}

export function rollTotals(lines: readonly ClassifiedLine[]): RollTotals {
  const counts: Record<Change, number> = { new: 0, stopped: 0, changed: 0, unchanged: 0, back_pay: 0, recovery: 0 };
  let regular = 0, backPay = 0, recovery = 0, payable = 0, held = 0;
  for (const l of lines) {
    counts[l.change]++;
    if (l.status === 'held') held++;
    if (l.status === 'recovery') recovery -= l.amount_fen;
    if (l.status !== 'payable') continue;
    payable++;
    if (l.kind === 'regular') regular += l.amount_fen;
    else backPay += l.amount_fen;
  }
  return { regular_fen: regular, back_pay_fen: backPay, recovery_fen: recovery, total_fen: regular + backPay, payable_lines: payable, held_lines: held, counts };
}
