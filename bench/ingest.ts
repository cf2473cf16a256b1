/**
 * Ingestion benchmark: `npm run bench -- ingest [--rows N] [--engine postgresql|pglite] [--registry P]`.
 *
 * 1. Generates a `medical_settlement` CSV of N rows (not timed; cached in the temp directory):
 *    one row in ten is about a person in the registry, the rest about other residents, each
 *    person with a few settlements, as a month's file from the medical insurance bureau looks.
 * 2. Prepares a fresh database (PostgreSQL `safetynet_bench` on DATABASE_URL's server, or a
 *    new PGlite directory) and loads a registry of P persons (default 100,000) with the demo
 *    generator, so matching has real work to do.
 * 3. Baseline: a bare COPY of the same file into a table of text columns (the floor).
 * 4. The ingestion, in a child process doing what `safetynet ingest` does (parse, check, hash,
 *    seal, load, match, all in one transaction); it reports wall seconds and peak RSS.
 * Last line: one JSON object with rows, seconds, rows_per_s, peak_rss_mb, copy_s, vs_copy.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { baselineCopy } from './lib/baseline.js';
import pg from 'pg';
import { testVault } from '../src/platform/crypto/keyring.js';
import { openDatabase, type Engine } from '../src/platform/db/database.js';
import { prepare } from '../src/platform/runtime.js';
import { fixedClock } from '../src/platform/clock.js';
import { checkCharacter } from '../src/modules/registry/domain/id-number.js';
import { generateDemo, toRegistryRows } from '../src/modules/registry/demo/demo-generator.js';
import { importRegistry } from '../src/modules/registry/import/registry-import.js';
import { operatorActor } from '../src/modules/access/domain/actor.js';

const TODAY = '2026-11-01';
const BENCH_DB = 'safetynet_bench';
const HEADER = ['id_number', 'settle_date', 'visit_type', 'admission_date', 'discharge_date', 'total_cost', 'insurance_paid', 'oop_cost', 'hospital_code', 'diagnosis_code'];

interface Options {
  rows: number;
  registry: number;
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
  const rows = Number(get('rows') ?? 10_000_000);
  const registry = Number(get('registry') ?? 100_000);
  if (!Number.isInteger(rows) || rows < 1) throw new Error('--rows must be a positive integer');
  const engine = (get('engine') ?? 'postgresql') as Engine;
  if (engine !== 'postgresql' && engine !== 'pglite') throw new Error('--engine must be postgresql or pglite');
  return { rows, registry, engine, child: args.includes('--child'), file: get('file'), target: get('target') };
}

const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;
const round = (n: number) => Math.round(n * 100) / 100;

export async function main(args: string[]): Promise<void> {
  const opts = parseArgs(args);
  if (opts.child) return child(opts);
  const log = (m: string) => process.stdout.write(m + '\n');
  const registryIds = registryIdNumbers(opts.registry);
  const file = path.join(os.tmpdir(), `safetynet-bench-medical-${opts.rows}-${opts.registry}.csv`);
  let t = performance.now();
  await generateCsv(file, opts.rows, registryIds);
  log(`csv: ${file} (${opts.rows} rows, ${mb(fs.statSync(file).size)} MB, ${round((performance.now() - t) / 1000)} s)`);

  t = performance.now();
  const target = await freshDatabase(opts.engine, opts.registry);
  log(`database: ${opts.engine}, registry of ${opts.registry} persons loaded (${round((performance.now() - t) / 1000)} s)`);
  const copy = await baselineCopy(opts.engine, target, file, HEADER);
  log(`baseline: bare COPY into a text table: ${copy.toFixed(2)} s`);

  const r = await runChild(opts.engine, target, file);
  log(`ingest: ${r.status}, ${r.accepted} rows, matched ${r.matched}, in ${r.seconds.toFixed(2)} s, peak RSS ${r.peak_rss_mb} MB`);
  if (opts.engine === 'pglite') fs.rmSync(target, { recursive: true, force: true });
  process.stdout.write(JSON.stringify({
    bench: 'ingest', engine: opts.engine, dataset: 'medical_settlement', rows: opts.rows, file_mb: mb(fs.statSync(file).size), registry_persons: opts.registry,
    status: r.status, accepted: r.accepted, matched: r.matched, seconds: round(r.seconds), rows_per_s: Math.round(opts.rows / r.seconds),
    peak_rss_mb: r.peak_rss_mb, copy_s: round(copy), vs_copy: round(r.seconds / copy), target_rows_per_s: 100_000, target_rss_mb: 512,
  }) + '\n');
}

/** ID numbers of the first P persons the demo generator makes (the bench registry). */
function registryIdNumbers(persons: number): string[] {
  const ids: string[] = [];
  for (const h of generateDemo({ households: persons, seed: 1, asOf: TODAY })) {
    for (const r of toRegistryRows(h) as unknown as { id_number: string }[]) ids.push(r.id_number);
    if (ids.length >= persons) break;
  }
  return ids.slice(0, persons);
}

/** A deterministic pseudo-random sequence (the file is the same on every run). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const ADDRESSES = ['220102', '220103', '220104', '220105', '220106', '220112', '220113', '220122', '220202', '220203', '220281', '220302', '220381', '220402', '220502', '220581', '220602', '220702', '220802', '222401'];

async function generateCsv(file: string, rows: number, registry: string[]): Promise<void> {
  if (fs.existsSync(file) && fs.existsSync(`${file}.done`)) return;
  const rand = lcg(7);
  const out = fs.createWriteStream(file);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  await write(HEADER.join(',') + '\n');
  let chunk = '';
  let person = '';
  for (let i = 0; i < rows; i++) {
    if (i % 3 === 0) {
      if (rand() < 0.1 && registry.length) person = registry[Math.floor(rand() * registry.length)];
      else {
        const y = 1935 + Math.floor(rand() * 85);
        const first17 = `${ADDRESSES[Math.floor(rand() * ADDRESSES.length)]}${y}${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}${String(Math.floor(rand() * 999) + 1).padStart(3, '0')}`;
        person = first17 + checkCharacter(first17);
      }
    }
    const inpatient = rand() < 0.2;
    const day = 1 + Math.floor(rand() * 28);
    const total = Math.round((inpatient ? 3000 + rand() * 60000 : 50 + rand() * 800) * 100) / 100;
    const paid = Math.round(total * (0.5 + rand() * 0.3) * 100) / 100;
    const oop = Math.round((total - paid) * 100) / 100;
    const date = `2026-10-${String(day).padStart(2, '0')}`;
    chunk += `${person},${date},${inpatient ? 'inpatient' : 'outpatient'},${inpatient ? `2026-10-${String(Math.max(1, day - 5)).padStart(2, '0')}` : ''},${inpatient ? date : ''},${total},${paid},${oop},H${220100 + Math.floor(rand() * 900)},${inpatient ? 'J18.9' : 'I10'}\n`;
    if (chunk.length > 1 << 20) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  fs.writeFileSync(`${file}.done`, '');
}

async function freshDatabase(engine: Engine, registryPersons: number): Promise<string> {
  let target: string;
  if (engine === 'pglite') target = fs.mkdtempSync(path.join(os.tmpdir(), 'safetynet-bench-'));
  else {
    const server = new URL(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
    server.pathname = '/postgres';
    const admin = new pg.Client({ connectionString: server.toString() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${BENCH_DB}`);
    await admin.end();
    server.pathname = `/${BENCH_DB}`;
    target = server.toString();
  }
  const rt = await prepare(await openDatabase(engine === 'pglite' ? { dataDir: target, command: 'bench' } : { databaseUrl: target }), testVault(), fixedClock(TODAY));
  try {
    const rows: Record<string, string>[] = [];
    for (const h of generateDemo({ households: registryPersons, seed: 1, asOf: TODAY })) {
      rows.push(...(toRegistryRows(h) as unknown as Record<string, string>[]));
      if (rows.length >= registryPersons) break;
    }
    const report = await importRegistry(rt.database, rows.slice(0, registryPersons), { actor: 'bench', vault: rt.vault, skipInvalid: true, today: TODAY });
    if (report.status !== 'committed') throw new Error(`registry load failed: ${report.status}`);
  } finally {
    await rt.close();
  }
  return target;
}

interface ChildResult {
  status: string;
  accepted: number;
  matched: number;
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
      if (code !== 0) return reject(new Error(`ingest child exited with ${code}: ${out}`));
      resolve(JSON.parse(out.trim().split('\n').pop() ?? '') as ChildResult);
    });
  });
}

async function child(opts: Options): Promise<void> {
  const database = opts.engine === 'pglite' ? await openDatabase({ dataDir: opts.target!, command: 'bench ingest' }) : await openDatabase({ databaseUrl: opts.target! });
  const rt = await prepare(database, testVault(), fixedClock(TODAY));
  try {
    const t = performance.now();
    let last = 0;
    const r = await rt.services.ingest.ingest({ dataset: 'medical_settlement', file: opts.file! }, operatorActor('bench'), (p) => {
      if (p.rows - last >= 1_000_000) {
        last = p.rows;
        process.stderr.write(`  ${p.rows} rows, ${((performance.now() - t) / 1000).toFixed(1)} s, rss ${Math.round(process.memoryUsage().rss / 1048576)} MB\n`);
      }
    });
    const seconds = (performance.now() - t) / 1000;
    const peak = Math.round(process.resourceUsage().maxRSS / 1024);
    process.stdout.write(JSON.stringify({ status: r.status, accepted: r.accepted, matched: r.matched, seconds, peak_rss_mb: peak }) + '\n');
  } finally {
    await rt.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2));
}
