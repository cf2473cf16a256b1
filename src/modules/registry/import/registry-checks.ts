/**
 * The set-based checks of a registry import, run on the staged rows of one batch against the
 * registry and the whole file. Each check is one INSERT … SELECT into registry_import_error;
 * none holds rows in memory. Values written are cut to 50 characters and ID numbers masked.
 *
 * Person-level: the region code exists (village/community level); the ID number appears once
 * in the file; the person is not already in a different household.
 * Household-level (an error marks every row of the household): the household is active; its
 * rows agree on region, hukou type, address and booklet number; it has exactly one head after
 * the import.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../../platform/db/schema.js';
import { trace } from './registry-import.js';

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

export async function runChecks(db: Db, batchId: string, skipInvalid: boolean): Promise<void> {
  const checks = [regionCheck, duplicateIdCheck, otherHouseholdCheck, householdStatusCheck, householdAgreementCheck];
  for (const check of checks) {
    await check(db, batchId);
    trace(check.name);
  }
  await headCheck(db, batchId, skipInvalid);
  trace('headCheck');
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
      SELECT id_number, count(*) AS n,
             array_to_string((array_agg(row_no ORDER BY row_no))[1:10], '、') AS rows_zh,
             array_to_string((array_agg(row_no ORDER BY row_no))[1:10], ', ') AS rows_en
      FROM registry_import_staging
      WHERE batch_id = ${b} AND id_number IS NOT NULL
      GROUP BY id_number HAVING count(*) > 1
    )
    INSERT INTO registry_import_error (batch_id, row_no, column_name, value, reason)
    SELECT s.batch_id, s.row_no, 'id_number', ${maskSql(ref('s.id_number'))},
           '身份证号在文件中重复出现 ' || d.n || ' 次（第 ' || d.rows_zh || ' 行）/ the ID number appears '
             || d.n || ' times in the file (rows ' || d.rows_en || ')'
    FROM registry_import_staging s JOIN d ON d.id_number = s.id_number
    WHERE s.batch_id = ${b}`.execute(db);
}

async function otherHouseholdCheck(db: Db, b: string): Promise<void> {
  await sql`
    INSERT INTO registry_import_error (batch_id, row_no, column_name, value, reason)
    SELECT s.batch_id, s.row_no, 'id_number', ${maskSql(ref('s.id_number'))},
           '该人员已在户 ' || h.code || ' 中，迁移请使用迁户操作 / person already belongs to household ' || h.code || '; use a move'
    FROM registry_import_staging s
    JOIN person p ON p.id_number = s.id_number
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

async function householdAgreementCheck(db: Db, b: string): Promise<void> {
  await sql`
    WITH g AS (
      SELECT household_code,
             coalesce(min(region_code) <> max(region_code), false) AS region_bad,
             coalesce(min(hukou_type) <> max(hukou_type), false) AS hukou_bad,
             coalesce(min(address) <> max(address), false) AS address_bad,
             coalesce(min(hukou_booklet_no) <> max(hukou_booklet_no), false) AS booklet_bad
      FROM registry_import_staging
      WHERE batch_id = ${b} AND household_code IS NOT NULL
      GROUP BY household_code
      HAVING min(region_code) <> max(region_code) OR min(hukou_type) <> max(hukou_type)
          OR min(address) <> max(address) OR min(hukou_booklet_no) <> max(hukou_booklet_no)
    )
    INSERT INTO registry_import_error (batch_id, row_no, column_name, value, reason)
    SELECT s.batch_id, s.row_no, v.col, ${cutSql(ref('v.val'))},
           '同一户（' || s.household_code || '）的各行' || v.zh || '不一致 / rows of household '
             || s.household_code || ' disagree on ' || v.col
    FROM registry_import_staging s
    JOIN g ON g.household_code = s.household_code
    CROSS JOIN LATERAL (VALUES
      ('region_code', g.region_bad, s.region_code, '行政区划代码'),
      ('hukou_type', g.hukou_bad, s.hukou_type, '户籍性质'),
      ('address', g.address_bad, s.address, '住址'),
      ('hukou_booklet_no', g.booklet_bad, s.hukou_booklet_no, '户口簿号')
    ) AS v (col, bad, val, zh)
    WHERE s.batch_id = ${b} AND v.bad AND v.val IS NOT NULL`.execute(db);
}

/**
 * Exactly one head per household after the import: the file's heads plus the registry's heads
 * not listed in the file. Without skip-invalid every row of the file counts (so one error does
 * not cascade into "no head"); with it, only the rows that would be written.
 */
async function headCheck(db: Db, b: string, skipInvalid: boolean): Promise<void> {
  await sql`
    WITH r AS MATERIALIZED (
      SELECT s.row_no, s.household_code, s.relation, s.id_number
      FROM registry_import_staging s
      WHERE s.batch_id = ${b} AND s.household_code IS NOT NULL AND s.relation IS NOT NULL
        AND (NOT ${skipInvalid} OR (s.valid AND NOT EXISTS (
          SELECT 1 FROM registry_import_error e WHERE e.batch_id = ${b} AND e.row_no = s.row_no)))
    ),
    fh AS (
      SELECT household_code, count(*) FILTER (WHERE relation = 'head') AS file_heads,
             array_to_string((array_agg(row_no ORDER BY row_no) FILTER (WHERE relation = 'head'))[1:10], '、') AS rows_zh,
             array_to_string((array_agg(row_no ORDER BY row_no) FILTER (WHERE relation = 'head'))[1:10], ', ') AS rows_en
      FROM r GROUP BY household_code
    ),
    dh AS (
      SELECT h.code AS household_code, count(*) AS db_heads
      FROM fh JOIN household h ON h.code = fh.household_code
      JOIN person p ON p.household_id = h.id AND p.relation = 'head'
      WHERE NOT EXISTS (SELECT 1 FROM r WHERE r.id_number = p.id_number)
      GROUP BY h.code
    ),
    bad AS (
      SELECT fh.*, coalesce(dh.db_heads, 0) AS db_heads, fh.file_heads + coalesce(dh.db_heads, 0) AS heads
      FROM fh LEFT JOIN dh ON dh.household_code = fh.household_code
      WHERE fh.file_heads + coalesce(dh.db_heads, 0) <> 1
    )
    INSERT INTO registry_import_error (batch_id, row_no, column_name, value, reason)
    SELECT ${b}, r.row_no, 'relation', r.relation,
      CASE WHEN bad.heads = 0 THEN
        '导入后户 ' || r.household_code || ' 没有户主（缺少户主行，或户主行有错误）/ household ' || r.household_code
          || ' would have no head after the import (no head row, or the head row has errors)'
      ELSE
        '导入后户 ' || r.household_code || ' 将有 ' || bad.heads || ' 名户主（'
          || concat_ws('，', CASE WHEN bad.file_heads > 0 THEN '第 ' || bad.rows_zh || ' 行' END,
                             CASE WHEN bad.db_heads > 0 THEN '登记库中已有户主' END)
          || '）/ household ' || r.household_code || ' would have ' || bad.heads || ' heads after the import ('
          || concat_ws('; ', CASE WHEN bad.file_heads > 0 THEN 'rows ' || bad.rows_en END,
                             CASE WHEN bad.db_heads > 0 THEN 'a head already in the registry' END) || ')'
      END
    FROM r JOIN bad ON bad.household_code = r.household_code`.execute(db);
}
