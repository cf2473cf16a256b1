/**
 * The village worker's report (铁脚板上报): a household of the worker's region, or a person not
 * in the registry (hashed, sealed, masked) found in one of its villages. A person whose ID
 * number is registered in a household the worker may see is filed against that household. The
 * form's `client_key` makes a double tap or a retry file once. Lists and details for case.read
 * (region-scoped, audited); forCase / markAccepted for the case service, in its transaction.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/schema.js';
import type { Clock } from '../../../platform/clock.js';
import type { PiiVault } from '../../../platform/crypto/pii-vault.js';
import { AppError, notFound } from '../../../platform/errors.js';
import type { AuditService } from '../../audit/audit.service.js';
import type { RegionService } from '../../regions/region.service.js';
import { inScope, requirePermission, type Actor } from '../../access/domain/actor.js';
import { requireHousehold } from '../../registry/registry.store.js';
import { sealIdNumber } from '../../registry/domain/sealed-identity.js';
import { parseReport, type ReportInput } from './domain/report-input.js';
import { REPORT_STATUSES, termOf } from './domain/intake-vocabulary.js';
import { ReportReads, type ReportView } from './report-read.js';
import type { IntakeFilter } from './intake-lists.js';

/** What the case service needs to open a case from a report. */
export interface ReportForCase {
  id: string;
  household_id: string | null;
  person: { name: string; id_hash: string; id_masked: string; id_sealed: string } | null;
  region_code: string;
  difficulties: string[];
  description: string;
  urgency: 'normal' | 'urgent';
  status: 'received' | 'accepted';
}

const notFoundReport = (id: string) => notFound({ zh: `上报 ${id}`, en: `report ${id}` });

export class ReportService {
  private readonly reads: ReportReads;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly regions: RegionService,
    private readonly audit: AuditService,
    private readonly vault: PiiVault,
    private readonly clock: Clock,
  ) {
    this.reads = new ReportReads(db, regions, audit);
  }

  /** File a report (case.report). The same client_key again is refused with 409 naming the first report. */
  async create(body: unknown, actor: Actor): Promise<ReportView> {
    requirePermission(actor, 'case.report');
    const { value, problems } = parseReport(body, this.clock.today());
    if (value?.subject.kind === 'person') {
      try {
        await this.regions.resolve(value.subject.region_code);
      } catch {
        problems.add('region_code', '区划代码不存在', 'no such region');
      }
    }
    problems.throwIfAny();
    const r = value!;
    const id = await this.db.transaction().execute(async (trx) => {
      const subject = await this.subjectRow(trx, r, actor);
      const row = await trx.insertInto('case_report')
        .values({ ...subject, difficulties: r.difficulties, description: r.description, urgency: r.urgency, reported_by: actor.label, client_key: r.client_key, created_at: this.clock.now() })
        .onConflict((oc) => oc.columns(['reported_by', 'client_key']).where('client_key', 'is not', null).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!row) {
        const first = await trx.selectFrom('case_report').select('id').where('reported_by', '=', actor.label).where('client_key', '=', r.client_key!).executeTakeFirstOrThrow();
        throw new AppError('CONFLICT', { zh: `该上报已提交过（上报编号 ${first.id}），无需重复提交`, en: `this report was already filed (report ${first.id})` }, { report_id: first.id });
      }
      await this.audit.record({ actor: actor.label, action: 'report.create', subject: `report:${row.id}`, detail: { household_id: subject.household_id, region_code: subject.region_code, urgency: r.urgency } }, trx);
      return row.id;
    });
    return this.reads.view(id);
  }

  list(f: IntakeFilter, actor: Actor): Promise<{ reports: ReportView[]; total: number }> {
    return this.reads.list(f, actor);
  }

  get(id: string, actor: Actor): Promise<ReportView> {
    return this.reads.get(id, actor);
  }

  /** For the case service, in its transaction `db`: the report, locked. */
  async forCase(id: string, db: Kysely<DB>): Promise<ReportForCase> {
    const r = await this.row(id, db);
    const person = r.person_id_hash && r.person_name && r.person_id_sealed && r.person_id_masked
      ? { name: r.person_name, id_hash: r.person_id_hash, id_masked: r.person_id_masked, id_sealed: r.person_id_sealed }
      : null;
    return { id: r.id, household_id: r.household_id, person, region_code: r.region_code, difficulties: r.difficulties, description: r.description, urgency: r.urgency, status: r.status };
  }

  /** received → accepted, when the case is opened; 409 if it is not `received`. */
  async markAccepted(id: string, db: Kysely<DB>): Promise<void> {
    const r = await this.row(id, db);
    if (r.status !== 'received') throw new AppError('CONFLICT', { zh: `上报 ${id} 的状态为「${termOf(REPORT_STATUSES, r.status)!.zh}」，不能再受理`, en: `report ${id} is ${r.status}; it cannot be accepted again` });
    await db.updateTable('case_report').set({ status: 'accepted' }).where('id', '=', r.id).execute();
  }

  private async row(id: string, db: Kysely<DB>) {
    const r = /^\d{1,18}$/.test(id) ? await db.selectFrom('case_report').selectAll().where('id', '=', id).forUpdate().executeTakeFirst() : undefined;
    if (!r) throw notFoundReport(id);
    return r;
  }

  /**
   * Who the report is about, as stored: the household (its region), or the person hashed,
   * sealed and masked in the given village — unless the ID number is registered in an active
   * household the worker may see, which is then linked instead. A registration outside the
   * worker's region is not revealed: the person is stored as given.
   */
  private async subjectRow(db: Kysely<DB>, r: ReportInput, actor: Actor) {
    const none = { person_name: null, person_id_hash: null, person_id_sealed: null, person_id_masked: null };
    if (r.subject.kind === 'household') {
      const h = await requireHousehold(db, r.subject.household_code, actor);
      return { household_id: h.id, region_code: h.region_code, address: null, ...none };
    }
    const s = r.subject;
    if (!inScope(actor, s.region_code)) {
      throw new AppError('FORBIDDEN', { zh: `region_code: 行政区划 ${s.region_code} 不在您的管辖范围内`, en: `region_code: region ${s.region_code} is outside your area` }, { field: 'region_code' });
    }
    const sealed = sealIdNumber(this.vault, s.id_number);
    const registered = await db.selectFrom('person as p').innerJoin('household as h', 'h.id', 'p.household_id')
      .select(['h.id', 'h.region_code']).where('p.id_number_hash', '=', sealed.id_number_hash).where('h.status', '=', 'active')
      .executeTakeFirst();
    if (registered && inScope(actor, registered.region_code)) return { household_id: registered.id, region_code: registered.region_code, address: null, ...none };
    return {
      household_id: null, region_code: s.region_code, address: s.address,
      person_name: s.name, person_id_hash: sealed.id_number_hash, person_id_sealed: sealed.id_number_sealed, person_id_masked: sealed.id_number_masked,
    };
  }
}
