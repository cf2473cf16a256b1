/**
 * Reading village workers' reports: the list of a region (newest first) and one report, for
 * case.read in the user's region. A person not in the registry shows with the masked ID number;
 * every list and read is audited (ids only).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../platform/db/schema.js';
import { notFound } from '../../../platform/errors.js';
import type { AuditService } from '../../audit/audit.service.js';
import type { RegionService } from '../../regions/region.service.js';
import { inScope, requirePermission, type Actor } from '../../access/domain/actor.js';
import { stateLabel } from '../domain/case-machine.js';
import { REPORT_STATUSES, termOf, URGENCIES } from './domain/intake-vocabulary.js';
import { iso, listWindow, requireId, type IntakeFilter } from './intake-lists.js';

export interface ReportView {
  id: string;
  household_code: string | null;
  /** the head of the reported household */
  head_name: string | null;
  /** someone not in the registry */
  person: { name: string; id_number_masked: string } | null;
  region_code: string;
  region_name: string;
  address: string | null;
  difficulties: string[];
  description: string;
  urgency: string;
  urgency_zh: string;
  urgency_en: string;
  reported_by: string;
  status: string;
  status_zh: string;
  status_en: string;
  created_at: string;
  case: { id: string; state: string; state_zh: string; state_en: string } | null;
}

export class ReportReads {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly regions: RegionService,
    private readonly audit: AuditService,
  ) {}

  async list(f: IntakeFilter, actor: Actor): Promise<{ reports: ReportView[]; total: number }> {
    requirePermission(actor, 'case.read');
    const w = listWindow(f, REPORT_STATUSES, actor);
    if (w.region === undefined) return { reports: [], total: 0 };
    let q = this.base().where('r.region_code', 'like', `${w.region}%`);
    if (w.status) q = q.where('r.status', '=', w.status as 'received');
    const { n } = await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const rows = await this.columns(q).orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').limit(w.limit).offset(w.offset).execute();
    await this.audit.record({ actor: actor.label, action: 'report.list', detail: { filter: { region: w.region, status: w.status ?? null, limit: w.limit, offset: w.offset }, returned: rows.length } });
    return { reports: await this.views(rows), total: Number(n) };
  }

  async get(id: string, actor: Actor): Promise<ReportView> {
    requirePermission(actor, 'case.read');
    const what = { zh: `上报 ${id}`, en: `report ${id}` };
    const row = await this.columns(this.base().where('r.id', '=', requireId(id, what))).executeTakeFirst();
    if (!row || !inScope(actor, row.region_code)) throw notFound(what);
    await this.audit.record({ actor: actor.label, action: 'report.read', subject: `report:${row.id}` });
    return (await this.views([row]))[0];
  }

  /** A report just filed, as its reporter sees it (no separate read entry: report.create is the record). */
  async view(id: string): Promise<ReportView> {
    const row = await this.columns(this.base().where('r.id', '=', id)).executeTakeFirstOrThrow();
    return (await this.views([row]))[0];
  }

  private base() {
    return this.db.selectFrom('case_report as r')
      .leftJoin('household as h', 'h.id', 'r.household_id')
      .leftJoin('assistance_case as c', (j) => j.onRef('c.source_id', '=', 'r.id').on('c.source_kind', '=', 'report'));
  }

  private columns(q: ReturnType<ReportReads['base']>) {
    return q.select([
      'r.id', 'h.code as household_code', 'r.person_name', 'r.person_id_masked', 'r.region_code', 'r.difficulties', 'r.description', 'r.urgency',
      'r.reported_by', 'r.status', 'r.created_at', 'c.id as case_id', 'c.state as case_state',
      sql<string | null>`coalesce(r.address, h.address)`.as('address'),
      sql<string | null>`(SELECT p.name FROM person p WHERE p.household_id = r.household_id AND p.relation = 'head' ORDER BY p.id LIMIT 1)`.as('head_name'),
    ]);
  }

  private async views(rows: Awaited<ReturnType<ReturnType<ReportReads['columns']>['execute']>>): Promise<ReportView[]> {
    const names = await this.regions.pathNames(rows.map((r) => r.region_code));
    return rows.map((r) => {
      const s = termOf(REPORT_STATUSES, r.status)!;
      const u = termOf(URGENCIES, r.urgency)!;
      return {
        id: r.id, household_code: r.household_code, head_name: r.head_name,
        person: r.person_name && r.person_id_masked ? { name: r.person_name, id_number_masked: r.person_id_masked } : null,
        region_code: r.region_code, region_name: names.get(r.region_code) ?? r.region_code, address: r.address,
        difficulties: r.difficulties, description: r.description, urgency: r.urgency, urgency_zh: u.zh, urgency_en: u.en,
        reported_by: r.reported_by, status: r.status, status_zh: s.zh, status_en: s.en, created_at: iso(r.created_at),
        case: r.case_id && r.case_state ? { id: r.case_id, state: r.case_state, state_zh: stateLabel(r.case_state).zh, state_en: stateLabel(r.case_state).en } : null,
      };
    });
  }
}
