/**
 * Where a case comes from (发现): a monitoring alert, a self-application, a village worker's
 * report, or a review task. Each resolves to the household (or the person not yet in the
 * registry) and the region the case is routed to, and is marked as taken into the case.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../access/domain/actor.js';
import type { AlertService } from '../monitoring/alert.service.js';
import type { AuthorizationService } from '../access/authorization.service.js';
import { CHECK_SCOPES } from '../access/authorization.service.js';
import type { OpenInput } from './case.service.js';
import { monthsLater } from './case-inputs.js';

export interface Subject {
  name: string | null;
  id_hash: string;
  id_masked: string;
  id_sealed: string | null;
}

export interface Discovery {
  kind: 'alert' | 'application' | 'report' | 'review_task';
  id: string;
  household_id: string | null;
  subject: Subject | null;
  region_code: string;
  /** the applicant's consent, to become the household's authorization record */
  consent?: { signer_name?: string; signed_on?: string; reference?: string } | null;
}

/** The intake module's view of an application, as the case reads it. */
export interface ApplicationForCase {
  id: string;
  reference?: string;
  region_code: string;
  applicant: { name: string; id_hash: string; id_masked: string; id_sealed: string };
  consent: unknown;
  status: string;
}

export interface ReportForCase {
  id: string;
  household_id: string | null;
  person: { name: string; id_hash: string; id_masked: string; id_sealed: string } | null;
  region_code: string;
  status: string;
}

export interface IntakePorts {
  applications: { forCase(id: string, db: Kysely<DB>): Promise<ApplicationForCase | null>; markAccepted(id: string, db: Kysely<DB>): Promise<void> };
  reports: { forCase(id: string, db: Kysely<DB>): Promise<ReportForCase | null>; markAccepted(id: string, db: Kysely<DB>): Promise<void> };
}

function notFoundAsNull(e: unknown): null {
  if (e instanceof AppError && e.code === 'NOT_FOUND') return null;
  throw e;
}

const taken = (what: { zh: string; en: string }, caseId: string) =>
  new AppError('CONFLICT', { zh: `${what.zh}已立案（案件 ${caseId}）`, en: `${what.en} is already in case ${caseId}` }, { case_id: caseId });

export class DiscoverySources {
  constructor(
    private readonly alerts: AlertService,
    private readonly authorizations: AuthorizationService,
    private readonly clock: Clock,
    private readonly intake: IntakePorts | null,
  ) {}

  async resolve(trx: Kysely<DB>, input: OpenInput, actor: Actor): Promise<Discovery> {
    const given = (['alert_id', 'application_id', 'report_id', 'review_task_id'] as const).filter((k) => input[k] !== undefined && input[k] !== null);
    if (given.length !== 1) {
      throw new AppError('VALIDATION', { zh: '请给出一个来源：alert_id、application_id、report_id 或 review_task_id', en: 'give exactly one source: alert_id, application_id, report_id or review_task_id' }, { field: 'source' });
    }
    const id = String(input[given[0]]);
    if (given[0] === 'alert_id') return this.alert(trx, id, actor);
    if (given[0] === 'review_task_id') return this.reviewTask(trx, id, actor);
    if (!this.intake) throw new AppError('INTERNAL', { zh: '受理模块未启用', en: 'intake is not wired' });
    return given[0] === 'application_id' ? this.application(trx, id, actor) : this.report(trx, id, actor);
  }

  /** Mark the discovery as taken into case `caseId` (in the same transaction). */
  async attach(trx: Kysely<DB>, d: Discovery, caseId: string, actor: Actor): Promise<void> {
    if (d.kind === 'alert') {
      await trx.insertInto('case_alert').values({ case_id: caseId, alert_id: d.id, attached_by: actor.label }).execute();
      await this.alerts.markVerifying(trx, [d.id], actor.label);
    } else if (d.kind === 'review_task') {
      await trx.updateTable('review_task').set({ case_id: caseId }).where('id', '=', d.id).execute();
    } else if (d.kind === 'application') {
      await this.intake!.applications.markAccepted(d.id, trx);
      if (d.household_id && d.subject) await this.consentToAuthorization(trx, d, actor);
    } else {
      await this.intake!.reports.markAccepted(d.id, trx);
    }
  }

  private async alert(trx: Kysely<DB>, id: string, actor: Actor): Promise<Discovery> {
    const a = await this.alerts.forCase(id, actor, trx);
    const inCase = await trx.selectFrom('case_alert').select('case_id').where('alert_id', '=', a.id).executeTakeFirst();
    if (inCase) throw taken({ zh: `预警 ${id} `, en: `alert ${id}` }, inCase.case_id);
    if (a.status === 'closed') throw new AppError('CONFLICT', { zh: `预警 ${id} 已办结，不能再立案`, en: `alert ${id} is closed: no case can be opened from it` });
    if (a.household_id) return { kind: 'alert', id: a.id, household_id: a.household_id, subject: null, region_code: await this.householdRegion(trx, a.household_id) };
    return { kind: 'alert', id: a.id, household_id: null, subject: { name: null, id_hash: a.id_hash!, id_masked: a.id_masked ?? '', id_sealed: null }, region_code: a.region_code ?? '22' };
  }

  private async reviewTask(trx: Kysely<DB>, id: string, actor: Actor): Promise<Discovery> {
    const t = /^\d{1,18}$/.test(id) ? await trx.selectFrom('review_task').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
    if (!t || !t.region_code.startsWith(actor.regionCode)) throw notFound({ zh: `复核任务 ${id}`, en: `review task ${id}` });
    if (t.case_id) throw taken({ zh: `复核任务 ${id} `, en: `review task ${id}` }, t.case_id);
    if (t.status !== 'open') throw new AppError('CONFLICT', { zh: `复核任务 ${id} 已完成`, en: `review task ${id} is done` });
    return { kind: 'review_task', id: t.id, household_id: t.household_id, subject: null, region_code: await this.householdRegion(trx, t.household_id) };
  }

  private async application(trx: Kysely<DB>, id: string, actor: Actor): Promise<Discovery> {
    const a = await this.intake!.applications.forCase(id, trx).catch(notFoundAsNull);
    if (!a || !a.region_code.startsWith(actor.regionCode)) throw notFound({ zh: `申请 ${id}`, en: `application ${id}` });
    if (a.status !== 'received') throw new AppError('CONFLICT', { zh: `申请 ${id} 已受理`, en: `application ${id} was already taken` });
    const person = await this.registered(trx, a.applicant.id_hash);
    const consent = { ...(typeof a.consent === 'object' && a.consent ? a.consent : {}), reference: a.reference };
    return { kind: 'application', id: a.id, household_id: person?.household_id ?? null, subject: { ...a.applicant }, region_code: person?.region_code ?? a.region_code, consent };
  }

  private async report(trx: Kysely<DB>, id: string, actor: Actor): Promise<Discovery> {
    const r = await this.intake!.reports.forCase(id, trx).catch(notFoundAsNull);
    if (!r || !r.region_code.startsWith(actor.regionCode)) throw notFound({ zh: `上报 ${id}`, en: `report ${id}` });
    if (r.status !== 'received') throw new AppError('CONFLICT', { zh: `上报 ${id} 已受理`, en: `report ${id} was already taken` });
    const person = r.household_id ? null : r.person ? await this.registered(trx, r.person.id_hash) : null;
    const household = r.household_id ?? person?.household_id ?? null;
    const region = household ? await this.householdRegion(trx, household) : r.region_code;
    return { kind: 'report', id: r.id, household_id: household, subject: r.person ? { ...r.person } : null, region_code: region };
  }

  private async registered(trx: Kysely<DB>, hash: string) {
    return trx.selectFrom('person as p').innerJoin('household as h', 'h.id', 'p.household_id')
      .select(['p.id', 'p.household_id', 'h.region_code']).where('p.id_number_hash', '=', hash).where('h.status', '=', 'active').executeTakeFirst();
  }

  private async householdRegion(trx: Kysely<DB>, householdId: string): Promise<string> {
    return (await trx.selectFrom('household').select('region_code').where('id', '=', householdId).executeTakeFirstOrThrow()).region_code;
  }

  /** The applicant's online consent becomes the household's authorization record, valid 12 months. */
  private async consentToAuthorization(trx: Kysely<DB>, d: Discovery, actor: Actor): Promise<void> {
    const person = await this.registered(trx, d.subject!.id_hash);
    if (!person) return;
    const code = (await trx.selectFrom('household').select('code').where('id', '=', person.household_id!).executeTakeFirstOrThrow()).code;
    const signed = d.consent?.signed_on && d.consent.signed_on <= this.clock.today() ? d.consent.signed_on : this.clock.today();
    await this.authorizations.recordIn(trx, code, {
      signed_by_person_id: person.id, scope: [...CHECK_SCOPES], signed_on: signed, expires_on: monthsLater(signed, 12),
      file_ref: `online-application:${d.consent?.reference ?? d.id}`,
    }, actor, 'case.manage');
  }
}
