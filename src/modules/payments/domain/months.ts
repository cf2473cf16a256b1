/**
 * Payment months as 'YYYY-MM'. A roll, an entitlement's start and end, and every payment line are
 * counted in whole calendar months; dates ('YYYY-MM-DD') only enter through events such as a death.
 */
import { AppError } from '../../../platform/errors.js';

export type Month = string;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: unknown): value is Month {
  return typeof value === 'string' && MONTH.test(value);
}

/** Throws a bilingual VALIDATION error naming the field when the value is not YYYY-MM. */
export function checkMonth(field: string, value: unknown): Month {
  if (!isMonth(value)) {
    throw new AppError('VALIDATION', { zh: `${field}「${String(value)}」应为 YYYY-MM 格式的月份`, en: `${field} "${String(value)}" must be a month as YYYY-MM` }, { field });
  }
  return value;
}

/** The month a date falls in: '2026-03-17' → '2026-03'. */
export function monthOf(date: string): Month {
  return date.slice(0, 7);
}

export function firstDay(month: Month): string {
  return `${month}-01`;
}

/** '2026-01' + 1 → '2026-02'; '2026-01' − 1 → '2025-12'. */
export function addMonths(month: Month, n: number): Month {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Every month from `from` to `to`, both included; empty when `to` is before `from`. */
export function monthRange(from: Month, to: Month): Month[] {
  const out: Month[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}
