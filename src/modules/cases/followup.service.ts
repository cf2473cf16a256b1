/**
 * The daily follow-up (跟踪回访): overdue steps escalate level by level (督办), and review tasks
 * are scheduled — periodic reviews by category and 刚性 recognitions about to expire. Both are
 * idempotent: run twice on a day, they do the work once.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Clock } from '../../platform/clock.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CalendarService } from '../monitoring/calendar/calendar.service.js';
import type { PolicyService } from '../policy/policy.service.js';
import { escalationTarget, FINISHED_STATES } from './domain/case-machine.js';
import { caseParams, type CaseParams } from './case-inputs.js';
import { insertEvent, updateCase } from './case.store.js';
import { isDate } from './domain/step-data.js';
import { AppError } from '../../platform/errors.js';

function checkDate(on: string): string {
  if (!isDate(on)) throw new AppError('VALIDATION', { zh: `日期「${on}」无效（YYYY-MM-DD）`, en: `"${on}" is not a date (YYYY-MM-DD)` }, { field: 'on' });
  return on;
}

export const REVIEWED_CATEGORIES = ['dibao', 'tekun', 'marginal'] as const;

export class FollowUpService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly policy: PolicyService,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Escalate every overdue step to the level its lateness has reached. */
  async escalate(on: string = this.clock.today(), actor = 'system:cases'): Promise<{ on: string; overdue: number; escalated: number }> {
    checkDate(on);
    const cal = await this.calendar.workingCalendar();
    const rows = await this.db.selectFrom('assistance_case').select(['id', 'region_code', 'state', 'step_due', 'escalated_to'])
      .where('state', 'not in', [...FINISHED_STATES, 'assisting']).where('step_due', '<', on).orderBy('id').execute();
    const params = new Map<string, CaseParams>();
    let escalated = 0;
    await this.db.transaction().execute(async (trx) => {
      for (const r of rows) {
        const county = r.region_code.slice(0, 6);
        if (!params.has(county)) params.set(county, await caseParams(this.policy, r.region_code.length >= 6 ? county : r.region_code, on, trx));
        const overdue = cal.workingDaysBetween(r.step_due!, on);
        const target = escalationTarget(r.region_code, r.state, overdue, params.get(county)!.escalationStep);
        if (!target || target === r.escalated_to) continue;
        await updateCase(trx, r.id, { escalated_to: target }, this.clock.now());
        await insertEvent(trx, { case_id: r.id, actor, action: 'escalated', from_state: r.state, to_state: r.state, data: { to_region: target, step_due: r.step_due, overdue_working_days: overdue }, at: this.clock.now() });
        await this.audit.record({ actor, action: 'case.escalated', subject: `case:${r.id}`, detail: { to_region: target, overdue_working_days: overdue } }, trx);
        escalated++;
      }
    });
    return { on, overdue: rows.length, escalated };
  }

  /** Schedule the review tasks that fall due within the notice window (set-based, province parameters). */
  async schedule(on: string = this.clock.today(), actor = 'system:followup'): Promise<{ on: string; created: { periodic_review: number; expiry: number } }> {
    checkDate(on);
    const get = async (key: string) => Number((await this.policy.get(key, '22', on)).value);
    const notice = await get('review.expiry_notice_days');
    const horizon = sql<string>`(${on}::date + ${notice}::int)`;
    let periodic = 0;
    for (const category of REVIEWED_CATEGORIES) {
      const months = await get(`review.interval_months.${category}`);
      const r = await sql<{ id: string }>`
        WITH holders AS (
          SELECT p.household_id, max(m.valid_from) AS since
          FROM category_membership m JOIN person p ON p.id = m.person_id JOIN household h ON h.id = p.household_id AND h.status = 'active'
          WHERE m.category = ${category} AND m.valid_from <= ${on}::date AND (m.valid_to IS NULL OR m.valid_to > ${on}::date)
          GROUP BY p.household_id
        ), last_look AS (
          SELECT x.household_id, greatest(x.since,
              (SELECT max((d.decided_at AT TIME ZONE 'Asia/Shanghai')::date) FROM case_decision d WHERE d.household_id = x.household_id),
              (SELECT max((t.done_at AT TIME ZONE 'Asia/Shanghai')::date) FROM review_task t WHERE t.household_id = x.household_id AND t.status = 'done')) AS base
          FROM holders x
        )
        INSERT INTO review_task (household_id, kind, category, region_code, due)
        SELECT l.household_id, 'periodic_review', ${category}, h.region_code, (l.base + make_interval(months => ${months}::int))::date
        FROM last_look l JOIN household h ON h.id = l.household_id
        WHERE (l.base + make_interval(months => ${months}::int))::date <= ${horizon}
          AND NOT EXISTS (SELECT 1 FROM review_task t WHERE t.household_id = l.household_id AND t.status = 'open' AND t.kind = 'periodic_review')
        ON CONFLICT DO NOTHING
        RETURNING id`.execute(this.db);
      periodic += r.rows.length;
    }
    const expiry = await sql<{ id: string }>`
      INSERT INTO review_task (household_id, kind, category, region_code, due)
      SELECT p.household_id, 'expiry', 'rigid_expense', h.region_code, min(m.valid_to)
      FROM category_membership m JOIN person p ON p.id = m.person_id JOIN household h ON h.id = p.household_id AND h.status = 'active'
      WHERE m.category = 'rigid_expense' AND m.valid_to IS NOT NULL AND m.valid_to > ${on}::date AND m.valid_to <= ${horizon} AND m.valid_from <= ${on}::date
        AND NOT EXISTS (SELECT 1 FROM review_task t WHERE t.household_id = p.household_id AND t.status = 'open' AND t.kind = 'expiry')
      GROUP BY p.household_id, h.region_code
      ON CONFLICT DO NOTHING
      RETURNING id`.execute(this.db);
    const created = { periodic_review: periodic, expiry: expiry.rows.length };
    if (periodic + expiry.rows.length > 0) await this.audit.record({ actor, action: 'followup.schedule', detail: { on, ...created } });
    return { on, created };
  }
}
