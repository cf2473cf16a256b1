/** `safetynet programs list|show` on a fresh embedded database: one JSON document, exit codes. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = path.resolve('bin/safetynet.js');

async function cli(args: string[], env: Record<string, string>) {
  const { DATABASE_URL: _omit, ...base } = process.env;
  try {
    const r = await run('node', [BIN, ...args], { env: { ...base, ...env }, timeout: 120_000 });
    return { code: 0, stdout: r.stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

describe('safetynet programs', () => {
  it('lists the seed programs and shows one with its versions', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sn-programs-'));
    const env = { DATA_DIR: dir, SAFETYNET_DEMO: '0' };
    const list = await cli(['programs', 'list', '--json'], env);
    expect(list.code).toBe(0);
    const codes = (JSON.parse(list.stdout).programs as { code: string }[]).map((p) => p.code);
    expect(codes).toEqual(expect.arrayContaining(['dibao_allowance', 'tekun_support', 'tekun_care', 'heating', 'medical_assistance', 'temporary', 'charity']));
    const show = await cli(['programs', 'show', 'heating', '--json'], env);
    expect(show.code).toBe(0);
    expect(JSON.parse(show.stdout)).toMatchObject({ code: 'heating', definition: { type: 'basic_living', amount: { kind: 'fixed', per: 'household', period: 'season' } }, versions: [{ version: 1 }] });
    const missing = await cli(['programs', 'show', 'nope', '--json'], env);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout).error.code).toBe('NOT_FOUND');
    fs.rmSync(dir, { recursive: true, force: true });
  }, 300_000);
});
