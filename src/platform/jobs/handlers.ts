/**
 * Job handlers, by kind. A job in job_outbox is run by the handler registered for its kind; a
 * job of a kind nobody handles yet stays pending (and is not claimed) until a handler exists.
 *
 * Handlers must be idempotent: a job whose process died mid-run is claimed again after its
 * lease (10 minutes) runs out. An error a handler throws is stored on the job, so it should
 * not carry personal data (the worker also masks anything that looks like an ID or phone number).
 */
import type { Runtime } from '../runtime.js';

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
 * The handlers the server's worker and `safetynet jobs run` use. Modules add theirs here, e.g.
 * `.register('monitor.incremental', runIncrementalMonitoring)` once monitoring exists.
 */
export function defaultJobHandlers(): JobHandlers {
  return new JobHandlers();
}
