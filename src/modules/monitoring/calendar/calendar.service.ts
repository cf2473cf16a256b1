/**
 * The working-day calendar: the exceptions to Monday–Friday (public holidays, make-up working
 * days) that warning deadlines count in. Anyone signed in reads it; editing needs monitor.manage
 * with province-wide scope, and every edit is audited. The computed calendar is cached in memory,
 * dropped on every write here and re-read after a minute (another process may have written).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/schema.js';
import type { Clock } from '../../../platform/clock.js';
import { AppError } from '../../../platform/errors.js';
import type { AuditService } from '../../audit/audit.service.js';
import { requirePermission, type Actor } from '../../access/domain/actor.js';
import { WorkingCalendar, type DayKind } from './working-days.js';
import { checkDate, checkDay, type DayInput } from './calendar-day.js';

export interface CalendarDay {
  day: string;
  kind: DayKind;
  name: string;
  source: string | null;
  updated_by: string;
  updated_at: Date;
}

export interface Deadline {
  from: string;
  days: number;
  deadline: string;
}

const CACHE_MS = 60_000;
const MAX_DAYS = 3660;

export class CalendarService {
  private cached?: { calendar: WorkingCalendar; at: number };
  private generation = 0;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Every exception as one calendar. Pass `db` when calling inside a transaction. */
  async workingCalendar(db: Kysely<DB> = this.db): Promise<WorkingCalendar> {
    const now = this.clock.now().getTime();
    if (this.cached && now - this.cached.at < CACHE_MS) return this.cached.calendar;
    const generation = this.generation;
    const rows = await db.selectFrom('work_calendar_day').select(['day', 'kind']).execute();
    const calendar = new WorkingCalendar(new Map(rows.map((r) => [r.day, r.kind])));
    if (generation === this.generation) this.cached = { calendar, at: now };
    return calendar;
  }

  /** The exceptions of one year (default: this year), in date order. */
  async year(y: number = Number(this.clock.today().slice(0, 4))): Promise<{ year: number; days: CalendarDay[] }> {
    if (!Number.isInteger(y) || y < 1900 || y > 2999) {
      throw new AppError('VALIDATION', { zh: `年份「${y}」无效`, en: `year "${y}" is not valid` }, { field: 'year', value: y });
    }
    const days = await this.db
      .selectFrom('work_calendar_day')
      .select(['day', 'kind', 'name', 'source', 'updated_by', 'updated_at'])
      .where('day', '>=', `${y}-01-01`)
      .where('day', '<=', `${y}-12-31`)
      .orderBy('day')
      .execute();
    return { year: y, days };
  }

  /** The deadline `days` working days after `from` (0: `from` itself, or the next working day). */
  async deadline(from: string, days: number): Promise<Deadline> {
    checkDate(from, 'from');
    if (!Number.isInteger(days) || days < 0 || days > MAX_DAYS) {
      throw new AppError('VALIDATION', { zh: `工作日数「${days}」无效，应为 0–${MAX_DAYS} 的整数`, en: `days "${days}" must be a whole number from 0 to ${MAX_DAYS}` }, { field: 'days', value: days });
    }
    const calendar = await this.workingCalendar();
    return { from, days, deadline: calendar.addWorkingDays(from, days) };
  }

  /** Add or change one exception day. */
  async setDay(day: string, input: DayInput, actor: Actor): Promise<CalendarDay> {
    this.requireEditor(actor);
    const checked = checkDay(day, input);
    const at = this.clock.now();
    const saved = await this.db.transaction().execute(async (trx) => {
      const previous = await trx.selectFrom('work_calendar_day').select(['kind', 'name', 'source', 'updated_by']).where('day', '=', checked.day).executeTakeFirst();
      const row = await trx
        .insertInto('work_calendar_day')
        .values({ ...checked, updated_by: actor.label, updated_at: at })
        .onConflict((oc) => oc.column('day').doUpdateSet({ kind: checked.kind, name: checked.name, source: checked.source, updated_by: actor.label, updated_at: at }))
        .returning(['day', 'kind', 'name', 'source', 'updated_by', 'updated_at'])
        .executeTakeFirstOrThrow();
      await this.audit.record({ actor: actor.label, action: 'calendar.set', subject: `calendar:${checked.day}`, detail: { kind: checked.kind, name: checked.name, source: checked.source, previous: previous ?? null } }, trx);
      return row;
    });
    this.invalidate();
    return saved;
  }

  /** Remove one exception day: the date counts Monday–Friday again. */
  async removeDay(day: string, actor: Actor): Promise<{ ok: true }> {
    this.requireEditor(actor);
    const date = checkDate(day, 'day');
    await this.db.transaction().execute(async (trx) => {
      const removed = await trx.deleteFrom('work_calendar_day').where('day', '=', date).returning(['kind', 'name', 'source', 'updated_by']).executeTakeFirst();
      if (!removed) throw new AppError('NOT_FOUND', { zh: `工作日历中没有 ${date} 这一天的例外`, en: `the working calendar has no exception on ${date}` }, { day: date });
      await this.audit.record({ actor: actor.label, action: 'calendar.remove', subject: `calendar:${date}`, detail: { previous: removed } }, trx);
    });
    this.invalidate();
    return { ok: true };
  }

  private requireEditor(actor: Actor): void {
    requirePermission(actor, 'monitor.manage');
    if (actor.regionCode.length !== 2) {
      throw new AppError('FORBIDDEN', { zh: '工作日历全省通用，只能由省级用户维护', en: 'the working calendar is province-wide: only province-level users edit it' });
    }
  }

  private invalidate(): void {
    this.generation++;
    this.cached = undefined;
  }
}
