/**
 * What a case step reads besides the case: the case parameters in force for the case's region
 * on the day (deadlines, publicity, validity, gradual exit) and the working-day calendar, and
 * from them each step's deadline.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { PolicyService } from '../policy/policy.service.js';
import type { WorkingCalendar } from '../monitoring/calendar/working-days.js';
import { addDays } from '../monitoring/calendar/working-days.js';
import type { CaseState } from './domain/case-machine.js';

export const CASE_PARAMETER_KEYS = {
  discovered: 'case.deadline_days.discovered',
  verifying: 'case.deadline_days.verifying',
  economicCheck: 'case.deadline_days.economic_check',
  assessed: 'case.deadline_days.assessed',
  publicityDays: 'case.publicity_days',
  decide: 'case.deadline_days.decide',
  decided: 'case.deadline_days.decided',
  underReview: 'case.deadline_days.under_review',
  total: 'case.total_working_days',
  totalExtended: 'case.total_working_days_extended',
  escalationStep: 'case.escalation_step_days',
  fastReliefDays: 'temporary.fast_relief_days',
  fastReliefMonths: 'temporary.fast_relief_months',
  gradualExitMonths: 'dibao.gradual_exit_months',
  rigidValidityMonths: 'rigid.validity_months',
} as const;

export type CaseParams = Record<keyof typeof CASE_PARAMETER_KEYS, number>;

export async function caseParams(policy: PolicyService, region: string, on: string, db: Kysely<DB>): Promise<CaseParams> {
  const out = {} as CaseParams;
  for (const [name, key] of Object.entries(CASE_PARAMETER_KEYS) as [keyof CaseParams, string][]) {
    out[name] = Number((await policy.get(key, region, on, db)).value);
  }
  return out;
}

/** The deadline of the step a case enters on `from`; null for states without one. */
export function stepDue(state: CaseState, from: string, cal: WorkingCalendar, p: CaseParams, opts: { visitDue?: string | null; publicityUntil?: string | null } = {}): string | null {
  switch (state) {
    case 'discovered': return cal.addWorkingDays(from, p.discovered);
    case 'assigned':
    case 'verifying': return opts.visitDue ?? cal.addWorkingDays(from, p.verifying);
    case 'economic_check': return cal.addWorkingDays(from, p.economicCheck);
    case 'assessed': return cal.addWorkingDays(from, p.assessed);
    case 'publicity': return cal.addWorkingDays(opts.publicityUntil ?? publicityUntil(from, p), p.decide);
    case 'decided': return cal.addWorkingDays(from, p.decided);
    case 'under_review': return cal.addWorkingDays(from, p.underReview);
    default: return null;
  }
}

/** The last day of a publicity that starts on `from` (7 days: from and the six after it). */
export function publicityUntil(from: string, p: CaseParams): string {
  return addDays(from, Math.max(1, p.publicityDays) - 1);
}

/** A date `months` calendar months later, the day before (a validity of 12 months from 2026-03-15 ends 2027-03-14). */
export function monthsLater(date: string, months: number, dayBefore = true): string {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  const iso = target.toISOString().slice(0, 10);
  return dayBefore ? addDays(iso, -1) : iso;
}
