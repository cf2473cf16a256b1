import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { engines, openTestRuntime } from '../../../test/support/db.js';
import { manualClock } from '../clock.js';
import type { Runtime } from '../runtime.js';
import { AppError } from '../errors.js';
import { JobHandlers, type Job } from './handlers.js';
import { claimJob, jobErrorText, listJobs, runPendingJobs } from './outbox.js';
import { DAY_MS, startJobWorker } from './worker.js';

describe.each(engines)('job outbox and worker on %s', (engine) => {
  let rt: Runtime;
  const clock = manualClock('2026-11-01T09:00:00+08:00');
  const enqueue = async (kind: string, payload: unknown = {}) =>
    (await rt.database.db.insertInto('job_outbox').values({ kind, payload: JSON.stringify(payload) }).returning('id').executeTakeFirstOrThrow()).id;
  const job = (id: string) => rt.database.db.selectFrom('job_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const retentionRuns = async () => (await rt.database.db.selectFrom('audit_log').select('id').where('action', '=', 'retention.purge').execute()).length;

  beforeAll(async () => {
    rt = await openTestRuntime(engine, clock);
  });
  afterAll(async () => {
    await rt?.close();
  });
  beforeEach(async () => {
    await rt.database.db.deleteFrom('job_outbox').execute();
  });

  it('runs ready jobs oldest first, records failures once, and leaves kinds without a handler pending', async () => {
    const seen: Job[] = [];
    const handlers = new JobHandlers()
      .register('test.ok', async (j) => void seen.push(j))
      .register('test.boom', async () => {
        throw new Error('cannot process 220102196102030011 (phone 13912345678)');
      });
    const a = await enqueue('test.ok', { n: 1 });
    const waiting = await enqueue('monitor.incremental', { batch_id: '1', dataset: 'medical_settlement' });
    const boom = await enqueue('test.boom');
    const b = await enqueue('test.ok', { n: 2 });

    const outcomes = await runPendingJobs(rt, handlers);
    expect(outcomes.map((o) => [o.id, o.status])).toEqual([[a, 'done'], [boom, 'failed'], [b, 'done']]);
    expect(seen.map((j) => j.payload)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(await job(a)).toMatchObject({ error: null, finished_at: expect.any(Date), started_at: expect.any(Date) });
    const failed = await job(boom);
    expect(failed.finished_at).toBeInstanceOf(Date);
    expect(failed.error).toBe('Error: cannot process 220102********0011 (phone 139****5678)');
    expect(await job(waiting)).toMatchObject({ started_at: null, finished_at: null });

    // Nothing is left to claim: a second pass runs nothing, the failed job is not retried.
    expect(await runPendingJobs(rt, handlers)).toEqual([]);
    const list = await listJobs(rt.database.db, handlers);
    expect(list).toMatchObject({ pending: 1, failed: 1 });
    expect(list.items.map((i) => [i.kind, i.status, i.handled])).toEqual([
      ['test.ok', 'done', true], ['test.boom', 'failed', true], ['monitor.incremental', 'pending', false], ['test.ok', 'done', true],
    ]);
    expect((await listJobs(rt.database.db, handlers, { pending: true })).items.map((i) => i.id)).toEqual([waiting]);
  });

  it('claims a job again only when its lease has run out', async () => {
    const id = await enqueue('test.ok');
    expect((await claimJob(rt.database.db, ['test.ok']))?.id).toBe(id);
    expect(await claimJob(rt.database.db, ['test.ok'])).toBeUndefined();
    await rt.database.db.updateTable('job_outbox').set({ started_at: new Date(Date.now() - 11 * 60_000) }).where('id', '=', id).execute();
    expect((await claimJob(rt.database.db, ['test.ok']))?.id).toBe(id);
    expect(await claimJob(rt.database.db, [])).toBeUndefined();
  });

  it('gives two claimers running at once different jobs', async () => {
    const ids = [await enqueue('test.ok'), await enqueue('test.ok'), await enqueue('test.ok')];
    const claimed = await Promise.all([1, 2, 3, 4].map(() => claimJob(rt.database.db, ['test.ok'])));
    const got = claimed.filter((j) => j !== undefined).map((j) => j.id);
    expect(new Set(got).size).toBe(got.length);
    expect(got.every((id) => ids.includes(id))).toBe(true);
  });

  it('keeps personal data out of stored errors', () => {
    expect(jobErrorText(new AppError('VALIDATION', { zh: '身份证号 22010219610203001X 无效', en: 'bad' }))).toBe('VALIDATION: 身份证号 220102********001X 无效 / bad');
    expect(jobErrorText('old 220102610203001')).toBe('Error: old 220102*****3001');
    expect(jobErrorText(new Error('x'.repeat(2000)))).toHaveLength(500);
  });

  it('polls in the background, runs retention at start and once a day, and stop() waits for a running job', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let finished = 0;
    const handlers = new JobHandlers().register('test.slow', async () => {
      await gate;
      finished++;
    });
    const before = await retentionRuns();
    const worker = startJobWorker(rt, { intervalMs: 20, handlers, log: { info: () => {}, error: () => {} } });
    await worker.idle();
    expect(await retentionRuns()).toBe(before + 1);

    await worker.idle();
    expect(await retentionRuns()).toBe(before + 1); // not again within the day
    clock.advance(DAY_MS);
    await worker.idle();
    await worker.idle();
    expect(await retentionRuns()).toBe(before + 2);

    const id = await enqueue('test.slow');
    for (let i = 0; i < 100 && (await job(id)).started_at === null; i++) await new Promise((r) => setTimeout(r, 10));
    expect((await job(id)).started_at).toBeInstanceOf(Date);
    const stopped = worker.stop();
    let done = false;
    void stopped.then(() => (done = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(done).toBe(false);
    release();
    await stopped;
    expect(finished).toBe(1);
    expect((await job(id)).finished_at).toBeInstanceOf(Date);

    // Stopped: a new job is not picked up.
    const later = await enqueue('test.slow');
    await new Promise((r) => setTimeout(r, 100));
    expect((await job(later)).started_at).toBeNull();
  });
});
