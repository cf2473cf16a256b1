import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { keyedHash } from '../../../platform/crypto/pii-crypto.mjs';
import { IdHasher } from './id-hmac.js';

function hashed(h: IdHasher, v: string): string {
  const out = Buffer.alloc(70, 0x2e);
  h.hashInto(`<<${v}>>`, 2, v.length, out, 3);
  expect(out.subarray(0, 3).toString('latin1')).toBe('...');
  expect(out.subarray(67).toString('latin1')).toBe('...');
  return out.subarray(3, 67).toString('latin1');
}

describe('the keyed hash of ID numbers in JavaScript', () => {
  it('is node:crypto HMAC-SHA256, for any key length and value, remembered or not', () => {
    for (const keyLength of [32, 16, 64, 65, 100]) {
      const key = randomBytes(keyLength);
      const h = new IdHasher(key);
      const values = Array.from({ length: 3000 }, (_, i) => String(220102198000000000 + i * 7919).slice(0, 18));
      values.push('', 'x', 'X'.repeat(55), 'X'.repeat(56), '中文身份证', '22010219800101001X');
      for (let len = 0; len <= 64; len++) values.push('7'.repeat(len));
      // twice: the second time mostly from memory (10,000 values over 4,096 slots collide)
      for (const v of [...values, ...values.slice().reverse()]) expect(hashed(h, v)).toBe(keyedHash(key, v));
    }
  });
});
