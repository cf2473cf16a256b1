import type { FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors.js';
import type { Actor } from '../modules/access/domain/actor.js';

/** Who is acting: set on the request by the authentication hook (src/api/auth.ts). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('UNAUTHORIZED', { zh: '请先登录', en: 'please sign in' });
  return req.actor;
}
