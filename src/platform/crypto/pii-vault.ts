/**
 * Personal identifiers at rest: ID numbers and phones are sealed with AES-256-GCM under the
 * current key of a keyring (older keys still open what they sealed, until `keys rotate`
 * re-seals), and ID numbers also get a keyed hash (HMAC-SHA256) for exact-match lookup and
 * for matching department data. No plain ID number is stored in a table.
 */
import { createDecipheriv } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import os from 'node:os';
import { keyedHash, phoneHashInput, sealBatch, sealBlockCtr, sealWith, type SealedBatch } from './pii-crypto.mjs';
import { AppError } from '../errors.js';

export interface Keyring {
  /** Encryption keys, current first: [{id, key (32 bytes)}]. */
  keys: { id: string; key: Buffer }[];
  /** The lookup-hash key (32 bytes). Changing it means re-hashing every row. */
  hmac: Buffer;
}

export class PiiVault {
  private readonly byId: Map<string, Buffer>;

  constructor(private readonly ring: Keyring) {
    if (ring.keys.length === 0) throw new Error('keyring has no encryption key');
    for (const k of ring.keys) if (k.key.length !== 32) throw new Error(`key ${k.id} is not 32 bytes`);
    if (ring.hmac.length < 32) throw new Error('hmac key shorter than 32 bytes');
    this.byId = new Map(ring.keys.map((k) => [k.id, k.key]));
  }

  get currentKeyId(): string {
    return this.ring.keys[0].id;
  }

  /** "kid.iv.tag.ciphertext" (base64url parts). */
  seal(plain: string): string {
    const { id, key } = this.ring.keys[0];
    return sealWith(id, key, plain);
  }

  open(sealed: string): string {
    const [id, iv, tag, ct] = sealed.split('.');
    if (iv === 'ctr') return this.openBlockSealed(sealed);
    const key = this.byId.get(id);
    if (!key || !iv || !tag || ct === undefined) {
      throw new AppError('INTERNAL', { zh: `无法解密：密钥 ${id} 不在密钥环中`, en: `cannot decrypt: key ${id} is not in the keyring` });
    }
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** Seal many ID numbers with one cipher (department datasets); see sealBlockCtr. */
  sealBlock(values: string[]): string[] {
    const { id, key } = this.ring.keys[0];
    return sealBlockCtr(id, key, values);
  }

  /** The keyring's current key, for worker threads that seal on their own. */
  sealingKey(): { id: string; key: Buffer; hmac: Buffer } {
    const { id, key } = this.ring.keys[0];
    return { id, key, hmac: this.ring.hmac };
  }

  /** Open a "keyId.ctr.<counter>.<ciphertext>" value; check it against its keyed hash when given. */
  openBlockSealed(sealed: string, expectedHash?: string): string {
    const [id, , counter, ct] = sealed.split('.');
    const key = this.byId.get(id);
    if (!key || !counter || ct === undefined) {
      throw new AppError('INTERNAL', { zh: `无法解密：密钥 ${id} 不在密钥环中`, en: `cannot decrypt: key ${id} is not in the keyring` });
    }
    const decipher = createDecipheriv('aes-256-ctr', key, Buffer.from(counter, 'base64url'));
    const plain = Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
    if (expectedHash !== undefined && this.hash(plain) !== expectedHash) {
      throw new AppError('INTERNAL', { zh: '解密结果与记录的哈希不符（数据可能被篡改）', en: 'the opened value does not match its stored hash (the data may have been altered)' });
    }
    return plain;
  }

  /** Keyed hash of a normalized identifier: equal inputs give equal hashes, nothing else. */
  hash(value: string): string {
    return keyedHash(this.ring.hmac, value);
  }

  hashPhone(phone: string): string {
    return keyedHash(this.ring.hmac, phoneHashInput(phone));
  }

  /** Seal and hash many ID numbers and phones on this thread. */
  sealBatch(ids: (string | null | undefined)[], phones: (string | null | undefined)[]): SealedBatch {
    const { id, key } = this.ring.keys[0];
    return sealBatch(id, key, this.ring.hmac, ids, phones);
  }

  /**
   * Worker threads for bulk sealing (one fewer than the cores, at least one, at most four).
   * Close the pool when done.
   */
  workerPool(): SealPool {
    return new SealPool(this.ring);
  }

  keyIdOf(sealed: string): string {
    return sealed.split('.')[0];
  }
}

/** Bulk sealing off the main thread: batches go round-robin to the workers. */
export class SealPool {
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, { resolve: (r: SealedBatch) => void; reject: (e: Error) => void }>();
  private next = 0;
  private seq = 0;

  constructor(ring: Keyring) {
    const n = Math.max(1, Math.min(4, (os.availableParallelism?.() ?? os.cpus().length) - 1));
    const { id, key } = ring.keys[0];
    this.workers = Array.from({ length: n }, () => {
      const w = new Worker(new URL('./seal-worker.mjs', import.meta.url), { workerData: { keyId: id, key, hmac: ring.hmac } });
      w.on('message', (m: { id: number; result: SealedBatch }) => {
        this.waiting.get(m.id)?.resolve(m.result);
        this.waiting.delete(m.id);
      });
      w.on('error', (err) => {
        for (const p of this.waiting.values()) p.reject(err);
        this.waiting.clear();
      });
      w.unref();
      return w;
    });
  }

  seal(ids: (string | null | undefined)[], phones: (string | null | undefined)[]): Promise<SealedBatch> {
    const id = ++this.seq;
    const worker = this.workers[this.next++ % this.workers.length];
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, ids, phones });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
