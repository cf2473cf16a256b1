import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestRuntime } from '../../../../test/support/db.js';
import type { Runtime } from '../../../platform/runtime.js';
import { operatorActor, type Actor } from '../../access/domain/actor.js';
import type { Permission } from '../../access/domain/roles.js';
import { CALENDAR_SEEDER, loadWorkCalendar, readHolidayFile, type HolidayFile } from './calendar.loader.js';

const admin = operatorActor('test:admin');
const reader: Actor = { label: 'user:reader', userId: '7', role: 'township_officer', regionCode: '220102001', department: null, permissions: new Set<Permission>(['alert.read', 'alert.handle']) };
const countyManager: Actor = { ...reader, label: 'user:county', regionCode: '220102', permissions: new Set<Permission>(['monitor.manage']) };

describe.each(engines)('working calendar on %s', (engine) => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await openTestRuntime(engine);
  });
  afterAll(async () => rt?.close());

  it('is seeded with the 2025 and 2026 holidays and make-up working days', async () => {
    const y2026 = await rt.services.calendar.year(2026);
    expect(y2026.days).toHaveLength(39);
    expect(y2026.days.filter((d) => d.kind === 'workday').map((d) => d.day)).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    expect(y2026.days.find((d) => d.day === '2026-02-14')).toMatchObject({ kind: 'workday', name: '春节调休上班', updated_by: CALENDAR_SEEDER });
    expect(y2026.days[0].source).toContain('2026年部分节假日安排');
    expect((await rt.services.calendar.year(2025)).days).toHaveLength(33);
    expect((await rt.services.calendar.year(2030)).days).toEqual([]);
    expect(await loadWorkCalendar(rt.database)).toBe(0);
  });

  it('computes deadlines on it, and an edit or removal moves them at once', async () => {
    const { calendar } = rt.services;
    expect(await calendar.deadline('2026-02-13', 3)).toEqual({ from: '2026-02-13', days: 3, deadline: '2026-02-25' });
    const saved = await calendar.setDay('2026-02-24', { kind: 'holiday', name: '春节（本地延长）' }, admin);
    expect(saved).toMatchObject({ day: '2026-02-24', kind: 'holiday', name: '春节（本地延长）', source: null, updated_by: 'test:admin' });
    expect((await calendar.deadline('2026-02-13', 3)).deadline).toBe('2026-02-26');
    expect(await calendar.removeDay('2026-02-14', admin)).toEqual({ ok: true });
    expect((await calendar.deadline('2026-02-13', 3)).deadline).toBe('2026-02-27');
    expect((await calendar.workingCalendar()).isWorkingDay('2026-02-14')).toBe(false);
    const audit = await rt.services.audit.list({ action: 'calendar.' }, admin);
    expect(audit.items.map((e: { action: string; subject: string | null }) => [e.action, e.subject])).toEqual(expect.arrayContaining([['calendar.set', 'calendar:2026-02-24'], ['calendar.remove', 'calendar:2026-02-14']]));
  });

  it('refuses bad input, naming the field and the value', async () => {
    const { calendar } = rt.services;
    await expect(calendar.setDay('2026-02-30', { kind: 'holiday', name: '测试' }, admin)).rejects.toMatchObject({ code: 'VALIDATION', details: { field: 'day', value: '2026-02-30' } });
    await expect(calendar.setDay('2026-03-10', { kind: 'vacation', name: '测试' }, admin)).rejects.toMatchObject({ code: 'VALIDATION', details: { field: 'kind', value: 'vacation' } });
    await expect(calendar.setDay('2026-03-10', { kind: 'holiday', name: '  ' }, admin)).rejects.toMatchObject({ code: 'VALIDATION', details: { field: 'name' } });
    await expect(calendar.setDay('2026-03-11', { kind: 'workday', name: '调休' }, admin)).rejects.toThrow(/调休上班日只能是周六或周日/);
    await expect(calendar.removeDay('2026-03-12', admin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(calendar.removeDay('12/03/2026', admin)).rejects.toMatchObject({ details: { field: 'day' } });
    await expect(calendar.deadline('2026-3-1', 1)).rejects.toMatchObject({ details: { field: 'from', value: '2026-3-1' } });
    await expect(calendar.deadline('2026-03-01', -1)).rejects.toMatchObject({ details: { field: 'days', value: -1 } });
    await expect(calendar.year(20261)).rejects.toMatchObject({ details: { field: 'year' } });
  });

  it('lets only province-wide holders of monitor.manage edit, and anyone read', async () => {
    const { calendar } = rt.services;
    await expect(calendar.setDay('2026-03-13', { kind: 'holiday', name: '测试' }, reader)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(calendar.removeDay('2026-10-01', reader)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(calendar.setDay('2026-03-13', { kind: 'holiday', name: '测试' }, countyManager)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await calendar.year(2026)).days.some((d) => d.day === '2026-03-13')).toBe(false);
    expect((await calendar.deadline('2026-09-30', 1)).deadline).toBe('2026-10-08');
  });

  it('keeps administrators\' edits and removals when a new version of the file is loaded', async () => {
    const { calendar } = rt.services;
    await calendar.setDay('2026-10-10', { kind: 'workday', name: '国庆节调休上班（省里确认）', source: '省政府办公厅通知' }, admin);
    await calendar.removeDay('2026-05-09', admin);
    const file = readHolidayFile();
    const next: HolidayFile = {
      version: 'test-next',
      years: [
        ...file.years.map((y) => ({
          ...y,
          days: y.days
            .filter((d) => d.day !== '2026-09-20')
            .map((d) => (d.day === '2026-06-19' ? { ...d, name: '端午节（更正）' } : d)),
        })),
        { year: 2027, source: '测试', days: [{ day: '2027-01-01', kind: 'holiday', name: '元旦' }] },
      ],
    };
    expect(await loadWorkCalendar(rt.database, next)).toBe(2);
    const days = new Map((await calendar.year(2026)).days.map((d) => [d.day, d]));
    expect(days.get('2026-10-10')).toMatchObject({ name: '国庆节调休上班（省里确认）', updated_by: 'test:admin', source: '省政府办公厅通知' });
    expect(days.has('2026-05-09')).toBe(false);
    expect(days.has('2026-02-14')).toBe(false);
    expect(days.get('2026-02-24')).toMatchObject({ name: '春节（本地延长）' });
    expect(days.get('2026-06-19')).toMatchObject({ name: '端午节（更正）', updated_by: CALENDAR_SEEDER });
    expect(days.has('2026-09-20')).toBe(false);
    expect((await calendar.year(2027)).days.map((d) => d.day)).toEqual(['2027-01-01']);
    expect(await loadWorkCalendar(rt.database, next)).toBe(0);
  });
});
