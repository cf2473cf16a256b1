/**
 * Checked rows → COPY lines for a dataset table, with each ID number hashed and sealed in
 * batches (on worker threads for big files, a few batches in flight so parsing and sealing
 * overlap). Rows arrive in file order and leave in file order.
 */
import { csvField } from '../../platform/db/database.js';
import type { PiiVault, SealPool } from '../../platform/crypto/pii-vault.js';
import type { SealedBatch } from '../../platform/crypto/pii-crypto.mjs';
import { maskIdNumber } from '../registry/domain/id-number.js';

export interface ReadyRow {
  row: number;
  id: string;
  values: (string | null)[];
}

const BATCH = 4000;
const IN_FLIGHT = 3;

export async function* copyLines(batchId: string, rows: AsyncIterable<ReadyRow[]>, vault: PiiVault, pool: SealPool | undefined): AsyncGenerator<string> {
  const queue: { rows: ReadyRow[]; sealed: Promise<SealedBatch> }[] = [];
  const seal = (chunk: ReadyRow[]) => {
    const ids = chunk.map((r) => r.id);
    return pool ? pool.seal(ids, []) : Promise.resolve(vault.sealBatch(ids, []));
  };
  const render = async (item: (typeof queue)[number]) => {
    const s = await item.sealed;
    let out = '';
    for (let i = 0; i < item.rows.length; i++) {
      const r = item.rows[i];
      out += `${batchId},${r.row},${s.idHash[i]},${s.idSealed[i]},${maskIdNumber(r.id)}`;
      for (const v of r.values) out += ',' + (v === null ? '' : csvField(v));
      out += '\n';
    }
    return out;
  };
  let pending: ReadyRow[] = [];
  for await (const chunk of rows) {
    pending.push(...chunk);
    while (pending.length >= BATCH) {
      const part = pending.slice(0, BATCH);
      pending = pending.slice(BATCH);
      queue.push({ rows: part, sealed: seal(part) });
      if (queue.length >= IN_FLIGHT) yield await render(queue.shift()!);
    }
  }
  if (pending.length) queue.push({ rows: pending, sealed: seal(pending) });
  while (queue.length) yield await render(queue.shift()!);
}
