/**
 * Authentication on every request: a Bearer API token, or the session cookie (then state-
 * changing requests must carry the session's CSRF token in `x-csrf-token`). Requests without
 * either get 401, except the public routes below.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors.js';
import type { Runtime } from '../platform/runtime.js';
import type { Actor } from '../modules/access/domain/actor.js';
import { ACCESS_SETTINGS } from '../modules/access/access.settings.js';

const PUBLIC: [method: string, pattern: RegExp][] = [
  ['GET', /^\/api\/health$/],
  ['GET', /^\/api\/openapi\.json$/],
  ['GET', /^\/api\/docs(\/.*)?$/],
  ['GET', /^\/api\/regions\/[^/]+(\/children)?$/],
  ['GET', /^\/api\/vocabulary$/],
  ['POST', /^\/api\/auth\/login$/],
  ['GET', /^\/api\/auth\/demo-accounts$/],
  ['GET', /^\/api\/templates\/[a-z_]+$/],
  // the online self-application and its status (rate-limited per client address)
  ['POST', /^\/api\/public\/applications$/],
  ['POST', /^\/api\/public\/applications\/status$/],
];

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
    sessionToken?: string;
    csrfToken?: string;
  }
}

export function isPublic(method: string, url: string): boolean {
  const path = url.split('?')[0];
  if (!path.startsWith('/api/')) return true; // the web UI's static files
  return PUBLIC.some(([m, re]) => (m === method || (m === 'GET' && method === 'HEAD')) && re.test(path));
}

export function readCookie(req: FastifyRequest, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

export function registerAuth(app: FastifyInstance, rt: Runtime): void {
  const { auth } = rt.services;
  app.addHook('onRequest', async (req) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (bearer) {
      req.actor = await auth.token(bearer);
      return;
    }
    const cookie = readCookie(req, ACCESS_SETTINGS.sessionCookie);
    if (cookie) {
      try {
        const s = await auth.session(cookie);
        req.actor = s.actor;
        req.sessionToken = cookie;
        req.csrfToken = s.csrf_token;
      } catch (err) {
        if (!isPublic(req.method, req.url)) throw err;
        return;
      }
      if (!SAFE_METHODS.has(req.method) && !isPublic(req.method, req.url) && req.headers['x-csrf-token'] !== req.csrfToken) {
        throw new AppError('FORBIDDEN', { zh: 'CSRF 校验失败，请刷新页面后重试', en: 'CSRF check failed; reload the page and try again' });
      }
      return;
    }
    if (!isPublic(req.method, req.url)) {
      throw new AppError('UNAUTHORIZED', { zh: '请先登录', en: 'please sign in' });
    }
  });
}
