/**
 * The job outbox (table job_outbox): work written in the same transaction as what caused it
 * (e.g. a committed ingest batch queues 'monitor.incremental'), run later by the job worker.
 *
 * A job is claimed by setting started_at (a lease: a job whose runner died is claimed again
 * after 10 minutes), run by its kind's handler outside any transaction, then marked finished —
 * with its error text when the handler failed, so a poison job is not run again and again.
 * Only kinds that have a handler are claimed: other jobs wait, untouched, for theirs.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Runtime } from '../runtime.js';
import { AppError } from '../errors.js';
import type { Job, JobHandlers } from './handlers.js';

export const LEASE = '10 minutes';

export interface JobOutcome {
  id: string;
  kind: string;
  status: 'done' | 'failed';
  error: string | null;
  ms: number;
}

/** Claim the oldest unfinished job of one of these kinds (none when the list is empty). */
export async function claimJob(db: Kysely<DB>, kinds: readonly string[]): Promise<Job | undefined> {
  if (kinds.length === 0) return undefined;
  const r = await sql<Job>`
    UPDATE job_outbox SET started_at = now()
    WHERE id = (
      SELECT id FROM job_outbox
      WHERE finished_at IS NULL
        AND kind IN (${sql.join(kinds)})
        AND (started_at IS NULL OR started_at < now() - ${LEASE}::interval)
      ORDER BY id
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id, kind, payload, created_at, started_at`.execute(db);
  return r.rows[0];
}

export async function finishJob(db: Kysely<DB>, id: string, error: string | null): Promise<void> {
  await sql`UPDATE job_outbox SET finished_at = now(), error = ${error} WHERE id = ${id}`.execute(db);
}

/**
 * What is stored (and logged) about a failure: the error's code or class and its message, with
 * anything shaped like an ID number or a mobile number masked, cut to 500 characters. Handlers
 * should throw messages without personal data; this is the second line of defence.
 */
export function jobErrorText(err: unknown): string {
  const kind = err instanceof AppError ? err.code : err instanceof Error ? err.name : 'Error';
  const message = err instanceof Error ? err.message : String(err);
  const masked = message
    .replace(/(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9A-Za-z])/g, '$1********$2')
    .replace(/(?<![0-9A-Za-z])(\d{6})\d{5}(\d{4})(?![0-9A-Za-z])/g, '$1*****$2')
    .replace(/(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g, '$1****$2');
  return `${kind}: ${masked}`.slice(0, 500);
}

/** Claim one job with a handler, run it, record the outcome. Undefined when nothing was ready. */
export async function runOneJob(rt: Runtime, handlers: JobHandlers): Promise<JobOutcome | undefined> {
  const db = rt.database.db;
  const job = await claimJob(db, handlers.kinds());
  if (!job) return undefined;
  const handler = handlers.get(job.kind)!;
  const started = performance.now();
  let error: string | null = null;
  try {
    await handler(job, rt);
  } catch (err) {
    error = jobErrorText(err);
  }
  await finishJob(db, job.id, error);
  return { id: job.id, kind: job.kind, status: error ? 'failed' : 'done', error, ms: Math.round(performance.now() - started) };
}

/** Run every ready job that has a handler, one after another, until none is left (or `stop()`). */
export async function runPendingJobs(rt: Runtime, handlers: JobHandlers, stop: () => boolean = () => false): Promise<JobOutcome[]> {
  const done: JobOutcome[] = [];
  while (!stop()) {
    const outcome = await runOneJob(rt, handlers);
    if (!outcome) break;
    done.push(outcome);
  }
  return done;
}

export interface JobListItem {
  id: string;
  kind: string;
  status: 'pending' | 'running' | 'done' | 'failed';
  /** Whether this process has a handler for the kind (a pending job without one waits). */
  handled: boolean;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
}

export interface JobList {
  items: JobListItem[];
  pending: number;
  failed: number;
}

/** Jobs, newest first (payloads are not shown); with `pending`, only unfinished ones. */
export async function listJobs(db: Kysely<DB>, handlers: JobHandlers, opts: { pending?: boolean; limit?: number } = {}): Promise<JobList> {
  let q = db.selectFrom('job_outbox').select(['id', 'kind', 'created_at', 'started_at', 'finished_at', 'error']).orderBy('id', 'desc').limit(Math.min(10_000, Math.max(1, opts.limit ?? 100)));
  if (opts.pending) q = q.where('finished_at', 'is', null);
  const rows = await q.execute();
  const counts = await db
    .selectFrom('job_outbox')
    .select([sql<string>`count(*) FILTER (WHERE finished_at IS NULL)`.as('pending'), sql<string>`count(*) FILTER (WHERE error IS NOT NULL)`.as('failed')])
    .executeTakeFirstOrThrow();
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      status: r.finished_at ? (r.error ? 'failed' : 'done') : r.started_at ? 'running' : 'pending',
      handled: handlers.get(r.kind) !== undefined,
      created_at: iso(r.created_at)!,
      started_at: iso(r.started_at),
      finished_at: iso(r.finished_at),
      error: r.error,
    })),
    pending: Number(counts.pending),
    failed: Number(counts.failed),
  };
}
