/**
 * Seeds the State Council's holidays and make-up working days (data/calendar/holidays.json) into
 * work_calendar_day, once per file version. Days an administrator edited (updated_by is not the
 * seeder) or removed (a calendar.remove audit entry) are never overwritten or brought back;
 * seeded days a newer file no longer lists are removed.
 */
import fs from 'node:fs';
import { sql } from 'kysely';
import type { Database } from '../../../platform/db/database.js';
import { DATA_DIR } from '../../../platform/reference/csv-file.js';
import { checkDay, type CheckedDay } from './calendar-day.js';

export const CALENDAR_SEEDER = 'system:calendar';

export interface HolidayFile {
  version: string;
  years: { year: number; source: string; days: { day: string; kind: string; name: string }[] }[];
}

export function readHolidayFile(file = DATA_DIR + 'calendar/holidays.json'): HolidayFile {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as HolidayFile;
}

/** Every day of the file, checked; a day listed twice or under the wrong year is an error in the file. */
export function holidayRows(file: HolidayFile): CheckedDay[] {
  const rows: CheckedDay[] = [];
  const seen = new Set<string>();
  for (const y of file.years) {
    for (const d of y.days) {
      if (seen.has(d.day) || !d.day.startsWith(`${y.year}-`)) throw new Error(`holidays.json: ${d.day} is listed twice or under the wrong year`);
      seen.add(d.day);
      rows.push(checkDay(d.day, { kind: d.kind, name: d.name, source: y.source }));
    }
  }
  return rows;
}

/** Returns the number of days written (0 when this version is already loaded). */
export async function loadWorkCalendar(database: Database, file: HolidayFile = readHolidayFile()): Promise<number> {
  const { db } = database;
  const done = await db.selectFrom('reference_data').select('version').where('name', '=', 'work_calendar').executeTakeFirst();
  if (done?.version === file.version) return 0;
  const rows = holidayRows(file);
  return db.transaction().execute(async (trx) => {
    // Read only when a new version arrives: the audit log has no index on action.
    const removed = new Set((await trx.selectFrom('audit_log').select('subject').where('action', '=', 'calendar.remove').execute()).map((r) => r.subject));
    const fresh = rows.filter((r) => !removed.has(`calendar:${r.day}`)).map((r) => ({ ...r, updated_by: CALENDAR_SEEDER }));
    const written = fresh.length === 0 ? [] : await trx
      .insertInto('work_calendar_day')
      .values(fresh)
      .onConflict((oc) =>
        oc.column('day')
          .doUpdateSet((eb) => ({ kind: eb.ref('excluded.kind'), name: eb.ref('excluded.name'), source: eb.ref('excluded.source'), updated_at: sql`now()` }))
          .where('work_calendar_day.updated_by', '=', CALENDAR_SEEDER)
          .where(sql<boolean>`(work_calendar_day.kind, work_calendar_day.name, work_calendar_day.source) IS DISTINCT FROM (excluded.kind, excluded.name, excluded.source)`),
      )
      .returning('day')
      .execute();
    let stale = trx.deleteFrom('work_calendar_day').where('updated_by', '=', CALENDAR_SEEDER);
    if (rows.length > 0) stale = stale.where('day', 'not in', rows.map((r) => r.day));
    await stale.execute();
    await trx
      .insertInto('reference_data')
      .values({ name: 'work_calendar', version: file.version, rows: rows.length })
      .onConflict((oc) => oc.column('name').doUpdateSet({ version: file.version, rows: rows.length, loaded_at: new Date() }))
      .execute();
    return written.length;
  });
}
