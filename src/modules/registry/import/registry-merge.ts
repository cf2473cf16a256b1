/**
 * The merge of a registry import: the staged rows of one batch (all valid, checked) written
 * into household, person and category_membership with a handful of set-based statements, each
 * writing its registry_history rows in the same statement. Runs inside the import's transaction.
 *
 * - households: insert new codes; update region / hukou / address / booklet when they differ.
 * - persons: insert new ID numbers; update changed fields (household, name, relation, …).
 * - memberships: an open membership per listed category unless one is open already. Categories
 *   absent from the file are not ended: ending one is a decision, not an import.
 * An empty optional cell never clears a stored value. Nothing that is already so is rewritten,
 * so a re-import writes no history.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../platform/db/schema.js';
import { trace } from './trace.js';

type Db = Kysely<DB>;

export interface MergeCounts {
  households_created: number;
  households_updated: number;
  persons_created: number;
  persons_updated: number;
  memberships_created: number;
  /** Rows whose person, household or memberships changed. */
  accepted: number;
  /** Rows merged (accepted + unchanged). */
  merged: number;
}

export interface MergeContext {
  batchId: string;
  actor: string;
  today: string;
}

/** Optional person fields: the file's value, or the stored one when the cell is empty. */
const PHONE_COMPANIONS = ['phone_sealed', 'phone_masked'] as const;
const PERSON_OPTIONAL = ['phone_hash', 'disability_type', 'disability_grade', 'work_ability', 'health', 'school_stage', 'employment'] as const;
const PERSON_REQUIRED = ['name', 'relation'] as const;
const HOUSEHOLD_FIELDS = ['region_code', 'hukou_type', 'address', 'hukou_booklet_no'] as const;

const id = (name: string) => sql.raw(`"${name}"`);
const affected = (r: { numAffectedRows?: bigint }) => Number(r.numAffectedRows ?? 0n);

/**
 * The merge. Updates are skipped when every household / person was just created (nothing can
 * differ), which is most of the time of a first load.
 */
export async function mergeBatch(db: Db, ctx: MergeContext): Promise<MergeCounts> {
  const size = await batchSize(db, ctx.batchId);
  const historyFrom = await lastHistoryId(db);
  const step = async (name: string, f: (db: Db, ctx: MergeContext) => Promise<number>) => {
    const n = await f(db, ctx);
    trace(name);
    return n;
  };
  const households_created = await step('households create', createHouseholds);
  const households_updated = households_created < size.households ? await step('households update', updateHouseholds) : 0;
  const persons_created = await step('persons create', createPersons);
  const persons_updated = persons_created < size.rows ? await step('persons update', updatePersons) : 0;
  const memberships_created = await step('memberships create', createMemberships);
  const counts = { households_created, households_updated, persons_created, persons_updated, memberships_created };
  let accepted = 0;
  if (persons_created === size.rows) accepted = size.rows;
  else if (Object.values(counts).some((n) => n > 0)) accepted = await changedRows(db, ctx.batchId, historyFrom);
  trace('count');
  return { ...counts, accepted, merged: size.rows };
}

async function batchSize(db: Db, b: string): Promise<{ households: number; rows: number }> {
  const { rows } = await sql<{ h: string; r: string | null }>`
    SELECT count(*) AS h, sum(row_count) AS r FROM registry_import_household WHERE batch_id = ${b}`.execute(db);
  return { households: Number(rows[0].h), rows: Number(rows[0].r ?? 0) };
}

/** History ids grow: this batch's rows are above the last id before the merge (no batch index needed). */
async function lastHistoryId(db: Db): Promise<string> {
  const { rows } = await sql<{ id: string }>`SELECT coalesce(max(id), 0)::text AS id FROM registry_history`.execute(db);
  return rows[0].id;
}

/** One value per household (rows agree, checked), from registry_import_household. */
const householdSource = (b: string) => sql`
  SELECT household_code AS code, region_code, hukou_type, address, hukou_booklet_no
  FROM registry_import_household WHERE batch_id = ${b}`;

async function createHouseholds(db: Db, { batchId: b, actor }: MergeContext): Promise<number> {
  const r = await sql`
    WITH src AS (${householdSource(b)}),
    ins AS (
      INSERT INTO household (code, region_code, hukou_type, address, hukou_booklet_no)
      SELECT code, region_code, hukou_type, address, hukou_booklet_no FROM src
      WHERE NOT EXISTS (SELECT 1 FROM household h WHERE h.code = src.code)
      ORDER BY code
      RETURNING id, code, region_code, hukou_type, address, hukou_booklet_no
    )
    INSERT INTO registry_history (actor, action, household_id, batch_id, changes)
    SELECT ${actor}, 'household.create', id, ${b},
           jsonb_strip_nulls(jsonb_build_object('code', code, 'region_code', region_code, 'hukou_type', hukou_type,
                                                'address', address, 'hukou_booklet_no', hukou_booklet_no))
    FROM ins`.execute(db);
  return affected(r);
}

/** {field: {from, to}} for the fields whose old (o_*) and new (n_*) values differ. */
function changesSql(fields: readonly string[]) {
  const parts = fields.map(
    (f) => sql`${f}::text, CASE WHEN ${id(`o_${f}`)} IS DISTINCT FROM ${id(`n_${f}`)}
                 THEN jsonb_build_object('from', ${id(`o_${f}`)}, 'to', ${id(`n_${f}`)}) END`,
  );
  return sql`jsonb_strip_nulls(jsonb_build_object(${sql.join(parts)}))`;
}

function differs(fields: readonly string[]) {
  return sql.join(fields.map((f) => sql`${id(`o_${f}`)} IS DISTINCT FROM ${id(`n_${f}`)}`), sql` OR `);
}

async function updateHouseholds(db: Db, { batchId: b, actor }: MergeContext): Promise<number> {
  const r = await sql`
    WITH src AS (${householdSource(b)}),
    chg AS (
      SELECT * FROM (
        SELECT h.id,
               h.region_code AS o_region_code, src.region_code AS n_region_code,
               h.hukou_type AS o_hukou_type, src.hukou_type AS n_hukou_type,
               h.address AS o_address, coalesce(src.address, h.address) AS n_address,
               h.hukou_booklet_no AS o_hukou_booklet_no, coalesce(src.hukou_booklet_no, h.hukou_booklet_no) AS n_hukou_booklet_no
        FROM household h JOIN src ON src.code = h.code
      ) x
      WHERE ${differs(HOUSEHOLD_FIELDS)}
    ),
    upd AS (
      UPDATE household h
      SET region_code = chg.n_region_code, hukou_type = chg.n_hukou_type, address = chg.n_address,
          hukou_booklet_no = chg.n_hukou_booklet_no, updated_at = now()
      FROM chg WHERE h.id = chg.id
      RETURNING h.id
    )
    INSERT INTO registry_history (actor, action, household_id, batch_id, changes)
    SELECT ${actor}, 'household.update', chg.id, ${b}, ${changesSql(HOUSEHOLD_FIELDS)}
    FROM chg JOIN upd ON upd.id = chg.id`.execute(db);
  return affected(r);
}

async function createPersons(db: Db, { batchId: b, actor }: MergeContext): Promise<number> {
  const cols = ['id_number_hash', 'id_number_sealed', 'id_number_masked', 'name', 'relation', 'sex', 'birth_date', ...PERSON_OPTIONAL, ...PHONE_COMPANIONS];
  const r = await sql`
    WITH ins AS (
      INSERT INTO person (household_id, ${sql.join(cols.map(id))})
      SELECT h.id, ${sql.join(cols.map((c) => sql`s.${id(c)}`))}
      FROM registry_import_staging s JOIN household h ON h.code = s.household_code
      WHERE s.batch_id = ${b} AND NOT EXISTS (SELECT 1 FROM person p WHERE p.id_number_hash = s.id_number_hash)
      ORDER BY s.id_number_hash -- index-friendly: the unique hash index is filled in order
      RETURNING id, household_id, relation
    )
    INSERT INTO registry_history (actor, action, household_id, person_id, batch_id, changes)
    SELECT ${actor}, 'person.create', household_id, id, ${b}, jsonb_build_object('relation', relation)
    FROM ins`.execute(db);
  return affected(r);
}

async function updatePersons(db: Db, { batchId: b, actor }: MergeContext): Promise<number> {
  const fields = ['household_id', ...PERSON_REQUIRED, ...PERSON_OPTIONAL];
  const pairs = [
    sql`p.household_id AS o_household_id, h.id AS n_household_id`,
    ...PERSON_REQUIRED.map((f) => sql`p.${id(f)} AS ${id(`o_${f}`)}, s.${id(f)} AS ${id(`n_${f}`)}`),
    ...PERSON_OPTIONAL.map((f) => sql`p.${id(f)} AS ${id(`o_${f}`)}, coalesce(s.${id(f)}, p.${id(f)}) AS ${id(`n_${f}`)}`),
    // The sealed and masked phone follow its hash: they change exactly when the phone does.
    ...PHONE_COMPANIONS.map((f) => sql`CASE WHEN s.phone_hash IS NOT NULL THEN s.${id(f)} ELSE p.${id(f)} END AS ${id(`n_${f}`)}`),
  ];
  const r = await sql`
    WITH chg AS (
      SELECT * FROM (
        SELECT p.id, ${sql.join(pairs)}
        FROM registry_import_staging s
        JOIN person p ON p.id_number_hash = s.id_number_hash
        JOIN household h ON h.code = s.household_code
        WHERE s.batch_id = ${b}
      ) x
      WHERE ${differs(fields)}
    ),
    upd AS (
      UPDATE person p
      SET ${sql.join(fields.map((f) => sql`${id(f)} = chg.${id(`n_${f}`)}`))},
          ${sql.join(PHONE_COMPANIONS.map((f) => sql`${id(f)} = chg.${id(`n_${f}`)}`))}, updated_at = now()
      FROM chg WHERE p.id = chg.id
      RETURNING p.id
    )
    INSERT INTO registry_history (actor, action, household_id, person_id, batch_id, changes)
    SELECT ${actor}, 'person.update', chg.n_household_id, chg.id, ${b}, ${changesSql(fields)}
    FROM chg JOIN upd ON upd.id = chg.id`.execute(db);
  return affected(r);
}

async function createMemberships(db: Db, { batchId: b, actor, today }: MergeContext): Promise<number> {
  const source = `import:${b}`;
  const r = await sql`
    WITH cats AS (
      SELECT p.id AS person_id, c.category, coalesce(s.category_since, ${today}::date) AS valid_from
      FROM registry_import_staging s
      JOIN person p ON p.id_number_hash = s.id_number_hash
      CROSS JOIN LATERAL unnest(string_to_array(s.categories, ';')) AS c (category)
      WHERE s.batch_id = ${b} AND s.categories <> ''
    ),
    ins AS (
      INSERT INTO category_membership (person_id, category, valid_from, source)
      SELECT person_id, category, valid_from, ${source} FROM cats
      WHERE NOT EXISTS (
        SELECT 1 FROM category_membership m
        WHERE m.person_id = cats.person_id AND m.category = cats.category AND m.valid_to IS NULL)
      ORDER BY person_id, category
      RETURNING person_id, category, valid_from
    )
    INSERT INTO registry_history (actor, action, person_id, batch_id, changes)
    SELECT ${actor}, 'membership.create', person_id, ${b},
           jsonb_build_object('category', category, 'valid_from', valid_from)
    FROM ins`.execute(db);
  return affected(r);
}

/** Rows whose person, memberships or household this batch changed (from its history rows). */
async function changedRows(db: Db, b: string, historyFrom: string): Promise<number> {
  const { rows } = await sql<{ accepted: string }>`
    WITH h AS MATERIALIZED (
      SELECT person_id, household_id, action FROM registry_history WHERE id > ${historyFrom}::bigint AND batch_id = ${b}),
    hp AS (SELECT DISTINCT person_id FROM h WHERE person_id IS NOT NULL),
    hh AS (SELECT DISTINCT household_id FROM h WHERE action LIKE 'household.%')
    SELECT count(*) AS accepted
    FROM registry_import_staging s
    JOIN person p ON p.id_number_hash = s.id_number_hash
    WHERE s.batch_id = ${b}
      AND (EXISTS (SELECT 1 FROM hp WHERE hp.person_id = p.id) OR EXISTS (SELECT 1 FROM hh WHERE hh.household_id = p.household_id))`.execute(db);
  return Number(rows[0].accepted);
}
