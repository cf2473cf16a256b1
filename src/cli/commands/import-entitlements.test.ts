/**
 * `safetynet import entitlements` end to end: a real process on a fresh embedded database with a
 * registry imported first; one JSON document on standard output, exit status 0 or 1, the error
 * report, and never a full ID or account number in what it prints.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDemo, toRegistryRows } from '../../modules/registry/demo/demo-generator.js';
import { withLuhnDigit } from '../../modules/payments/domain/account.js';

const BIN = fileURLToPath(new URL('../../../bin/safetynet.js', import.meta.url));
let dir: string;
let env: NodeJS.ProcessEnv;

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { env, cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) };
}

const csv = (rows: string[][]) => rows.map((r) => r.join(',')).join('\n') + '\n';
const HEADER = ['household_code', 'id_number', 'program', 'monthly_amount', 'start_month', 'account_number'];

describe('safetynet import entitlements', () => {
  let heads: { household_code: string; id_number: string }[];
  let account: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safetynet-cli-entitlements-'));
    env = { ...process.env, DATA_DIR: path.join(dir, 'var'), SAFETYNET_DEMO: '0' };
    delete env.DATABASE_URL;
    const rows: Record<string, string>[] = [];
    for (const h of generateDemo({ households: 4, seed: 11, asOf: '2026-11-01' })) rows.push(...(toRegistryRows(h) as unknown as Record<string, string>[]));
    const cols = Object.keys(rows[0]);
    const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    fs.writeFileSync(path.join(dir, 'registry.csv'), [cols.join(','), ...rows.map((r) => cols.map((c) => cell(r[c] ?? '')).join(','))].join('\n') + '\n');
    expect(cli('import', 'registry', path.join(dir, 'registry.csv'), '--json').status).toBe(0);
    heads = rows.filter((r) => r.relation === 'head').map((r) => ({ household_code: r.household_code, id_number: r.id_number }));
    account = withLuhnDigit('622848001234567890');
  }, 240_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('imports a clean file: exit 0, one JSON document with the counts per program', () => {
    const file = path.join(dir, 'good.csv');
    fs.writeFileSync(file, csv([HEADER, [heads[0].household_code, heads[0].id_number, 'dibao_allowance', '1170.50', '2026-01', account], [heads[1].household_code, heads[1].id_number, 'heating', '200', '2026-10', '']]));
    const r = cli('import', 'entitlements', file, '--json');
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.json()).toEqual({ file, rows: 2, created: 2, by_program: { dibao_allowance: 1, tekun_support: 0, tekun_care: 0, temporary: 0, heating: 1 } });
    expect(r.stdout + r.stderr).not.toContain(account);
    expect(r.stdout + r.stderr).not.toContain(heads[0].id_number);
  });

  it('refuses a file with errors: exit 1, every error in the JSON and the report, numbers masked; nothing written', () => {
    const file = path.join(dir, 'bad.csv');
    const badAccount = account.slice(0, 18) + String((Number(account[18]) + 1) % 10);
    fs.writeFileSync(file, csv([HEADER,
      [heads[2].household_code, heads[2].id_number, 'temporary', '300', '2026-11', badAccount],
      [heads[0].household_code, heads[0].id_number, 'dibao_allowance', '900', '2026-11', ''], // already open (imported above)
      [heads[3].household_code, heads[3].id_number, 'tekun_care', '1.005', '2026-13', ''],
    ]));
    const r = cli('import', 'entitlements', file, '--json');
    expect(r.status).toBe(1);
    const out = r.json();
    expect(out).toMatchObject({ file, rows: 3, created: 0, error_count: 4, error_file: `${file}.errors.csv` });
    expect(out.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([[2, 'account_number'], [3, 'id_number'], [4, 'monthly_amount'], [4, 'start_month']]);
    for (const e of out.errors) expect(Object.keys(e)).toEqual(['row', 'field', 'value', 'zh', 'en']);
    const report = fs.readFileSync(`${file}.errors.csv`, 'utf8');
    expect(report.startsWith('\uFEFF行号 row')).toBe(true);
    for (const text of [r.stdout, r.stderr, report]) {
      expect(text).not.toContain(badAccount);
      for (const h of heads) expect(text).not.toContain(h.id_number);
    }
    // the human form, in Chinese and English, on standard error
    const human = cli('import', 'entitlements', file);
    expect(human.status).toBe(1);
    expect(human.stderr).toContain('文件未导入');
    expect(human.stderr).toContain('file refused: 4 errors, nothing was written');
    expect(human.stderr).not.toContain(badAccount);
    // nothing was written: row 2, with its account fixed, finds no open entitlement of its own
    const one = path.join(dir, 'one.csv');
    fs.writeFileSync(one, csv([HEADER, [heads[2].household_code, heads[2].id_number, 'temporary', '300', '2026-11', account]]));
    const ok = cli('import', 'entitlements', one);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('import committed: 1 entitlements created');
  });

  it('reports an unreadable file as one JSON error and exit status 1', () => {
    const file = path.join(dir, 'empty.csv');
    fs.writeFileSync(file, '');
    const r = cli('import', 'entitlements', file, '--json');
    expect(r.status).toBe(1);
    expect(r.json()).toMatchObject({ error: { code: 'VALIDATION', message: expect.stringContaining('empty') } });
  });
});
