/**
 * The server's job worker: polls job_outbox every `intervalMs` and runs the ready jobs that have
 * a handler, one at a time; and once a day (and once at start) purges expired department rows
 * (retention). `stop()` lets a running job or purge finish, then resolves.
 *
 * Several server processes on one PostgreSQL may each run a worker: a job is claimed by one
 * (FOR UPDATE SKIP LOCKED); the retention purge is idempotent.
 */
import { sql } from 'kysely';
import type { Runtime } from '../runtime.js';
import { purgeExpiredRows, type RetentionResult } from '../../modules/ingest/retention.js';
import { defaultJobHandlers, type JobHandlers } from './handlers.js';
import { runOneJob } from './outbox.js';

export interface JobLog {
  info(obj: Record<string, unknown>, msg: string): void;
  error(obj: Record<string, unknown>, msg: string): void;
}

export interface JobWorkerOptions {
  /** How often to look for jobs (ms). */
  intervalMs?: number;
  handlers?: JobHandlers;
  /** How often the retention purge runs (ms); 0 turns it off. Default: a day. */
  retentionEveryMs?: number;
  log?: JobLog;
}

export interface JobWorker {
  stop(): Promise<void>;
  /** Resolves after the next poll has completed (for tests and diagnostics). */
  idle(): Promise<void>;
}

export const DAY_MS = 86_400_000;

const stderrLog: JobLog = {
  info: (obj, msg) => process.stderr.write(`${JSON.stringify({ level: 'info', msg, ...obj })}\n`),
  error: (obj, msg) => process.stderr.write(`${JSON.stringify({ level: 'error', msg, ...obj })}\n`),
};

/** Run the retention purge now over every catalogued dataset, at the runtime clock's "now". */
export async function runRetention(rt: Runtime, actor = 'system:retention'): Promise<RetentionResult> {
  const datasets = await rt.services.catalog.datasets();
  return purgeExpiredRows(rt.database.db, datasets, rt.clock.now(), rt.services.audit, actor);
}

/**
 * Queue this month's full monitoring run once (from the 1st, China time). The job outbox
 * holds at most one `monitor.monthly` job per month however many workers poll.
 */
export async function enqueueMonthly(rt: Runtime): Promise<void> {
  const month = rt.clock.today().slice(0, 7);
  await sql`
    INSERT INTO job_outbox (kind, payload)
    SELECT 'monitor.monthly', jsonb_build_object('month', ${month}::text)
    WHERE NOT EXISTS (SELECT 1 FROM job_outbox WHERE kind = 'monitor.monthly' AND payload->>'month' = ${month})`.execute(rt.database.db);
}

/** Queue today's case follow-up (escalation and review scheduling) once a day, China time. */
export async function enqueueDaily(rt: Runtime): Promise<void> {
  const day = rt.clock.today();
  await sql`
    INSERT INTO job_outbox (kind, payload)
    SELECT 'cases.daily', jsonb_build_object('day', ${day}::text)
    WHERE NOT EXISTS (SELECT 1 FROM job_outbox WHERE kind = 'cases.daily' AND payload->>'day' = ${day})`.execute(rt.database.db);
}

export function startJobWorker(rt: Runtime, opts: JobWorkerOptions = {}): JobWorker {
  const intervalMs = opts.intervalMs ?? 2000;
  const handlers = opts.handlers ?? defaultJobHandlers();
  const retentionEvery = opts.retentionEveryMs ?? DAY_MS;
  const log = opts.log ?? stderrLog;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  let lastRetention: number | undefined;
  let waiters: (() => void)[] = [];

  const retentionDue = () => retentionEvery > 0 && (lastRetention === undefined || rt.clock.now().getTime() - lastRetention >= retentionEvery);

  const poll = async () => {
    try {
      await enqueueMonthly(rt);
      await enqueueDaily(rt);
    } catch (err) {
      log.error({ error: (err as Error).message }, 'monthly scheduling failed');
    }
    if (retentionDue()) {
      // Counted as run even when it fails, so a broken purge is retried tomorrow, not every poll.
      lastRetention = rt.clock.now().getTime();
      try {
        const r = await runRetention(rt);
        log.info({ deleted: r.deleted, datasets: Object.fromEntries(r.datasets.map((d) => [d.dataset, d.deleted])) }, 'retention purge');
      } catch (err) {
        log.error({ error: (err as Error).message }, 'retention purge failed');
      }
    }
    while (!stopping) {
      const outcome = await runOneJob(rt, handlers);
      if (!outcome) break;
      if (outcome.status === 'failed') log.error({ job: outcome.id, kind: outcome.kind, error: outcome.error }, 'job failed');
      else log.info({ job: outcome.id, kind: outcome.kind, ms: outcome.ms }, 'job done');
    }
  };

  const tick = () => {
    timer = undefined;
    current = poll()
      .catch((err: unknown) => log.error({ error: (err as Error).message }, 'job worker poll failed'))
      .finally(() => {
        const w = waiters;
        waiters = [];
        for (const resolve of w) resolve();
        if (!stopping) timer = setTimeout(tick, intervalMs);
      });
  };
  tick();

  return {
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await current;
    },
    idle() {
      if (stopping) return current;
      return new Promise<void>((resolve) => waiters.push(resolve));
    },
  };
}

/** The server's worker, unless SAFETYNET_JOBS=0. Returns undefined when turned off. */
export function startServerJobWorker(rt: Runtime, log?: JobLog, env: NodeJS.ProcessEnv = process.env): JobWorker | undefined {
  if (env.SAFETYNET_JOBS?.trim() === '0' || env.SAFETYNET_JOBS?.trim() === 'false') return undefined;
  const interval = Number(env.SAFETYNET_JOBS_INTERVAL_MS ?? 2000);
  return startJobWorker(rt, { intervalMs: Number.isFinite(interval) && interval >= 50 ? interval : 2000, log });
}
