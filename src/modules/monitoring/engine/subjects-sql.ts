/**
 * The people a run looks at, as of its date, in temporary tables: registered persons with their
 * categories on that date (mon_person), households with size, categories, head and latest
 * annual income (mon_household), and people only seen in departments' data (mon_unregistered),
 * whose county is the first six digits of their ID number. An incremental run limits all of
 * them to the persons in mon_scope (a batch's people and their households' members).
 */
import { date } from './sql-text.js';

export function scopeSql(dsTable: string, batchId: string): string[] {
  if (!/^\d+$/.test(batchId)) throw new Error(`not a batch id: ${batchId}`);
  return [
    `CREATE TEMP TABLE mon_scope (id_hash text COLLATE "C" PRIMARY KEY) ON COMMIT DROP`,
    `INSERT INTO mon_scope SELECT DISTINCT id_hash FROM ${dsTable} WHERE batch_id = ${batchId}`,
    // Household facts need every member of a touched household.
    `INSERT INTO mon_scope
     SELECT DISTINCT m.id_number_hash FROM person p JOIN person m ON m.household_id = p.household_id
     WHERE p.id_number_hash IN (SELECT id_hash FROM mon_scope) ON CONFLICT DO NOTHING`,
    `ANALYZE mon_scope`,
  ];
}

export function personTableSql(asOf: string, scoped: boolean): string[] {
  const d = date(asOf);
  return [
    `CREATE TEMP TABLE mon_person ON COMMIT DROP AS
SELECT p.id AS person_id, p.id_number_hash AS id_hash, p.id_number_masked AS id_masked, p.household_id, h.region_code,
  p.birth_date, p.sex, p.relation, p.disability_grade, p.disability_type, p.health,
  coalesce(c.categories, '{}'::text[]) AS categories
FROM person p
LEFT JOIN household h ON h.id = p.household_id
LEFT JOIN (
  SELECT person_id, array_agg(DISTINCT category ORDER BY category) AS categories
  FROM category_membership
  WHERE valid_from <= ${d} AND (valid_to IS NULL OR valid_to > ${d})
  GROUP BY person_id
) c ON c.person_id = p.id
${scoped ? 'WHERE p.id_number_hash IN (SELECT id_hash FROM mon_scope)' : ''}`,
    `CREATE INDEX ON mon_person (id_hash)`,
    `CREATE INDEX ON mon_person (person_id)`,
    `ANALYZE mon_person`,
  ];
}

export function householdTableSql(asOf: string): string[] {
  const d = date(asOf);
  return [
    `CREATE TEMP TABLE mon_household ON COMMIT DROP AS
SELECT h.id AS household_id, h.code, h.region_code, m.size, m.head_id,
  coalesce(cat.categories, '{}'::text[]) AS categories, e.annual_income
FROM household h
JOIN (
  SELECT household_id, count(*)::int AS size,
    (array_agg(person_id ORDER BY (relation = 'head') DESC, person_id))[1] AS head_id
  FROM mon_person WHERE household_id IS NOT NULL GROUP BY household_id
) m ON m.household_id = h.id
LEFT JOIN (
  SELECT household_id, array_agg(DISTINCT c ORDER BY c) AS categories
  FROM mon_person, unnest(categories) AS c WHERE household_id IS NOT NULL GROUP BY household_id
) cat ON cat.household_id = h.id
LEFT JOIN (
  SELECT DISTINCT ON (household_id) household_id,
    income_wage + income_business + income_property + income_transfer + income_other AS annual_income
  FROM economic_snapshot WHERE as_of <= ${d}
  ORDER BY household_id, as_of DESC, id DESC
) e ON e.household_id = h.id`,
    `CREATE INDEX ON mon_household (household_id)`,
    `ANALYZE mon_household`,
  ];
}

/** Everyone in the run's person-level fact tables who is not in the registry. */
export function unregisteredTableSql(groupTables: string[]): string[] {
  const seen = groupTables.length
    ? groupTables.map((t) => `SELECT id_hash, id_masked FROM ${t}`).join(' UNION ALL ')
    : `SELECT NULL::text COLLATE "C" AS id_hash, NULL::text AS id_masked WHERE false`;
  return [
    `CREATE TEMP TABLE mon_unregistered ON COMMIT DROP AS
SELECT u.id_hash, u.id_masked, r.code AS region_code
FROM (SELECT id_hash, min(id_masked) AS id_masked FROM (${seen}) x GROUP BY id_hash) u
LEFT JOIN region r ON r.code = left(u.id_masked, 6)
WHERE NOT EXISTS (SELECT 1 FROM person p WHERE p.id_number_hash = u.id_hash)`,
    `CREATE INDEX ON mon_unregistered (id_hash)`,
    `ANALYZE mon_unregistered`,
  ];
}

/** Registered and unregistered people as one relation with the same columns (registry ones NULL). */
export const EVERYONE = `(SELECT person_id, id_hash, id_masked, household_id, region_code, birth_date, sex, relation, disability_grade, disability_type, health, categories FROM mon_person
  UNION ALL
  SELECT NULL::bigint, id_hash, id_masked, NULL::bigint, region_code, NULL::date, NULL::text, NULL::text, NULL::integer, NULL::text, NULL::text, NULL::text[] FROM mon_unregistered)`;
