import type { FastifyRequest } from 'fastify';

/**
 * Who is acting. Until the access module adds login (users, roles, region scope), API calls
 * act as "api:anonymous" and are audited as such.
 */
export function actorOf(req: FastifyRequest): string {
  const user = (req as FastifyRequest & { user?: { username: string } }).user;
  return user ? `user:${user.username}` : 'api:anonymous';
}
