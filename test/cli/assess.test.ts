/**
 * `safetynet assess` as an operator runs it, and the same answer from the API on the same
 * database: a description file, a registered household, a replay.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newIdNumber } from '../support/factories.js';
import { signIn } from '../support/http.js';
import { openRuntime } from '../../src/platform/runtime.js';
import { buildApp } from '../../src/api/app.js';

const run = promisify(execFile);
const BIN = path.resolve('bin/safetynet.js');
let dir: string;

async function cli(...args: string[]) {
  const { DATABASE_URL: _omit, ...base } = process.env;
  try {
    const r = await run('node', [BIN, ...args], { env: { ...base, DATA_DIR: path.join(dir, 'var'), SAFETYNET_DEMO: '0' }, timeout: 120_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const description = {
  region_code: '220102', hukou_type: 'urban', as_of: '2025-03-01', annual_income: 29988, financial_assets: 0, vehicles: [], properties: 1,
  members: [
    { id_number: newIdNumber('19800312'), relation: 'head', work_ability: 'full' },
    { id_number: newIdNumber('19820620', 'female'), relation: 'spouse', work_ability: 'full' },
    { id_number: newIdNumber('20120101'), relation: 'child', in_school: true },
  ],
};

describe('safetynet assess', () => {
  let file: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sn-assess-'));
    file = path.join(dir, 'household.json');
    fs.writeFileSync(file, JSON.stringify(description));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('explains a description in plain words, and the API on the same database says the same', async () => {
    const human = await cli('assess', file);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('低保边缘：人均月收入 ¥833 低于 1.5 × ¥643 = ¥964.5');
    expect(human.stdout).toContain('per-capita income ¥833/month is below 1.5 × ¥643 = ¥964.5');
    for (const m of description.members) expect(human.stdout).not.toContain(m.id_number);

    const json = await cli('assess', file, '--json');
    expect(json.code).toBe(0);
    const fromCli = JSON.parse(json.stdout);
    expect(fromCli).toMatchObject({ tier: 'marginal', recognitions: [{ category: 'marginal', scope: 'household' }] });

    const rt = await openRuntime({ databaseUrl: undefined, dataDir: path.join(dir, 'var') }, 'test');
    try {
      const app = await buildApp(rt);
      const { headers } = await signIn(app, rt, 'civil_affairs_officer', '220102');
      const fromApi = (await app.inject({ method: 'POST', url: '/api/assessments', headers, payload: description })).json();
      for (const k of ['tier', 'recognitions', 'figures', 'tests', 'amounts', 'summary', 'parameters']) expect(fromApi[k], k).toEqual(fromCli[k]);
      await app.close();
    } finally {
      await rt.close();
    }
  });

  it('names the field of a bad description and exits 1', async () => {
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ ...description, annual_income: -5 }));
    const r = await cli('assess', bad, '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error).toMatchObject({ code: 'VALIDATION', details: { field: 'annual_income' } });
    const notJson = path.join(dir, 'broken.json');
    fs.writeFileSync(notJson, '{"region_code": ');
    expect(JSON.parse((await cli('assess', notJson, '--json')).stdout).error.message).toMatch(/不是有效的 JSON.*not valid JSON/);
    expect((await cli('assess', '--json')).code).toBe(1);
  });

  it('assesses a registered household, stores it, and replays it identically', async () => {
    const seeded = await cli('seed', 'demo', '--households', '20', '--json');
    expect(seeded.code).toBe(0);
    const rt = await openRuntime({ databaseUrl: undefined, dataDir: path.join(dir, 'var') }, 'test');
    const h = await rt.database.db.selectFrom('household as h').innerJoin('economic_snapshot as s', 's.household_id', 'h.id').select('h.code').orderBy('h.code').executeTakeFirstOrThrow();
    await rt.close();
    const r = await cli('assess', '--household', h.code, '--json'); // today, the date the demo's snapshots are taken
    expect(r.code).toBe(0);
    const a = JSON.parse(r.stdout);
    expect(a.id).toMatch(/^\d+$/);
    expect(a.household_code).toBe(h.code);
    const replay = await cli('assess', '--replay', a.id, '--json');
    expect(JSON.parse(replay.stdout)).toMatchObject({ identical: true, differences: [] });
    const text = await cli('assess', '--replay', a.id);
    expect(text.stdout).toMatch(/^重算一致 \/ replay identical/);
  });
});
