/**
 * Reading self-applications: the list of a region (newest first) and one application with its
 * members, for officers with case.read in their region. ID numbers and the phone are masked;
 * every list and read is audited (ids only).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/schema.js';
import type { PiiVault } from '../../../platform/crypto/pii-vault.js';
import { notFound } from '../../../platform/errors.js';
import type { AuditService } from '../../audit/audit.service.js';
import type { RegionService } from '../../regions/region.service.js';
import { inScope, requirePermission, type Actor } from '../../access/domain/actor.js';
import { maskIdNumber } from '../../registry/domain/id-number.js';
import { stateLabel } from '../domain/case-machine.js';
import { APPLICATION_STATUSES, termOf } from './domain/intake-vocabulary.js';
import type { ApplicationPerson } from './domain/application-input.js';
import { iso, listWindow, requireId, type IntakeFilter } from './intake-lists.js';

export interface ApplicationView {
  id: string;
  reference: string;
  region_code: string;
  region_name: string;
  hukou_type: string;
  address: string | null;
  phone_masked: string | null;
  applicant: { name: string; id_number_masked: string };
  member_count: number;
  needs: string[];
  description: string | null;
  channel: string;
  status: string;
  status_zh: string;
  status_en: string;
  received_at: string;
  case: { id: string; state: string; state_zh: string; state_en: string } | null;
  /** details only: every person, the applicant first, ID numbers masked */
  members?: { name: string; id_number_masked: string; relation: string }[];
  consent?: unknown;
}

const COLUMNS = [
  'a.id', 'a.reference', 'a.region_code', 'a.hukou_type', 'a.address', 'a.phone_masked', 'a.applicant_name', 'a.applicant_id_masked',
  'a.member_count', 'a.needs', 'a.description', 'a.channel', 'a.status', 'a.received_at', 'c.id as case_id', 'c.state as case_state',
] as const;

export class ApplicationReads {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly regions: RegionService,
    private readonly audit: AuditService,
    private readonly vault: PiiVault,
  ) {}

  async list(f: IntakeFilter, actor: Actor): Promise<{ applications: ApplicationView[]; total: number }> {
    requirePermission(actor, 'case.read');
    const w = listWindow(f, APPLICATION_STATUSES, actor);
    if (w.region === undefined) return { applications: [], total: 0 };
    let q = this.base().where('a.region_code', 'like', `${w.region}%`);
    if (w.status) q = q.where('a.status', '=', w.status as 'received');
    const { n } = await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const rows = await q.select(COLUMNS).orderBy('a.received_at', 'desc').orderBy('a.id', 'desc').limit(w.limit).offset(w.offset).execute();
    await this.audit.record({ actor: actor.label, action: 'application.list', detail: { filter: { region: w.region, status: w.status ?? null, limit: w.limit, offset: w.offset }, returned: rows.length } });
    return { applications: await this.views(rows), total: Number(n) };
  }

  async get(id: string, actor: Actor): Promise<ApplicationView> {
    requirePermission(actor, 'case.read');
    const what = { zh: `申请 ${id}`, en: `application ${id}` };
    const row = await this.base().select([...COLUMNS, 'a.members_sealed', 'a.consent']).where('a.id', '=', requireId(id, what)).executeTakeFirst();
    if (!row || !inScope(actor, row.region_code)) throw notFound(what);
    await this.audit.record({ actor: actor.label, action: 'application.read', subject: `application:${row.id}` });
    const [view] = await this.views([row]);
    const persons = JSON.parse(this.vault.open(row.members_sealed)) as ApplicationPerson[];
    return { ...view, members: persons.map((p) => ({ name: p.name, id_number_masked: maskIdNumber(p.id_number), relation: p.relation })), consent: row.consent };
  }

  private base() {
    return this.db.selectFrom('case_application as a')
      .leftJoin('assistance_case as c', (j) => j.onRef('c.source_id', '=', 'a.id').on('c.source_kind', '=', 'application'));
  }

  private async views(rows: Row[]): Promise<ApplicationView[]> {
    const names = await this.regions.pathNames(rows.map((r) => r.region_code));
    return rows.map((r) => {
      const s = termOf(APPLICATION_STATUSES, r.status)!;
      return {
        id: r.id, reference: r.reference, region_code: r.region_code, region_name: names.get(r.region_code) ?? r.region_code,
        hukou_type: r.hukou_type, address: r.address, phone_masked: r.phone_masked,
        applicant: { name: r.applicant_name, id_number_masked: r.applicant_id_masked },
        member_count: r.member_count, needs: r.needs, description: r.description, channel: r.channel,
        status: r.status, status_zh: s.zh, status_en: s.en, received_at: iso(r.received_at),
        case: r.case_id && r.case_state ? { id: r.case_id, state: r.case_state, ...labels(r.case_state) } : null,
      };
    });
  }
}

const labels = (state: string) => ({ state_zh: stateLabel(state).zh, state_en: stateLabel(state).en });

interface Row {
  id: string;
  reference: string;
  region_code: string;
  hukou_type: string;
  address: string | null;
  phone_masked: string | null;
  applicant_name: string;
  applicant_id_masked: string;
  member_count: number;
  needs: string[];
  description: string | null;
  channel: string;
  status: string;
  received_at: Date;
  case_id: string | null;
  case_state: string | null;
}
