/**
 * A pool of worker threads checking CSV blocks, with results handed back in file order and a
 * bounded number of blocks in flight (memory stays flat whatever the file's size).
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../platform/errors.js';
import type { BlockContext, BlockResult } from './check-block.js';
import { checkWorkerFile } from './worker-bundle.js';

type Reply = { seq: number; result?: BlockResult; error?: { code: string; message: string; details?: unknown } };

/**
 * One per core but one (the main thread reads and the database loads), at least one, at most
 * four; SAFETYNET_INGEST_WORKERS overrides. On two cores one worker was as fast as two and
 * used 190 MB less (bench/ingest.ts, 1M rows: 26.1 s / 408 MB against 26.9 s / 596 MB).
 */
function defaultWorkers(): number {
  const set = Number(process.env.SAFETYNET_INGEST_WORKERS);
  if (Number.isInteger(set) && set > 0) return set;
  return Math.max(1, Math.min(4, (os.availableParallelism?.() ?? os.cpus().length) - 1));
}

export class BlockWorkers {
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, { resolve: (r: BlockResult) => void; reject: (e: Error) => void }>();
  private seq = 0;
  private next = 0;

  /** Start the workers (the worker bundle is built once per process). */
  static async start(ctx: BlockContext, size = defaultWorkers()): Promise<BlockWorkers> {
    return new BlockWorkers(ctx, size, await checkWorkerFile());
  }

  private constructor(ctx: BlockContext, size: number, file: string) {
    this.workers = Array.from({ length: size }, () => {
      // A larger young generation: checking makes many short-lived strings (twice as fast
      // measured); a bounded old generation keeps the process's memory flat.
      const w = new Worker(file, { workerData: ctx, resourceLimits: { maxYoungGenerationSizeMb: 48, maxOldGenerationSizeMb: 160 } });
      w.on('message', (m: Reply) => {
        const p = this.waiting.get(m.seq);
        this.waiting.delete(m.seq);
        if (!p) return;
        if (m.result) p.resolve(m.result);
        else p.reject(new AppError((m.error?.code ?? 'INTERNAL') as 'INTERNAL', m.error?.message ?? 'worker failed', m.error?.details));
      });
      w.on('error', (err) => {
        for (const p of this.waiting.values()) p.reject(err);
        this.waiting.clear();
      });
      return w;
    });
  }

  get size(): number {
    return this.workers.length;
  }

  check(text: string, firstRow: number, checkOnly: boolean): Promise<BlockResult> {
    const seq = ++this.seq;
    const worker = this.workers[this.next++ % this.workers.length];
    return new Promise((resolve, reject) => {
      this.waiting.set(seq, { resolve, reject });
      worker.postMessage({ seq, text, firstRow, checkOnly });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
