/**
 * The online self-application (主动申请): the family applies without an account, the ID numbers
 * are stored only hashed, sealed and masked (the members as one sealed JSON), the applicant
 * follows it with the reference and their ID number, and township officers read the ones of
 * their region (audited). The case service opens a case from one with forCase / members /
 * markAccepted, inside its own transaction. Reading lists and details: application-read.ts.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../platform/db/schema.js';
import type { Clock } from '../../../platform/clock.js';
import type { PiiVault } from '../../../platform/crypto/pii-vault.js';
import { AppError, notFound } from '../../../platform/errors.js';
import type { AuditService } from '../../audit/audit.service.js';
import type { RegionService } from '../../regions/region.service.js';
import type { Actor } from '../../access/domain/actor.js';
import { CHECK_SCOPES } from '../../access/authorization.service.js';
import { maskIdNumber } from '../../registry/domain/id-number.js';
import { maskPhone } from '../../registry/domain/person-facts.js';
import { FINISHED_STATES, stateLabel } from '../domain/case-machine.js';
import { parseApplication, type ApplicationInput, type ApplicationPerson } from './domain/application-input.js';
import { idNumber, Problems } from './domain/field-checks.js';
import { APPLICATION_STATUSES, termOf } from './domain/intake-vocabulary.js';
import { ApplicationReads, type ApplicationView } from './application-read.js';
import { iso, type IntakeFilter } from './intake-lists.js';

/** pg_advisory_xact_lock key: one submission at a time takes a reference and checks for a pending one. */
const SUBMIT_LOCK = 7_301_001;

export interface ApplicationConsent {
  signer_name: string;
  scope: string[];
  signed_on: string;
  declaration: boolean;
}

/** What the case service needs to open a case from an application (ID numbers hashed/sealed/masked). */
export interface ApplicationForCase {
  id: string;
  reference: string;
  region_code: string;
  hukou_type: 'urban' | 'rural';
  address: string | null;
  applicant: { name: string; id_hash: string; id_masked: string; id_sealed: string };
  member_count: number;
  needs: string[];
  description: string | null;
  consent: ApplicationConsent;
  status: 'received' | 'accepted' | 'withdrawn';
}

export interface ApplicationStatusAnswer {
  reference: string;
  status: string;
  status_zh: string;
  status_en: string;
  received_at: string;
  case: { state: string; state_zh: string; state_en: string } | null;
}

const NO_SUCH = () => new AppError('NOT_FOUND', { zh: '未找到该申请，请核对申请编号和申请人身份证号', en: 'no application found for this reference and ID number' });
const notFoundApplication = (id: string) => notFound({ zh: `申请 ${id}`, en: `application ${id}` });

export class ApplicationService {
  private readonly reads: ApplicationReads;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly regions: RegionService,
    private readonly audit: AuditService,
    private readonly vault: PiiVault,
    private readonly clock: Clock,
  ) {
    this.reads = new ApplicationReads(db, regions, audit, vault);
  }

  /** A family's application (public). 201 {reference, received_at}; 409 while one of theirs is being handled. */
  async submit(body: unknown, channel: 'online' | 'window' = 'online'): Promise<{ reference: string; received_at: string }> {
    const today = this.clock.today();
    const { value, problems } = parseApplication(body, today);
    if (value) await this.checkRegion(value.region_code, problems);
    problems.throwIfAny();
    const a = value!;
    const applicantHash = this.vault.hash(a.applicant.id_number);
    return this.db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${SUBMIT_LOCK}::bigint)`.execute(trx);
      if (await this.pendingOf(trx, applicantHash)) {
        throw new AppError('CONFLICT', { zh: '您已有一份正在办理的申请，请凭申请编号查询进度', en: 'an application of yours is already being handled; check its status with its reference' });
      }
      const reference = await nextReference(trx, today);
      const receivedAt = this.clock.now();
      const row = await trx.insertInto('case_application').values({
        reference, ...this.sealed(a, applicantHash, today), channel, received_at: receivedAt,
      }).returning('id').executeTakeFirstOrThrow();
      await this.audit.record({ actor: `public:${channel}`, action: 'application.submit', subject: `application:${row.id}`, detail: { region_code: a.region_code, member_count: a.members.length + 1, needs: a.needs } }, trx);
      return { reference, received_at: iso(receivedAt) };
    });
  }

  /** Where an application stands (public): the same "not found" unless reference and ID number both match. */
  async status(body: unknown): Promise<ApplicationStatusAnswer> {
    const p = new Problems();
    const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    const reference = typeof b.reference === 'string' ? b.reference.trim().toUpperCase() : '';
    if (!/^SQ\d{14}$/.test(reference)) p.add('reference', '申请编号格式无效（如 SQ20261204000123）', 'is not a reference (like SQ20261204000123)');
    const id = idNumber(p, 'id_number', b.id_number, this.clock.today());
    p.throwIfAny();
    const row = await this.db.selectFrom('case_application as a')
      .leftJoin('assistance_case as c', (j) => j.onRef('c.source_id', '=', 'a.id').on('c.source_kind', '=', 'application'))
      .select(['a.id', 'a.status', 'a.received_at', 'a.applicant_id_hash', 'c.state'])
      .where('a.reference', '=', reference)
      .executeTakeFirst();
    if (!row || row.applicant_id_hash !== this.vault.hash(id!)) throw NO_SUCH();
    await this.audit.record({ actor: 'public:online', action: 'application.status', subject: `application:${row.id}` });
    const s = termOf(APPLICATION_STATUSES, row.status)!;
    return {
      reference, status: row.status, status_zh: s.zh, status_en: s.en, received_at: iso(row.received_at),
      case: row.state ? { state: row.state, state_zh: stateLabel(row.state).zh, state_en: stateLabel(row.state).en } : null,
    };
  }

  list(f: IntakeFilter, actor: Actor): Promise<{ applications: ApplicationView[]; total: number }> {
    return this.reads.list(f, actor);
  }

  get(id: string, actor: Actor): Promise<ApplicationView> {
    return this.reads.get(id, actor);
  }

  /** For the case service, in its transaction `db`: the application, locked, identifiers hashed/sealed/masked. */
  async forCase(id: string, db: Kysely<DB>): Promise<ApplicationForCase> {
    const r = await this.row(id, db);
    return {
      id: r.id, reference: r.reference, region_code: r.region_code, hukou_type: r.hukou_type, address: r.address,
      applicant: { name: r.applicant_name, id_hash: r.applicant_id_hash, id_masked: r.applicant_id_masked, id_sealed: r.applicant_id_sealed },
      member_count: r.member_count, needs: r.needs, description: r.description, consent: r.consent as ApplicationConsent, status: r.status,
    };
  }

  /** The members opened (the applicant first), to register the household on the server. Never send these over HTTP. */
  async members(id: string, db: Kysely<DB>): Promise<ApplicationPerson[]> {
    const r = await this.row(id, db);
    return JSON.parse(this.vault.open(r.members_sealed)) as ApplicationPerson[];
  }

  /** received → accepted, when the case is opened; 409 if it is not `received`. */
  async markAccepted(id: string, db: Kysely<DB>): Promise<void> {
    const r = await this.row(id, db);
    if (r.status !== 'received') throw new AppError('CONFLICT', { zh: `申请 ${id} 的状态为「${termOf(APPLICATION_STATUSES, r.status)!.zh}」，不能再受理`, en: `application ${id} is ${r.status}; it cannot be accepted again` });
    await db.updateTable('case_application').set({ status: 'accepted' }).where('id', '=', r.id).execute();
  }

  private async row(id: string, db: Kysely<DB>) {
    const r = /^\d{1,18}$/.test(id) ? await db.selectFrom('case_application').selectAll().where('id', '=', id).forUpdate().executeTakeFirst() : undefined;
    if (!r) throw notFoundApplication(id);
    return r;
  }

  private async checkRegion(code: string, p: Problems): Promise<void> {
    try {
      await this.regions.resolve(code);
    } catch {
      p.add('region_code', '区划代码不存在', 'no such region');
    }
  }

  /** An application of this applicant still being handled: received, or accepted with its case open. */
  private async pendingOf(db: Kysely<DB>, applicantHash: string): Promise<boolean> {
    const r = await db.selectFrom('case_application as a')
      .leftJoin('assistance_case as c', (j) => j.onRef('c.source_id', '=', 'a.id').on('c.source_kind', '=', 'application'))
      .select('a.id')
      .where('a.applicant_id_hash', '=', applicantHash)
      .where((eb) => eb.or([
        eb('a.status', '=', 'received'),
        eb.and([eb('a.status', '=', 'accepted'), eb.or([eb('c.state', 'is', null), eb('c.state', 'not in', [...FINISHED_STATES])])]),
      ]))
      .executeTakeFirst();
    return !!r;
  }

  private sealed(a: ApplicationInput, applicantHash: string, today: string) {
    const persons = [a.applicant, ...a.members];
    const consent: ApplicationConsent = { signer_name: a.consent.signer_name, scope: [...CHECK_SCOPES], signed_on: today, declaration: true };
    return {
      region_code: a.region_code, hukou_type: a.hukou_type, address: a.address,
      applicant_name: a.applicant.name, applicant_id_hash: applicantHash, applicant_id_sealed: this.vault.seal(a.applicant.id_number), applicant_id_masked: maskIdNumber(a.applicant.id_number),
      phone_sealed: this.vault.seal(a.phone), phone_masked: maskPhone(a.phone),
      members_sealed: this.vault.seal(JSON.stringify(persons)), member_count: persons.length,
      needs: a.needs, description: a.description, consent: JSON.stringify(consent),
    };
  }
}

/** SQ<YYYYMMDD><6-digit sequence of the day>; the caller holds SUBMIT_LOCK. */
async function nextReference(db: Kysely<DB>, today: string): Promise<string> {
  const prefix = `SQ${today.replaceAll('-', '')}`;
  const last = await db.selectFrom('case_application').select('reference')
    .where('reference', '>', prefix).where('reference', '<=', `${prefix}999999`)
    .orderBy('reference', 'desc').limit(1).executeTakeFirst();
  const n = last ? Number(last.reference.slice(prefix.length)) + 1 : 1;
  if (n > 999_999) throw new AppError('INTERNAL', { zh: '今日申请编号已用完', en: "today's application references are used up" });
  return `${prefix}${String(n).padStart(6, '0')}`;
}
