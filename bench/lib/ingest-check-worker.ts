/**
 * The timing side of check-block.bench.ts, run in a worker thread with the check worker's
 * resource limits (bundled by the bench like the real worker). `sn-baseline` is the other
 * implementation: a snapshot's check-block.ts (--baseline) or this tree's general path.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkCsvBlock, checkerFor, type BlockContext, type BlockResult } from '../../src/modules/ingest/parallel/check-block.js';
// @ts-expect-error resolved by the bench's bundler
import * as baseline from 'sn-baseline';

interface Job {
  ctx: BlockContext;
  blocks: { text: string; firstRow: number }[];
  rows: number;
  reps: number;
  order: string[];
}

type Check = (text: string, firstRow: number, ctx: BlockContext, checker: unknown) => BlockResult;

const job = workerData as Job;
const ctx = job.ctx;
ctx.key = { id: ctx.key.id, key: Buffer.from(ctx.key.key), hmac: Buffer.from(ctx.key.hmac) };

const impls: Record<string, { check: Check; checker: unknown }> = {
  old: { check: baseline.checkCsvBlockGeneral ?? baseline.checkCsvBlock, checker: ((baseline.checkerFor ?? checkerFor) as (c: BlockContext) => unknown)(ctx) },
  new: { check: checkCsvBlock as Check, checker: checkerFor(ctx) },
};

/** Wall µs per row, and CPU µs per row (the process's, the main thread idles meanwhile: this thread and its GC helpers). */
function once(name: string): { us: number; cpu: number; bytes: number; accepted: number; problems: number } {
  const { check, checker } = impls[name];
  let bytes = 0;
  let accepted = 0;
  let problems = 0;
  const t = performance.now();
  const c = process.cpuUsage();
  for (const b of job.blocks) {
    const r = check(b.text, b.firstRow, ctx, checker);
    bytes += r.copy.length;
    accepted += r.accepted;
    problems += r.problemCount;
  }
  const cpu = process.cpuUsage(c);
  return { us: ((performance.now() - t) * 1000) / job.rows, cpu: (cpu.user + cpu.system) / job.rows, bytes, accepted, problems };
}

const times: Record<string, number[]> = Object.fromEntries(job.order.map((n) => [n, []]));
const cpu: Record<string, number[]> = Object.fromEntries(job.order.map((n) => [n, []]));
const shape: Record<string, string> = {};
for (const n of job.order) once(n); // warm-up: compile both
for (let rep = 0; rep < job.reps; rep++) {
  // Alternate which goes first: the machine is shared and its load drifts.
  const order = rep % 2 === 0 ? job.order : [...job.order].reverse();
  for (const n of order) {
    const r = once(n);
    times[n].push(r.us);
    cpu[n].push(r.cpu);
    shape[n] = `${r.accepted} accepted, ${r.problems} problems, ${r.bytes} chars`;
  }
}
parentPort!.postMessage({ times, cpu, shape });
