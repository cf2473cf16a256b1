/**
 * The monitoring benchmark's data, generated set-based inside the database (INSERT … SELECT over
 * generate_series; nothing row by row from JavaScript) and deterministic: every "random" choice
 * is bench_r(i, salt), a hash of the row number, so the same sizes always give the same data.
 *
 * Registry: N persons in households of 1–5 (≈ N/2.5 households) spread over the region table's
 * villages; ages, relations (one head per household), some disabilities; categories by household
 * (8% dibao, 1% tekun, 3% marginal, 1% rigid_expense recognized over the last 2 years, 1%
 * anti_return_poverty, 1.5% who left dibao/tekun 0–33 months ago); an economic snapshot for 30%
 * of households (some with an older one, some with one dated after the run).
 * Feeds: M rows over the departments' datasets, ~70% medical settlements, ~15% utility usage
 * (monthly, July–October, incl. elderly people living alone with no use), 9% social insurance and
 * small shares of the event datasets; 80% about registered persons, 20% about people not in the
 * registry (their ID masked with a Jilin county prefix); event dates over the 14 months before
 * the run date; one committed ingest batch per dataset.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/platform/db/schema.js';
import { createTableSql, type DatasetDef } from '../../src/modules/catalog/domain/dataset-definition.js';
import { RUN_DATE, exec, log, scalar, seconds } from './monitor-db.js';

const D = `DATE '${RUN_DATE}'`;
/** The sealed-ID placeholder of rows about registered persons (others get 'bench'). */
const SEALED_REGISTERED = 'bench:registered';
/** Share of registered persons' rows in every feed. */
const REGISTERED = 0.8;

/** A share of M for each dataset with the SQL of its columns (k: row number, r(n): a random in [0,1), ev: the event date). */
interface FeedSpec {
  dataset: string;
  share: number;
  columns: Record<string, string>;
}

const FEEDS: FeedSpec[] = [
  {
    dataset: 'medical_settlement',
    share: 0.7,
    columns: {
      settle_date: 'ev',
      visit_type: `CASE WHEN r(3) < 0.03 THEN 'inpatient' WHEN r(3) > 0.99 THEN NULL ELSE 'outpatient' END`,
      admission_date: `CASE WHEN r(3) < 0.03 THEN ev - floor(r(6) * 20)::int END`,
      discharge_date: `CASE WHEN r(3) < 0.03 THEN ev END`,
      oop_cost: `CASE WHEN r(3) < 0.03 THEN round((200 + power(r(4), 8) * 50000)::numeric, 2) ELSE round((5 + power(r(4), 2) * 800)::numeric, 2) END`,
      total_cost: `round(((CASE WHEN r(3) < 0.03 THEN 200 + power(r(4), 8) * 50000 ELSE 5 + power(r(4), 2) * 800 END) / (0.25 + r(5) * 0.4))::numeric, 2)`,
      insurance_paid: `round(((CASE WHEN r(3) < 0.03 THEN 200 + power(r(4), 8) * 50000 ELSE 5 + power(r(4), 2) * 800 END) * (0.75 - r(5) * 0.4) / (0.25 + r(5) * 0.4))::numeric, 2)`,
      hospital_code: `'H' || (220100 + floor(r(7) * 900)::int)`,
      diagnosis_code: `CASE WHEN r(3) < 0.03 THEN 'J18.9' ELSE 'I10' END`,
    },
  },
  {
    dataset: 'social_insurance',
    share: 0.09,
    columns: {
      month: `date_trunc('month', ev)::date`,
      contribution_status: `CASE WHEN r(3) < 0.9 THEN 'paid' ELSE 'stopped' END`,
      pension_monthly: `CASE WHEN r(4) < 0.3 THEN round((1000 + r(5) * 3000)::numeric, 2) END`,
    },
  },
  { dataset: 'vehicle_reg', share: 0.01, columns: { reg_date: 'ev', vehicle_type: `'小型轿车'`, purchase_price: `round((30000 + r(3) * 200000)::numeric, 2)`, status: `'normal'` } },
  {
    dataset: 'property_reg',
    share: 0.008,
    columns: { reg_date: 'ev', property_type: `CASE WHEN r(3) < 0.8 THEN 'residential' WHEN r(3) < 0.9 THEN 'commercial' ELSE 'other' END`, area_m2: `round((40 + r(4) * 120)::numeric, 1)`, status: `'registered'` },
  },
  { dataset: 'business_reg', share: 0.005, columns: { reg_date: 'ev', entity_type: `'个体工商户'`, registered_capital: `round((10000 + r(3) * 500000)::numeric, 2)`, status: `'active'` } },
  { dataset: 'public_employment', share: 0.003, columns: { start_date: 'ev', employer_type: `CASE WHEN r(3) < 0.5 THEN '事业单位' ELSE '机关' END` } },
  { dataset: 'serious_illness', share: 0.005, columns: { diagnosis_date: 'ev', disease_code: `'C34'`, disease_name: `'肺恶性肿瘤'` } },
  {
    dataset: 'disability_cert',
    share: 0.004,
    columns: {
      cert_date: 'ev',
      disability_type: `(ARRAY['visual','hearing','speech','physical','intellectual','mental','multiple'])[1 + floor(r(3) * 7)::int]`,
      grade: `CASE WHEN r(5) < 0.02 THEN NULL ELSE 1 + floor(r(4) * 4)::int END`,
      status: `CASE WHEN r(5) < 0.9 THEN 'issued' ELSE 'revoked' END`,
    },
  },
  { dataset: 'unemployment_reg', share: 0.008, columns: { reg_date: 'ev', status: `CASE WHEN r(3) < 0.7 THEN 'registered' WHEN r(3) < 0.9 THEN 'employed' ELSE 'cancelled' END` } },
  {
    dataset: 'disaster_victim',
    share: 0.004,
    columns: { event_date: 'ev', disaster_type: `'flood'`, loss_level: `CASE WHEN r(3) < 0.6 THEN 'minor' WHEN r(3) < 0.9 THEN 'major' ELSE 'total' END`, house_damaged: 'r(4) < 0.3' },
  },
  { dataset: 'school_enrollment', share: 0.008, columns: { enroll_date: 'ev', stage: `(ARRAY['preschool','primary','junior','senior','vocational','college'])[1 + floor(r(3) * 6)::int]` } },
  { dataset: 'dangerous_housing', share: 0.003, columns: { assess_date: 'ev', grade: `CASE WHEN r(3) < 0.6 THEN 'C' ELSE 'D' END` } },
  { dataset: 'death_record', share: 0.002, columns: { death_date: 'ev' } },
];
const UTILITY_SHARE = 0.15;

export interface Generated {
  persons: number;
  households: number;
  feedRows: number;
  byDataset: Record<string, number>;
  unregisteredPool: number;
}

/** Generates the registry and the feeds into a freshly prepared database. */
export async function generate(db: Kysely<DB>, datasets: ReadonlyMap<string, DatasetDef>, persons: number, facts: number): Promise<Generated> {
  const step = async (label: string, statements: string[]) => {
    const t = performance.now();
    for (const s of statements) await exec(db, s);
    log(`  generate: ${label} (${seconds(t).toFixed(1)} s)`);
  };
  await step('helpers', helperSql(facts));
  const households = await registry(db, persons, step);
  const byDataset: Record<string, number> = {};
  for (const spec of FEEDS) byDataset[spec.dataset] = await feed(db, datasets.get(spec.dataset)!, spec, persons, facts, step);
  byDataset.utility_usage = await utility(db, datasets.get('utility_usage')!, persons, facts, step);
  await step('drop scratch tables, VACUUM ANALYZE', ['DROP TABLE bench_hh', 'DROP TABLE bench_village', 'VACUUM ANALYZE']);
  const feedRows = Object.values(byDataset).reduce((a, b) => a + b, 0);
  return { persons, households, feedRows, byDataset, unregisteredPool: unregisteredPool(facts) };
}

const unregisteredPool = (facts: number) => Math.max(1000, Math.round((facts * (1 - REGISTERED)) / 5));

function helperSql(facts: number): string[] {
  const pool = unregisteredPool(facts);
  return [
    // A deterministic uniform [0, 1) from a row number and a salt.
    `CREATE OR REPLACE FUNCTION bench_r(i bigint, salt integer) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE
     AS $$ SELECT (hashint8extended(i, salt) & 1073741823)::float8 / 1073741824.0 $$`,
    `CREATE TABLE bench_village AS SELECT row_number() OVER (ORDER BY code)::int AS k, code FROM region WHERE level = 'village'`,
    // People in departments' data who are not in the registry, each with a fixed masked ID (Jilin county prefix).
    `CREATE TABLE bench_unreg AS
     WITH c AS (SELECT row_number() OVER (ORDER BY code)::int AS k, code FROM region WHERE level = 'county')
     SELECT u::bigint AS u, md5('U' || u) COLLATE "C" AS id_hash, c.code || '********' || lpad((u % 10000)::text, 4, '0') AS id_masked
     FROM generate_series(1, ${pool}) u JOIN c ON c.k = 1 + floor(bench_r(u, 99) * (SELECT count(*) FROM c))::int`,
    `ALTER TABLE bench_unreg ADD PRIMARY KEY (u)`,
    `ANALYZE bench_village`,
    `ANALYZE bench_unreg`,
  ];
}

type Step = (label: string, statements: string[]) => Promise<void>;

async function registry(db: Kysely<DB>, persons: number, step: Step): Promise<number> {
  const villages = await scalar(db, 'SELECT count(*) AS n FROM bench_village');
  const draft = Math.ceil((persons / 2.48) * 1.1) + 10;
  await step('households', [
    `CREATE TABLE bench_hh AS
     WITH s AS (
       SELECT h, CASE WHEN r < 0.25 THEN 1 WHEN r < 0.55 THEN 2 WHEN r < 0.80 THEN 3 WHEN r < 0.92 THEN 4 ELSE 5 END AS size
       FROM (SELECT h::bigint AS h, bench_r(h, 1) AS r FROM generate_series(1, ${draft}) h) x
     ), c AS (SELECT h, size, (sum(size) OVER (ORDER BY h) - size)::bigint AS start FROM s)
     SELECT c.h, c.start, least(c.size, ${persons} - c.start)::int AS size, v.code AS region_code,
       (CASE WHEN c.size = 1 THEN 18 + floor(power(bench_r(c.h, 3), 0.6) * 78) ELSE 22 + floor(bench_r(c.h, 3) * 58) END)::int AS head_age,
       bench_r(c.h, 7) < 0.7 AS head_male,
       bench_r(c.h, 5) AS cls
     FROM c JOIN bench_village v ON v.k = 1 + floor(bench_r(c.h, 2) * ${villages})::int
     WHERE c.start < ${persons}`,
    `ALTER TABLE bench_hh ADD PRIMARY KEY (h)`,
    `INSERT INTO household (id, code, region_code, hukou_type, created_at, updated_at)
     SELECT h, 'BH' || lpad(h::text, 9, '0'), region_code, CASE WHEN bench_r(h, 4) < 0.6 THEN 'rural' ELSE 'urban' END, now(), now() FROM bench_hh`,
    `SELECT setval('household_id_seq', (SELECT max(h) FROM bench_hh))`,
  ]);
  await step('persons', [personSql(), `SELECT setval('person_id_seq', ${persons})`]);
  await step('categories, economic snapshots', [...membershipSql(), ...snapshotSql()]);
  return scalar(db, 'SELECT count(*) AS n FROM bench_hh');
}

function personSql(): string {
  const age = `CASE x.relation
      WHEN 'head' THEN x.head_age
      WHEN 'spouse' THEN greatest(18, x.head_age - 5 + floor(bench_r(x.i, 15) * 10)::int)
      WHEN 'parent' THEN least(100, x.head_age + 22 + floor(bench_r(x.i, 15) * 10)::int)
      ELSE greatest(0, x.head_age - 20 - floor(bench_r(x.i, 15) * 18)::int) END`;
  return `INSERT INTO person (id, id_number_hash, id_number_sealed, id_number_masked, name, household_id, relation, sex, birth_date,
      disability_type, disability_grade, health, created_at, updated_at)
    SELECT x.i, md5('P' || x.i), 'bench', left(x.region_code, 6) || '********' || lpad((x.i % 10000)::text, 4, '0'), '居民' || x.i, x.h, x.relation,
      CASE WHEN x.relation = 'head' THEN (CASE WHEN x.head_male THEN 'male' ELSE 'female' END)
           WHEN x.relation = 'spouse' THEN (CASE WHEN x.head_male THEN 'female' ELSE 'male' END)
           WHEN bench_r(x.i, 12) < 0.5 THEN 'male' ELSE 'female' END,
      (${D} - make_interval(years => ${age}))::date - floor(bench_r(x.i, 13) * 365)::int,
      CASE WHEN bench_r(x.i, 14) < 0.04 THEN (ARRAY['visual','hearing','speech','physical','intellectual','mental','multiple'])[1 + floor(bench_r(x.i, 16) * 7)::int] END,
      CASE WHEN bench_r(x.i, 14) < 0.04 THEN 1 + floor(bench_r(x.i, 17) * 4)::int END,
      CASE WHEN bench_r(x.i, 18) < 0.05 THEN 'serious' WHEN bench_r(x.i, 18) < 0.2 THEN 'chronic' ELSE 'healthy' END,
      now(), now()
    FROM (
      SELECT hh.start + m AS i, hh.h, hh.region_code, hh.head_age, hh.head_male,
        CASE WHEN m = 1 THEN 'head' WHEN m = 2 THEN 'spouse' WHEN bench_r(hh.start + m, 11) < 0.15 THEN 'parent' ELSE 'child' END AS relation
      FROM bench_hh hh CROSS JOIN LATERAL generate_series(1, hh.size) m
    ) x`;
}

function membershipSql(): string[] {
  return [
    // Current recognitions, household-wide; rigid-expenditure ones started within the last 2 years.
    `INSERT INTO category_membership (person_id, category, status, valid_from, source)
     SELECT p.id, c.category, 'active',
       CASE WHEN c.category = 'rigid_expense' THEN ${D} - floor(bench_r(hh.h, 8) * 730)::int ELSE ${D} - 30 - floor(bench_r(hh.h, 8) * 2500)::int END,
       'bench'
     FROM bench_hh hh
     CROSS JOIN LATERAL (SELECT CASE WHEN hh.cls < 0.08 THEN 'dibao' WHEN hh.cls < 0.09 THEN 'tekun' WHEN hh.cls < 0.12 THEN 'marginal'
       WHEN hh.cls < 0.13 THEN 'rigid_expense' WHEN hh.cls < 0.14 THEN 'anti_return_poverty' END AS category) c
     JOIN person p ON p.household_id = hh.h
     WHERE hh.cls < 0.14`,
    // Recognitions that ended 0–33 months ago (the post-exit modifier counts the last 24).
    `INSERT INTO category_membership (person_id, category, status, valid_from, valid_to, source)
     SELECT p.id, CASE WHEN bench_r(hh.h, 10) < 0.1 THEN 'tekun' ELSE 'dibao' END, 'ended',
       ${D} - floor(bench_r(hh.h, 9) * 1000)::int - 200 - floor(bench_r(hh.h, 8) * 1500)::int,
       ${D} - floor(bench_r(hh.h, 9) * 1000)::int, 'bench'
     FROM bench_hh hh JOIN person p ON p.household_id = hh.h
     WHERE hh.cls >= 0.14 AND hh.cls < 0.155`,
  ];
}

function snapshotSql(): string[] {
  const incomes = (salt: number) => `round((bench_r(h, ${salt}) * 40000)::numeric, 2), CASE WHEN bench_r(h, ${salt + 1}) < 0.2 THEN round((bench_r(h, ${salt + 2}) * 20000)::numeric, 2) ELSE 0 END, round((bench_r(h, ${salt + 3}) * 6000)::numeric, 2)`;
  const cols = 'household_id, as_of, source, income_wage, income_business, income_transfer, recorded_by';
  return [
    `INSERT INTO economic_snapshot (${cols}) SELECT h, ${D} - floor(bench_r(h, 31) * 700)::int, 'bench', ${incomes(32)}, 'bench' FROM bench_hh WHERE bench_r(h, 30) < 0.3`,
    // An older check of some of them (the latest one counts) …
    `INSERT INTO economic_snapshot (${cols}) SELECT h, ${D} - 720 - floor(bench_r(h, 41) * 300)::int, 'bench', ${incomes(42)}, 'bench' FROM bench_hh WHERE bench_r(h, 30) < 0.05`,
    // … and a few dated after the run (not counted on the run date).
    `INSERT INTO economic_snapshot (${cols}) SELECT h, ${D} + 10 + floor(bench_r(h, 51) * 90)::int, 'bench', ${incomes(52)}, 'bench' FROM bench_hh WHERE bench_r(h, 30) < 0.01`,
  ];
}

/** Inserts an ingest batch for a dataset; returns its id. */
export async function newBatch(db: Kysely<DB>, dataset: string, label: string): Promise<string> {
  const r = await sql<{ id: string }>`INSERT INTO ingest_batch (dataset, catalog_version, file_name, file_sha256, file_bytes, sent_by, status, finished_at)
    SELECT ${dataset}, version, ${`${label}.csv`}, md5(${`${dataset}:${label}:`} || clock_timestamp()::text), 0, 'bench', 'committed', now() FROM catalog_dataset WHERE code = ${dataset}
    RETURNING id`.execute(db);
  return String(r.rows[0].id);
}

/** Counts the batch's rows into its record, as ingestion would (the sealed-ID placeholder tells registered people's rows). */
async function closeBatch(db: Kysely<DB>, table: string, batchId: string): Promise<number> {
  return scalar(db, `WITH c AS (SELECT count(*) AS n, count(*) FILTER (WHERE id_sealed = '${SEALED_REGISTERED}') AS matched FROM ${table} d WHERE batch_id = ${batchId})
    UPDATE ingest_batch SET rows_total = c.n, accepted = c.n, matched = c.matched, unmatched = c.n - c.matched FROM c WHERE id = ${batchId} RETURNING c.n AS n`);
}

/** Dataset indexes are dropped for the load and rebuilt after it with the catalog's own DDL. */
async function withoutIndexes(db: Kysely<DB>, def: DatasetDef, load: () => Promise<void>): Promise<void> {
  const table = `ds_${def.code}`;
  const idx = await sql<{ indexname: string }>`SELECT indexname FROM pg_indexes WHERE tablename = ${table}`.execute(db);
  for (const i of idx.rows) await exec(db, `DROP INDEX IF EXISTS "${i.indexname}"`);
  await load();
  const t = performance.now();
  for (const s of createTableSql(def)) await exec(db, s);
  log(`  generate: ${table} indexes rebuilt (${seconds(t).toFixed(1)} s)`);
}

/**
 * The rows of one feed: row k is about registered person 1 + ⌊pick·N⌋ (80%) or pooled unregistered
 * person 1 + ⌊pick·U⌋ (20%), on a date within `days` days up to the run date; with perPerson > 1,
 * that many consecutive rows are about the same person.
 */
export function feedSelectSql(spec: { columns: Record<string, string> }, batchId: string, count: number, salt: number, persons: number, pool: number, days = 426, offset = 0, perPerson = 1): string {
  const who = perPerson === 1 ? 'k' : `(k / ${perPerson})`;
  const subst = (e: string) => e.replace(/\br\((\d+)\)/g, (_, n) => `bench_r(g.k, ${salt + Number(n)})`).replace(/\bev\b/g, 'g.ev');
  const cols = Object.keys(spec.columns);
  return `SELECT ${batchId}, g.k - ${offset}, coalesce(p.id_number_hash, q.id_hash), CASE WHEN g.reg THEN '${SEALED_REGISTERED}' ELSE 'bench' END, coalesce(p.id_number_masked, q.id_masked), ${cols.map((c) => subst(spec.columns[c])).join(', ')}
    FROM (SELECT k::bigint AS k, bench_r(${who}, ${salt}) < ${REGISTERED} AS reg, bench_r(${who}, ${salt + 1}) AS pick, ${D} - floor(bench_r(k, ${salt + 2}) * ${days})::int AS ev
          FROM generate_series(${offset + 1}, ${offset + count}) k) g
    LEFT JOIN person p ON g.reg AND p.id = 1 + floor(g.pick * ${persons})::bigint
    LEFT JOIN bench_unreg q ON NOT g.reg AND q.u = 1 + floor(g.pick * ${pool})::bigint`;
}

async function feed(db: Kysely<DB>, def: DatasetDef, spec: FeedSpec, persons: number, facts: number, step: Step): Promise<number> {
  const count = Math.max(50, Math.round(facts * spec.share));
  const batchId = await newBatch(db, def.code, `bench-${def.code}`);
  const salt = 1000 + FEEDS.indexOf(spec) * 100;
  const cols = Object.keys(spec.columns).map((c) => `"${c}"`).join(', ');
  await withoutIndexes(db, def, () =>
    step(`${def.code} (${count} rows)`, [`INSERT INTO ds_${def.code} (batch_id, row_no, id_hash, id_sealed, id_masked, ${cols})\n${feedSelectSql(spec, batchId, count, salt, persons, unregisteredPool(facts))}`]),
  );
  return closeBatch(db, `ds_${def.code}`, batchId);
}

/**
 * Utility usage: a row per month, July to October, for a subset of people (80% registered), and
 * for more of the elderly living alone; some of those used no water or electricity at all, and a
 * few of them have October missing (then only 2 of the latest 3 months are reported).
 */
async function utility(db: Kysely<DB>, def: DatasetDef, persons: number, facts: number, step: Step): Promise<number> {
  const months = 4;
  const people = Math.max(20, Math.round((facts * UTILITY_SHARE) / months));
  const registeredShare = Math.min(0.9, (people * REGISTERED) / persons);
  const pool = unregisteredPool(facts);
  const unregisteredShare = Math.min(1, (people * (1 - REGISTERED)) / pool);
  const batchId = await newBatch(db, def.code, 'bench-utility_usage');
  const usage = (zero: string, k: string) => `CASE WHEN ${zero} THEN 0 ELSE round((CASE WHEN bench_r(${k}, 2203) < 0.02 THEN 0 ELSE 0.5 + bench_r(${k}, 2204) * 12 END)::numeric, 1) END,
      CASE WHEN ${zero} THEN 0 ELSE round((CASE WHEN bench_r(${k}, 2205) < 0.02 THEN 0 ELSE 10 + bench_r(${k}, 2206) * 390 END)::numeric, 1) END`;
  await withoutIndexes(db, def, () =>
    step(`utility_usage (~${people * months} rows)`, [
      `INSERT INTO ds_utility_usage (batch_id, row_no, id_hash, id_sealed, id_masked, month, water_m3, electricity_kwh)
       SELECT ${batchId}, (p.id * ${months} + m)::int, p.id_number_hash, '${SEALED_REGISTERED}', p.id_number_masked, (DATE '2026-07-01' + make_interval(months => m))::date,
         ${usage('x.zero', 'p.id * 4 + m')}
       FROM person p
       CROSS JOIN LATERAL (SELECT p.birth_date <= ${D} - interval '70 years'
           AND NOT EXISTS (SELECT 1 FROM person o WHERE o.household_id = p.household_id AND o.id <> p.id) AS alone) a
       CROSS JOIN LATERAL (SELECT a.alone AND bench_r(p.id, 2202) < 0.15 AS zero) x
       CROSS JOIN generate_series(0, ${months - 1}) m
       WHERE (bench_r(p.id, 2201) < ${registeredShare} OR (a.alone AND bench_r(p.id, 2207) < 0.3))
         AND NOT (x.zero AND m = ${months - 1} AND bench_r(p.id, 2208) < 0.1)`,
      `INSERT INTO ds_utility_usage (batch_id, row_no, id_hash, id_sealed, id_masked, month, water_m3, electricity_kwh)
       SELECT ${batchId}, (${(persons + 1) * months} + q.u * ${months} + m)::int, q.id_hash, 'bench', q.id_masked, (DATE '2026-07-01' + make_interval(months => m))::date,
         ${usage('false', `q.u * 4 + m + ${persons * 4}`)}
       FROM bench_unreg q CROSS JOIN generate_series(0, ${months - 1}) m
       WHERE bench_r(q.u, 2209) < ${unregisteredShare}`,
    ]),
  );
  return closeBatch(db, 'ds_utility_usage', batchId);
}

/** A new month's medical settlements file (October): `rows` rows, ~3 per person, for the incremental run. */
export async function medicalBatch(db: Kysely<DB>, persons: number, facts: number, rows: number, seq: number): Promise<string> {
  const spec = FEEDS[0];
  const batchId = await newBatch(db, 'medical_settlement', `bench-incremental-${seq}`);
  const cols = Object.keys(spec.columns).map((c) => `"${c}"`).join(', ');
  const offset = 10_000_000 * (seq + 1);
  await exec(db, `INSERT INTO ds_medical_settlement (batch_id, row_no, id_hash, id_sealed, id_masked, ${cols})\n${feedSelectSql(spec, batchId, rows, 7000 + seq * 100, persons, unregisteredPool(facts), 31, offset, 3)}`);
  await exec(db, 'ANALYZE ds_medical_settlement');
  await closeBatch(db, 'ds_medical_settlement', batchId);
  return batchId;
}
