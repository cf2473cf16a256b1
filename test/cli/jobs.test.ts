/** `safetynet jobs` and `safetynet retention` as an operator runs them: real processes on an embedded database. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newIdNumber } from '../support/factories.js';
import { MEDICAL_HEADER, medicalRow, writeCsv } from '../support/dataset-files.js';
import { openRuntime } from '../../src/platform/runtime.js';

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

describe('safetynet jobs / retention', () => {
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sn-jobs-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists the queued monitoring job, runs it, lists the alerts it raised, and purges expired rows', async () => {
    const ids = [newIdNumber(), newIdNumber()];
    // Settled a month ago (the CLI runs on the real clock): ¥16,000 out of pocket for someone not in the registry.
    const settled = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const file = writeCsv(dir, 'medical.csv', MEDICAL_HEADER, ids.map((id, i) => medicalRow(id, { settle_date: settled, admission_date: settled, discharge_date: settled, oop_cost: i === 0 ? 16000 : 900 })));
    const ingested = await cli('ingest', 'medical_settlement', file, '--json');
    expect(ingested.code).toBe(0);
    const batch = JSON.parse(ingested.stdout).batch_id as string;

    const list = await cli('jobs', 'list', '--json');
    expect(list.code).toBe(0);
    const listed = JSON.parse(list.stdout);
    expect(listed).toMatchObject({ pending: 1, failed: 0, items: [{ kind: 'monitor.incremental', status: 'pending', handled: true, started_at: null, finished_at: null, error: null }] });
    expect(list.stdout).not.toContain('payload');

    const ran = await cli('jobs', 'run', '--json');
    expect(ran.code).toBe(0);
    expect(JSON.parse(ran.stdout)).toMatchObject({ ran: 1, done: 1, failed: 0, pending: 0, jobs: [{ kind: 'monitor.incremental', status: 'done' }] });

    // The incremental run raised leads about the person not in the registry, routed to their county.
    const alerts = await cli('alerts', 'list', '--indicator', 'medical_oop_annual', '--json');
    expect(alerts.code).toBe(0);
    const listedAlerts = JSON.parse(alerts.stdout);
    expect(listedAlerts.total).toBe(1);
    expect(listedAlerts.alerts[0]).toMatchObject({ indicator: 'medical_oop_annual', level: 'orange', status: 'open', household_code: null, person: null, region_code: '220102' });
    expect(Object.keys(listedAlerts.alerts[0])).toEqual(expect.arrayContaining(['id', 'indicator', 'level', 'status', 'household_code', 'person', 'region_code', 'deadline', 'evidence', 'created_at']));
    for (const id of ids) expect(alerts.stdout).not.toContain(id);

    // A full run of the same day raises nothing new.
    const full = await cli('monitor', 'run', '--json');
    expect(full.code).toBe(0);
    const runResult = JSON.parse(full.stdout);
    expect(runResult).toMatchObject({ alerts_created: 0 });
    expect(Object.keys(runResult)).toEqual(expect.arrayContaining(['run_id', 'alerts_created', 'by_indicator', 'seconds']));

    // The batch was received 500 days ago (medical_settlement keeps unmatched rows 400 days).
    const rt = await openRuntime({ databaseUrl: undefined, dataDir: path.join(dir, 'var') }, 'test');
    await rt.database.db.updateTable('ingest_batch').set({ received_at: new Date(Date.now() - 500 * 86_400_000) }).where('id', '=', batch).execute();
    await rt.close();

    const purged = await cli('retention', 'run', '--json');
    expect(purged.code).toBe(0);
    const r = JSON.parse(purged.stdout);
    expect(r.deleted).toBe(2);
    expect(r.datasets.find((d: { dataset: string }) => d.dataset === 'medical_settlement')).toMatchObject({ deleted: 2, retention_days: 400 });
    for (const id of ids) expect(purged.stdout).not.toContain(id);

    const again = await cli('retention', 'run');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/已删除 deleted 0 行 rows/);
    expect(again.stdout).toMatch(/medical_settlement\s+0/);
  }, 300_000);
});
