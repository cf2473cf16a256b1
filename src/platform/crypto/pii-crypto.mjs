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
