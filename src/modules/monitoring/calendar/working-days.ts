/**
 * The working-day calendar (工作日历), pure: Monday to Friday are working days, except the public
 * holidays, and a weekend day is one when it is a make-up working day (调休上班). Dates are plain
 * 'YYYY-MM-DD' strings counted as day numbers: no time zone ever enters.
 */

export type DayKind = 'holiday' | 'workday';

export const DAY_KINDS: readonly DayKind[] = ['holiday', 'workday'];

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil). */
function dayNumber(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The date of a day number (Hinnant's civil_from_days). */
function dateOf(n: number): string {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isCalendarDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && dateOf(dayNumber(y, mo, d)) === s;
}

function toDayNumber(date: string): number {
  if (!isCalendarDate(date)) throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
  return dayNumber(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(date: string): number {
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

export function isWeekend(date: string): boolean {
  const w = weekday(date);
  return w === 0 || w === 6;
}

/** The date n days after (or before, n < 0) a date. */
export function addDays(date: string, n: number): string {
  return dateOf(toDayNumber(date) + n);
}

export class WorkingCalendar {
  /** @param exceptions the days that differ from Monday–Friday: date → 'holiday' | 'workday'. */
  constructor(private readonly exceptions: ReadonlyMap<string, DayKind> = new Map()) {
    for (const date of exceptions.keys()) toDayNumber(date);
  }

  isWorkingDay(date: string): boolean {
    const kind = this.exceptions.get(date);
    if (kind) return kind === 'workday';
    return !isWeekend(date);
  }

  /**
   * The deadline n working days after `from`: the n-th working day after it. With n = 0, `from`
   * itself when it is a working day, else the next working day.
   */
  addWorkingDays(from: string, n: number): string {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0: ${n}`);
    let day = toDayNumber(from);
    if (n === 0) {
      while (!this.isWorkingDay(dateOf(day))) day++;
      return dateOf(day);
    }
    for (let left = n; left > 0; ) {
      day++;
      if (this.isWorkingDay(dateOf(day))) left--;
    }
    return dateOf(day);
  }

  /**
   * How many working days lie after `from` up to and including `to` ("overdue by N working
   * days" when `from` is the deadline and `to` today); negative, by the same count, when to < from.
   */
  workingDaysBetween(from: string, to: string): number {
    const a = toDayNumber(from);
    const b = toDayNumber(to);
    if (b < a) return -this.workingDaysBetween(to, from);
    let count = weekdaysIn(a, b);
    for (const [date, kind] of this.exceptions) {
      const n = toDayNumber(date);
      if (n <= a || n > b) continue;
      const weekend = isWeekend(date);
      if (kind === 'holiday' && !weekend) count--;
      if (kind === 'workday' && weekend) count++;
    }
    return count;
  }
}

/** Monday–Friday days in the day numbers (a, b]. */
function weekdaysIn(a: number, b: number): number {
  const fullWeeks = Math.floor((b - a) / 7);
  let count = fullWeeks * 5;
  for (let n = a + fullWeeks * 7 + 1; n <= b; n++) {
    const w = (((n + 4) % 7) + 7) % 7;
    if (w !== 0 && w !== 6) count++;
  }
  return count;
}
