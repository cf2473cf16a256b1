/** Looking a person up by ID number (which never travels in a URL). Every lookup is audited. */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { checkIdNumber, maskIdNumber } from './domain/id-number.js';
import { ageOn, maskPhone } from './domain/person-facts.js';

export class PersonService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async lookup(idNumber: string, actor: string) {
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
      .select(['h.code as household_code'])
      .where('p.id_number', '=', check.id_number)
      .executeTakeFirst();
    await this.audit.record({ actor, action: 'person.lookup', subject: p ? `person:${p.id}` : undefined, detail: { found: !!p } });
    if (!p) throw notFound({ zh: '该身份证号对应的人员', en: 'a person with this ID number' });
    const categories = await this.db
      .selectFrom('category_membership')
      .select(['id', 'category', 'status', 'valid_from', 'valid_to', 'decided_by', 'source'])
      .where('person_id', '=', p.id)
      .orderBy('valid_from')
      .execute();
    return {
      id: p.id,
      id_number: maskIdNumber(p.id_number),
      name: p.name,
      household_code: p.household_code,
      relation: p.relation,
      sex: p.sex,
      birth_date: p.birth_date,
      age: ageOn(p.birth_date, this.clock.today()),
      disability_type: p.disability_type,
      disability_grade: p.disability_grade,
      work_ability: p.work_ability,
      health: p.health,
      school_stage: p.school_stage,
      employment: p.employment,
      phone: maskPhone(p.phone),
      categories,
    };
  }
}
