/**
 * Referrals (转介): the case flow refers a household to a department's program; the department
 * handler sees only referrals to its own department within its region and answers each —
 * accepted (with the amount granted, which goes into the assistance ledger) or declined (with the
 * reason). Officers with case.read see every referral in their region. Reads are audited.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, bilingual, notFound } from '../../platform/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import type { PolicyService } from '../policy/policy.service.js';
import type { CalendarService } from '../monitoring/calendar/calendar.service.js';
import { can, inScope, requirePermission, scopedRegion, type Actor } from '../access/domain/actor.js';
import type { GrantService, Grant } from './grant.service.js';
import type { ProgramService } from './program.service.js';
import { REFERRAL_STATUSES, selectReferrals, toReferral, type Referral } from './referral.store.js';

export type { Referral };

export interface ReferralRequest {
  case_id: string | null;
  household_id: string;
  region_code: string;
  programs: string[];
  note?: string | null;
  /** Why each program was recommended: text, or the matching's reasons (the passed ones are kept). */
  reason_by_program?: Record<string, ReasonInput>;
}

export type ReasonInput = string | readonly { zh: string; en: string; passed?: boolean }[];

export interface ReferralFilter {
  status?: string;
  program?: string;
  region?: string;
  household?: string;
  limit?: number;
  offset?: number;
}

export interface ReferralAnswer {
  decision: string;
  result?: string | null;
  amount?: number | null;
  granted_on?: string | null;
  period_from?: string | null;
  period_to?: string | null;
  confirm_duplicate?: boolean;
  /** Why a second payment for the same period is right (with confirm_duplicate). */
  duplicate_reason?: string | null;
}

export class ReferralService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly programs: ProgramService,
    private readonly grants: GrantService,
    private readonly policy: PolicyService,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Refer a household to programs, in the case service's transaction: one referral per program, to its department. */
  async create(db: Kysely<DB>, input: ReferralRequest, actor: Actor): Promise<Referral[]> {
    requirePermission(actor, 'case.manage');
    if (!Array.isArray(input.programs) || input.programs.length === 0) {
      throw new AppError('VALIDATION', { zh: '请至少选择一个救助项目', en: 'choose at least one program' }, { field: 'programs' });
    }
    input.programs.forEach((c, i) => {
      if (input.programs.indexOf(c) !== i) throw new AppError('VALIDATION', { zh: `programs[${i}]：项目「${c}」重复`, en: `programs[${i}]: program "${c}" is repeated` }, { field: `programs[${i}]` });
    });
    const h = await db.selectFrom('household').select(['id', 'code', 'region_code']).where('id', '=', input.household_id).forUpdate().executeTakeFirst();
    if (!h || !inScope(actor, h.region_code) || !inScope(actor, input.region_code)) throw notFound({ zh: `户 ${input.household_id}`, en: `household ${input.household_id}` });
    const programs = await this.programs.activeByCodes(input.programs, db);
    const today = this.clock.today();
    const days = Number((await this.policy.get('referral.deadline_days', input.region_code, today, db)).value);
    const due = (await this.calendar.workingCalendar(db)).addWorkingDays(today, days);
    const ids: string[] = [];
    for (const [i, p] of programs.entries()) {
      const open = await selectReferrals(db).where('r.household_id', '=', h.id).where('r.program_code', '=', p.code).where('r.status', '=', 'pending').executeTakeFirst();
      if (open) {
        throw new AppError('CONFLICT', {
          zh: `该户已有待办理的「${p.definition.zh}」转介 #${open.id}（${p.department.zh}，期限 ${open.due ?? '—'}），不能重复转介`,
          en: `the household already has a pending referral #${open.id} to ${p.definition.en} (${p.department.en}, due ${open.due ?? '—'}); it cannot be referred again`,
        }, { field: `programs[${i}]`, referral_id: open.id });
      }
      const row = await db.insertInto('referral').values({
        case_id: input.case_id, household_id: h.id, program_code: p.code, program_version: p.version, department: p.definition.department,
        region_code: input.region_code, reason: reasonText(input.reason_by_program?.[p.code]), note: input.note?.trim() || null,
        requested_by: actor.label, due, requested_at: this.clock.now(),
      }).returning('id').executeTakeFirstOrThrow();
      ids.push(row.id);
    }
    await this.audit.record({ actor: actor.label, action: 'referral.create', subject: `household:${h.code}`, detail: { referrals: ids, programs: input.programs, case: input.case_id, due } }, db);
    const rows = await selectReferrals(db).where('r.id', 'in', ids).orderBy('r.id').execute();
    return rows.map((r) => toReferral(r, today));
  }

  async list(f: ReferralFilter, actor: Actor): Promise<{ referrals: Referral[]; total: number }> {
    const department = await this.visibleDepartment(actor);
    const region = scopedRegion(actor, f.region);
    if (f.status && !(REFERRAL_STATUSES as readonly string[]).includes(f.status)) {
      throw new AppError('VALIDATION', { zh: `status「${f.status}」无效，可选：${REFERRAL_STATUSES.join(', ')}`, en: `status "${f.status}" is invalid; one of: ${REFERRAL_STATUSES.join(', ')}` }, { field: 'status' });
    }
    if (region === undefined || department === false) return { referrals: [], total: 0 };
    const limit = Math.min(Math.max(f.limit ?? 50, 1), 500);
    const offset = Math.max(f.offset ?? 0, 0);
    let q = selectReferrals(this.db).where('r.region_code', 'like', `${region}%`);
    if (department) q = q.where('r.department', '=', department);
    if (f.status) q = q.where('r.status', '=', f.status as Referral['status']);
    if (f.program) q = q.where('r.program_code', '=', f.program);
    if (f.household) q = q.where('h.code', '=', f.household);
    const total = await q.clearSelect().select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const rows = await q.orderBy((eb) => eb.case().when('r.status', '=', 'pending').then(0).else(1).end()).orderBy('r.due').orderBy('r.id', 'desc').limit(limit).offset(offset).execute();
    await this.audit.record({ actor: actor.label, action: 'referral.list', detail: { filter: { ...f, limit, offset }, department: department ?? null, returned: rows.length } });
    const today = this.clock.today();
    return { referrals: rows.map((r) => toReferral(r, today)), total: Number(total.n) };
  }

  async get(id: string, actor: Actor): Promise<Referral> {
    const r = await this.visible(this.db, id, actor);
    await this.audit.record({ actor: actor.label, action: 'referral.read', subject: `household:${r.household_code}`, detail: { referral: id } });
    return r;
  }

  /** The department's answer; an accepted referral with an amount records the grant (double-payment rule applies). */
  async respond(id: string, a: ReferralAnswer, actor: Actor): Promise<Referral & { grant: Grant | null }> {
    requirePermission(actor, 'referral.handle');
    const bad = (field: string, zh: string, en: string) => new AppError('VALIDATION', { zh, en }, { field });
    if (a.decision !== 'accepted' && a.decision !== 'declined') throw bad('decision', `decision「${a.decision}」应为 accepted 或 declined`, `decision "${a.decision}" must be accepted or declined`);
    const result = a.result?.trim() || null;
    if (a.decision === 'declined' && !result) throw bad('result', '不予救助须写明理由（result）', 'a decline needs the reason (result)');
    if (a.decision === 'declined' && a.amount != null) throw bad('amount', '不予救助时不能填写金额', 'a decline has no amount');
    return this.db.transaction().execute(async (trx) => {
      await trx.selectFrom('referral').select('id').where('id', '=', /^\d{1,18}$/.test(id) ? id : '0').forUpdate().executeTakeFirst();
      const r = await this.visible(trx, id, actor);
      await this.requireOwnDepartment(r, actor, trx);
      if (r.status !== 'pending') throw new AppError('CONFLICT', { zh: `转介 #${id} 已办理（${r.status}），不能再次答复`, en: `referral #${id} was already answered (${r.status})` }, { field: 'decision' });
      const today = this.clock.today();
      const grantedOn = a.granted_on ?? today;
      const periodFrom = a.period_from ?? grantedOn;
      const periodTo = a.period_to ?? periodFrom;
      let grant: Grant | null = null;
      if (a.decision === 'accepted' && a.amount != null) {
        const householdId = (await trx.selectFrom('referral').select('household_id').where('id', '=', id).executeTakeFirstOrThrow()).household_id;
        grant = await this.grants.record(trx, {
          household_id: householdId, case_id: r.case_id, referral_id: r.id, program_code: r.program.code, amount: a.amount,
          period_from: periodFrom, period_to: periodTo, granted_on: grantedOn, reason: a.confirm_duplicate ? a.duplicate_reason : result,
        }, actor, { confirm_duplicate: a.confirm_duplicate });
      }
      const withMoney = a.decision === 'accepted' && a.amount != null;
      await trx.updateTable('referral').set({
        status: a.decision as 'accepted' | 'declined', responded_by: actor.label, responded_at: this.clock.now(), result,
        amount: withMoney ? a.amount! : null, granted_on: withMoney || a.decision === 'accepted' ? grantedOn : null,
        period_from: withMoney ? periodFrom : null, period_to: withMoney ? periodTo : null,
      }).where('id', '=', id).execute();
      await this.audit.record({ actor: actor.label, action: 'referral.respond', subject: `household:${r.household_code}`, detail: { referral: id, decision: a.decision, amount: a.amount ?? null, grant: grant?.id ?? null, duplicate_of: grant?.duplicate_of ?? null } }, trx);
      return { ...(await this.visible(trx, id, actor)), grant };
    });
  }

  /** A case's referrals, oldest first (the case and its timeline; access is the caller's). */
  async listForCase(caseId: string, db: Kysely<DB> = this.db): Promise<Referral[]> {
    const rows = await selectReferrals(db).where('r.case_id', '=', caseId).orderBy('r.id').execute();
    return rows.map((r) => toReferral(r, this.clock.today()));
  }

  /** A household's referrals, newest first (the household timeline; access is the caller's). */
  async listForHousehold(householdId: string, db: Kysely<DB> = this.db): Promise<Referral[]> {
    const rows = await selectReferrals(db).where('r.household_id', '=', householdId).orderBy('r.id', 'desc').execute();
    return rows.map((r) => toReferral(r, this.clock.today()));
  }

  /**
   * Whose referrals the actor reads: every department's (null) with case.read; only its own
   * department's with referral.handle; none (false) for a handler without a known department.
   */
  private async visibleDepartment(actor: Actor, db: Kysely<DB> = this.db): Promise<string | null | false> {
    if (can(actor, 'case.read')) return null;
    if (!can(actor, 'referral.handle')) requirePermission(actor, 'case.read');
    if (!actor.department) return false;
    const d = (await this.programs.departments(db)).find((x) => x.code === actor.department || x.zh === actor.department);
    return d?.code ?? false;
  }

  private async visible(db: Kysely<DB>, id: string, actor: Actor): Promise<Referral> {
    const department = await this.visibleDepartment(actor, db);
    const row = /^\d{1,18}$/.test(id) ? await selectReferrals(db).where('r.id', '=', id).executeTakeFirst() : undefined;
    const seen = row && department !== false && inScope(actor, row.region_code) && (department === null || row.department === department);
    if (!row || !seen) throw notFound({ zh: `转介 ${id}`, en: `referral ${id}` });
    return toReferral(row, this.clock.today());
  }

  /** A responder with a department answers only for it, even when case.read lets it read more. */
  private async requireOwnDepartment(r: Referral, actor: Actor, db: Kysely<DB>): Promise<void> {
    if (!actor.department) return;
    const own = (await this.programs.departments(db)).find((x) => x.code === actor.department || x.zh === actor.department)?.code;
    if (own !== r.department.code) {
      throw new AppError('FORBIDDEN', {
        zh: `转介 #${r.id} 由${r.department.zh}办理，您所在部门（${actor.department}）不能答复`,
        en: `referral #${r.id} is for ${r.department.en}; your department (${actor.department}) cannot answer it`,
      });
    }
  }
}

function reasonText(r: ReasonInput | undefined): string | null {
  if (r === undefined) return null;
  if (typeof r === 'string') return r.trim().slice(0, 2000) || null;
  const kept = r.filter((x) => x.passed !== false);
  if (!kept.length) return null;
  return bilingual({ zh: kept.map((x) => x.zh).join('；'), en: kept.map((x) => x.en).join('; ') }).slice(0, 2000);
}
