/**
 * Monitoring benchmark: `npm run bench -- monitor [--persons N] [--facts M] [--engine postgresql|pglite]
 *   [--cap SECONDS] [--runs R] [--incremental-rows K] [--skip-per-record] [--explain] [--keep]`.
 *
 * On one generated Jilin-scale database (default 1,000,000 registered persons, 10,000,000 feed
 * rows) it times, each the median of R runs (default 3) with every alert deleted in between so
 * each run does the full work:
 *   1. the engine's full run (`monitorRuns.run` as of 2026-11-01);
 *   2. the floor: hand-written SQL for the same default indicators (bench/lib/monitor-handsql.ts),
 *      whose alerts are then compared with the engine's on (indicator, subject_key, level);
 *   3. a per-record evaluation in JavaScript with json-rules-engine (bench/lib/monitor-per-record.ts),
 *      capped at --cap seconds (default 300) and extrapolated beyond; when one run is capped or
 *      three would take more than 15 minutes it is run once (`per_record_runs` says how often);
 *   4. the incremental run after a new 100,000-row medical settlements batch (a fresh batch for
 *      each of the R runs, with the engine's full-run alerts in place, as in production).
 * Data generation (bench/lib/monitor-generate.ts) is set-based SQL and not timed; its time is
 * reported. Before the timed runs an untimed engine run as of 2025-10-01 leaves its alerts in
 * place as history (beyond every suppression window, so it changes no result), so that
 * monitor_alert is a table with rows as in production; only the run date's alerts are deleted
 * between runs (then VACUUM ANALYZE). PostgreSQL: database `safetynet_bench_monitor` on DATABASE_URL's server (recreated
 * on every run and left in place afterwards); PGlite: a temporary directory, removed at the end
 * unless --keep. `--pg-settings jit=off,work_mem=64MB` sets server settings on the bench database
 * (all implementations run with them; the default is the server's own). `--explain` adds a per-statement timing of the engine's run and the plans of
 * its slowest statements (bench/lib/monitor-explain.ts).
 * Progress goes to stderr; the last line on stdout is one JSON object with the figures.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Engine } from '../src/platform/db/database.js';
import type { Runtime } from '../src/platform/runtime.js';
import { operatorActor } from '../src/modules/access/domain/actor.js';
import { HISTORY_DATE, RUN_DATE, clearAlerts, exec, freshTarget, load1, log, median, openBenchRuntime, removeTarget, round2, seconds } from './lib/monitor-db.js';
import { generate, medicalBatch, type Generated } from './lib/monitor-generate.js';
import { runHandSql } from './lib/monitor-handsql.js';
import { runPerRecord, type PerRecordResult } from './lib/monitor-per-record.js';
import { compareWithEngine, snapshotEngineAlerts, type Comparison } from './lib/monitor-compare.js';
import { explainEngine } from './lib/monitor-explain.js';

interface Options {
  persons: number;
  facts: number;
  engine: Engine;
  cap: number;
  runs: number;
  incrementalRows: number;
  perRecord: boolean;
  explain: boolean;
  keep: boolean;
  pgSettings: string[];
}

function parseArgs(args: string[]): Options {
  const get = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const positive = (name: string, fallback: number) => {
    const v = Number(get(name) ?? fallback);
    if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} must be a positive integer`);
    return v;
  };
  const engine = (get('engine') ?? 'postgresql') as Engine;
  if (engine !== 'postgresql' && engine !== 'pglite') throw new Error('--engine must be postgresql or pglite');
  if (get('pg-settings') && engine !== 'postgresql') throw new Error('--pg-settings applies to PostgreSQL only');
  return {
    persons: positive('persons', 1_000_000), facts: positive('facts', 10_000_000), engine, cap: positive('cap', 300), runs: positive('runs', 3),
    incrementalRows: positive('incremental-rows', 100_000), perRecord: !args.includes('--skip-per-record'), explain: args.includes('--explain'), keep: args.includes('--keep'),
    pgSettings: (get('pg-settings') ?? '').split(',').map((x) => x.trim()).filter(Boolean),
  };
}

const op = operatorActor('bench');

export async function main(args: string[]): Promise<void> {
  const opts = parseArgs(args);
  log(`monitor bench: ${opts.persons} persons, ${opts.facts} feed rows, ${opts.engine}${opts.pgSettings.length ? ` (${opts.pgSettings.join(', ')})` : ''}, ${opts.runs} runs each, per-record cap ${opts.cap} s`);
  let t = performance.now();
  const target = await freshTarget(opts.engine, opts.pgSettings);
  const rt = await openBenchRuntime(opts.engine, target);
  log(`database: fresh, migrated, reference data loaded (${seconds(t).toFixed(1)} s)`);
  try {
    t = performance.now();
    const datasets = new Map((await rt.services.catalog.datasets()).map((d) => [d.code, d]));
    const gen = await generate(rt.database.db, datasets, opts.persons, opts.facts);
    const generateS = seconds(t);
    log(`generated: ${gen.persons} persons in ${gen.households} households, ${gen.feedRows} feed rows (${generateS.toFixed(1)} s)`);
    t = performance.now();
    const history = await rt.services.monitorRuns.run(op, { on: HISTORY_DATE });
    log(`history: an earlier run as of ${HISTORY_DATE} left ${history.alerts_created} alerts in place (${seconds(t).toFixed(1)} s, not timed)`);

    const engine = await engineRuns(rt, opts.runs);
    const hand = await handSqlRuns(rt, opts.runs);
    const perRecord = opts.perRecord ? await perRecordRuns(rt, opts) : undefined;
    const incremental = await incrementalRuns(rt, opts, gen);
    if (opts.explain) {
      await clearAlerts(rt.database.db);
      await explainEngine(rt);
    }
    report(opts, gen, generateS, engine, hand, perRecord, incremental);
  } finally {
    await rt.close();
    if (!opts.keep) removeTarget(opts.engine, target);
  }
}

interface EngineRuns {
  times: number[];
  load: number[];
  alerts: number;
  subjects: number;
  byIndicator: Record<string, number>;
}

async function engineRuns(rt: Runtime, runs: number): Promise<EngineRuns> {
  const times: number[] = [];
  const load: number[] = [];
  let last: Awaited<ReturnType<Runtime['services']['monitorRuns']['run']>> | undefined;
  for (let i = 0; i < runs; i++) {
    await clearAlerts(rt.database.db);
    const t = performance.now();
    last = await rt.services.monitorRuns.run(op, { on: RUN_DATE });
    times.push(seconds(t));
    load.push(load1());
    log(`engine run ${i + 1}: ${times[i].toFixed(2)} s, ${last.alerts_created} alerts, ${last.subjects} subjects (load ${load[i]})`);
  }
  const quiet = Object.entries(last!.by_indicator).filter(([, n]) => n === 0).map(([c]) => c);
  if (quiet.length) log(`WARNING: these indicators raised nothing: ${quiet.join(', ')}`);
  await snapshotEngineAlerts(rt.database.db);
  // Kept to restore before the incremental runs, which run with a full run's alerts in place.
  await exec(rt.database.db, `DROP TABLE IF EXISTS bench_saved_run; CREATE TABLE bench_saved_run AS SELECT * FROM monitor_run WHERE as_of = DATE '${RUN_DATE}'`);
  await exec(rt.database.db, `DROP TABLE IF EXISTS bench_saved_alert; CREATE TABLE bench_saved_alert AS SELECT * FROM monitor_alert WHERE as_of = DATE '${RUN_DATE}'`);
  return { times, load, alerts: last!.alerts_created, subjects: last!.subjects, byIndicator: last!.by_indicator };
}

async function handSqlRuns(rt: Runtime, runs: number): Promise<{ times: number[]; load: number[]; comparison: Comparison }> {
  const times: number[] = [];
  const load: number[] = [];
  for (let i = 0; i < runs; i++) {
    await clearAlerts(rt.database.db);
    const t = performance.now();
    const by = await runHandSql(rt, RUN_DATE);
    times.push(seconds(t));
    load.push(load1());
    log(`hand-written SQL run ${i + 1}: ${times[i].toFixed(2)} s, ${Object.values(by).reduce((a, b) => a + b, 0)} alerts (load ${load[i]})`);
  }
  const comparison = await compareWithEngine(rt.database.db);
  logComparison('hand-written SQL', comparison);
  return { times, load, comparison };
}

function logComparison(what: string, c: Comparison): void {
  log(`${what} vs engine: ${c.mismatches} differences on (indicator, subject_key, level), ${c.otherColumns} alerts differing in another column`);
  for (const [code, d] of Object.entries(c.byIndicator)) log(`  ${code}: ${d.engine_only} only from the engine, ${d.other_only} only from ${what}`);
  for (const e of c.examples) log(`  e.g. ${JSON.stringify(e)}`);
}

interface PerRecordRuns {
  runs: PerRecordResult[];
  load: number[];
  comparison?: Comparison;
}

async function perRecordRuns(rt: Runtime, opts: Options): Promise<PerRecordRuns> {
  const runs: PerRecordResult[] = [];
  const load: number[] = [];
  for (let i = 0; i < opts.runs; i++) {
    await clearAlerts(rt.database.db);
    const r = await runPerRecord(rt, RUN_DATE, opts.cap);
    runs.push(r);
    load.push(load1());
    log(`per-record run ${i + 1}: ${r.seconds.toFixed(2)} s${r.extrapolated ? ` (extrapolated: ${r.subjects} of ${r.subjectsTotal} subjects, ${r.households} of ${r.householdsTotal} households within the cap)` : ''}, ${r.alerts} alerts (load ${load[i]})`);
    log(`  phases: ${JSON.stringify(r.phases)}`);
    // One capped run, or a first run whose repeats would take more than ~15 minutes, is enough.
    if (r.extrapolated || r.seconds * opts.runs > 900) break;
  }
  const last = runs[runs.length - 1];
  if (last.extrapolated) return { runs, load };
  const comparison = await compareWithEngine(rt.database.db);
  logComparison('per-record', comparison);
  return { runs, load, comparison };
}

async function incrementalRuns(rt: Runtime, opts: Options, gen: Generated): Promise<{ times: number[]; subjects: number[]; load: number[] }> {
  const db = rt.database.db;
  await clearAlerts(db);
  await exec(db, 'INSERT INTO monitor_run SELECT * FROM bench_saved_run');
  await exec(db, 'INSERT INTO monitor_alert SELECT * FROM bench_saved_alert');
  const times: number[] = [];
  const subjects: number[] = [];
  const load: number[] = [];
  for (let i = 0; i < opts.runs; i++) {
    const batch = await medicalBatch(db, gen.persons, opts.facts, opts.incrementalRows, i);
    const t = performance.now();
    const r = await rt.services.monitorRuns.incremental(batch, 'medical_settlement', 'bench', { on: RUN_DATE });
    times.push(seconds(t));
    subjects.push(r.subjects);
    load.push(load1());
    log(`incremental run ${i + 1} (batch ${batch}, ${opts.incrementalRows} rows): ${times[i].toFixed(2)} s, ${r.subjects} subjects, ${r.alerts_created} new alerts (load ${load[i]})`);
  }
  return { times, subjects, load };
}

function report(opts: Options, gen: Generated, generateS: number, engine: EngineRuns, hand: { times: number[]; load: number[]; comparison: Comparison }, perRecord: PerRecordRuns | undefined, incremental: { times: number[]; subjects: number[]; load: number[] }): void {
  const engineS = median(engine.times);
  const handS = median(hand.times);
  const perRecordS = perRecord ? median(perRecord.runs.map((r) => r.seconds)) : null;
  const extrapolated = perRecord ? perRecord.runs.some((r) => r.extrapolated) : null;
  const incrementalS = median(incremental.times);
  const out = {
    bench: 'monitor', engine: opts.engine, pg_settings: opts.pgSettings, as_of: RUN_DATE,
    persons: gen.persons, households: gen.households, facts: opts.facts, feed_rows: gen.feedRows, feed_rows_by_dataset: gen.byDataset,
    alerts: engine.alerts, subjects: engine.subjects,
    engine_s: round2(engineS), handsql_s: round2(handS), per_record_s: perRecordS === null ? null : round2(perRecordS),
    engine_vs_handsql: round2(engineS / handS), per_record_vs_engine: perRecordS === null ? null : round2(perRecordS / engineS),
    incremental_s: round2(incrementalS), incremental_rows: opts.incrementalRows, incremental_subjects: incremental.subjects,
    handsql_mismatches: hand.comparison.mismatches, handsql_other_column_mismatches: hand.comparison.otherColumns,
    per_record_extrapolated: extrapolated, per_record_runs: perRecord?.runs.length ?? 0, per_record_cap_s: opts.cap,
    per_record_subjects: perRecord ? perRecord.runs[0].subjects : null, per_record_subjects_total: perRecord ? perRecord.runs[0].subjectsTotal : null,
    per_record_mismatches: perRecord?.comparison?.mismatches ?? null, per_record_phases: perRecord?.runs[0].phases ?? null,
    engine_runs_s: engine.times.map(round2), handsql_runs_s: hand.times.map(round2), per_record_runs_s: perRecord?.runs.map((r) => round2(r.seconds)) ?? [],
    incremental_runs_s: incremental.times.map(round2), generate_s: round2(generateS), cpus: os.cpus().length,
    load_1m: { engine: engine.load, handsql: hand.load, per_record: perRecord?.load ?? [], incremental: incremental.load },
    goals: { engine_s: 60, engine_vs_handsql: 1.5, per_record_vs_engine: 30, incremental_s: 5 },
    goals_met: {
      engine_s: engineS <= 60, engine_vs_handsql: engineS / handS <= 1.5,
      per_record_vs_engine: perRecordS === null ? null : perRecordS / engineS >= 30, incremental_s: incrementalS <= 5,
    },
    by_indicator: engine.byIndicator,
  };
  process.stdout.write(JSON.stringify(out) + '\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2));
}
