/**
 * The keyed hash of an ID number (HMAC-SHA256, hex: what keyedHash in pii-crypto.mjs gives),
 * written straight into the COPY bytes. node:crypto's createHmac costs a key schedule and
 * several objects per call (about a third of the check worker's time went to HMAC and its
 * garbage, one call per distinct person); here the key's inner and outer pad states are
 * computed once and a short ASCII value costs two SHA-256 compressions, with no allocation.
 * Recent values are remembered (department files list a person on consecutive rows).
 *
 * The result is checked against node:crypto when a hasher is made; should they ever differ,
 * every value goes to node:crypto instead. fast-path.test.ts compares many values too.
 */
import { createHash } from 'node:crypto';
import { keyedHash } from '../../../platform/crypto/pii-crypto.mjs';

const K = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const IV = Int32Array.from([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
const HEX = Uint8Array.from(Buffer.from('0123456789abcdef', 'latin1'));
/** The message schedule, shared (the worker is single-threaded and compress does not re-enter). */
const W = new Int32Array(64);

/** One SHA-256 compression of the block in W[0..15] from `state`, into `out`. */
function compress(state: Int32Array, out: Int32Array): void {
  for (let i = 16; i < 64; i++) {
    const x = W[i - 15];
    const y = W[i - 2];
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    W[i] = (W[i - 16] + s0 + W[i - 7] + s1) | 0;
  }
  let a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5], g = state[6], h = state[7];
  for (let i = 0; i < 64; i++) {
    const t1 = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + ((e & f) ^ (~e & g)) + K[i] + W[i]) | 0;
    const t2 = ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  out[0] = (state[0] + a) | 0;
  out[1] = (state[1] + b) | 0;
  out[2] = (state[2] + c) | 0;
  out[3] = (state[3] + d) | 0;
  out[4] = (state[4] + e) | 0;
  out[5] = (state[5] + f) | 0;
  out[6] = (state[6] + g) | 0;
  out[7] = (state[7] + h) | 0;
}

/** The state after one 64-byte block of key ⊕ pad. */
function padState(key: Uint8Array, pad: number): Int32Array {
  for (let i = 0; i < 16; i++) {
    let w = 0;
    for (let j = 0; j < 4; j++) w = (w << 8) | ((key[i * 4 + j] ?? 0) ^ pad);
    W[i] = w;
  }
  const s = new Int32Array(8);
  compress(IV, s);
  return s;
}

const MEMO_SLOTS = 4096;
const MEMO_LEN = 18;
/** Longest value hashed here: it and its padding fit in one block after the key's. */
const MAX_LEN = 55;

export class IdHasher {
  private readonly inner: Int32Array;
  private readonly outer: Int32Array;
  private readonly mid = new Int32Array(8);
  private readonly fin = new Int32Array(8);
  private readonly memoIds = new Uint8Array(MEMO_SLOTS * MEMO_LEN);
  private readonly memoHex = new Uint8Array(MEMO_SLOTS * 64);
  private readonly memoSet = new Uint8Array(MEMO_SLOTS);
  /** node:crypto for every value (the self-check failed). */
  private readonly native: boolean;

  constructor(private readonly hmacKey: Buffer) {
    const key = hmacKey.length > 64 ? createHash('sha256').update(hmacKey).digest() : hmacKey;
    this.inner = padState(key, 0x36);
    this.outer = padState(key, 0x5c);
    const probe = Buffer.alloc(64);
    this.native = false;
    const same = ['110101199003074514', '22010219800101001X', '', 'x'.repeat(MAX_LEN)].every((v) => {
      this.compute(v, 0, v.length, probe, 0);
      return probe.toString('latin1') === keyedHash(hmacKey, v);
    });
    this.native = !same;
  }

  /** The hex HMAC of the ASCII characters text[from, from + len) into out[at, at + 64). */
  hashInto(text: string, from: number, len: number, out: Uint8Array, at: number): void {
    if (len !== MEMO_LEN) return this.compute(text, from, len, out, at);
    let h = 0;
    for (let i = 0; i < MEMO_LEN; i++) h = (Math.imul(h, 31) + text.charCodeAt(from + i)) | 0;
    const slot = (h ^ (h >>> 13)) & (MEMO_SLOTS - 1);
    const ids = this.memoIds;
    const hex = this.memoHex;
    const id0 = slot * MEMO_LEN;
    const hex0 = slot * 64;
    if (this.memoSet[slot] === 1) {
      let i = 0;
      while (i < MEMO_LEN && ids[id0 + i] === text.charCodeAt(from + i)) i++;
      if (i === MEMO_LEN) {
        out.set(hex.subarray(hex0, hex0 + 64), at);
        return;
      }
    }
    this.compute(text, from, len, out, at);
    for (let i = 0; i < MEMO_LEN; i++) ids[id0 + i] = text.charCodeAt(from + i);
    hex.set(out.subarray(at, at + 64), hex0);
    this.memoSet[slot] = 1;
  }

  private compute(text: string, from: number, len: number, out: Uint8Array, at: number): void {
    let ascii = len <= MAX_LEN && !this.native;
    for (let i = 0; ascii && i < len; i++) if (text.charCodeAt(from + i) > 0x7f) ascii = false;
    if (!ascii) {
      out.set(Buffer.from(keyedHash(this.hmacKey, text.slice(from, from + len)), 'latin1'), at);
      return;
    }
    W.fill(0, 0, 16);
    for (let i = 0; i < len; i++) W[i >> 2] |= text.charCodeAt(from + i) << (24 - 8 * (i & 3));
    W[len >> 2] |= 0x80 << (24 - 8 * (len & 3));
    W[15] = (64 + len) * 8;
    compress(this.inner, this.mid);
    for (let i = 0; i < 8; i++) W[i] = this.mid[i];
    W[8] = 0x80000000;
    W.fill(0, 9, 15);
    W[15] = (64 + 32) * 8;
    compress(this.outer, this.fin);
    for (let i = 0; i < 8; i++) {
      const w = this.fin[i];
      for (let k = 0; k < 8; k++) out[at + i * 8 + k] = HEX[(w >>> (28 - 4 * k)) & 15];
    }
  }
}
