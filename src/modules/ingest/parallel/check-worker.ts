/**
 * Worker thread: checks CSV blocks for one ingestion (see check-block.ts). Messages in:
 * {seq, text, firstRow, checkOnly}; out: {seq, result} or {seq, error}.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../../platform/errors.js';
import { checkCsvBlock, checkerFor, type BlockContext } from './check-block.js';

const ctx = workerData as BlockContext;
ctx.key = { id: ctx.key.id, key: Buffer.from(ctx.key.key), hmac: Buffer.from(ctx.key.hmac) };
const checker = checkerFor(ctx);

parentPort!.on('message', (m: { seq: number; text: string; firstRow: number; checkOnly: boolean }) => {
  try {
    const result = checkCsvBlock(m.text, m.firstRow, { ...ctx, checkOnly: m.checkOnly }, checker);
    parentPort!.postMessage({ seq: m.seq, result });
  } catch (err) {
    const e = err instanceof AppError ? { code: err.code, message: err.message, details: err.details } : { code: 'INTERNAL', message: String((err as Error)?.message ?? err) };
    parentPort!.postMessage({ seq: m.seq, error: e });
  }
});
