/**
 * The set-based checks of a registry import, run on the staged rows of one batch against the
 * registry and the whole file. Each check is one INSERT … SELECT into registry_import_error;
 * none holds rows in memory. Values written are cut to 50 characters and ID numbers masked.
 *
 * Person-level: the region code exists (village/community level); the ID number appears once
 * in the file; the person is not already in a different household.
 * Household-level (an error marks every row of the household): the household is active; its
 * rows agree on region, hukou type, address and booklet number; it has exactly one head after
 * the import. Households are summarized once in registry_import_household.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../../platform/db/schema.js';
import { trace } from './trace.js';

type Db = Kysely<DB>;

/** The SQL twin of maskIdNumber: first 6 and last 4 characters kept. */
export function maskSql(col: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`(left(${col}, 6) || repeat('*', greatest(length(${col}) - 10, 0)) || right(${col}, 4))`;
}

/** The SQL twin of the report's value cut: 50 characters and an ellipsis. */
function cutSql(col: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`(CASE WHEN length(${col}) > 50 THEN left(${col}, 50) || '…' ELSE coalesce(${col}, '') END)`;
}

const ref = (name: string) => sql.ref(name) as RawBuilder<unknown>;

/**
 * All checks. Without skipInvalid every staged row takes part (so one bad cell does not
 * cascade into "no head"). With it, rejected rows are dropped before the head check and after
 * it, so the staging table ends up holding exactly the rows to write.
 */
export async function runChecks(db: Db, b: string, skipInvalid: boolean): Promise<void> {
  for (const check of [regionCheck, duplicateIdCheck, otherHouseholdCheck, householdStatusCheck]) {
    await check(db, b);
    trace(check.name);
  }
  await buildHouseholds(db, b);
  await householdAgreementCheck(db, b);
  trace('householdAgreementCheck');
  if (skipInvalid && (await dropRejected(db, b)) > 0) await buildHouseholds(db, b);
  await headCheck(db, b);
  trace('headCheck');
  if (skipInvalid && (await dropRejected(db, b)) > 0) await buildHouseholds(db, b);
}

/** Delete the staged rows that will not be written: rejected on their own or by a check. */
async function dropRejected(db: Db, b: string): Promise<number> {
  const r = await sql`
    DELETE FROM registry_import_staging s
    WHERE s.batch_id = ${b}
      AND (NOT s.valid OR EXISTS (SELECT 1 FROM registry_import_error e WHERE e.batch_id = ${b} AND e.row_no = s.row_no))`.execute(db);
  return Number(r.numAffectedRows ?? 0n);
}

async function regionCheck(db: Db, b: string): Promise<void> {
  await sql`
    INSERT INTO registry_import_error (batch_id, row_no, column_name, value, reason)
    SELECT s.batch_id, s.row_no, 'region_code', s.region_code,
           '行政区划代码不存在：不是吉林省的村（社区）级代码 / region_code not found: not a known Jilin village/community code'
    FROM registry_import_staging s
    WHERE s.batch_id = ${b} AND s.region_code IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM region r WHERE r.code = s.region_code AND r.level = 'village')`.execute(db);
}

async function duplicateIdCheck(db: Db, b: string): Promise<void> {
  await sql`
    WITH d AS (
      SELECT id_number_hash, count(*) AS n,
             array_to_string((array_agg(row_no ORDER BY row_no))[1:10], '、') AS rows_zh,
             array_to_string((array_agg(row_no ORDER BY row_no))[1:10], ', ') AS rows_en
      FROM registry_import_staging
      WHERE batch_id = ${b} AND id_number_hash IS NOT NULL
      GROUP BY id_number_hash HAVING count(*) > 1
    )
    INSERT INTO registry_import_error (batch_id, row_no, column_name, value, reason)
    SELECT s.batch_id, s.row_no, 'id_number', s.id_number_masked,
           '身份证号在文件中重复出现 ' || d.n || ' 次（第 ' || d.rows_zh || ' 行）/ the ID number appears '
             || d.n || ' times in the file (rows ' || d.rows_en || ')'
    FROM registry_import_staging s JOIN d ON d.id_number_hash = s.id_number_hash
    WHERE s.batch_id = ${b}`.execute(db);
}

async function otherHouseholdCheck(db: Db, b: string): Promise<void> {
  await sql`
    INSERT INTO registry_import_error (batch_id, row_no, column_name, value, reason)
    SELECT s.batch_id, s.row_no, 'id_number', s.id_number_masked,
           '该人员已在户 ' || h.code || ' 中，迁移请使用迁户操作 / person already belongs to household ' || h.code || '; use a move'
    FROM registry_import_staging s
    JOIN person p ON p.id_number_hash = s.id_number_hash
    JOIN household h ON h.id = p.household_id
    WHERE s.batch_id = ${b} AND s.household_code IS NOT NULL AND h.code <> s.household_code`.execute(db);
}

async function householdStatusCheck(db: Db, b: string): Promise<void> {
  await sql`
    INSERT INTO registry_import_error (batch_id, row_no, column_name, value, reason)
    SELECT s.batch_id, s.row_no, 'household_code', s.household_code,
           '户 ' || h.code || CASE h.status WHEN 'merged' THEN ' 已被合并' ELSE ' 已注销' END
             || '，不能再导入成员 / household ' || h.code || ' is ' || h.status || ': it cannot take members'
    FROM registry_import_staging s JOIN household h ON h.code = s.household_code
    WHERE s.batch_id = ${b} AND h.status <> 'active'`.execute(db);
}

/**
 * One row per household of the batch in registry_import_household: each field's value and the
 * fields the rows disagree on. Returns the number of households.
 */
export async function buildHouseholds(db: Db, b: string): Promise<number> {
  await sql`DELETE FROM registry_import_household WHERE batch_id = ${b}`.execute(db);
  const r = await sql`
    INSERT INTO registry_import_household
      (batch_id, household_code, region_code, hukou_type, address, hukou_booklet_no, disagree, heads, row_count)
    SELECT ${b}, household_code, min(region_code), min(hukou_type), max(address), max(hukou_booklet_no),
           array_remove(ARRAY[
             CASE WHEN min(region_code) <> max(region_code) THEN 'region_code' END,
             CASE WHEN min(hukou_type) <> max(hukou_type) THEN 'hukou_type' END,
             CASE WHEN min(address) <> max(address) THEN 'address' END,
             CASE WHEN min(hukou_booklet_no) <> max(hukou_booklet_no) THEN 'hukou_booklet_no' END
           ], NULL),
           count(*) FILTER (WHERE relation = 'head'),
           count(*)
    FROM registry_import_staging
    WHERE batch_id = ${b} AND household_code IS NOT NULL
    GROUP BY household_code
    ORDER BY household_code`.execute(db);
  return Number(r.numAffectedRows ?? 0n);
}

async function householdAgreementCheck(db: Db, b: string): Promise<void> {
  await sql`
    INSERT INTO registry_import_error (batch_id, row_no, column_name, value, reason)
    SELECT s.batch_id, s.row_no, v.col, ${cutSql(ref('v.val'))},
           '同一户（' || s.household_code || '）的各行' || v.zh || '不一致 / rows of household '
             || s.household_code || ' disagree on ' || v.col
    FROM registry_import_household g
    JOIN registry_import_staging s ON s.batch_id = g.batch_id AND s.household_code = g.household_code
    CROSS JOIN LATERAL (VALUES
      ('region_code', s.region_code, '行政区划代码'),
      ('hukou_type', s.hukou_type, '户籍性质'),
      ('address', s.address, '住址'),
      ('hukou_booklet_no', s.hukou_booklet_no, '户口簿号')
    ) AS v (col, val, zh)
    WHERE g.batch_id = ${b} AND cardinality(g.disagree) > 0 AND v.col = ANY (g.disagree)`.execute(db);
}

/**
 * Exactly one head per household after the import: the staged rows' heads plus the registry's
 * heads who are not in the file (a person in the file takes the file's relation).
 */
async function headCheck(db: Db, b: string): Promise<void> {
  await sql`
    WITH dh AS (
      SELECT g.household_code, count(*) AS db_heads
      FROM registry_import_household g
      JOIN household h ON h.code = g.household_code
      JOIN person p ON p.household_id = h.id AND p.relation = 'head'
      WHERE g.batch_id = ${b}
        AND NOT EXISTS (SELECT 1 FROM registry_import_staging s WHERE s.batch_id = ${b} AND s.id_number_hash = p.id_number_hash)
      GROUP BY g.household_code
    ),
    bad AS (
      SELECT g.household_code, g.heads AS file_heads, coalesce(dh.db_heads, 0) AS db_heads, g.heads + coalesce(dh.db_heads, 0) AS heads
      FROM registry_import_household g LEFT JOIN dh ON dh.household_code = g.household_code
      WHERE g.batch_id = ${b} AND g.heads + coalesce(dh.db_heads, 0) <> 1
    ),
    r AS MATERIALIZED (
      SELECT s.row_no, s.household_code, s.relation
      FROM bad JOIN registry_import_staging s ON s.batch_id = ${b} AND s.household_code = bad.household_code
      WHERE s.relation IS NOT NULL
    ),
    hr AS (
      SELECT household_code,
             array_to_string((array_agg(row_no ORDER BY row_no))[1:10], '、') AS rows_zh,
             array_to_string((array_agg(row_no ORDER BY row_no))[1:10], ', ') AS rows_en
      FROM r WHERE relation = 'head' GROUP BY household_code
    )
    INSERT INTO registry_import_error (batch_id, row_no, column_name, value, reason)
    SELECT ${b}, r.row_no, 'relation', r.relation,
      CASE WHEN bad.heads = 0 THEN
        '导入后户 ' || r.household_code || ' 没有户主（缺少户主行，或户主行有错误）/ household ' || r.household_code
          || ' would have no head after the import (no head row, or the head row has errors)'
      ELSE
        '导入后户 ' || r.household_code || ' 将有 ' || bad.heads || ' 名户主（'
          || concat_ws('，', CASE WHEN bad.file_heads > 0 THEN '第 ' || hr.rows_zh || ' 行' END,
                             CASE WHEN bad.db_heads > 0 THEN '登记库中已有户主' END)
          || '）/ household ' || r.household_code || ' would have ' || bad.heads || ' heads after the import ('
          || concat_ws('; ', CASE WHEN bad.file_heads > 0 THEN 'rows ' || hr.rows_en END,
                             CASE WHEN bad.db_heads > 0 THEN 'a head already in the registry' END) || ')'
      END
    FROM r JOIN bad ON bad.household_code = r.household_code
    LEFT JOIN hr ON hr.household_code = r.household_code`.execute(db);
}
