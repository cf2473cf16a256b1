import { describe, expect, it } from 'vitest';
import { addDays, isCalendarDate, weekday, WorkingCalendar, type DayKind } from './working-days.js';
import { holidayRows, readHolidayFile } from './calendar.loader.js';

const official = new WorkingCalendar(new Map(holidayRows(readHolidayFile()).map((r) => [r.day, r.kind] as [string, DayKind])));
const plain = new WorkingCalendar();

describe('dates', () => {
  it('reads only real YYYY-MM-DD dates', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    for (const bad of ['2026-02-29', '2026-13-01', '2026-1-5', '20260105', '2026-01-05T00:00', '']) expect(isCalendarDate(bad), bad).toBe(false);
    expect(() => plain.addWorkingDays('2026-02-30', 1)).toThrow(RangeError);
  });

  it('knows the weekday and steps over month and year ends', () => {
    expect(weekday('2026-02-14')).toBe(6);
    expect(weekday('2026-01-04')).toBe(0);
    expect(weekday('1970-01-01')).toBe(4);
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('WorkingCalendar', () => {
  it('counts a normal week Monday to Friday', () => {
    // 2026-03-09 is a Monday
    expect(official.addWorkingDays('2026-03-09', 1)).toBe('2026-03-10');
    expect(official.addWorkingDays('2026-03-09', 4)).toBe('2026-03-13');
    expect(official.workingDaysBetween('2026-03-09', '2026-03-13')).toBe(4);
  });

  it('skips the weekend', () => {
    expect(official.addWorkingDays('2026-03-13', 1)).toBe('2026-03-16');
    expect(official.addWorkingDays('2026-03-14', 1)).toBe('2026-03-16');
    expect(official.isWorkingDay('2026-03-14')).toBe(false);
    expect(official.workingDaysBetween('2026-03-13', '2026-03-16')).toBe(1);
  });

  it('counts the 2026 Spring Festival: Sat 2-14 is a make-up working day, 2-15…2-23 are off', () => {
    expect(official.isWorkingDay('2026-02-14')).toBe(true);
    expect(official.isWorkingDay('2026-02-16')).toBe(false);
    expect(official.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(official.addWorkingDays('2026-02-13', 3)).toBe('2026-02-25');
    expect(official.workingDaysBetween('2026-02-13', '2026-02-25')).toBe(3);
  });

  it('counts a make-up Saturday as a working day', () => {
    expect(official.isWorkingDay('2026-10-10')).toBe(true);
    // Fri 10-09 + 1 → Sat 10-10 (调休上班); the plain Mon–Fri calendar would say Mon 10-12
    expect(official.addWorkingDays('2026-10-09', 1)).toBe('2026-10-10');
    expect(plain.addWorkingDays('2026-10-09', 1)).toBe('2026-10-12');
  });

  it('with n = 0 returns the day itself when working, else the next working day', () => {
    expect(official.addWorkingDays('2026-03-10', 0)).toBe('2026-03-10');
    expect(official.addWorkingDays('2026-10-01', 0)).toBe('2026-10-08');
    expect(official.addWorkingDays('2026-02-15', 0)).toBe('2026-02-24');
    expect(official.addWorkingDays('2026-03-14', 0)).toBe('2026-03-16');
  });

  it('crosses a year boundary (元旦 2026 with Sun 1-4 worked)', () => {
    // Wed 2025-12-31 + 1: 1-1…1-3 off, Sun 1-4 make-up working day
    expect(official.addWorkingDays('2025-12-31', 1)).toBe('2026-01-04');
    expect(official.addWorkingDays('2025-12-30', 3)).toBe('2026-01-05');
    expect(official.workingDaysBetween('2025-12-30', '2026-01-05')).toBe(3);
  });

  it('counts Monday–Friday only in a year with no listed exception', () => {
    // 2027 is not in the file: Fri 2027-02-05 + 5 → Fri 2027-02-12, whatever the Spring Festival
    expect(official.addWorkingDays('2027-02-05', 5)).toBe('2027-02-12');
    expect(official.addWorkingDays('2027-12-31', 1)).toBe('2028-01-03');
    expect(official.workingDaysBetween('2027-01-01', '2027-12-31')).toBe(260);
  });

  it('measures "overdue by N working days", negative before the deadline', () => {
    expect(official.workingDaysBetween('2026-03-10', '2026-03-10')).toBe(0);
    expect(official.workingDaysBetween('2026-09-30', '2026-10-09')).toBe(2);
    expect(official.workingDaysBetween('2026-10-09', '2026-09-30')).toBe(-2);
    expect(official.workingDaysBetween('2026-02-25', '2026-02-13')).toBe(-3);
  });

  it('agrees with itself: the n-th working day is n working days away', () => {
    for (let start = '2025-01-01'; start < '2027-01-15'; start = addDays(start, 5)) {
      for (const n of [1, 2, 3, 7, 15, 30]) {
        const due = official.addWorkingDays(start, n);
        expect(official.isWorkingDay(due), `${start} + ${n}`).toBe(true);
        expect(official.workingDaysBetween(start, due), `${start} + ${n}`).toBe(n);
      }
    }
  });

  it('refuses a negative or fractional count', () => {
    expect(() => plain.addWorkingDays('2026-03-10', -1)).toThrow(RangeError);
    expect(() => plain.addWorkingDays('2026-03-10', 1.5)).toThrow(RangeError);
  });
});
