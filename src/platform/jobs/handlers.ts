/**
 * Job handlers, by kind. A job in job_outbox is run by the handler registered for its kind; a
 * job of a kind nobody handles yet stays pending (and is not claimed) until a handler exists.
 *
 * Handlers must be idempotent: a job whose process died mid-run is claimed again after its
 * lease (10 minutes) runs out. An error a handler throws is stored on the job, so it should
 * not carry personal data (the worker also masks anything that looks like an ID or phone number).
 */
import type { Runtime } from '../runtime.js';
import { chinaDate } from '../clock.js';

export interface Job {
  id: string;
  kind: string;
  payload: unknown;
  created_at: Date;
  started_at: Date | null;
}

export type JobHandler = (job: Job, rt: Runtime) => Promise<void>;

export class JobHandlers {
  private readonly byKind = new Map<string, JobHandler>();

  register(kind: string, handler: JobHandler): this {
    if (this.byKind.has(kind)) throw new Error(`a handler for job kind "${kind}" is already registered`);
    this.byKind.set(kind, handler);
    return this;
  }

  get(kind: string): JobHandler | undefined {
    return this.byKind.get(kind);
  }

  kinds(): string[] {
    return [...this.byKind.keys()].sort();
  }
}

/**
 * The handlers the server's worker and `safetynet jobs run` use:
 * - `monitor.incremental` {batch_id, dataset}: after a batch is committed, monitoring over the
 *   people it touched, as of the day the batch arrived (so a late-running job judges the same data);
 * - `monitor.monthly` {month}: the full monthly run, queued by the worker on the 1st of the month;
 * - `cases.daily` {day}: overdue case steps escalated, review tasks scheduled (queued once a day).
 */
export function defaultJobHandlers(): JobHandlers {
  return new JobHandlers()
    .register('monitor.incremental', async (job, rt) => {
      const p = job.payload as { batch_id?: unknown; dataset?: unknown };
      if (typeof p.batch_id !== 'string' && typeof p.batch_id !== 'number') throw new Error('monitor.incremental needs batch_id');
      if (typeof p.dataset !== 'string') throw new Error('monitor.incremental needs dataset');
      await rt.services.monitorRuns.incremental(String(p.batch_id), p.dataset, 'system:jobs', { on: chinaDate(new Date(job.created_at)) });
    })
    .register('monitor.monthly', async (_job, rt) => {
      await rt.services.monitorRuns.scheduled(rt.clock.today());
    })
    .register('cases.daily', async (job, rt) => {
      const day = (job.payload as { day?: unknown }).day;
      const on = typeof day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : rt.clock.today();
      await rt.services.followUp.escalate(on);
      await rt.services.followUp.schedule(on);
    });
}
