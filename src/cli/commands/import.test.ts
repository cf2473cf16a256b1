/**
 * The import and template commands end to end: a real `safetynet` process on a fresh embedded
 * database, checking the one-JSON-document output, the exit status and the error report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDemo, toRegistryRows } from '../../modules/registry/demo/demo-generator.js';

const BIN = fileURLToPath(new URL('../../../bin/safetynet.js', import.meta.url));
let dir: string;
let env: NodeJS.ProcessEnv;

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { env, cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) };
}

function csv(rows: Record<string, string>[]): string {
  const cols = Object.keys(rows[0]);
  const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [cols.join(','), ...rows.map((r) => cols.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}

describe('safetynet import registry / template registry', () => {
  let rows: Record<string, string>[];
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safetynet-cli-import-'));
    env = { ...process.env, DATA_DIR: path.join(dir, 'var'), SAFETYNET_DEMO: '0' };
    delete env.DATABASE_URL;
    rows = [];
    for (const h of generateDemo({ households: 12, seed: 3, asOf: '2026-11-01' })) rows.push(...(toRegistryRows(h) as unknown as Record<string, string>[]));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('imports a file, then finds nothing to change on a second run', () => {
    const file = path.join(dir, 'good.csv');
    fs.writeFileSync(file, '\uFEFF' + csv(rows));
    const first = cli('import', 'registry', file, '--json');
    expect(first.status).toBe(0);
    expect(first.stdout.trim().split('\n')).toHaveLength(1);
    expect(first.json()).toMatchObject({
      status: 'committed', accepted: rows.length, rejected: 0, unchanged: 0, errors: [], error_count: 0, error_file: null,
      persons_created: rows.length, format: 'csv', encoding: 'utf-8',
    });
    expect(typeof first.json().batch_id).toBe('number');
    const again = cli('import', 'registry', file, '--json');
    expect(again.status).toBe(0);
    expect(again.json()).toMatchObject({ status: 'committed', accepted: 0, unchanged: rows.length, persons_created: 0 });
  });

  it('refuses a file with an error, exits 1 and writes the error report with masked ID numbers', () => {
    const bad: Record<string, string>[] = rows.map((r) => ({ ...r, household_code: `${r.household_code}B` }));
    const badId = bad[1].id_number;
    bad[1] = { ...bad[1], id_number: badId.slice(0, 17) + (badId.endsWith('1') ? '2' : '1') };
    const file = path.join(dir, 'bad.csv');
    fs.writeFileSync(file, csv(bad));
    const r = cli('import', 'registry', file, '--json');
    expect(r.status).toBe(1);
    const out = r.json();
    expect(out).toMatchObject({ status: 'refused', accepted: 0, error_file: `${file}.errors.csv` });
    expect(out.error_count).toBeGreaterThanOrEqual(rows.length); // every row: already in another household, plus the bad ID
    const report = fs.readFileSync(`${file}.errors.csv`, 'utf8');
    expect(report.startsWith('\uFEFF行号 row')).toBe(true);
    expect(report).toContain('use a move');
    for (const row of bad) expect(report).not.toContain(row.id_number);
  });

  it('reports an unreadable file as one JSON error and exit status 1', () => {
    const file = path.join(dir, 'empty.csv');
    fs.writeFileSync(file, '');
    const r = cli('import', 'registry', file, '--json', '--errors', path.join(dir, 'e.csv'));
    expect(r.status).toBe(1);
    expect(r.json()).toMatchObject({ error: { code: 'VALIDATION', message: expect.stringContaining('empty') } });
  });

  it('writes the template in the working directory and the human form names it', () => {
    const r = cli('template', 'registry', '--json');
    expect(r.status).toBe(0);
    expect(r.json()).toMatchObject({ file: path.join(dir, 'registry-template.xlsx'), sheets: ['名册', '说明'] });
    expect(fs.statSync(path.join(dir, 'registry-template.xlsx')).size).toBeGreaterThan(5000);
    const human = cli('template', 'registry', '--out', path.join(dir, 't2.xlsx'));
    expect(human.stdout).toContain('t2.xlsx');
  });
});
