/** Signing in for HTTP tests: a real user, a real session cookie and its CSRF token. */
import type { FastifyInstance } from 'fastify';
import type { Runtime } from '../../src/platform/runtime.js';
import { operatorActor } from '../../src/modules/access/domain/actor.js';

export const TEST_PASSWORD = 'Test-Passw0rd!';

let n = 0;

export async function signIn(app: FastifyInstance, rt: Runtime, role: string, region: string, department?: string) {
  const username = `t_${role}_${++n}`;
  await rt.services.users.add({ username, password: TEST_PASSWORD, role, region, department }, operatorActor('test:setup'));
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: TEST_PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
  const cookie = String(res.headers['set-cookie']).split(';')[0];
  return { username, headers: { cookie, 'x-csrf-token': res.json().csrf_token as string } };
}
