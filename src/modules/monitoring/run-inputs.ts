/**
 * What a run reads besides the data: the policy parameters its indicators name, in force on
 * the run's date for the province, and the deadline of each level counted in working days.
 */
import type { PolicyService } from '../policy/policy.service.js';
import type { CalendarService } from './calendar/calendar.service.js';
import { LEVELS } from './domain/indicator-definition.js';

const PROVINCE = '22';

export async function resolveParams(policy: PolicyService, keys: string[], on: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const key of new Set(keys)) {
    const p = await policy.get(key, PROVINCE, on);
    out.set(key, Number(p.value));
  }
  return out;
}

/** The deadline date of each level rank (1 blue … 4 red) for alerts raised on `on`. */
export async function deadlinesFor(policy: PolicyService, calendar: CalendarService, on: string): Promise<Record<number, string>> {
  const cal = await calendar.workingCalendar();
  const out: Record<number, string> = {};
  for (const l of LEVELS) {
    const days = Number((await policy.get(`monitor.deadline_days.${l.code}`, PROVINCE, on)).value);
    out[l.rank] = cal.addWorkingDays(on, days);
  }
  return out;
}
