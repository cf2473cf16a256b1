/**
 * Alerts as officers see them: routed by region (an officer sees the alerts of their own
 * subtree; a lead about someone not in the registry goes to the county of their ID number, or
 * to the province when that is unknown), with the person's name and masked ID, the deadline,
 * and the evidence spelled out from the indicator version that raised it. Reads are audited.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Clock } from '../../platform/clock.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CatalogService } from '../catalog/catalog.service.js';
import { requirePermission, scopedRegion, type Actor } from '../access/domain/actor.js';
import { ACTIONS, LEVELS, type Level } from './domain/indicator-definition.js';
import { describeEvidence, type EvidenceItem, type StoredEvidence } from './domain/evidence.js';
import type { IndicatorService } from './indicator.service.js';

export const ALERT_STATUSES = ['open', 'verifying', 'closed'] as const;
export const OUTCOMES = [
  { code: 'need_confirmed', zh: '确有困难', en: 'Need confirmed' },
  { code: 'no_need', zh: '无需救助', en: 'No need' },
  { code: 'unreachable', zh: '无法联系', en: 'Unreachable' },
] as const;

export interface AlertFilter {
  status?: string;
  level?: string;
  indicator?: string;
  region?: string;
  household?: string;
  limit?: number;
  offset?: number;
}

export interface AlertView {
  id: string;
  indicator: string;
  indicator_version: number;
  indicator_zh: string;
  indicator_en: string;
  level: Level;
  status: string;
  outcome: string | null;
  household_code: string | null;
  person: { name: string; id_number_masked: string } | null;
  id_masked: string | null;
  lead: boolean;
  region_code: string | null;
  region_name: string | null;
  as_of: string;
  deadline: string;
  overdue: boolean;
  action: string;
  action_zh: string;
  action_en: string;
  evidence: EvidenceItem[];
  note: string | null;
  created_at: string;
  handled_at: string | null;
}

export class AlertService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly indicators: IndicatorService,
    private readonly catalog: CatalogService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(f: AlertFilter, actor: Actor): Promise<{ alerts: AlertView[]; total: number }> {
    requirePermission(actor, 'alert.read');
    const region = scopedRegion(actor, f.region);
    if (region === undefined) return { alerts: [], total: 0 };
    if (f.status && !(ALERT_STATUSES as readonly string[]).includes(f.status)) throw bad('status', f.status, ALERT_STATUSES);
    if (f.level && !LEVELS.some((l) => l.code === f.level)) throw bad('level', f.level, LEVELS.map((l) => l.code));
    const limit = Math.min(Math.max(f.limit ?? 50, 1), 500);
    const offset = Math.max(f.offset ?? 0, 0);
    let q = this.base().where((eb) => region === '22' && !f.region ? eb.or([eb('a.region_code', 'like', `${region}%`), eb('a.region_code', 'is', null)]) : eb('a.region_code', 'like', `${region}%`));
    if (f.status) q = q.where('a.status', '=', f.status as 'open');
    if (f.level) q = q.where('a.level', '=', f.level as Level);
    if (f.indicator) q = q.where('a.indicator', '=', f.indicator);
    if (f.household) q = q.where('hh.code', '=', f.household);
    const total = await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const rows = await q.select(COLUMNS).orderBy('a.level_rank', 'desc').orderBy('a.deadline').orderBy('a.id', 'desc').limit(limit).offset(offset).execute();
    await this.audit.record({ actor: actor.label, action: 'alert.list', detail: { filter: { ...f, limit, offset }, returned: rows.length } });
    return { alerts: await this.views(rows), total: Number(total.n) };
  }

  async get(id: string, actor: Actor): Promise<AlertView> {
    requirePermission(actor, 'alert.read');
    const row = await this.inScope(id, actor);
    await this.audit.record({ actor: actor.label, action: 'alert.read', subject: `alert:${id}`, detail: { person_id: row.person_id } });
    return (await this.views([row]))[0];
  }

  async setStatus(id: string, input: { status: string; outcome?: string; note?: string }, actor: Actor): Promise<AlertView> {
    requirePermission(actor, 'alert.handle');
    const row = await this.inScope(id, actor);
    if (!['verifying', 'closed'].includes(input.status)) throw bad('status', input.status, ['verifying', 'closed']);
    if (row.status === 'closed') throw new AppError('CONFLICT', { zh: '预警已办结，不能再改变状态', en: 'the alert is closed; its status cannot change' }, { field: 'status' });
    const inCase = await this.db.selectFrom('case_alert').select('case_id').where('alert_id', '=', id).executeTakeFirst();
    if (inCase) throw new AppError('CONFLICT', { zh: `该预警已立案（案件 ${inCase.case_id}），请在案件中核查办理`, en: `the alert is in case ${inCase.case_id}: handle it there` }, { case_id: inCase.case_id });
    if (row.status === input.status) throw new AppError('CONFLICT', { zh: `预警已是「${input.status}」状态`, en: `the alert is already ${input.status}` }, { field: 'status' });
    if (input.status === 'closed' && !OUTCOMES.some((o) => o.code === input.outcome)) throw bad('outcome', input.outcome, OUTCOMES.map((o) => o.code));
    const note = input.note?.trim().slice(0, 1000) || null;
    await this.db.updateTable('monitor_alert').set({
      status: input.status as 'verifying' | 'closed',
      outcome: input.status === 'closed' ? input.outcome! : null,
      note,
      handled_at: input.status === 'closed' ? new Date() : null,
      handled_by: actor.label,
    }).where('id', '=', id).execute();
    await this.audit.record({ actor: actor.label, action: 'alert.status', subject: `alert:${id}`, detail: { from: row.status, to: input.status, outcome: input.outcome ?? null } });
    return (await this.views([await this.inScope(id, actor)]))[0];
  }

  /** An alert as a case opens from it: in the actor's region, with what routes the case. */
  async forCase(id: string, actor: Actor, db: Kysely<DB> = this.db) {
    const row = /^\d{1,18}$/.test(id) ? await db.selectFrom('monitor_alert').select(['id', 'status', 'person_id', 'household_id', 'id_hash', 'id_masked', 'region_code', 'deadline', 'level']).where('id', '=', id).executeTakeFirst() : undefined;
    const visible = row && (row.region_code ? row.region_code.startsWith(actor.regionCode) : actor.regionCode === '22');
    if (!row || !visible) throw notFound({ zh: `预警 ${id}`, en: `alert ${id}` });
    return row;
  }

  /**
   * The case workflow's hold on alerts: an alert taken into a case is being verified; the visit's
   * outcome closes it. Called inside the case step's transaction, which has checked access.
   */
  async markVerifying(db: Kysely<DB>, alertIds: string[], actorLabel: string): Promise<void> {
    if (alertIds.length === 0) return;
    await db.updateTable('monitor_alert').set({ status: 'verifying', handled_by: actorLabel }).where('id', 'in', alertIds).where('status', '=', 'open').execute();
  }

  async closeForCase(db: Kysely<DB>, alertIds: string[], outcome: (typeof OUTCOMES)[number]['code'], actorLabel: string, note: string | null): Promise<void> {
    if (alertIds.length === 0) return;
    await db.updateTable('monitor_alert')
      .set({ status: 'closed', outcome, note: note?.slice(0, 1000) ?? null, handled_at: this.clock.now(), handled_by: actorLabel })
      .where('id', 'in', alertIds).where('status', '<>', 'closed').execute();
  }

  /** Counts for the dashboard: by level, by child region, by month, and the handling rate. */
  async summary(actor: Actor, requested?: string) {
    requirePermission(actor, 'alert.read');
    const region = scopedRegion(actor, requested);
    if (region === undefined) return { region: requested ?? null, by_level: { red: 0, orange: 0, yellow: 0, blue: 0 }, by_region: [], by_month: [], open: 0, closed: 0, handling_rate: 0 };
    const childLength = region.length === 2 ? 4 : region.length === 4 ? 6 : region.length === 6 ? 9 : 12;
    const inRegion = sql`(a.region_code LIKE ${region + '%'}${region === '22' && !requested ? sql` OR a.region_code IS NULL` : sql``})`;
    const levels = await sql<{ level: Level; n: number; open: number; closed: number }>`
      SELECT level, count(*)::int AS n, count(*) FILTER (WHERE status <> 'closed')::int AS open, count(*) FILTER (WHERE status = 'closed')::int AS closed
      FROM monitor_alert a WHERE ${inRegion} GROUP BY level`.execute(this.db);
    const regions = await sql<{ region_code: string; region_name: string; red: number; orange: number; yellow: number; blue: number; total: number }>`
      SELECT r.code AS region_code, r.name AS region_name,
        count(a.id) FILTER (WHERE a.level = 'red')::int AS red, count(a.id) FILTER (WHERE a.level = 'orange')::int AS orange,
        count(a.id) FILTER (WHERE a.level = 'yellow')::int AS yellow, count(a.id) FILTER (WHERE a.level = 'blue')::int AS blue,
        count(a.id)::int AS total
      FROM region r LEFT JOIN monitor_alert a ON left(a.region_code, ${childLength}) = r.code
      WHERE r.parent_code = ${region} AND length(r.code) = ${childLength}
      GROUP BY r.code, r.name ORDER BY r.code`.execute(this.db);
    const months = await sql<{ month: string; created: number; handled: number }>`
      WITH m AS (SELECT to_char(d, 'YYYY-MM') AS month FROM generate_series(date_trunc('month', ${this.clock.today()}::date) - interval '11 months', date_trunc('month', ${this.clock.today()}::date), interval '1 month') d)
      SELECT m.month,
        (SELECT count(*) FROM monitor_alert a WHERE ${inRegion} AND to_char(a.as_of, 'YYYY-MM') = m.month)::int AS created,
        (SELECT count(*) FROM monitor_alert a WHERE ${inRegion} AND a.status = 'closed' AND to_char(a.handled_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = m.month)::int AS handled
      FROM m ORDER BY m.month`.execute(this.db);
    const by_level = { red: 0, orange: 0, yellow: 0, blue: 0 };
    let open = 0;
    let closed = 0;
    for (const l of levels.rows) {
      by_level[l.level] = l.n;
      open += l.open;
      closed += l.closed;
    }
    await this.audit.record({ actor: actor.label, action: 'alert.summary', detail: { region } });
    return { region, by_level, by_region: regions.rows, by_month: months.rows, open, closed, handling_rate: open + closed ? Math.round((closed / (open + closed)) * 1000) / 1000 : 0 };
  }

  private base() {
    return this.db.selectFrom('monitor_alert as a')
      .leftJoin('person as p', 'p.id', 'a.person_id')
      .leftJoin('household as hh', 'hh.id', 'a.household_id')
      .leftJoin('region as r', 'r.code', 'a.region_code');
  }

  private async inScope(id: string, actor: Actor): Promise<AlertRow> {
    const row = /^\d{1,18}$/.test(id) ? await this.base().select(COLUMNS).where('a.id', '=', id).executeTakeFirst() : undefined;
    const visible = row && (row.region_code ? row.region_code.startsWith(actor.regionCode) : actor.regionCode === '22');
    if (!row || !visible) throw notFound({ zh: `预警 ${id}`, en: `alert ${id}` });
    return row;
  }

  private async views(rows: AlertRow[]): Promise<AlertView[]> {
    const defs = await this.indicators.versions(rows.map((r) => ({ code: r.indicator, version: r.indicator_version })));
    const datasets = new Map((await this.catalog.datasets()).map((d) => [d.code, d]));
    const today = this.clock.today();
    return rows.map((r) => {
      const def = defs.get(`${r.indicator}@${r.indicator_version}`);
      const action = ACTIONS.find((a) => a.code === r.action);
      return {
        id: r.id,
        indicator: r.indicator,
        indicator_version: r.indicator_version,
        indicator_zh: def?.zh ?? r.indicator,
        indicator_en: def?.en ?? r.indicator,
        level: r.level,
        status: r.status,
        outcome: r.outcome,
        household_code: r.household_code,
        person: r.person_id && r.name ? { name: r.name, id_number_masked: r.person_masked! } : null,
        id_masked: r.person_id ? null : r.id_masked,
        lead: r.person_id === null,
        region_code: r.region_code,
        region_name: r.region_name,
        as_of: r.as_of,
        deadline: r.deadline,
        overdue: r.status !== 'closed' && r.deadline < today,
        action: r.action,
        action_zh: action?.zh ?? r.action,
        action_en: action?.en ?? r.action,
        evidence: def ? describeEvidence(def, r.evidence as StoredEvidence[], r.as_of, datasets) : (r.evidence as EvidenceItem[]),
        note: r.note,
        created_at: new Date(r.created_at).toISOString(),
        handled_at: r.handled_at ? new Date(r.handled_at).toISOString() : null,
      };
    });
  }
}

const COLUMNS = [
  'a.id', 'a.indicator', 'a.indicator_version', 'a.level', 'a.status', 'a.outcome', 'a.person_id', 'a.id_masked', 'a.region_code',
  'a.as_of', 'a.deadline', 'a.action', 'a.evidence', 'a.note', 'a.created_at', 'a.handled_at',
  'p.name', 'p.id_number_masked as person_masked', 'hh.code as household_code', 'r.name as region_name',
] as const;

type AlertRow = {
  id: string; indicator: string; indicator_version: number; level: Level; status: string; outcome: string | null; person_id: string | null;
  id_masked: string | null; region_code: string | null; as_of: string; deadline: string; action: string; evidence: unknown; note: string | null;
  created_at: Date; handled_at: Date | null; name: string | null; person_masked: string | null; household_code: string | null; region_name: string | null;
};

function bad(field: string, value: unknown, allowed: readonly string[]): AppError {
  return new AppError('VALIDATION', { zh: `${field}「${String(value)}」无效，可选：${allowed.join(', ')}`, en: `${field} "${String(value)}" is invalid; one of: ${allowed.join(', ')}` }, { field });
}
