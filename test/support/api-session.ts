/** An API session against a served instance, for setting a browser test's scene (what a department's system or a clerk would do). */
import { DEMO_PASSWORD } from '../../src/modules/access/demo-users.js';

export interface Session {
  headers: Record<string, string>;
}

export async function apiSignIn(base: string, username: string): Promise<Session> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = String(res.headers.get('set-cookie')).split(';')[0];
  return { headers: { cookie, 'x-csrf-token': ((await res.json()) as { csrf_token: string }).csrf_token } };
}

export async function api<T>(base: string, s: Session, method: string, url: string, body?: unknown, contentType = 'application/json'): Promise<T> {
  const res = await fetch(`${base}${url}`, { method, headers: { ...s.headers, ...(body === undefined ? {} : { 'content-type': contentType }) }, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The China date n days ago. */
export const daysAgo = (n: number) => new Date(Date.now() + 8 * 3600_000 - n * 86_400_000).toISOString().slice(0, 10);
