/**
 * The assistance ledger (救助台账): money or services delivered to a household, by any program
 * of any department, and the double-payment rule: a second grant from the same program to the
 * same household for an overlapping period is refused (409) unless the caller confirms it with
 * a reason; then it is recorded with `duplicate_of` and the answer carries the warning.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, notFound, type Bilingual } from '../../platform/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { can, inScope, type Actor } from '../access/domain/actor.js';
import type { Permission } from '../access/domain/roles.js';
import { duplicateWarning } from './domain/ledger.js';
import type { ProgramService } from './program.service.js';

export interface GrantInput {
  household_id: string;
  person_id?: string | null;
  case_id?: string | null;
  referral_id?: string | null;
  program_code: string;
  /** CNY; null for a service or help in kind. */
  amount: number | null;
  period_from: string;
  period_to: string;
  granted_on: string;
  /** 小额快救 */
  fast?: boolean;
  reason?: string | null;
}

export interface Grant {
  id: string;
  household_code: string;
  person_id: string | null;
  case_id: string | null;
  referral_id: string | null;
  program: { code: string; zh: string; en: string };
  department: { code: string; zh: string; en: string };
  amount: number | null;
  period_from: string;
  period_to: string;
  granted_on: string;
  fast: boolean;
  duplicate_of: string | null;
  reason: string | null;
  recorded_by: string;
  created_at: string;
  /** Set when the grant was recorded over the double-payment warning. */
  warning?: Bilingual;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Who records grants: departments answering referrals, and the case flow (fast relief, temporary assistance). */
const RECORDERS: Permission[] = ['referral.handle', 'case.manage', 'case.decide'];

export class GrantService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly programs: ProgramService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Record one grant in the caller's transaction (`db`). */
  async record(db: Kysely<DB>, input: GrantInput, actor: Actor, opts: { confirm_duplicate?: boolean } = {}): Promise<Grant> {
    if (!RECORDERS.some((p) => can(actor, p))) {
      throw new AppError('FORBIDDEN', { zh: '无权登记救助发放（需要办理转介或救助案件的权限）', en: 'not allowed to record assistance (needs permission to handle referrals or cases)' });
    }
    this.check(input, opts);
    // Lock the household: two grants for it are checked one after the other.
    const h = await db.selectFrom('household').select(['id', 'code', 'region_code']).where('id', '=', input.household_id).forUpdate().executeTakeFirst();
    if (!h || !inScope(actor, h.region_code)) throw notFound({ zh: `户 ${input.household_id}`, en: `household ${input.household_id}` });
    if (input.person_id) {
      const p = await db.selectFrom('person').select('household_id').where('id', '=', input.person_id).executeTakeFirst();
      if (!p || p.household_id !== h.id) throw new AppError('VALIDATION', { zh: `人员 ${input.person_id} 不是该户成员`, en: `person ${input.person_id} is not a member of the household` }, { field: 'person_id' });
    }
    // A referral made under a program answers even if the program was switched off since.
    const program = input.referral_id ? await this.programs.find(input.program_code, db) : (await this.programs.activeByCodes([input.program_code], db, 'program_code'))[0];
    const earlier = (await this.rows(db).where('g.household_id', '=', h.id).where('g.program_code', '=', input.program_code)
      .where('g.period_from', '<=', input.period_to).where('g.period_to', '>=', input.period_from).orderBy('g.id').execute());
    const first = earlier[0];
    let warning: Bilingual | undefined;
    if (first) {
      warning = duplicateWarning({ ...first, amount: num(first.amount) }, program.definition);
      if (!opts.confirm_duplicate) {
        throw new AppError('CONFLICT', warning, { field: 'confirm_duplicate', duplicate_of: first.id, grant: { id: first.id, period_from: first.period_from, period_to: first.period_to, amount: num(first.amount), referral_id: first.referral_id, case_id: first.case_id } });
      }
    }
    const row = await db.insertInto('assistance_grant').values({
      household_id: h.id, person_id: input.person_id ?? null, case_id: input.case_id ?? null, referral_id: input.referral_id ?? null,
      program_code: program.code, department: program.definition.department, amount: input.amount, period_from: input.period_from,
      period_to: input.period_to, granted_on: input.granted_on, fast: input.fast ?? false, duplicate_of: first?.id ?? null,
      reason: input.reason?.trim() || null, recorded_by: actor.label, created_at: this.clock.now(),
    }).returning('id').executeTakeFirstOrThrow();
    await this.audit.record({
      actor: actor.label, action: 'grant.record', subject: `household:${h.code}`,
      detail: { grant: row.id, program: program.code, amount: input.amount, period_from: input.period_from, period_to: input.period_to, case: input.case_id ?? null, referral: input.referral_id ?? null, duplicate_of: first?.id ?? null, fast: input.fast ?? false },
    }, db);
    const saved = await this.rows(db).where('g.id', '=', row.id).executeTakeFirstOrThrow();
    return { ...toGrant(saved), ...(warning ? { warning } : {}) };
  }

  /** Every grant of a household, newest first (for the household timeline; access is the caller's). */
  async listForHousehold(householdId: string, db: Kysely<DB> = this.db): Promise<Grant[]> {
    return (await this.rows(db).where('g.household_id', '=', householdId).orderBy('g.granted_on', 'desc').orderBy('g.id', 'desc').execute()).map(toGrant);
  }

  /** Every grant recorded for a case, newest first. */
  async listForCase(caseId: string, db: Kysely<DB> = this.db): Promise<Grant[]> {
    return (await this.rows(db).where('g.case_id', '=', caseId).orderBy('g.granted_on', 'desc').orderBy('g.id', 'desc').execute()).map(toGrant);
  }

  private check(input: GrantInput, opts: { confirm_duplicate?: boolean }): void {
    const bad = (field: string, zh: string, en: string) => new AppError('VALIDATION', { zh, en }, { field });
    for (const f of ['period_from', 'period_to', 'granted_on'] as const) {
      if (!DATE.test(input[f] ?? '') || Number.isNaN(Date.parse(input[f]))) throw bad(f, `${f}「${input[f]}」应为 YYYY-MM-DD 日期`, `${f} "${input[f]}" must be a YYYY-MM-DD date`);
    }
    if (input.period_to < input.period_from) throw bad('period_to', '发放期间的结束日期早于开始日期', 'the period ends before it starts');
    if (input.granted_on > this.clock.today()) throw bad('granted_on', `发放日期 ${input.granted_on} 晚于今天`, `granted_on ${input.granted_on} is in the future`);
    if (input.amount !== null && (typeof input.amount !== 'number' || !Number.isFinite(input.amount) || input.amount < 0 || Math.round(input.amount * 100) !== input.amount * 100 || input.amount > 10_000_000)) {
      throw bad('amount', `金额「${String(input.amount)}」应为非负数，最多两位小数`, `amount "${String(input.amount)}" must be a non-negative number with at most two decimals`);
    }
    if (opts.confirm_duplicate && !input.reason?.trim()) throw bad('reason', '确认重复发放须说明理由', 'confirming a second payment needs a reason');
  }

  private rows(db: Kysely<DB>) {
    return db.selectFrom('assistance_grant as g')
      .innerJoin('household as h', 'h.id', 'g.household_id')
      .innerJoin('assistance_program as p', 'p.code', 'g.program_code')
      .leftJoin('catalog_department as d', 'd.code', 'g.department')
      .select(['g.id', 'h.code as household_code', 'g.person_id', 'g.case_id', 'g.referral_id', 'g.program_code', 'g.department', 'g.amount',
        'g.period_from', 'g.period_to', 'g.granted_on', 'g.fast', 'g.duplicate_of', 'g.reason', 'g.recorded_by', 'g.created_at',
        sql<string>`p.definition->>'zh'`.as('program_zh'), sql<string>`p.definition->>'en'`.as('program_en'), 'd.zh as department_zh', 'd.en as department_en']);
  }
}

type GrantRow = {
  id: string; household_code: string; person_id: string | null; case_id: string | null; referral_id: string | null; program_code: string; department: string;
  amount: string | null; period_from: string; period_to: string; granted_on: string; fast: boolean; duplicate_of: string | null; reason: string | null;
  recorded_by: string; created_at: Date; program_zh: string; program_en: string; department_zh: string | null; department_en: string | null;
};

const num = (v: string | number | null) => (v === null ? null : Number(v));

function toGrant(r: GrantRow): Grant {
  return {
    id: r.id, household_code: r.household_code, person_id: r.person_id, case_id: r.case_id, referral_id: r.referral_id,
    program: { code: r.program_code, zh: r.program_zh, en: r.program_en },
    department: { code: r.department, zh: r.department_zh ?? r.department, en: r.department_en ?? r.department },
    amount: num(r.amount), period_from: r.period_from, period_to: r.period_to, granted_on: r.granted_on, fast: r.fast,
    duplicate_of: r.duplicate_of, reason: r.reason, recorded_by: r.recorded_by, created_at: new Date(r.created_at).toISOString(),
  };
}
