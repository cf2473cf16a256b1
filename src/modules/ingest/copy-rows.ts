/**
 * Checked rows → COPY text for a dataset table: batch, row, keyed hash, sealed and masked ID
 * number, then the typed values. The same function runs on the main thread and in the
 * workers, so both paths write the same rows.
 */
import { csvField } from '../../platform/db/csv-field.js';
import { keyedHash, sealBlockCtr } from '../../platform/crypto/pii-crypto.mjs';
import { maskIdNumber } from '../registry/domain/id-number.js';
import { dataColumns, type DatasetDef } from '../catalog/domain/dataset-definition.js';

export interface ReadyRow {
  row: number;
  id: string;
  values: (string | null)[];
}

export interface SealingKey {
  id: string;
  key: Buffer;
  hmac: Buffer;
}

/**
 * Department files list the same person many times (a month's visits, a year's contributions):
 * remember recent hashes per key. Bounded: cleared when full.
 */
const recentHashes = new WeakMap<Buffer, Map<string, string>>();
const MAX_REMEMBERED = 2_048;

function hashOf(hmac: Buffer, id: string): string {
  let memo = recentHashes.get(hmac);
  if (!memo) recentHashes.set(hmac, (memo = new Map()));
  let h = memo.get(id);
  if (h === undefined) {
    if (memo.size >= MAX_REMEMBERED) memo.clear();
    h = keyedHash(hmac, id);
    memo.set(id, h);
  }
  return h;
}

/**
 * `quoted[i]`: whether column i can hold text that needs CSV quoting (free text); typed values
 * (dates, numbers, codes) are written as they are.
 */
export function copyRows(batchId: string, rows: readonly ReadyRow[], k: SealingKey, quoted?: readonly boolean[]): string {
  if (rows.length === 0) return '';
  const sealed = sealBlockCtr(k.id, k.key, rows.map((r) => r.id));
  let out = '';
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    out += batchId + ',' + r.row + ',' + hashOf(k.hmac, r.id) + ',' + sealed[i] + ',' + maskIdNumber(r.id);
    const values = r.values;
    for (let j = 0; j < values.length; j++) {
      const v = values[j];
      out += v === null ? ',' : quoted && !quoted[j] ? ',' + v : ',' + csvField(v);
    }
    out += '\n';
  }
  return out;
}

/** Which data columns are free text (and so may need quoting in COPY text). */
export function quotedColumns(def: DatasetDef): boolean[] {
  return dataColumns(def).map((f) => f.type === 'text');
}
