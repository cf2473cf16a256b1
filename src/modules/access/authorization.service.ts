/**
 * Authorization records (授权书): a household's signed consent to the economic-status check —
 * who signed, which data, when, until when, and the scanned file. The economic check of later
 * modules calls `requireValid` and is refused without a recorded, unexpired one.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { inScope, requirePermission, type Actor } from './domain/actor.js';
import type { Permission } from './domain/roles.js';
import { requireHousehold } from '../registry/registry.store.js';

/** The data an authorization can cover (Art. 58 of the Interim Measures on Social Assistance). */
export const CHECK_SCOPES = [
  'household_registration', 'tax', 'social_insurance', 'real_estate', 'business_registration',
  'housing_fund', 'vehicles', 'banks', 'insurance', 'securities',
] as const;

export interface AuthorizationInput {
  signed_by_person_id: string;
  scope: string[];
  signed_on: string;
  expires_on: string;
  file_ref?: string | null;
}

export class AuthorizationService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async record(householdCode: string, input: AuthorizationInput, actor: Actor) {
    requirePermission(actor, 'authorization.manage');
    this.checkInput(input);
    return this.db.transaction().execute((trx) => this.recordIn(trx, householdCode, input, actor));
  }

  /** Record inside a caller's transaction (an authorization signed during a home visit). */
  async recordIn(trx: Kysely<DB>, householdCode: string, input: AuthorizationInput, actor: Actor, permission: Permission = 'authorization.manage'): Promise<{ id: string }> {
    // a village worker records the authorization a family signs during the visit as part of it (case.visit)
    requirePermission(actor, permission);
    this.checkInput(input);
    {
      const h = await requireHousehold(trx, householdCode, actor);
      const signer = await trx.selectFrom('person').select(['id', 'household_id']).where('id', '=', input.signed_by_person_id).executeTakeFirst();
      if (!signer || signer.household_id !== h.id) {
        throw new AppError('VALIDATION', { zh: '签署人必须是本户成员', en: 'the signer must be a member of the household' }, { field: 'signed_by_person_id' });
      }
      const row = await trx
        .insertInto('authorization_record')
        .values({ household_id: h.id, signed_by: signer.id, scope: input.scope.join(';'), signed_on: input.signed_on, expires_on: input.expires_on, file_ref: input.file_ref ?? null, recorded_by: actor.label })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.audit.record({ actor: actor.label, action: 'authorization.record', subject: `household:${h.code}`, detail: { authorization: row.id, scope: input.scope, expires_on: input.expires_on } }, trx);
      return { id: row.id };
    }
  }

  private checkInput(input: AuthorizationInput): void {
    const unknown = (input.scope ?? []).filter((s) => !(CHECK_SCOPES as readonly string[]).includes(s));
    if (!Array.isArray(input.scope) || input.scope.length === 0 || unknown.length) {
      throw new AppError('VALIDATION', { zh: `授权范围无效：${unknown.join(', ') || '（空）'}；可选：${CHECK_SCOPES.join(', ')}`, en: `invalid scope: ${unknown.join(', ') || '(empty)'}; one or more of ${CHECK_SCOPES.join(', ')}` }, { field: 'scope' });
    }
    const date = /^\d{4}-\d{2}-\d{2}$/;
    if (!date.test(String(input.signed_on)) || !date.test(String(input.expires_on))) throw new AppError('VALIDATION', { zh: '签署日期和有效期止日应为 YYYY-MM-DD', en: 'signed_on and expires_on must be YYYY-MM-DD' }, { field: date.test(String(input.signed_on)) ? 'expires_on' : 'signed_on' });
    if (input.signed_on > this.clock.today()) throw new AppError('VALIDATION', { zh: '签署日期不能晚于今天', en: 'signed_on cannot be in the future' }, { field: 'signed_on' });
    if (input.expires_on < input.signed_on) throw new AppError('VALIDATION', { zh: '有效期止日早于签署日期', en: 'expires_on is before signed_on' }, { field: 'expires_on' });
  }

  async list(householdCode: string, actor: Actor) {
    requirePermission(actor, 'registry.read');
    const h = await requireHousehold(this.db, householdCode, actor);
    const rows = await this.db.selectFrom('authorization_record').selectAll().where('household_id', '=', h.id).orderBy('signed_on', 'desc').execute();
    const today = this.clock.today();
    return rows.map((r) => ({ ...r, scope: r.scope.split(';'), valid: !r.revoked_at && r.signed_on <= today && today <= r.expires_on }));
  }

  async revoke(id: string, reason: string, actor: Actor): Promise<void> {
    requirePermission(actor, 'authorization.manage');
    const r = await this.db
      .selectFrom('authorization_record as a')
      .innerJoin('household as h', 'h.id', 'a.household_id')
      .select(['a.id', 'a.revoked_at', 'h.region_code', 'h.code'])
      .where('a.id', '=', id)
      .executeTakeFirst();
    if (!r || !inScope(actor, r.region_code)) throw notFound({ zh: `授权书 ${id}`, en: `authorization ${id}` });
    if (r.revoked_at) throw new AppError('CONFLICT', { zh: '授权书已撤销', en: 'already revoked' });
    await this.db.updateTable('authorization_record').set({ revoked_at: this.clock.now() }).where('id', '=', id).execute();
    await this.audit.record({ actor: actor.label, action: 'authorization.revoke', subject: `household:${r.code}`, detail: { authorization: id, reason } });
  }

  /** For the economic check: a recorded, unrevoked, unexpired authorization covering `scope` ('*': any scope). */
  async requireValid(householdId: string, scope: string, on: string = this.clock.today(), db: Kysely<DB> = this.db): Promise<string> {
    const rows = await db
      .selectFrom('authorization_record')
      .select(['id', 'scope'])
      .where('household_id', '=', householdId)
      .where('revoked_at', 'is', null)
      .where('signed_on', '<=', on)
      .where('expires_on', '>=', on)
      .execute();
    const ok = rows.find((r) => scope === '*' || r.scope.split(';').includes(scope));
    if (!ok) {
      const what = scope === '*' ? { zh: '', en: '' } : { zh: `（范围：${scope}）`, en: ` covering ${scope}` };
      throw new AppError('FORBIDDEN', { zh: `该户没有有效的核对授权书${what.zh}，不能核对`, en: `no valid signed authorization${what.en}: the economic check is refused` }, { requirement: 'authorization' });
    }
    return ok.id;
  }
}
