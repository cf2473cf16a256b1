/**
 * The double-payment rule's words: a grant's period as a clerk says it (2026-10, 2026-10 至
 * 2026-12, 2026-10-15) and the warning that names the earlier grant, its amount and where it
 * came from.
 */
import type { Bilingual } from '../../../platform/errors.js';
import { money } from './amount-estimate.js';

export interface LedgerEntry {
  id: string;
  amount: number | null;
  period_from: string;
  period_to: string;
  referral_id: string | null;
  case_id: string | null;
}

function lastDayOfMonth(ym: string): string {
  const [y, m] = ym.split('-').map(Number);
  return `${ym}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

/** Whole months as YYYY-MM (a range as "A 至 B" / "A to B"); otherwise the dates. */
export function periodText(from: string, to: string): Bilingual {
  const wholeMonths = from.endsWith('-01') && to === lastDayOfMonth(to.slice(0, 7));
  const [a, b] = wholeMonths ? [from.slice(0, 7), to.slice(0, 7)] : [from, to];
  return a === b ? { zh: a, en: a } : { zh: `${a} 至 ${b}`, en: `${a} to ${b}` };
}

export function duplicateWarning(earlier: LedgerEntry, program: { zh: string; en: string }): Bilingual {
  const period = periodText(earlier.period_from, earlier.period_to);
  const amount = earlier.amount === null ? '' : ` ${money(earlier.amount)}`;
  const source = earlier.referral_id
    ? { zh: `转介 #${earlier.referral_id}`, en: `referral #${earlier.referral_id}` }
    : earlier.case_id ? { zh: `案件 #${earlier.case_id}`, en: `case #${earlier.case_id}` } : { zh: `台账 #${earlier.id}`, en: `ledger entry #${earlier.id}` };
  return {
    zh: `该户 ${period.zh} 已获得${program.zh}${amount}（${source.zh}）；确需再次发放请确认并说明理由`,
    en: `the household already received ${program.en}${amount} for ${period.en} (${source.en}); to pay again, confirm and give the reason`,
  };
}
