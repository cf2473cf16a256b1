/**
 * The monitoring benchmark's database: a fresh PostgreSQL database `safetynet_bench_monitor` on
 * DATABASE_URL's server (default postgresql://postgres@127.0.0.1:5432/postgres), or a new PGlite
 * directory, migrated with its reference data (regions, catalog, parameters, indicators, working
 * calendar) by the normal runtime preparation; and small SQL helpers the benchmark shares.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import { testVault } from '../../src/platform/crypto/keyring.js';
import { openDatabase, type Engine } from '../../src/platform/db/database.js';
import { prepare, type Runtime } from '../../src/platform/runtime.js';
import { fixedClock } from '../../src/platform/clock.js';
import type { DB } from '../../src/platform/db/schema.js';

export const RUN_DATE = '2026-11-01';
const BENCH_DB = 'safetynet_bench_monitor';

/**
 * Creates (or recreates) the bench database; returns its URL (PostgreSQL) or directory (PGlite).
 * `settings` ("jit=off", "work_mem=64MB") are set on the PostgreSQL database, so every session of
 * every implementation runs with them.
 */
export async function freshTarget(engine: Engine, settings: string[] = []): Promise<string> {
  if (engine === 'pglite') return fs.mkdtempSync(path.join(os.tmpdir(), 'safetynet-bench-monitor-'));
  const server = new URL(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
  server.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${BENCH_DB}`);
    for (const kv of settings) {
      const m = /^([a-z_]+)=([\w.]+)$/.exec(kv);
      if (!m) throw new Error(`--pg-settings: expected name=value, got ${kv}`);
      await admin.query(`ALTER DATABASE ${BENCH_DB} SET ${m[1]} = '${m[2]}'`);
    }
  } finally {
    await admin.end();
  }
  server.pathname = `/${BENCH_DB}`;
  return server.toString();
}

/** The platform's runtime on the bench database, migrated and with reference data, as of the run date. */
export async function openBenchRuntime(engine: Engine, target: string): Promise<Runtime> {
  const database = engine === 'pglite' ? await openDatabase({ dataDir: target, command: 'bench monitor' }) : await openDatabase({ databaseUrl: target });
  return prepare(database, testVault(), fixedClock(RUN_DATE));
}

export function removeTarget(engine: Engine, target: string): void {
  if (engine === 'pglite') fs.rmSync(target, { recursive: true, force: true });
}

export async function exec(db: Kysely<DB>, statement: string): Promise<void> {
  await sql.raw(statement).execute(db);
}

export async function rows<T>(db: Kysely<DB>, statement: string): Promise<T[]> {
  return (await sql.raw<T>(statement).execute(db)).rows;
}

export async function scalar(db: Kysely<DB>, statement: string): Promise<number> {
  const r = await rows<{ n: number | string }>(db, statement);
  return Number(r[0]?.n ?? 0);
}

/**
 * Alerts of an earlier run (a year and a month before, beyond every suppression window) stay in
 * monitor_alert throughout, as a production table holds its history: the planner then sees a
 * table with rows, not an empty one.
 */
export const HISTORY_DATE = '2025-10-01';

/**
 * Removes the alerts and run records of the run date, so the next run does the full work again,
 * and vacuums the two tables so no run pays for the dead rows of the one before.
 */
export async function clearAlerts(db: Kysely<DB>): Promise<void> {
  await exec(db, `DELETE FROM monitor_alert WHERE as_of = DATE '${RUN_DATE}'`);
  await exec(db, `DELETE FROM monitor_run WHERE as_of = DATE '${RUN_DATE}'`);
  await exec(db, 'VACUUM ANALYZE monitor_alert, monitor_run');
}

export const seconds = (since: number) => (performance.now() - since) / 1000;
export const round2 = (n: number) => Math.round(n * 100) / 100;

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The machine's 1-minute load average (it is shared: figures taken under load are slower). */
export function load1(): number {
  return Math.round(os.loadavg()[0] * 100) / 100;
}

export function log(message: string): void {
  process.stderr.write(message + '\n');
}
