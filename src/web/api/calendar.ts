/**
 * The working calendar (工作日历): public holidays and make-up working days (调休上班) that
 * deadlines in working days count on (GET /api/calendar?year=, PUT/DELETE /api/calendar/{date}).
 * Every other day follows the Monday–Friday week.
 */
import { apiDelete, apiGet, apiPut } from './api';
import { invalidateQueries, useQuery } from './query';

export type DayKind = 'holiday' | 'workday';

export interface CalendarDay {
  /** YYYY-MM-DD */
  day: string;
  kind: DayKind;
  name: string;
  source: string | null;
  updated_by: string;
  updated_at: string;
}

export interface CalendarYear {
  year: number;
  days: CalendarDay[];
}

export interface DayChange {
  kind: DayKind;
  name: string;
  /** optional: the notice the day comes from; sent only when given */
  source?: string;
}

export const calendarKeys = {
  all: ['calendar'] as const,
  year: (year: number) => ['calendar', year] as const,
};

const enc = encodeURIComponent;

export const calendarApi = {
  year: (year: number) => apiGet<CalendarYear>(`/api/calendar?year=${year}`),
  put: (day: string, change: DayChange) => apiPut<CalendarDay>(`/api/calendar/${enc(day)}`, change),
  remove: (day: string) => apiDelete(`/api/calendar/${enc(day)}`),
};

export function useCalendarYear(year: number) {
  return useQuery(calendarKeys.year(year), () => calendarApi.year(year), { staleTime: 0 });
}

export function invalidateCalendar(): void {
  invalidateQueries(calendarKeys.all);
}
