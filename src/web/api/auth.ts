/** Sign-in: login, logout, the current user and the demo accounts (GET/POST /api/auth/*). */
import { apiGet, apiPost } from './api';
import { useQuery } from './query';

export type Permission =
  | 'registry.read'
  | 'registry.write'
  | 'registry.import'
  | 'pii.reveal'
  | 'authorization.manage'
  | 'users.manage'
  | 'audit.read'
  | 'dataset.upload'
  | 'dataset.read'
  | 'catalog.manage'
  | 'referral.handle'
  | 'policy.manage'
  | 'recognition.assess'
  | 'monitor.manage'
  | 'alert.read'
  | 'alert.handle'
  | 'case.read'
  | 'case.manage'
  | 'case.visit'
  | 'case.report'
  | 'case.decide'
  | 'program.manage'
  | 'payment.read'
  | 'payment.prepare'
  | 'payment.approve';

export interface SessionUser {
  username: string;
  /** not sent by every server version: fall back to the user name */
  display_name?: string | null;
  role: string;
  region_code: string;
  department: string | null;
  permissions: Permission[];
}

export interface SessionGrant {
  user: SessionUser;
  csrf_token: string | null;
}

export interface DemoAccount {
  username: string;
  role: string;
  region_code: string;
  display_name: string | null;
}

export interface DemoAccounts {
  password: string | null;
  items: DemoAccount[];
}

export const authKeys = {
  demoAccounts: ['auth', 'demo-accounts'] as const,
};

/** The auth calls answer 401 themselves ("wrong password", "not signed in"): no redirect. */
const quiet = { authRedirect: false } as const;

export const authApi = {
  login: (username: string, password: string) => apiPost<SessionGrant>('/api/auth/login', { username, password }, quiet),
  me: () => apiGet<SessionGrant>('/api/auth/me', quiet),
  logout: () => apiPost<{ ok: boolean }>('/api/auth/logout', undefined, quiet),
  demoAccounts: () => apiGet<DemoAccounts>('/api/auth/demo-accounts', quiet),
};

/** Demo accounts to try the roles (an empty list on a real deployment). */
export function useDemoAccounts() {
  return useQuery(authKeys.demoAccounts, authApi.demoAccounts, { staleTime: 60_000 });
}

export function hasPermission(user: Pick<SessionUser, 'permissions'> | null | undefined, p: Permission): boolean {
  return !!user?.permissions?.includes(p);
}

/** True when the user holds at least one of `anyOf` (an empty list means signed in is enough). */
export function hasAny(user: Pick<SessionUser, 'permissions'> | null | undefined, anyOf: readonly Permission[] | undefined): boolean {
  if (!user) return false;
  if (!anyOf || anyOf.length === 0) return true;
  return anyOf.some((p) => hasPermission(user, p));
}
