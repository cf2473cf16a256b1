import type { FastifyRequest } from 'fastify';
import { operatorActor, type Actor } from '../modules/access/domain/actor.js';

/**
 * Who is acting: set on the request by the authentication hook. Until login exists, API calls
 * act as "api:anonymous" (to be replaced by the access module in this same change).
 */
export function actorOf(req: FastifyRequest): Actor {
  return (req as FastifyRequest & { actor?: Actor }).actor ?? operatorActor('api:anonymous');
}
