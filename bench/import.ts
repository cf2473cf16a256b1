/**
 * Registry import benchmark: `npm run bench -- import [--persons N] [--engine postgresql|pglite]`.
 *
 * 1. Generates a registry CSV of N persons with the demo generator (not timed; cached in the
 *    temp directory, the generator is deterministic).
 * 2. Prepares a fresh database: PostgreSQL database `safetynet_bench` on the server of
 *    DATABASE_URL (default postgresql://postgres@127.0.0.1:5432), or a new PGlite directory.
 * 3. Baseline: a plain COPY of the same CSV into an unvalidated table (the floor).
 * 4. The import, in a child process doing exactly what `safetynet import registry` does; the
 *    child reports its wall seconds and peak RSS (process.resourceUsage().maxRSS). On PGlite the
 *    database runs inside that process, so its RSS includes the engine (about 900 MB after a
 *    fresh database is prepared, import or not).
 * SAFETYNET_TRACE_IMPORT=1 adds the time of each import phase.
 * Last line of output: one JSON object with the figures.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { baselineCopy } from './lib/baseline.js';
import pg from 'pg';
import { testVault } from '../src/platform/crypto/keyring.js';
import { openDatabase, csvField, type Engine } from '../src/platform/db/database.js';
import { prepare } from '../src/platform/runtime.js';
import { generateDemo, toRegistryRows } from '../src/modules/registry/demo/demo-generator.js';
import { runRegistryImport } from '../src/cli/commands/import.js';

const TODAY = '2026-11-01';
const BENCH_DB = 'safetynet_bench';
const COLUMNS = Object.keys(toRegistryRows(generateDemo({ households: 1, seed: 1, asOf: TODAY }).next().value!)[0]);

interface Options {
  persons: number;
  engine: Engine;
  child: boolean;
  file?: string;
  target?: string;
}

function parseArgs(args: string[]): Options {
  const get = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const persons = Number(get('persons') ?? 1_000_000);
  if (!Number.isInteger(persons) || persons < 1) throw new Error(`--persons must be a positive integer`);
  const engine = (get('engine') ?? 'postgresql') as Engine;
  if (engine !== 'postgresql' && engine !== 'pglite') throw new Error(`--engine must be postgresql or pglite`);
  return { persons, engine, child: args.includes('--child'), file: get('file'), target: get('target') };
}

export async function main(args: string[]): Promise<void> {
  const opts = parseArgs(args);
  if (opts.child) return child(opts);
  const log = (m: string) => process.stdout.write(m + '\n');
  const file = path.join(os.tmpdir(), `safetynet-bench-registry-${opts.persons}.csv`);
  let t = Date.now();
  const generated = await generateCsv(file, opts.persons);
  log(`csv: ${file} (${generated.persons} persons, ${generated.households} households, ${mb(fs.statSync(file).size)} MB, ${secs(t)} s)`);

  const target = await freshDatabase(opts.engine);
  log(`database: ${opts.engine} ${target.replace(/\/\/[^@]*@/, '//')}`);
  const baseline = await baselineCopy(opts.engine, target, file, COLUMNS);
  log(`baseline COPY into an unvalidated table: ${baseline.toFixed(2)} s`);

  t = Date.now();
  const result = await runChild(opts.engine, target, file);
  log(`import: ${result.status}, ${result.accepted} rows accepted in ${result.seconds.toFixed(2)} s (child wall ${secs(t)} s), peak RSS ${result.peak_rss_mb} MB`);
  const summary = {
    bench: 'import',
    engine: opts.engine,
    persons: generated.persons,
    households: generated.households,
    file_mb: mb(fs.statSync(file).size),
    status: result.status,
    accepted: result.accepted,
    seconds: round(result.seconds),
    rows_per_s: Math.round(generated.persons / result.seconds),
    peak_rss_mb: result.peak_rss_mb,
    baseline_copy_seconds: round(baseline),
    ratio_vs_copy: round(result.seconds / baseline),
    target_seconds: 120,
    target_rss_mb: 500,
  };
  if (opts.engine === 'pglite') fs.rmSync(target, { recursive: true, force: true });
  process.stdout.write(JSON.stringify(summary) + '\n');
}

const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;
const secs = (since: number) => ((Date.now() - since) / 1000).toFixed(1);
const round = (n: number) => Math.round(n * 100) / 100;

/** N persons (whole households: the last one may run over) as a UTF-8 CSV with canonical headers. */
async function generateCsv(file: string, persons: number): Promise<{ persons: number; households: number }> {
  const meta = `${file}.meta.json`;
  if (fs.existsSync(file) && fs.existsSync(meta)) return JSON.parse(fs.readFileSync(meta, 'utf8'));
  const out = fs.createWriteStream(file);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  await write(COLUMNS.join(',') + '\n');
  let n = 0;
  let households = 0;
  let chunk = '';
  for (const h of generateDemo({ households: persons, seed: 1, asOf: TODAY })) {
    households++;
    for (const r of toRegistryRows(h) as unknown as Record<string, string>[]) {
      chunk += COLUMNS.map((c) => csvField(r[c])).join(',') + '\n';
      n++;
    }
    if (chunk.length > 1 << 20) {
      await write(chunk);
      chunk = '';
    }
    if (n >= persons) break;
  }
  await write(chunk);
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  fs.writeFileSync(meta, JSON.stringify({ persons: n, households }));
  return { persons: n, households };
}

/** A migrated database with the regions loaded and nothing else; returns its URL or directory. */
async function freshDatabase(engine: Engine): Promise<string> {
  if (engine === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safetynet-bench-'));
    await (await prepare(await openDatabase({ dataDir: dir, command: 'bench' }), testVault())).close();
    return dir;
  }
  const server = new URL(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
  server.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${BENCH_DB}`);
  await admin.end();
  server.pathname = `/${BENCH_DB}`;
  await (await prepare(await openDatabase({ databaseUrl: server.toString() }), testVault())).close();
  return server.toString();
}

interface ChildResult {
  status: string;
  accepted: number;
  error_count: number;
  seconds: number;
  peak_rss_mb: number;
}

function runChild(engine: Engine, target: string, file: string): Promise<ChildResult> {
  const script = fileURLToPath(import.meta.url);
  const args = [...process.execArgv, script, '--child', '--engine', engine, '--target', target, '--file', file];
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout.on('data', (d) => (out += d));
    proc.on('error', reject);
    proc.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`import child exited with ${code}: ${out}`));
      resolve(JSON.parse(last) as ChildResult);
    });
  });
}

/** In the child: open the database, import the file as the CLI does, report time and memory. */
async function child(opts: Options): Promise<void> {
  const database =
    opts.engine === 'pglite'
      ? await openDatabase({ dataDir: opts.target!, command: 'bench import' })
      : await openDatabase({ databaseUrl: opts.target! });
  const errorFile = path.join(os.tmpdir(), `safetynet-bench-${process.pid}.errors.csv`);
  try {
    const t = performance.now();
    const r = await runRegistryImport(database, opts.file!, { actor: 'bench', vault: testVault(), today: TODAY, skipInvalid: false, errorFile, progress: true });
    const seconds = (performance.now() - t) / 1000;
    const peak = Math.round(process.resourceUsage().maxRSS / 1024);
    process.stdout.write(JSON.stringify({ status: r.status, accepted: r.accepted, error_count: r.error_count, seconds, peak_rss_mb: peak }) + '\n');
  } finally {
    await database.close();
    fs.rmSync(errorFile, { force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2));
}
