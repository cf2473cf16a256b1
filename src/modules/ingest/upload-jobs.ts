/**
 * Uploads being loaded, so the web page can show progress: each has an id, its sender, the
 * rows read so far against the file's size, and in the end the report or the error. Finished
 * jobs are kept an hour. One server process: this lives in memory.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../platform/errors.js';
import type { IngestProgress, IngestReport } from './ingest.service.js';

export interface UploadJob {
  id: string;
  owner: string;
  dataset: string;
  file_name: string | null;
  status: 'running' | 'done' | 'failed';
  progress: IngestProgress;
  report: IngestReport | null;
  error: { code: string; message: string; details?: unknown } | null;
  started_at: string;
  finished_at: string | null;
}

const KEEP_MS = 60 * 60 * 1000;

export class UploadJobs {
  private readonly jobs = new Map<string, UploadJob>();

  start(owner: string, dataset: string, fileName: string | null, size: number, work: (onProgress: (p: IngestProgress) => void) => Promise<IngestReport>): UploadJob {
    this.prune();
    const job: UploadJob = {
      id: randomUUID(), owner, dataset, file_name: fileName, status: 'running', progress: { rows: 0, bytes: 0, size },
      report: null, error: null, started_at: new Date().toISOString(), finished_at: null,
    };
    this.jobs.set(job.id, job);
    work((p) => (job.progress = p))
      .then((report) => Object.assign(job, { status: 'done', report }))
      .catch((err: unknown) => {
        const e = err instanceof AppError ? { code: err.code, message: err.message, details: err.details } : { code: 'INTERNAL', message: '载入失败 / the load failed' };
        Object.assign(job, { status: 'failed', error: e });
      })
      .finally(() => (job.finished_at = new Date().toISOString()));
    return job;
  }

  /** Only its sender may follow an upload. */
  get(id: string, owner: string): UploadJob {
    const job = this.jobs.get(id);
    if (!job || job.owner !== owner) throw new AppError('NOT_FOUND', { zh: `上传任务 ${id} 不存在`, en: `upload ${id} not found` });
    return job;
  }

  private prune(): void {
    const cutoff = Date.now() - KEEP_MS;
    for (const [id, j] of this.jobs) if (j.finished_at && Date.parse(j.finished_at) < cutoff) this.jobs.delete(id);
  }
}
