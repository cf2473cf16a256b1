/**
 * Cases (救助案件): opened from a discovery — a monitoring alert, a self-application, a village
 * worker's report — read and listed within the user's region, and moved step by step through
 * CaseStepService. A household has at most one open case: a new discovery about it joins it.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Clock } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CalendarService } from '../monitoring/calendar/calendar.service.js';
import type { AlertService } from '../monitoring/alert.service.js';
import type { PolicyService } from '../policy/policy.service.js';
import type { RecommendationService } from '../assistance/recommendation.service.js';
import { requirePermission, scopedRegion, type Actor } from '../access/domain/actor.js';
import { CASE_STATES, FINISHED_STATES, type CaseState } from './domain/case-machine.js';
import { caseParams, stepDue } from './case-inputs.js';
import { findCase, insertCase, insertEvent, openCaseOf, requireCase, type CaseRow } from './case.store.js';
import type { CaseStepService, StepInput } from './case-steps.service.js';
import type { CaseViews, CaseView } from './case-view.js';
import type { DiscoverySources, Discovery } from './discovery.js';

export interface OpenInput {
  alert_id?: string;
  application_id?: string;
  report_id?: string;
  review_task_id?: string;
}

export interface CaseFilter {
  state?: string;
  region?: string;
  overdue?: boolean;
  escalated?: boolean;
  household?: string;
  limit?: number;
  offset?: number;
}

export class CaseService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly steps: CaseStepService,
    private readonly views: CaseViews,
    private readonly sources: DiscoverySources,
    private readonly alerts: AlertService,
    private readonly policy: PolicyService,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly recommender: Pick<RecommendationService, 'recommendForHousehold'>,
  ) {}

  /** A case from a discovery (201), or the household's open case it joined (`attached`). */
  async open(input: OpenInput, actor: Actor): Promise<{ case: CaseView; attached: boolean }> {
    requirePermission(actor, 'case.manage');
    const result = await this.db.transaction().execute(async (trx) => {
      const d = await this.sources.resolve(trx, input, actor);
      const existing = await openCaseOf(trx, { household_id: d.household_id, subject_id_hash: d.household_id ? null : d.subject?.id_hash });
      if (existing) {
        await this.sources.attach(trx, d, existing.id, actor);
        await insertEvent(trx, { case_id: existing.id, actor: actor.label, action: `attach_${d.kind}`, from_state: existing.state, to_state: existing.state, data: { [`${d.kind}_id`]: d.id }, at: this.clock.now() });
        await this.audit.record({ actor: actor.label, action: 'case.attach', subject: `case:${existing.id}`, detail: { source: d.kind, source_id: d.id } }, trx);
        return { id: existing.id, attached: true };
      }
      const created = await this.create(trx, d, actor);
      await this.sources.attach(trx, d, created.id, actor);
      return { id: created.id, attached: false };
    });
    const row = (await findCase(this.db, result.id))!;
    return { case: await this.views.build(row, actor), attached: result.attached };
  }

  async get(id: string, actor: Actor): Promise<CaseView> {
    requirePermission(actor, 'case.read');
    const row = requireCase(await findCase(this.db, id), id, (r) => r.region_code.startsWith(actor.regionCode));
    await this.audit.record({ actor: actor.label, action: 'case.read', subject: `case:${id}`, detail: { household_id: row.household_id } });
    return this.views.build(row, actor);
  }

  /**
   * The programs matched for the case's household (the stepped slope, docs/assistance.md), at the
   * tier the case decided, else the tier its assessment found.
   */
  async recommendations(id: string, actor: Actor) {
    requirePermission(actor, 'case.read');
    const row = requireCase(await findCase(this.db, id), id, (r) => r.region_code.startsWith(actor.regionCode));
    if (!row.household_id) throw new AppError('CONFLICT', { zh: '该对象尚未登记入库，暂无可匹配的救助项目', en: 'the person is not registered yet: no programs to match' }, { requirement: 'household' });
    const decided = await this.db.selectFrom('case_decision').select('category').where('case_id', '=', id).where('kind', '=', 'recognition').where('outcome', '=', 'approved').orderBy('id', 'desc').executeTakeFirst();
    const assessed = row.assessment_id ? await this.db.selectFrom('assessment').select('tier').where('id', '=', row.assessment_id).executeTakeFirst() : undefined;
    const tier = decided?.category ?? assessed?.tier ?? undefined;
    const r = await this.recommender.recommendForHousehold(row.household_id, tier, this.clock.today(), actor);
    return r.recommendations.map((x) => ({
      program: { code: x.program.code, zh: x.program.zh, en: x.program.en, type: x.program.type, department: x.program.department.zh, department_code: x.program.department.code },
      recommended: x.recommended,
      reasons: x.reasons,
      amount_estimate: x.amount_estimate?.amount ?? null,
      amount_note: x.amount_estimate ? { zh: x.amount_estimate.zh, en: x.amount_estimate.en } : null,
    }));
  }

  async act(id: string, input: StepInput, actor: Actor): Promise<CaseView & { follow_on?: Record<string, unknown> }> {
    const { row, follow_on } = await this.steps.take(id, input, actor);
    return { ...(await this.views.build(row, actor)), ...(follow_on ? { follow_on } : {}) };
  }

  async list(f: CaseFilter, actor: Actor) {
    requirePermission(actor, 'case.read');
    const region = scopedRegion(actor, f.region);
    if (region === undefined) return { cases: [], total: 0 };
    const states = f.state ? f.state.split(',').map((s) => s.trim()).filter(Boolean) : [];
    const bad = states.find((s) => !CASE_STATES.some((c) => c.code === s));
    if (bad) throw new AppError('VALIDATION', { zh: `state「${bad}」无效，可选：${CASE_STATES.map((c) => c.code).join(', ')}`, en: `state "${bad}" is invalid; one of ${CASE_STATES.map((c) => c.code).join(', ')}` }, { field: 'state' });
    const today = this.clock.today();
    let q = this.db.selectFrom('assistance_case as c').leftJoin('household as h', 'h.id', 'c.household_id').where('c.region_code', 'like', `${region}%`);
    if (states.length) q = q.where('c.state', 'in', states as CaseState[]);
    if (f.overdue) q = q.where('c.step_due', '<', today).where('c.state', 'not in', [...FINISHED_STATES, 'assisting']);
    if (f.escalated) q = q.where('c.escalated_to', 'is not', null);
    if (f.household) q = q.where('h.code', '=', f.household);
    const limit = Math.min(Math.max(f.limit ?? 50, 1), 500);
    const offset = Math.max(f.offset ?? 0, 0);
    const total = await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const rows = await q.selectAll('c').orderBy('c.step_due', (ob) => ob.asc().nullsLast()).orderBy('c.id', 'desc').limit(limit).offset(offset).execute();
    await this.audit.record({ actor: actor.label, action: 'case.list', detail: { filter: { ...f, limit, offset }, returned: rows.length } });
    return { cases: await this.views.summaries(rows as CaseRow[]), total: Number(total.n) };
  }

  private async create(trx: Kysely<DB>, d: Discovery, actor: Actor): Promise<CaseRow> {
    const today = this.clock.today();
    const params = await caseParams(this.policy, d.region_code, today, trx);
    const cal = await this.calendar.workingCalendar(trx);
    const initial: CaseState = d.kind === 'review_task' ? 'under_review' : 'discovered';
    const row = await insertCase(trx, {
      household_id: d.household_id,
      subject_name: d.household_id ? null : d.subject?.name ?? null,
      subject_id_hash: d.household_id ? null : d.subject?.id_hash ?? null,
      subject_id_sealed: d.household_id ? null : d.subject?.id_sealed ?? null,
      subject_id_masked: d.household_id ? null : d.subject?.id_masked ?? null,
      region_code: d.region_code,
      source_kind: d.kind === 'review_task' ? 'review' : d.kind,
      source_id: d.id,
      state: initial,
      step_due: stepDue(initial, today, cal, params),
      total_due: initial === 'discovered' ? cal.addWorkingDays(today, params.total) : null,
      created_by: actor.label,
      created_at: this.clock.now(), updated_at: this.clock.now(), state_since: this.clock.now(),
    });
    await insertEvent(trx, { case_id: row.id, actor: actor.label, action: 'open', from_state: null, to_state: initial, data: { source: d.kind, source_id: d.id }, at: this.clock.now() });
    await this.audit.record({ actor: actor.label, action: 'case.open', subject: `case:${row.id}`, detail: { source: d.kind, source_id: d.id, household_id: d.household_id } }, trx);
    return row;
  }
}
