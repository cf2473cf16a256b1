/**
 * COPY text written as UTF-8 bytes into one reused buffer and decoded once per block: the same
 * text copyRows (copy-rows.ts) renders, without a string per row and per value (whose garbage
 * was about half of the check worker's time). A row is: batch, row number, keyed hash, sealed
 * and masked ID number, then the values, each after a comma.
 *
 * The sealed ID numbers are sealBlockCtr's (pii-crypto.mjs), computed per group of rows as it
 * does, into slots left in the row text: "keyId.ctr.<base><counter>.<ciphertext>", AES-256-CTR
 * with a random 96-bit prefix per group and row i of a group at counter 3·i. fast-path.test.ts
 * checks the two give the same text for the same random bytes.
 */
import { createCipheriv, randomFillSync } from 'node:crypto';
import { csvField } from '../../../platform/db/csv-field.js';
import type { SealingKey } from '../copy-rows.js';
import { IdHasher } from './id-hmac.js';
import { GROUP } from './general-block.js';

const SLOT = 48;
const COMMA = 44;
const B64 = Uint8Array.from(Buffer.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', 'latin1'));
const ID_LEN = 18;
/** base64url of an 18-byte ciphertext. */
const SEALED_BODY = 24;

/** One buffer per thread, kept between blocks (it grows to the largest block's text, up to MAX_KEPT). */
let shared = Buffer.allocUnsafe(1 << 20);
const MAX_KEPT = 32 << 20;
const plain = Buffer.alloc(GROUP * SLOT);
const hashers = new WeakMap<Buffer, IdHasher>();

export class CopyWriter {
  private buf = shared;
  private p = 0;
  private readonly batch: Buffer;
  private readonly hasher: IdHasher;
  private readonly sealedLen: number;
  /** Where each row of the current group has its sealed ID number to fill in. */
  private readonly slots = new Int32Array(GROUP);
  private inGroup = 0;
  /** Every byte written so far is ASCII (then latin1 decoding gives the same string, faster). */
  private ascii: boolean;

  constructor(batchId: string, private readonly key: SealingKey, textLength: number) {
    this.batch = Buffer.from(batchId, 'utf8');
    let hasher = hashers.get(key.hmac);
    if (!hasher) hashers.set(key.hmac, (hasher = new IdHasher(key.hmac)));
    this.hasher = hasher;
    // keyId ".ctr." 16 characters of prefix, 6 of counter, "." and the ciphertext
    this.sealedLen = Buffer.byteLength(key.id, 'utf8') + 5 + 16 + 6 + 1 + SEALED_BODY;
    this.ascii = this.batch.length === batchId.length && this.sealedLen === key.id.length + 52;
    this.reserve(textLength * 3); // a row of COPY text is about 2.8 times its line (medical_settlement)
  }

  /** Room for `n` more bytes. */
  reserve(n: number): void {
    if (this.p + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.p + n + (1 << 20)));
    this.buf.copy(bigger, 0, 0, this.p);
    this.buf = shared = bigger;
  }

  /**
   * batch,row,hash,sealed,masked for an ID number of 18 ASCII characters at text[from]
   * (readIdNumber never gives another kind); the sealed part is filled in with its group.
   */
  head(row: number, text: string, from: number): void {
    this.reserve(this.batch.length + 16 + 64 + this.sealedLen + ID_LEN + 8);
    const buf = this.buf;
    let p = this.p;
    const batch = this.batch;
    for (let i = 0; i < batch.length; i++) buf[p++] = batch[i];
    buf[p++] = COMMA;
    p = this.writeInteger(row, p);
    buf[p++] = COMMA;
    this.hasher.hashInto(text, from, ID_LEN, buf, p);
    p += 64;
    buf[p++] = COMMA;
    const k = this.inGroup;
    this.slots[k] = p;
    p += this.sealedLen;
    for (let i = 0; i < ID_LEN; i++) plain[k * SLOT + i] = text.charCodeAt(from + i);
    buf[p++] = COMMA;
    for (let i = 0; i < 6; i++) buf[p++] = text.charCodeAt(from + i);
    for (let i = 0; i < 8; i++) buf[p++] = 42; // '*'
    for (let i = 14; i < ID_LEN; i++) buf[p++] = text.charCodeAt(from + i);
    this.p = p;
  }

  /** The head for an ID number given as a string (a row that took the general path); masked as maskIdNumber does. */
  headOf(row: number, id: string): void {
    if (!/^\d{17}[\dX]$/.test(id)) throw new Error('internal: a checked ID number is not 18 characters');
    this.head(row, id, 0);
  }

  /** The end of a row; a full group is sealed. */
  endRow(): void {
    this.reserve(1);
    this.buf[this.p++] = 10;
    if (++this.inGroup === GROUP) this.seal();
  }

  comma(): void {
    this.reserve(1);
    this.buf[this.p++] = COMMA;
  }

  /** text[a, b) as UTF-8 (the text is well-formed: a surrogate comes in pairs). */
  copy(text: string, a: number, b: number): void {
    this.reserve((b - a) * 3);
    const buf = this.buf;
    let p = this.p;
    for (let i = a; i < b; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) buf[p++] = c;
      else if (c < 0x800) {
        this.ascii = false;
        buf[p++] = 0xc0 | (c >> 6);
        buf[p++] = 0x80 | (c & 63);
      } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < b) {
        this.ascii = false;
        const cp = 0x10000 + ((c - 0xd800) << 10) + (text.charCodeAt(++i) - 0xdc00);
        buf[p++] = 0xf0 | (cp >> 18);
        buf[p++] = 0x80 | ((cp >> 12) & 63);
        buf[p++] = 0x80 | ((cp >> 6) & 63);
        buf[p++] = 0x80 | (cp & 63);
      } else {
        this.ascii = false;
        buf[p++] = 0xe0 | (c >> 12);
        buf[p++] = 0x80 | ((c >> 6) & 63);
        buf[p++] = 0x80 | (c & 63);
      }
    }
    this.p = p;
  }

  /** A value as copyRows writes it after its comma: quoted columns through csvField. */
  value(v: string | null, quoted: boolean): void {
    if (v === null) return;
    const s = quoted ? csvField(v) : v;
    this.reserve(s.length * 3);
    const bytes = this.buf.write(s, this.p, 'utf8');
    if (bytes !== s.length) this.ascii = false;
    this.p += bytes;
  }

  /** The COPY text so far, every group sealed. */
  finish(): string {
    this.seal();
    const text = this.p === 0 ? '' : this.buf.toString(this.ascii ? 'latin1' : 'utf8', 0, this.p);
    if (shared.length > MAX_KEPT) shared = Buffer.allocUnsafe(1 << 20);
    return text;
  }

  private writeInteger(n: number, p: number): number {
    if (!Number.isSafeInteger(n) || n < 0) return p + this.buf.write(String(n), p, 'utf8');
    let digits = 1;
    for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
    for (let i = digits - 1, x = n; i >= 0; i--, x = Math.floor(x / 10)) this.buf[p + i] = 48 + (x % 10);
    return p + digits;
  }

  /** sealBlockCtr for the rows of the current group, written into their slots. */
  private seal(): void {
    const n = this.inGroup;
    if (n === 0) return;
    this.inGroup = 0;
    const base = randomFillSync(Buffer.alloc(16));
    base.writeUInt32BE(0, 12);
    const cipher = createCipheriv('aes-256-ctr', this.key.key, base);
    const ct = Buffer.concat([cipher.update(plain.subarray(0, n * SLOT)), cipher.final()]);
    const head = Buffer.from(`${this.key.id}.ctr.${base.subarray(0, 12).toString('base64url')}`, 'utf8');
    const buf = this.buf;
    for (let i = 0; i < n; i++) {
      let p = this.slots[i] + head.copy(buf, this.slots[i]);
      // counterTail(3·i): the big-endian counter's 4 bytes after 12 aligned ones, 6 characters
      const x = 3 * i;
      const b0 = x >>> 24, b1 = (x >>> 16) & 255, b2 = (x >>> 8) & 255, b3 = x & 255;
      buf[p++] = B64[b0 >> 2];
      buf[p++] = B64[((b0 & 3) << 4) | (b1 >> 4)];
      buf[p++] = B64[((b1 & 15) << 2) | (b2 >> 6)];
      buf[p++] = B64[b2 & 63];
      buf[p++] = B64[b3 >> 2];
      buf[p++] = B64[(b3 & 3) << 4];
      buf[p++] = 46; // '.'
      for (let j = i * SLOT; j < i * SLOT + ID_LEN; j += 3) {
        const t = (ct[j] << 16) | (ct[j + 1] << 8) | ct[j + 2];
        buf[p++] = B64[t >> 18];
        buf[p++] = B64[(t >> 12) & 63];
        buf[p++] = B64[(t >> 6) & 63];
        buf[p++] = B64[t & 63];
      }
    }
  }
}
