/**
 * No double payment (不重复发放). A month is paid once per entitlement and once per program and
 * recipient: the household for a per-household program, the person for a per-person one. The
 * rule covers regular lines that pay or hold money (a held line will be paid later) on this
 * roll and on the rolls already approved; an adjustment for a month is a difference and may
 * follow the regular line, but only one adjustment per entitlement and month can be on a roll.
 */
import type { Bilingual } from '../../../platform/errors.js';
import { isPerPerson, programOf, type ProgramCode } from './entitlement.js';
import type { Month } from './months.js';
import type { RollLine } from './roll-line.js';

/** A regular line of an approved roll (from the ledger). */
export interface PaidLine {
  entitlement_id: string;
  program: ProgramCode;
  household_code: string;
  payee_id_number: string;
  for_month: Month;
  roll_month: Month;
}

export interface DuplicatePayment extends Bilingual {
  key: string;
  entitlement_ids: string[];
  for_month: Month;
}

function recipient(l: { program: ProgramCode; household_code: string; payee_id_number: string }): string {
  return isPerPerson(l.program) ? `person:${l.payee_id_number}` : `household:${l.household_code}`;
}

function keysOf(l: RollLine): string[] {
  if (l.status === 'stopped' || l.status === 'recovery') return [];
  if (l.kind === 'adjustment') return [`adjustment|${l.entitlement_id}|${l.for_month}`];
  const who = recipient({ program: l.program, household_code: l.household_code, payee_id_number: l.payee.id_number });
  return [`entitlement|${l.entitlement_id}|${l.for_month}`, `program|${l.program}|${who}|${l.for_month}`];
}

/** Every duplicate among the roll's lines and against approved rolls; empty when none. */
export function findDuplicates(lines: readonly RollLine[], approved: readonly PaidLine[] = []): DuplicatePayment[] {
  const seen = new Map<string, { ids: string[]; earlierRoll: Month | null }>();
  for (const p of approved) {
    for (const key of [`entitlement|${p.entitlement_id}|${p.for_month}`, `program|${p.program}|${recipient(p)}|${p.for_month}`]) {
      if (!seen.has(key)) seen.set(key, { ids: [p.entitlement_id], earlierRoll: p.roll_month });
    }
  }
  const dupes = new Map<string, DuplicatePayment>();
  for (const l of lines) {
    for (const key of keysOf(l)) {
      const s = seen.get(key);
      if (!s) {
        seen.set(key, { ids: [l.entitlement_id], earlierRoll: null });
        continue;
      }
      s.ids.push(l.entitlement_id);
      const program = programOf(l.program);
      const where = s.earlierRoll ? { zh: `已在 ${s.earlierRoll} 花名册发放`, en: `was already paid on the ${s.earlierRoll} roll` } : { zh: '在本花名册中出现多次', en: 'appears more than once on this roll' };
      const what = l.kind === 'adjustment' ? { zh: '补发/追回', en: 'adjustment' } : { zh: '', en: '' };
      dupes.set(key, {
        key, entitlement_ids: [...new Set(s.ids)], for_month: l.for_month,
        zh: `户 ${l.household_code} 的${program.zh}${what.zh}（${l.for_month}）${where.zh}，不能重复发放`,
        en: `${program.en}${what.en ? ' ' + what.en : ''} for household ${l.household_code}, ${l.for_month}, ${where.en}: it cannot be paid twice`,
      });
    }
  }
  return [...dupes.values()];
}
