/**
 * What a county's roll reads, in a few set-based queries (never one query per household): the
 * entitlements of its households, their members (ID numbers opened in memory only), the latest
 * economic snapshot, the deaths the public security bureau reported, the reverse-check alerts
 * that hold a payment, the policy parameter history of the region's lineage, and the ledger.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { PiiVault } from '../../platform/crypto/pii-vault.js';
import { chinaDate } from '../../platform/clock.js';
import { toDescription } from '../recognition/registry-description.js';
import { currentKeys, previousYearKeys } from '../recognition/domain/rule-parameters.js';
import type { Entitlement, AmountRule } from './domain/entitlement.js';
import type { Death, HouseholdFacts } from './domain/monthly-amount.js';
import { addMonths, firstDay, monthOf, type Month } from './domain/months.js';
import type { ParameterVersion } from './domain/parameter-history.js';
import type { Control, RollLine } from './domain/roll-line.js';
import type { PaidMonth } from './domain/back-pay.js';
import { unpackBasis, type ParameterLists } from './basis-store.js';

export interface LoadedEntitlement {
  entitlement: Entitlement;
  household_id: string;
  payee_person_id: string;
  payee_masked: string;
  source: string;
  facts: HouseholdFacts | null;
  controls: Control[];
}

/** Whose an entitlement is: where its lines are filed. */
export type Owner = Pick<LoadedEntitlement, 'household_id' | 'payee_person_id'>;

export interface RollFacts {
  /** the owners of last month's lines, for entitlements no longer computed here */
  owners: Map<string, Owner>;
  entitlements: LoadedEntitlement[];
  history: ParameterVersion[];
  /** last month's lines of this region's roll, by entitlement */
  previous: RollLine[];
  /** the ledger before this month: every paid line of the entitlements, by entitlement */
  paid: Map<string, PaidMonth[]>;
}

/** The reverse checks (逆向核查) whose open alert holds a recipient's payment during the review. */
const REVIEW_INDICATORS = ['asset_vehicle_new', 'asset_property_new', 'business_registered', 'public_employment_new', 'recipient_death'];

export async function loadRollFacts(db: Kysely<DB>, vault: PiiVault, region: string, month: Month): Promise<RollFacts> {
  const prev = addMonths(month, -1);
  const rows = await db.selectFrom('payment_entitlement as e').innerJoin('household as h', 'h.id', 'e.household_id').innerJoin('person as p', 'p.id', 'e.payee_person_id')
    .select(['e.id', 'e.program', 'e.rule', 'e.start_month', 'e.end_month', 'e.status', 'e.household_id', 'e.payee_person_id', 'e.source', 'h.code', 'h.region_code', 'h.hukou_type', 'p.name', 'p.id_number_sealed', 'p.id_number_masked'])
    .where('h.region_code', 'like', `${region}%`).where('e.start_month', '<=', month)
    .where((eb) => eb.or([eb('e.status', '<>', 'ended'), eb('e.end_month', '>=', prev)]))
    .orderBy('e.id').execute();
  const householdIds = [...new Set(rows.map((r) => r.household_id))];
  const members = await byHousehold(db, householdIds);
  const snapshots = await latestSnapshots(db, householdIds, lastDay(month));
  const opened = new Map<string, string>();
  for (const list of members.values()) for (const m of list) opened.set(m.id, vault.open(m.id_number_sealed));
  const deaths = await deathsOf(db, [...members.values()].flat());
  const holds = await reviewHolds(db, householdIds);
  for (const [household, exits] of await exitDecisions(db, householdIds)) holds.set(household, [...(holds.get(household) ?? []), ...exits]);
  const tekunPayees = new Map<string, string[]>();
  for (const r of rows) if (r.program === 'tekun_support' && r.status !== 'ended') tekunPayees.set(r.household_id, [...(tekunPayees.get(r.household_id) ?? []), r.payee_person_id]);

  const entitlements = rows.map((r): LoadedEntitlement => {
    const list = members.get(r.household_id) ?? [];
    const snapshot = snapshots.get(r.household_id);
    const persons = list.map((m) => ({ ...m, id_number: opened.get(m.id)! }));
    // A fixed amount needs the members (for deaths) but no income: a migrated recipient's
    // household may have no economic snapshot yet, and is paid all the same.
    const usable = snapshot ?? ((r.rule as AmountRule).kind === 'fixed' ? noSnapshot(r.household_id, firstDay(month)) : undefined);
    const facts: HouseholdFacts | null = usable && persons.length > 0 ? {
      description: toDescription({ region_code: r.region_code, hukou_type: r.hukou_type }, usable, persons, firstDay(month)),
      deaths: persons.flatMap((m): Death[] => (deaths.has(m.id) ? [{ id_number: m.id_number, died_on: deaths.get(m.id)! }] : [])),
      tekun_members: (tekunPayees.get(r.household_id) ?? []).map((id) => opened.get(id)!).filter(Boolean),
    } : null;
    return {
      entitlement: {
        id: r.id, program: r.program, household_code: r.code, payee: { id_number: opened.get(r.payee_person_id) ?? vault.open(r.id_number_sealed), name: r.name },
        rule: r.rule as AmountRule, start_month: r.start_month, end_month: r.end_month, status: r.status,
      },
      household_id: r.household_id, payee_person_id: r.payee_person_id, payee_masked: r.id_number_masked, source: r.source, facts,
      controls: holds.get(r.household_id) ?? [],
    };
  });
  const history = await parameterHistory(db, region);
  const { lines: previous, owners, rollId: previousRoll } = await previousLines(db, region, prev, entitlements);
  const paid = await ledger(db, rows.map((r) => r.id), month, previousRoll, previous);
  return { entitlements, history, previous, paid, owners };
}

/** An all-zero snapshot: only for fixed amounts, which read the members and never the figures. */
function noSnapshot(householdId: string, on: string): Selectable<DB['economic_snapshot']> {
  return {
    id: '0', household_id: householdId, as_of: on, source: 'none', recorded_by: 'none', created_at: new Date(0),
    income_wage: '0', income_business: '0', income_property: '0', income_transfer: '0', income_other: '0', financial_assets: '0',
    vehicle_count: 0, vehicle_value: '0', property_count: 0, rigid_medical: '0', rigid_education: '0', rigid_rehab: '0', rigid_other: '0',
  };
}

type PersonRow = Pick<Selectable<DB['person']>, 'id' | 'household_id' | 'id_number_sealed' | 'id_number_hash' | 'relation' | 'work_ability' | 'disability_type' | 'disability_grade' | 'health' | 'school_stage'>;

async function byHousehold(db: Kysely<DB>, ids: string[]): Promise<Map<string, PersonRow[]>> {
  const out = new Map<string, PersonRow[]>();
  for (const chunk of chunks(ids)) {
    const rows = await db.selectFrom('person').select(['id', 'household_id', 'id_number_sealed', 'id_number_hash', 'relation', 'work_ability', 'disability_type', 'disability_grade', 'health', 'school_stage'])
      .where('household_id', 'in', chunk).orderBy('id').execute();
    for (const r of rows) out.set(r.household_id!, [...(out.get(r.household_id!) ?? []), r]);
  }
  return out;
}

async function latestSnapshots(db: Kysely<DB>, ids: string[], on: string) {
  const out = new Map<string, Selectable<DB['economic_snapshot']>>();
  for (const chunk of chunks(ids)) {
    const rows = await db.selectFrom('economic_snapshot').selectAll().distinctOn('household_id').where('household_id', 'in', chunk).where('as_of', '<=', on)
      .orderBy('household_id').orderBy('as_of', 'desc').orderBy('id', 'desc').execute();
    for (const r of rows) out.set(r.household_id, r);
  }
  return out;
}

/** The earliest reported death of each person (ds_death_record, matched on the keyed hash). */
async function deathsOf(db: Kysely<DB>, persons: PersonRow[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const byHash = new Map(persons.map((p) => [p.id_number_hash, p.id]));
  const exists = await sql<{ t: string | null }>`select to_regclass('ds_death_record')::text as t`.execute(db);
  if (!exists.rows[0]?.t) return out;
  for (const chunk of chunks([...byHash.keys()])) {
    const rows = await sql<{ id_hash: string; died_on: string }>`
      select id_hash, to_char(min(death_date), 'YYYY-MM-DD') as died_on from ds_death_record where id_hash in (${sql.join(chunk)}) group by id_hash`.execute(db);
    for (const r of rows.rows) out.set(byHash.get(r.id_hash)!, r.died_on);
  }
  return out;
}

/** Open reverse-check alerts hold the household's payments from the month after they were raised. */
async function reviewHolds(db: Kysely<DB>, ids: string[]): Promise<Map<string, Control[]>> {
  const out = new Map<string, Control[]>();
  for (const chunk of chunks(ids)) {
    const rows = await db.selectFrom('monitor_alert').select(['id', 'household_id', 'created_at', 'indicator'])
      .where('household_id', 'in', chunk).where('indicator', 'in', REVIEW_INDICATORS).where('status', '<>', 'closed').execute();
    for (const r of rows) {
      const from = addMonths(monthOf(chinaDate(new Date(r.created_at))), 1);
      out.set(r.household_id!, [...(out.get(r.household_id!) ?? []), { kind: 'review_hold', from_month: from, ref: `预警 #${r.id}` }]);
    }
  }
  return out;
}

/** Exit decisions (退出): the household's payments stop from the month after its memberships end. */
async function exitDecisions(db: Kysely<DB>, ids: string[]): Promise<Map<string, Control[]>> {
  const out = new Map<string, Control[]>();
  for (const chunk of chunks(ids)) {
    const rows = await db.selectFrom('case_decision').select(['id', 'case_id', 'household_id', 'valid_to', 'decided_at'])
      .where('household_id', 'in', chunk).where('kind', '=', 'exit').execute();
    for (const r of rows) {
      const last = r.valid_to ? String(r.valid_to) : chinaDate(new Date(r.decided_at));
      out.set(r.household_id, [...(out.get(r.household_id) ?? []), { kind: 'exit_decision', from_month: addMonths(monthOf(last), 1), ref: `案件 #${r.case_id}` }]);
    }
  }
  return out;
}

const PAYMENT_KEYS = [...new Set((['urban', 'rural'] as const).flatMap((h) => [...currentKeys(h), ...previousYearKeys(h)]))];

/** Every version of the parameters a payment reads, for the region's lineage (province, prefecture, county); superseded versions are never read. */
async function parameterHistory(db: Kysely<DB>, region: string): Promise<ParameterVersion[]> {
  const lineage = [2, 4, 6].filter((n) => n <= region.length).map((n) => region.slice(0, n));
  // only the keys a payment month reads (monthParameters): every month of every entitlement scans the list
  const rows = await db.selectFrom('policy_parameter').select(['key', 'value', 'region_code', 'valid_from', 'valid_to', 'version', 'superseded_at'])
    .where('region_code', 'in', lineage).where('key', 'in', PAYMENT_KEYS).where('superseded_at', 'is', null).execute();
  return rows.map((r) => ({ key: r.key, value: r.value, region_code: r.region_code, valid_from: String(r.valid_from), valid_to: r.valid_to ? String(r.valid_to) : null, version: r.version, superseded: r.superseded_at !== null }));
}

async function previousLines(db: Kysely<DB>, region: string, month: Month, loaded: LoadedEntitlement[]): Promise<{ lines: RollLine[]; owners: Map<string, Owner>; rollId: string | null }> {
  const owners = new Map<string, Owner>();
  const roll = await db.selectFrom('payment_roll').select(['id', 'parameters']).where('region_code', '=', region).where('month', '=', month).executeTakeFirst();
  if (!roll) return { lines: [], owners, rollId: null };
  const lists = roll.parameters as ParameterLists;
  const byId = new Map(loaded.map((l) => [l.entitlement.id, l.entitlement]));
  const rows = await db.selectFrom('payment_line as l').innerJoin('payment_entitlement as e', 'e.id', 'l.entitlement_id').innerJoin('household as h', 'h.id', 'l.household_id')
    .innerJoin('person as p', 'p.id', 'l.payee_person_id')
    .select(['l.entitlement_id', 'l.household_id', 'l.payee_person_id', 'l.program', 'l.for_month', 'l.kind', 'l.status', 'l.amount_fen', 'l.due_fen', 'l.reason', 'l.basis', 'h.code', 'p.name'])
    .where('l.roll_id', '=', roll.id).where('l.kind', '=', 'regular').execute();
  for (const r of rows) owners.set(r.entitlement_id, { household_id: r.household_id, payee_person_id: r.payee_person_id });
  const lines = rows.map((r): RollLine => ({
    entitlement_id: r.entitlement_id, household_code: r.code, payee: byId.get(r.entitlement_id)?.payee ?? { id_number: '', name: r.name },
    program: r.program as Entitlement['program'], roll_month: month, for_month: r.for_month, kind: 'regular', status: r.status,
    amount_fen: Number(r.amount_fen), due_fen: r.due_fen === null ? null : Number(r.due_fen), reason: r.reason as RollLine['reason'], basis: unpackBasis(r.basis, lists),
  }));
  return { lines, owners, rollId: roll.id };
}

/**
 * What approved rolls paid before `month`, per entitlement and month (a payment the bank returned counts as ¥0).
 * The regular lines of last month's roll were just read by previousLines: their basis (kilobytes of
 * JSON a line, with every parameter used) is taken from there rather than sent and parsed again.
 */
async function ledger(db: Kysely<DB>, ids: string[], month: Month, previousRoll: string | null, previous: RollLine[]): Promise<Map<string, PaidMonth[]>> {
  const out = new Map<string, PaidMonth[]>();
  const known = new Map(previous.map((l) => [l.entitlement_id, l.basis]));
  for (const chunk of chunks(ids)) {
    const rows = await db.selectFrom('payment_line as l').innerJoin('payment_roll as r', 'r.id', 'l.roll_id')
      .select(['l.entitlement_id', 'l.roll_id', 'l.for_month', 'l.status', 'l.amount_fen', 'l.kind', 'l.bank_status'])
      .select((eb) => sql<boolean>`${eb.ref('l.roll_id')} = ${previousRoll ?? '0'}::bigint`.as('previous'))
      .select((eb) => eb.case().when(sql<boolean>`${eb.ref('l.roll_id')} = ${previousRoll ?? '0'}::bigint`).then(null).else(eb.ref('l.basis')).end().as('basis'))
      .where('l.entitlement_id', 'in', chunk).where('r.status', '=', 'approved').where('r.month', '<', month)
      .where('l.status', 'in', ['payable', 'held', 'recovery']).orderBy('l.id').execute();
    const rolls = [...new Set(rows.filter((r) => r.basis).map((r) => r.roll_id))];
    const lists = new Map<string, ParameterLists>();
    if (rolls.length) for (const r of await db.selectFrom('payment_roll').select(['id', 'parameters']).where('id', 'in', rolls).execute()) lists.set(r.id, r.parameters as ParameterLists);
    for (const r of rows) {
      const basis = r.kind !== 'regular' ? null : r.previous ? (known.get(r.entitlement_id) ?? null) : unpackBasis(r.basis, lists.get(r.roll_id));
      // a payment the bank returned was on a roll but never arrived: it counts as nothing paid
      const paid: PaidMonth = { for_month: r.for_month, paid_fen: r.status === 'held' || r.bank_status === 'returned' ? 0 : Number(r.amount_fen), held: r.status === 'held', basis };
      out.set(r.entitlement_id, [...(out.get(r.entitlement_id) ?? []), paid]);
    }
  }
  return out;
}

/** The month's last day: the roll reads the household's latest economic check up to the end of the month. */
function lastDay(month: Month): string {
  const d = new Date(`${firstDay(addMonths(month, 1))}T00:00:00Z`);
  d.setUTCDate(0);
  return d.toISOString().slice(0, 10);
}

function* chunks<T>(items: T[], size = 5000): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
