import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit.js';

describe('rate limiter', () => {
  it('allows the limit per window and per address, then says how long to wait', () => {
    let now = 0;
    const l = new RateLimiter({ limit: 3, windowMs: 3_600_000, now: () => now });
    expect([l.hit('a'), l.hit('a'), l.hit('a')]).toEqual([0, 0, 0]);
    expect(l.hit('a')).toBe(3600);
    expect(l.hit('b')).toBe(0);
    now = 1_800_000;
    expect(l.hit('a')).toBe(1800);
    now = 3_600_000;
    expect(l.hit('a')).toBe(0);
  });

  it('stays bounded: expired windows are swept, then the oldest entries dropped', () => {
    let now = 0;
    const l = new RateLimiter({ limit: 1, windowMs: 1000, now: () => now, maxEntries: 10 });
    for (let i = 0; i < 10; i++) l.hit(`x${i}`);
    expect(l.size).toBe(10);
    now = 2000;
    l.hit('fresh');
    expect(l.size).toBe(1);
    for (let i = 0; i < 20; i++) l.hit(`y${i}`);
    expect(l.size).toBeLessThanOrEqual(10);
  });
});
