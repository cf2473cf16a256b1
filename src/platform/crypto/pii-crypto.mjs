// The sealing and keyed hashing of personal identifiers, in plain JavaScript so that the
// import's worker threads (which do not run TypeScript) share it with PiiVault. Types:
// pii-crypto.d.mts.
import { createCipheriv, createHmac, randomFillSync } from 'node:crypto';

const IV_POOL = 12 * 4096;
let ivs = Buffer.alloc(0);
let ivAt = IV_POOL;

/** 12 fresh random bytes, taken from a pool refilled by the CSPRNG (one call per 4,096 IVs). */
function nextIv() {
  if (ivAt >= IV_POOL) {
    ivs = randomFillSync(Buffer.alloc(IV_POOL));
    ivAt = 0;
  }
  const iv = ivs.subarray(ivAt, ivAt + 12);
  ivAt += 12;
  return iv;
}

/** AES-256-GCM: "keyId.iv.tag.ciphertext", base64url parts. */
export function sealWith(keyId, key, plain) {
  const iv = nextIv();
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${keyId}.${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${ct.toString('base64url')}`;
}

/** HMAC-SHA256, hex. */
export function keyedHash(hmacKey, value) {
  return createHmac('sha256', hmacKey).update(value).digest('hex');
}

/** What a phone is hashed as: a prefix keeps phone and ID hashes in separate spaces. */
export function phoneHashInput(phone) {
  return `phone:${phone}`;
}

/** Seal and hash many values at once (the import's batches). Missing values stay null. */
export function sealBatch(keyId, key, hmacKey, ids, phones) {
  const n = ids.length;
  const out = { idHash: new Array(n), idSealed: new Array(n), phHash: new Array(n), phSealed: new Array(n) };
  for (let i = 0; i < n; i++) {
    const id = ids[i];
    const ph = phones[i];
    out.idHash[i] = id ? keyedHash(hmacKey, id) : null;
    out.idSealed[i] = id ? sealWith(keyId, key, id) : null;
    out.phHash[i] = ph ? keyedHash(hmacKey, phoneHashInput(ph)) : null;
    out.phSealed[i] = ph ? sealWith(keyId, key, ph) : null;
  }
  return out;
}

/**
 * Sealing many ID numbers at once for department datasets (millions of rows a file), with one
 * cipher per block instead of one per value: AES-256-CTR where row i of a block gets its own
 * counter blocks (a random 96-bit prefix per block, then 3·i), so each row's ciphertext stands
 * alone: "keyId.ctr.<counter>.<ciphertext>". CTR carries no tag; the row's keyed hash (stored
 * beside it) is what an opened value is checked against (PiiVault.openBlockSealed).
 * Values must be at most 48 bytes (an ID number is 18).
 */
const SLOT = 48; // three AES blocks: a multiple of 3 bytes, so each slot is 64 base64 characters
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The 4 bytes of a big-endian uint32 after 12 aligned bytes, in base64url (6 characters). */
function counterTail(x) {
  const b0 = x >>> 24, b1 = (x >>> 16) & 255, b2 = (x >>> 8) & 255, b3 = x & 255;
  return B64[b0 >> 2] + B64[((b0 & 3) << 4) | (b1 >> 4)] + B64[((b1 & 15) << 2) | (b2 >> 6)] + B64[b2 & 63] + B64[b3 >> 2] + B64[(b3 & 3) << 4];
}

export function sealBlockCtr(keyId, key, values) {
  const n = values.length;
  const base = randomFillSync(Buffer.alloc(16));
  base.writeUInt32BE(0, 12);
  const plain = Buffer.alloc(n * SLOT);
  const lens = new Array(n);
  for (let i = 0; i < n; i++) {
    lens[i] = plain.write(values[i], i * SLOT, SLOT, 'utf8');
    if (lens[i] !== Buffer.byteLength(values[i], 'utf8')) throw new Error('value too long to seal in a block');
  }
  const cipher = createCipheriv('aes-256-ctr', key, base);
  const ct = Buffer.concat([cipher.update(plain), cipher.final()]);
  const text = ct.toString('base64url');
  const head = `${keyId}.ctr.${base.subarray(0, 12).toString('base64url')}`;
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    const len = lens[i];
    const body = len % 3 === 0 ? text.substr(i * 64, (len / 3) * 4) : ct.subarray(i * SLOT, i * SLOT + len).toString('base64url');
    out[i] = head + counterTail(3 * i) + '.' + body;
  }
  return out;
}
