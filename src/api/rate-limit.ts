/**
 * A per-client-address request limit for the public routes (the online application), kept in
 * memory: a fixed window of `windowMs` per address, `limit` requests in it. One process serves
 * the platform, so memory is enough; a restart forgets the counts. The table is bounded: expired
 * windows are swept when it grows, and the oldest entries go when it is still too large.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors.js';

export interface RateLimitOptions {
  limit: number;
  windowMs: number;
  now: () => number;
  /** Most addresses remembered at once (default 100,000). */
  maxEntries?: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private readonly maxEntries: number;

  constructor(private readonly opts: RateLimitOptions) {
    this.maxEntries = opts.maxEntries ?? 100_000;
  }

  /** Count one request from `key`; the seconds to wait when it is over the limit, else 0. */
  hit(key: string): number {
    const now = this.opts.now();
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.opts.windowMs) {
      this.windows.delete(key);
      if (this.windows.size >= this.maxEntries) this.sweep(now);
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count++;
    if (w.count <= this.opts.limit) return 0;
    return Math.max(1, Math.ceil((w.start + this.opts.windowMs - now) / 1000));
  }

  get size(): number {
    return this.windows.size;
  }

  private sweep(now: number): void {
    for (const [k, w] of this.windows) if (now - w.start >= this.opts.windowMs) this.windows.delete(k);
    if (this.windows.size < this.maxEntries) return;
    let drop = Math.ceil(this.windows.size / 2);
    for (const k of this.windows.keys()) {
      if (drop-- <= 0) break;
      this.windows.delete(k);
    }
  }
}

/** An onRequest hook: 429 with Retry-After once the client address is over the limit. */
export function rateLimitHook(limiter: RateLimiter) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const wait = limiter.hit(req.ip);
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      throw new AppError('TOO_MANY_REQUESTS', { zh: `请求过于频繁，请 ${Math.ceil(wait / 60)} 分钟后再试`, en: `too many requests; try again in ${Math.ceil(wait / 60)} minutes` }, { retry_after: wait });
    }
  };
}
