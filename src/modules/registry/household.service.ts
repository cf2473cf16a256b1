/**
 * Changing the registry, one explicit operation at a time: create and update households,
 * add and update members, move a person, split and merge households, record economic
 * snapshots and category memberships. Every change writes its history (who, when, why).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { RegionService } from '../regions/region.service.js';
import { HUKOU_TYPES, parseTerm } from './domain/vocabulary.js';
import { diffFields } from './domain/person-facts.js';
import { normalizeCategory, normalizeDetails, normalizePerson, PERSON_FIELDS, type PersonInput } from './domain/person-input.js';
import { sealIdentity, sealPhone } from './domain/sealed-identity.js';
import type { PiiVault } from '../../platform/crypto/pii-vault.js';
import { recordHistory } from './history.store.js';
import { inScope, requirePermission, type Actor } from '../access/domain/actor.js';
import { insertPerson, requireHousehold, requirePerson, assertOneHead, assertNotInRegistry } from './registry.store.js';

export interface HouseholdInput {
  code: string;
  region_code: string;
  hukou_type: string;
  address?: string | null;
  hukou_booklet_no?: string | null;
  members?: PersonInput[];
}

export type HouseholdPatch = Partial<Omit<HouseholdInput, 'code' | 'members'>>;

export interface SnapshotInput {
  as_of: string;
  source: string;
  income_wage?: number;
  income_business?: number;
  income_property?: number;
  income_transfer?: number;
  income_other?: number;
  financial_assets?: number;
  vehicle_count?: number;
  vehicle_value?: number;
  property_count?: number;
  rigid_medical?: number;
  rigid_education?: number;
  rigid_rehab?: number;
  rigid_other?: number;
}

export interface Change {
  actor: Actor;
  reason?: string | null;
}

/** The history's view of a change: the actor's label and the reason. */
const by = (c: Change) => ({ actor: c.actor.label, reason: c.reason ?? null });

const HOUSEHOLD_FIELDS = ['region_code', 'hukou_type', 'address', 'hukou_booklet_no'] as const;

export class HouseholdService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly regions: RegionService,
    private readonly vault: PiiVault,
    private readonly clock: Clock,
  ) {}

  async create(input: HouseholdInput, change: Change): Promise<string> {
    requirePermission(change.actor, 'registry.write');
    return this.db.transaction().execute((trx) => this.createTx(trx, input, change));
  }

  /** The same, inside a caller's transaction (a case registers the household it verified). */
  async createIn(trx: Kysely<DB>, input: HouseholdInput, change: Change): Promise<string> {
    requirePermission(change.actor, 'registry.write');
    return this.createTx(trx, input, change);
  }

  /** A category membership from a decision, inside the decision's transaction. */
  async addMembershipIn(trx: Kysely<DB>, personId: string, input: { category: string; valid_from: string; valid_to?: string | null; source: string; decided_by?: string | null }, change: Change): Promise<void> {
    await requirePerson(trx, personId, change.actor);
    await this.addMembershipTx(trx, personId, input, change);
  }

  /** End a membership (an exit), inside the exit's transaction; `validTo` may lie ahead (渐退期). */
  async endMembershipIn(trx: Kysely<DB>, membershipId: string, validTo: string, change: Change): Promise<void> {
    await this.endMembershipTx(trx, membershipId, validTo, change);
  }

  async update(code: string, patch: HouseholdPatch, change: Change): Promise<void> {
    requirePermission(change.actor, 'registry.write');
    await this.db.transaction().execute(async (trx) => {
      const h = await requireHousehold(trx, code, change.actor);
      const next = await this.normalizeHousehold({ ...h, ...patch } as HouseholdInput, trx);
      assertRegionInScope(change.actor, next.region_code);
      const changes = diffFields(h, next, HOUSEHOLD_FIELDS);
      if (Object.keys(changes).length === 0) return;
      await trx.updateTable('household').set({ ...next, updated_at: new Date() }).where('id', '=', h.id).execute();
      await recordHistory(trx, [{ ...by(change), action: 'household.update', household_id: h.id, changes }]);
    });
  }

  async addMember(code: string, input: PersonInput, change: Change): Promise<string> {
    requirePermission(change.actor, 'registry.write');
    const person = normalizePerson(input, this.clock.today());
    return this.db.transaction().execute(async (trx) => {
      const h = await requireHousehold(trx, code, change.actor);
      const current = await trx.selectFrom('person').select('relation').where('household_id', '=', h.id).execute();
      assertOneHead([...current.map((c) => c.relation), person.relation], code);
      const id = await this.addPersonTx(trx, h.id, person, change);
      for (const c of input.categories ?? []) await this.addMembershipTx(trx, id, { category: c.category, valid_from: c.since, source: 'manual' }, change);
      return id;
    });
  }

  async updatePerson(personId: string, input: Partial<Omit<PersonInput, 'id_number' | 'categories'>>, change: Change): Promise<void> {
    requirePermission(change.actor, 'registry.write');
    await this.db.transaction().execute(async (trx) => {
      const p = await requirePerson(trx, personId, change.actor);
      const next = normalizeDetails({ ...p, ...input, phone: 'phone' in input ? input.phone : undefined });
      const changes = diffFields(p, next, PERSON_FIELDS);
      const phone = 'phone' in input ? sealPhone(this.vault, next.phone) : undefined;
      if (phone && phone.phone_hash !== p.phone_hash) changes.phone = { from: p.phone_masked, to: phone.phone_masked };
      if (Object.keys(changes).length === 0) return;
      if (changes.relation && next.relation === 'head' && p.household_id) {
        const others = await trx.selectFrom('person').select('relation').where('household_id', '=', p.household_id).where('id', '!=', p.id).execute();
        assertOneHead([...others.map((o) => o.relation), 'head'], String(p.household_id));
      }
      const { phone: _plain, ...fields } = next;
      await trx.updateTable('person').set({ ...fields, ...(phone ?? {}), updated_at: new Date() }).where('id', '=', p.id).execute();
      await recordHistory(trx, [{ ...by(change), action: 'person.update', household_id: p.household_id, person_id: p.id, changes }]);
    });
  }

  /** Move a person to another household (e.g. marriage, a household split on the ground). */
  async movePerson(personId: string, toCode: string, relation: string, change: Change): Promise<void> {
    requirePermission(change.actor, 'registry.write');
    await this.db.transaction().execute((trx) => this.moveTx(trx, personId, toCode, relation, change));
  }

  /** Split members out of a household into a new one in the same region. */
  async split(code: string, input: { new_code: string; person_ids: string[]; head_person_id: string; address?: string | null }, change: Change): Promise<string> {
    requirePermission(change.actor, 'registry.write');
    if (!input.person_ids.includes(input.head_person_id)) {
      throw new AppError('VALIDATION', { zh: '新户户主必须在拆分人员之中', en: 'the new head must be one of the persons split off' });
    }
    await this.db.transaction().execute(async (trx) => {
      const source = await requireHousehold(trx, code, change.actor);
      const fresh = { code: input.new_code, region_code: source.region_code, hukou_type: source.hukou_type, address: input.address ?? source.address };
      await this.createTx(trx, fresh, change);
      for (const pid of input.person_ids) {
        const p = await requirePerson(trx, pid, change.actor);
        if (p.household_id !== source.id) throw new AppError('VALIDATION', { zh: `人员 ${pid} 不属于户「${code}」`, en: `person ${pid} is not in household "${code}"` });
        await this.moveTx(trx, pid, input.new_code, pid === input.head_person_id ? 'head' : p.relation === 'head' ? 'other' : p.relation, change);
      }
      await recordHistory(trx, [{ ...by(change), action: 'household.split', household_id: source.id, changes: { into: input.new_code, persons: input.person_ids } }]);
    });
    return input.new_code;
  }

  /** Merge a household into another: its members move, it is closed as 'merged'. */
  async merge(code: string, intoCode: string, change: Change): Promise<void> {
    requirePermission(change.actor, 'registry.write');
    if (code === intoCode) throw new AppError('VALIDATION', { zh: '不能与自身合并', en: 'cannot merge a household into itself' });
    await this.db.transaction().execute(async (trx) => {
      const from = await requireHousehold(trx, code, change.actor);
      await requireHousehold(trx, intoCode, change.actor);
      const persons = await trx.selectFrom('person').select(['id', 'relation']).where('household_id', '=', from.id).execute();
      for (const p of persons) await this.moveTx(trx, p.id, intoCode, p.relation === 'head' ? 'other' : p.relation, change);
      await trx.updateTable('household').set({ status: 'merged', updated_at: new Date() }).where('id', '=', from.id).execute();
      await recordHistory(trx, [{ ...by(change), action: 'household.merge', household_id: from.id, changes: { into: intoCode, persons: persons.map((p) => p.id) } }]);
    });
  }

  async addSnapshot(code: string, input: SnapshotInput, change: Change): Promise<void> {
    requirePermission(change.actor, 'registry.write');
    await this.db.transaction().execute((trx) => this.snapshotTx(trx, code, input, change));
  }

  /** A snapshot inside a caller's transaction (a case's economic check records its figures); its id. */
  async addSnapshotIn(trx: Kysely<DB>, code: string, input: SnapshotInput, change: Change): Promise<string> {
    return this.snapshotTx(trx, code, input, change);
  }

  private async snapshotTx(trx: Kysely<DB>, code: string, input: SnapshotInput, change: Change): Promise<string> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.as_of) || input.as_of > this.clock.today()) {
      throw new AppError('VALIDATION', { zh: `核对日期「${input.as_of}」无效或在未来`, en: `as_of "${input.as_of}" is invalid or in the future` });
    }
    const h = await requireHousehold(trx, code, change.actor);
    const { as_of, source, ...amounts } = input;
    for (const [k, v] of Object.entries(amounts)) {
      if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v < 0)) {
        throw new AppError('VALIDATION', { zh: `${k} 应为非负数`, en: `${k} must be a non-negative number` }, { field: k });
      }
    }
    const row = await trx.insertInto('economic_snapshot').values({ household_id: h.id, as_of, source, recorded_by: change.actor.label, ...amounts }).returning('id').executeTakeFirstOrThrow();
    await recordHistory(trx, [{ ...by(change), action: 'snapshot.create', household_id: h.id, changes: { as_of, source } }]);
    return row.id;
  }

  async addMembership(personId: string, input: { category: string; valid_from: string; source: string; decided_by?: string | null }, change: Change): Promise<void> {
    requirePermission(change.actor, 'registry.write');
    await this.db.transaction().execute(async (trx) => {
      await requirePerson(trx, personId, change.actor);
      await this.addMembershipTx(trx, personId, input, change);
    });
  }

  async endMembership(membershipId: string, validTo: string, change: Change): Promise<void> {
    requirePermission(change.actor, 'registry.write');
    await this.db.transaction().execute((trx) => this.endMembershipTx(trx, membershipId, validTo, change));
  }

  private async endMembershipTx(trx: Kysely<DB>, membershipId: string, validTo: string, change: Change): Promise<void> {
    {
      const m = await trx.selectFrom('category_membership').selectAll().where('id', '=', membershipId).executeTakeFirst();
      if (!m) throw notFound({ zh: `类别记录 ${membershipId}`, en: `membership ${membershipId}` });
      await requirePerson(trx, m.person_id, change.actor);
      // an end date still ahead (刚性 validity, 渐退期) may be brought forward, never pushed back
      if (m.valid_to !== null && m.valid_to <= validTo) throw new AppError('CONFLICT', { zh: '该类别记录已结束', en: 'membership already ended' });
      if (validTo < m.valid_from) throw new AppError('VALIDATION', { zh: '结束日期早于开始日期', en: 'valid_to is before valid_from' });
      // A membership that ends later (a gradual exit) stays active until then; the end date is set now.
      const status = validTo < this.clock.today() ? 'ended' : m.status;
      await trx.updateTable('category_membership').set({ valid_to: validTo, status }).where('id', '=', m.id).execute();
      await recordHistory(trx, [{ ...by(change), action: 'membership.end', person_id: m.person_id, changes: { category: m.category, valid_to: validTo } }]);
    }
  }

  private async normalizeHousehold(input: Pick<HouseholdInput, 'region_code' | 'hukou_type' | 'address' | 'hukou_booklet_no'>, db: Kysely<DB> = this.db) {
    const region_code = await this.regions.resolve(String(input.region_code ?? ''), db);
    if (region_code.length !== 12) {
      throw new AppError('VALIDATION', { zh: `户所在地应为村/社区级代码，「${input.region_code}」不是`, en: `a household's region must be a village/community code; "${input.region_code}" is not` });
    }
    const hukou_type = parseTerm(HUKOU_TYPES, String(input.hukou_type ?? '')) as 'urban' | 'rural' | undefined;
    if (!hukou_type) throw new AppError('VALIDATION', { zh: `户籍性质「${input.hukou_type ?? ''}」无效（城镇/农村）`, en: `hukou_type "${input.hukou_type ?? ''}" must be urban or rural` });
    return { region_code, hukou_type, address: input.address?.trim() || null, hukou_booklet_no: input.hukou_booklet_no?.trim() || null };
  }

  private async createTx(trx: Kysely<DB>, input: HouseholdInput, change: Change): Promise<string> {
    const code = input.code?.trim();
    if (!code || !/^[A-Za-z0-9_-]{1,40}$/.test(code)) {
      throw new AppError('VALIDATION', { zh: `户编号「${input.code ?? ''}」无效（字母数字，最长 40）`, en: `household code "${input.code ?? ''}" is invalid (letters and digits, up to 40)` });
    }
    const members = (input.members ?? []).map((m) => ({ person: normalizePerson(m, this.clock.today()), categories: m.categories ?? [] }));
    assertOneHead(members.map((m) => m.person.relation), code);
    const fields = await this.normalizeHousehold(input, trx);
    assertRegionInScope(change.actor, fields.region_code);
    const exists = await trx.selectFrom('household').select('id').where('code', '=', code).executeTakeFirst();
    if (exists) throw new AppError('CONFLICT', { zh: `户编号「${code}」已存在`, en: `household "${code}" already exists` });
    const h = await trx.insertInto('household').values({ code, ...fields }).returning('id').executeTakeFirstOrThrow();
    await recordHistory(trx, [{ ...by(change), action: 'household.create', household_id: h.id, changes: fields }]);
    for (const m of members) {
      const personId = await this.addPersonTx(trx, h.id, m.person, change);
      for (const c of m.categories) await this.addMembershipTx(trx, personId, { category: c.category, valid_from: c.since, source: 'manual' }, change);
    }
    return code;
  }

  private async addPersonTx(trx: Kysely<DB>, householdId: string, person: ReturnType<typeof normalizePerson>, change: Change): Promise<string> {
    const sealed = sealIdentity(this.vault, person.id_number, person.phone);
    await assertNotInRegistry(trx, sealed.id_number_hash);
    const id = await insertPerson(trx, householdId, person, sealed);
    await recordHistory(trx, [{ ...by(change), action: 'person.create', household_id: householdId, person_id: id, changes: { relation: person.relation } }]);
    return id;
  }

  private async addMembershipTx(trx: Kysely<DB>, personId: string, input: { category: string; valid_from: string; valid_to?: string | null; source: string; decided_by?: string | null }, change: Change): Promise<void> {
    const category = normalizeCategory(input.category);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.valid_from)) throw new AppError('VALIDATION', { zh: `认定日期「${input.valid_from}」无效`, en: `valid_from "${input.valid_from}" is not a date` });
    const open = await trx.selectFrom('category_membership').select('id').where('person_id', '=', personId).where('category', '=', category).where('valid_to', 'is', null).executeTakeFirst();
    if (open) throw new AppError('CONFLICT', { zh: '该人员已有此类别的有效记录', en: 'the person already holds this category' });
    await trx.insertInto('category_membership').values({ person_id: personId, category, valid_from: input.valid_from, valid_to: input.valid_to ?? null, source: input.source, decided_by: input.decided_by ?? null }).execute();
    await recordHistory(trx, [{ ...by(change), action: 'membership.create', person_id: personId, changes: { category, valid_from: input.valid_from, valid_to: input.valid_to ?? null, source: input.source } }]);
  }

  private async moveTx(trx: Kysely<DB>, personId: string, toCode: string, relation: string, change: Change): Promise<void> {
    const p = await requirePerson(trx, personId, change.actor);
    const to = await requireHousehold(trx, toCode, change.actor);
    if (p.household_id === to.id) throw new AppError('VALIDATION', { zh: '该人员已在目标户中', en: 'the person is already in that household' });
    const next = normalizeDetails({ ...p, phone: null, relation });
    const current = await trx.selectFrom('person').select('relation').where('household_id', '=', to.id).execute();
    assertOneHead([...current.map((c) => c.relation), next.relation], toCode);
    await trx.updateTable('person').set({ household_id: to.id, relation: next.relation, updated_at: new Date() }).where('id', '=', p.id).execute();
    await recordHistory(trx, [
      { ...by(change), action: 'person.move', household_id: p.household_id, person_id: p.id, changes: { household: { from: p.household_id, to: to.id }, relation: { from: p.relation, to: next.relation } } },
      { ...by(change), action: 'person.move_in', household_id: to.id, person_id: p.id, changes: { from_household: p.household_id } },
    ]);
  }
}

function assertRegionInScope(actor: Actor, regionCode: string): void {
  if (!inScope(actor, regionCode)) {
    throw new AppError('FORBIDDEN', { zh: `行政区划 ${regionCode} 不在您的管辖范围内`, en: `region ${regionCode} is outside your area` });
  }
}
