/**
 * Personal identifiers at rest: ID numbers and phones are sealed with AES-256-GCM under the
 * current key of a keyring (older keys still open what they sealed, until `keys rotate`
 * re-seals), and ID numbers also get a keyed hash (HMAC-SHA256) for exact-match lookup and
 * for matching department data. No plain ID number is stored in a table.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
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
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
  }

  open(sealed: string): string {
    const [id, iv, tag, ct] = sealed.split('.');
    const key = this.byId.get(id);
    if (!key || !iv || !tag || ct === undefined) {
      throw new AppError('INTERNAL', { zh: `无法解密：密钥 ${id} 不在密钥环中`, en: `cannot decrypt: key ${id} is not in the keyring` });
    }
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** Keyed hash of a normalized identifier: equal inputs give equal hashes, nothing else. */
  hash(value: string): string {
    return createHmac('sha256', this.ring.hmac).update(value).digest('hex');
  }

  keyIdOf(sealed: string): string {
    return sealed.split('.')[0];
  }
}
