import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PiiVault } from './pii-vault.js';
import { loadKeyring, testKeyring } from './keyring.js';

describe('PII vault', () => {
  const vault = new PiiVault(testKeyring());

  it('seals with AES-256-GCM: random IV, opens back, never contains the plain value', () => {
    const a = vault.seal('22010219580312101X');
    const b = vault.seal('22010219580312101X');
    expect(a).not.toBe(b);
    expect(a).not.toContain('19580312');
    expect(vault.open(a)).toBe('22010219580312101X');
  });

  it('refuses a tampered ciphertext', () => {
    const sealed = vault.seal('13912345678').split('.');
    const ct = Buffer.from(sealed[3], 'base64url');
    ct[0] ^= 1;
    sealed[3] = ct.toString('base64url');
    expect(() => vault.open(sealed.join('.'))).toThrow();
  });

  it('hashes deterministically with a key', () => {
    expect(vault.hash('x')).toBe(vault.hash('x'));
    expect(vault.hash('x')).not.toBe(new PiiVault({ ...testKeyring(), hmac: Buffer.alloc(32, 1) }).hash('x'));
  });

  it('opens values sealed under an older key after rotation', () => {
    const old = { id: 'k1', key: randomBytes(32) };
    const sealed = new PiiVault({ keys: [old], hmac: Buffer.alloc(32) }).seal('secret');
    const rotated = new PiiVault({ keys: [{ id: 'k2', key: randomBytes(32) }, old], hmac: Buffer.alloc(32) });
    expect(rotated.open(sealed)).toBe('secret');
    expect(rotated.keyIdOf(rotated.seal('secret'))).toBe('k2');
  });

  it('creates a key file once, private to its owner', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sn-keys-'));
    const a = loadKeyring(dir, {});
    const b = loadKeyring(dir, {});
    expect(a.keys[0].key.equals(b.keys[0].key)).toBe(true);
    expect(fs.statSync(path.join(dir, 'keys.json')).mode & 0o077).toBe(0);
  });
});
