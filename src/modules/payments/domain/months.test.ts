import { describe, expect, it } from 'vitest';
import { addMonths, checkMonth, isMonth, monthOf, monthRange } from './months.js';

describe('months', () => {
  it('accepts YYYY-MM only', () => {
    expect(isMonth('2026-01')).toBe(true);
    expect(isMonth('2026-12')).toBe(true);
    for (const bad of ['2026-13', '2026-00', '2026-1', '2026-01-01', 202601, null]) expect(isMonth(bad)).toBe(false);
  });

  it('names the field and the value when a month is malformed', () => {
    expect(() => checkMonth('start_month', '2026/01')).toThrow('start_month「2026/01」应为 YYYY-MM 格式的月份 / start_month "2026/01" must be a month as YYYY-MM');
  });

  it('adds months across year ends both ways', () => {
    expect(addMonths('2026-01', 1)).toBe('2026-02');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-03', -15)).toBe('2024-12');
  });

  it('lists a range inclusively', () => {
    expect(monthRange('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthRange('2026-02', '2026-01')).toEqual([]);
    expect(monthOf('2026-03-17')).toBe('2026-03');
  });
});
