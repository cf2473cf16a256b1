/** Looking a person up by ID number (which never travels in a URL). Every lookup is audited. */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { checkIdNumber } from './domain/id-number.js';
import type { PiiVault } from '../../platform/crypto/pii-vault.js';
import { ageOn } from './domain/person-facts.js';
import { inScope, requirePermission, type Actor } from '../access/domain/actor.js';
import { requirePerson } from './registry.store.js';

export class PersonService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly audit: AuditService,
    private readonly vault: PiiVault,
    private readonly clock: Clock,
  ) {}

  async lookup(idNumber: string, actor: Actor) {
    requirePermission(actor, 'registry.read');
    const check = checkIdNumber(idNumber ?? '', this.clock.today());
    if (!check.valid || !check.id_number) {
      throw new AppError('VALIDATION', {
        zh: `身份证号无效：${check.errors.map((e) => e.message.split(' / ')[0]).join('；')}`,
        en: `invalid ID number: ${check.errors.map((e) => e.message.split(' / ')[1] ?? e.message).join('; ')}`,
      }, { errors: check.errors });
    }
    const p = await this.db
      .selectFrom('person as p')
      .leftJoin('household as h', 'h.id', 'p.household_id')
      .selectAll('p')
      .select(['h.code as household_code', 'h.region_code'])
      .where('p.id_number_hash', '=', this.vault.hash(check.id_number))
      .executeTakeFirst();
    const visible = p && p.region_code !== null && inScope(actor, p.region_code) ? p : undefined;
    await this.audit.record({ actor: actor.label, action: 'person.lookup', subject: visible ? `person:${visible.id}` : undefined, detail: { found: !!visible } });
    if (!visible) throw notFound({ zh: '该身份证号对应的人员', en: 'a person with this ID number' });
    const found = visible;
    const categories = await this.db
      .selectFrom('category_membership')
      .select(['id', 'category', 'status', 'valid_from', 'valid_to', 'decided_by', 'source'])
      .where('person_id', '=', found.id)
      .orderBy('valid_from')
      .execute();
    return {
      id: found.id,
      id_number: found.id_number_masked,
      name: found.name,
      household_code: found.household_code,
      relation: found.relation,
      sex: found.sex,
      birth_date: found.birth_date,
      age: ageOn(found.birth_date, this.clock.today()),
      disability_type: found.disability_type,
      disability_grade: found.disability_grade,
      work_ability: found.work_ability,
      health: found.health,
      school_stage: found.school_stage,
      employment: found.employment,
      phone: found.phone_masked,
      categories,
    };
  }

  /**
   * The full ID number or phone of one person, for a stated purpose. Needs pii.reveal; the
   * purpose is kept in the audit trail (the value is not).
   */
  async reveal(personId: string, field: 'id_number' | 'phone', purpose: string, actor: Actor): Promise<{ value: string | null }> {
    requirePermission(actor, 'pii.reveal');
    if (!purpose || purpose.trim().length < 4) {
      throw new AppError('VALIDATION', { zh: '请说明查看用途（至少 4 个字）', en: 'state the purpose (at least 4 characters)' }, { field: 'purpose' });
    }
    const p = await requirePerson(this.db, personId, actor);
    await this.audit.record({ actor: actor.label, action: `person.reveal.${field}`, subject: `person:${p.id}`, detail: { purpose: purpose.trim().slice(0, 200) } });
    const sealed = field === 'id_number' ? p.id_number_sealed : p.phone_sealed;
    return { value: sealed ? this.vault.open(sealed) : null };
  }
}
