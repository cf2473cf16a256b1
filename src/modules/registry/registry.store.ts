/** Queries the registry's services share. */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { PersonRecord } from './domain/person-input.js';
import type { SealedIdentity } from './domain/sealed-identity.js';
import { inScope, type Actor } from '../access/domain/actor.js';

/** An active household within the actor's region; out of scope is "not found". */
export async function requireHousehold(db: Kysely<DB>, code: string, actor: Actor) {
  const h = await db.selectFrom('household').selectAll().where('code', '=', code).executeTakeFirst();
  if (!h || !inScope(actor, h.region_code)) throw notFound({ zh: `户「${code}」`, en: `household "${code}"` });
  if (h.status !== 'active') throw new AppError('CONFLICT', { zh: `户「${code}」已注销（${h.status}）`, en: `household "${code}" is closed (${h.status})` });
  return h;
}

/** A person whose household lies within the actor's region. */
export async function requirePerson(db: Kysely<DB>, id: string, actor: Actor) {
  if (!/^\d+$/.test(id)) throw notFound({ zh: `人员 ${id}`, en: `person ${id}` });
  const p = await db
    .selectFrom('person')
    .leftJoin('household', 'household.id', 'person.household_id')
    .selectAll('person')
    .select('household.region_code')
    .where('person.id', '=', id)
    .executeTakeFirst();
  if (!p || !p.region_code || !inScope(actor, p.region_code)) throw notFound({ zh: `人员 ${id}`, en: `person ${id}` });
  return p;
}

export async function assertNotInRegistry(db: Kysely<DB>, idNumberHash: string): Promise<void> {
  const p = await db
    .selectFrom('person as p')
    .leftJoin('household as h', 'h.id', 'p.household_id')
    .select(['p.id', 'h.code'])
    .where('p.id_number_hash', '=', idNumberHash)
    .executeTakeFirst();
  if (p) {
    throw new AppError('CONFLICT', {
      zh: `该身份证号已在登记库中（户 ${p.code ?? '-'}），迁移请使用迁户操作`,
      en: `this ID number is already registered (household ${p.code ?? '-'}); use a move`,
    });
  }
}

export async function insertPerson(db: Kysely<DB>, householdId: string, p: PersonRecord, sealed: SealedIdentity): Promise<string> {
  const { id_number: _plainId, phone: _plainPhone, ...fields } = p;
  const row = await db.insertInto('person').values({ ...fields, ...sealed, household_id: householdId }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** A household has at most one head. */
export function assertOneHead(relations: string[], code: string): void {
  if (relations.filter((r) => r === 'head').length > 1) {
    throw new AppError('CONFLICT', { zh: `户「${code}」只能有一名户主`, en: `household "${code}" can have only one head` });
  }
}
