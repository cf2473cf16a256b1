/**
 * Comparing two implementations' alerts: the engine's are kept in a snapshot table after its last
 * run; another implementation's current monitor_alert rows are compared with it on
 * (indicator, subject_key, level) — the figure the benchmark reports — and on the remaining
 * columns both must agree on (person, household, region, date, deadline, action).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../src/platform/db/schema.js';
import { RUN_DATE, exec, rows } from './monitor-db.js';

const SNAPSHOT = 'bench_engine_alerts';
/** The other implementation's alerts of the run date. */
const CURRENT = `(SELECT * FROM monitor_alert WHERE as_of = DATE '${RUN_DATE}')`;
const COLUMNS = 'indicator, subject_key, level, level_rank, person_id, household_id, region_code, as_of, deadline, action';

export async function snapshotEngineAlerts(db: Kysely<DB>): Promise<void> {
  await exec(db, `DROP TABLE IF EXISTS ${SNAPSHOT}`);
  await exec(db, `CREATE TABLE ${SNAPSHOT} AS SELECT ${COLUMNS} FROM ${CURRENT} cur`);
}

export interface Comparison {
  /** Per indicator: alerts only the engine raised + alerts only the other raised, on (indicator, subject_key, level). */
  byIndicator: Record<string, { engine_only: number; other_only: number }>;
  mismatches: number;
  /** Alerts on which both agree by key and level but differ in another column. */
  otherColumns: number;
  examples: Record<string, unknown>[];
}

export async function compareWithEngine(db: Kysely<DB>): Promise<Comparison> {
  const key = 'indicator, subject_key, level';
  const diff = await rows<{ indicator: string; side: string; n: string }>(db, `
    SELECT indicator, 'engine_only' AS side, count(*) AS n FROM (SELECT ${key} FROM ${SNAPSHOT} EXCEPT SELECT ${key} FROM ${CURRENT} cur) x GROUP BY indicator
    UNION ALL
    SELECT indicator, 'other_only', count(*) FROM (SELECT ${key} FROM ${CURRENT} cur EXCEPT SELECT ${key} FROM ${SNAPSHOT}) x GROUP BY indicator`);
  const byIndicator: Comparison['byIndicator'] = {};
  for (const d of diff) {
    byIndicator[d.indicator] ??= { engine_only: 0, other_only: 0 };
    byIndicator[d.indicator][d.side as 'engine_only' | 'other_only'] = Number(d.n);
  }
  const mismatches = diff.reduce((a, d) => a + Number(d.n), 0);
  const others = await rows<{ n: string }>(db, `
    SELECT count(*) AS n FROM ${SNAPSHOT} e JOIN ${CURRENT} a USING (indicator, subject_key, level)
    WHERE (e.person_id, e.household_id, e.region_code, e.as_of, e.deadline, e.action, e.level_rank)
      IS DISTINCT FROM (a.person_id, a.household_id, a.region_code, a.as_of, a.deadline, a.action, a.level_rank)`);
  const examples = mismatches
    ? await rows<Record<string, unknown>>(db, `
      (SELECT 'engine_only' AS side, ${key} FROM (SELECT ${key} FROM ${SNAPSHOT} EXCEPT SELECT ${key} FROM ${CURRENT} cur) x ORDER BY 2, 3 LIMIT 5)
      UNION ALL
      (SELECT 'other_only', ${key} FROM (SELECT ${key} FROM ${CURRENT} cur EXCEPT SELECT ${key} FROM ${SNAPSHOT}) x ORDER BY 2, 3 LIMIT 5)`)
    : [];
  return { byIndicator, mismatches, otherColumns: Number(others[0].n), examples };
}
