/** One exception day as entered by an administrator or read from data/calendar: checked, with the wrong field named. */
import { AppError } from '../../../platform/errors.js';
import { DAY_KINDS, isCalendarDate, isWeekend, type DayKind } from './working-days.js';

export interface DayInput {
  kind: string;
  name: string;
  source?: string | null;
}

export interface CheckedDay {
  day: string;
  kind: DayKind;
  name: string;
  source: string | null;
}

export function checkDate(value: unknown, field: string): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    throw new AppError('VALIDATION', { zh: `${field} 的日期「${String(value)}」无效，应为 YYYY-MM-DD`, en: `${field} "${String(value)}" is not a date (YYYY-MM-DD)` }, { field, value });
  }
  return value;
}

export function checkDay(day: unknown, input: DayInput): CheckedDay {
  const date = checkDate(day, 'day');
  const { kind, name, source } = input;
  if (!DAY_KINDS.includes(kind as DayKind)) {
    throw new AppError('VALIDATION', { zh: `类型「${String(kind)}」无效，应为 holiday（放假）或 workday（调休上班）`, en: `kind "${String(kind)}" must be holiday or workday` }, { field: 'kind', value: kind });
  }
  if (kind === 'workday' && !isWeekend(date)) {
    throw new AppError('VALIDATION', { zh: `${date} 是周一至周五，本来就是工作日；调休上班日只能是周六或周日`, en: `${date} is a Monday–Friday, a working day already; a make-up working day is a Saturday or Sunday` }, { field: 'kind', value: kind });
  }
  const trimmed = typeof name === 'string' ? name.trim() : '';
  if (!trimmed || trimmed.length > 50) {
    throw new AppError('VALIDATION', { zh: `名称「${String(name ?? '')}」无效：应为 1–50 个字，如「春节」「春节调休上班」`, en: `name "${String(name ?? '')}" must be 1–50 characters, e.g. 春节` }, { field: 'name', value: name });
  }
  if (source != null && (typeof source !== 'string' || source.length > 500)) {
    throw new AppError('VALIDATION', { zh: '来源应为不超过 500 字的文字', en: 'source must be text of at most 500 characters' }, { field: 'source' });
  }
  return { day: date, kind: kind as DayKind, name: trimmed, source: source?.trim() || null };
}
