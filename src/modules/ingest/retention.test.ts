import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { engines, openTestRuntime } from '../../../test/support/db.js';
import { newHousehold, newIdNumber, newPerson } from '../../../test/support/factories.js';
import { MEDICAL_HEADER, medicalRow, tempDir, writeCsv } from '../../../test/support/dataset-files.js';
import { operatorActor } from '../access/domain/actor.js';
import { fixedClock } from '../../platform/clock.js';
import type { Runtime } from '../../platform/runtime.js';
import { purgeExpiredRows } from './retention.js';

const op = operatorActor('test');
const NOW = '2026-11-01T12:00:00+08:00';
const DAY = 86_400_000;

describe.each(engines)('retention of department rows on %s', (engine) => {
  let rt: Runtime;
  let dir: string;
  const registered = newPerson({ id_number: newIdNumber('19610203'), relation: 'head' });
  const strangerOld = newIdNumber('19700101');
  const strangerRecent = newIdNumber('19710101');
  let oldBatch: string;
  let recentBatch: string;

  const ids = async (batch: string) =>
    (await sql<{ id_hash: string }>`SELECT id_hash FROM ds_medical_settlement WHERE batch_id = ${batch} ORDER BY row_no`.execute(rt.database.db)).rows.map((r) => r.id_hash);
  const receivedDaysAgo = (batch: string, days: number) =>
    rt.database.db.updateTable('ingest_batch').set({ received_at: new Date(Date.parse(NOW) - days * DAY) }).where('id', '=', batch).execute();

  beforeAll(async () => {
    rt = await openTestRuntime(engine, fixedClock(NOW));
    dir = tempDir();
    await rt.services.households.create(newHousehold({ members: [registered] }), { actor: op });
    const a = await rt.services.ingest.ingest({ dataset: 'medical_settlement', file: writeCsv(dir, 'old.csv', MEDICAL_HEADER, [medicalRow(registered.id_number), medicalRow(strangerOld)]) }, op);
    const b = await rt.services.ingest.ingest({ dataset: 'medical_settlement', file: writeCsv(dir, 'recent.csv', MEDICAL_HEADER, [medicalRow(strangerRecent), medicalRow(registered.id_number, { oop_cost: 100 })]) }, op);
    expect([a.status, b.status]).toEqual(['committed', 'committed']);
    oldBatch = a.batch_id;
    recentBatch = b.batch_id;
    const { retention_days } = await rt.services.catalog.dataset('medical_settlement');
    await receivedDaysAgo(oldBatch, retention_days + 1);
    await receivedDaysAgo(recentBatch, retention_days - 1);
  });
  afterAll(async () => {
    await rt?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('deletes an unregistered person’s expired rows, keeps registered people’s and recent rows, and reports counts', async () => {
    const datasets = await rt.services.catalog.datasets();
    const r = await purgeExpiredRows(rt.database.db, datasets, rt.clock.now(), rt.services.audit);
    expect(r.deleted).toBe(1);
    expect(r.datasets).toHaveLength(datasets.length);
    expect(r.datasets.find((d) => d.dataset === 'medical_settlement')).toMatchObject({ deleted: 1, retention_days: 400 });
    expect(r.datasets.filter((d) => d.dataset !== 'medical_settlement').every((d) => d.deleted === 0)).toBe(true);

    expect(await ids(oldBatch)).toEqual([rt.vault.hash(registered.id_number)]);
    expect(await ids(recentBatch)).toEqual([rt.vault.hash(strangerRecent), rt.vault.hash(registered.id_number)]);

    const entry = await rt.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'retention.purge').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor: 'system:retention', subject: null });
    expect(entry.detail).toMatchObject({ deleted: 1, datasets: { medical_settlement: { deleted: 1, retention_days: 400 } } });
    const text = JSON.stringify(entry.detail);
    for (const secret of [strangerOld, registered.id_number, rt.vault.hash(strangerOld)]) expect(text).not.toContain(secret);
    expect((await rt.services.audit.verify()).ok).toBe(true);
  });

  it('deletes nothing more on a second run the same day, and the recent batch’s stranger goes once it expires', async () => {
    const again = await purgeExpiredRows(rt.database.db, await rt.services.catalog.datasets(), rt.clock.now(), rt.services.audit);
    expect(again.deleted).toBe(0);
    const later = new Date(Date.parse(NOW) + 2 * DAY);
    const r = await purgeExpiredRows(rt.database.db, [{ code: 'medical_settlement', retention_days: 400 }], later, rt.services.audit, 'cli:test');
    expect(r).toMatchObject({ deleted: 1, datasets: [{ dataset: 'medical_settlement', deleted: 1 }] });
    expect(await ids(recentBatch)).toEqual([rt.vault.hash(registered.id_number)]);
    expect(await ids(oldBatch)).toEqual([rt.vault.hash(registered.id_number)]);
  });
});
