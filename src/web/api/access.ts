/** Users, API tokens, roles, the audit log and revealing a masked field (system administration). */
import { apiGet, apiPost } from './api';
import type { Permission } from './auth';
import { useQuery } from './query';
import { qs } from '../router';

export interface Bilingual {
  zh: string;
  en: string;
}

export interface RolesCatalog {
  roles: Record<string, Bilingual>;
  permissions: Record<string, Bilingual>;
}

export interface UserRow {
  id: string;
  username: string;
  display_name: string | null;
  role: string;
  region_code: string;
  department: string | null;
  status: 'active' | 'disabled' | string;
  locked: boolean;
  created_at: string;
}

export interface NewUser {
  username: string;
  password: string;
  role: string;
  region: string;
  department?: string;
  display_name?: string;
}

export interface NewToken {
  username: string;
  region?: string;
  permissions?: Permission[];
  name?: string;
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  subject?: string;
  from?: string;
  to?: string;
  page?: number;
  page_size?: number;
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  detail: unknown;
  prev_hash: string | null;
  hash: string | null;
}

export interface AuditPage {
  items: AuditEntry[];
  total: number;
  page: number;
  page_size: number;
}

export interface ChainCheck {
  ok: boolean;
  checked: number;
  first_broken: string | null;
  head: string | null;
}

export type RevealField = 'id_number' | 'phone';

export const accessKeys = {
  roles: ['access', 'roles'] as const,
  users: ['access', 'users'] as const,
  audit: (f: AuditFilter) => ['access', 'audit', f] as const,
};

const enc = encodeURIComponent;

export const accessApi = {
  roles: () => apiGet<RolesCatalog>('/api/access/roles'),
  users: () => apiGet<{ items: UserRow[] }>('/api/users').then((r) => r.items),
  createUser: (u: NewUser) => apiPost<UserRow>('/api/users', u),
  disableUser: (username: string) => apiPost<UserRow>(`/api/users/${enc(username)}/disable`, undefined),
  createToken: (t: NewToken) => apiPost<{ token: string; id: string }>('/api/tokens', t),
  audit: (f: AuditFilter) => apiGet<AuditPage>('/api/audit' + qs({ ...f })),
  verifyAudit: () => apiGet<ChainCheck>('/api/audit/verify'),
  /** The full value of a masked field, for a stated purpose (audited). Never cached. */
  reveal: (personId: string | number, field: RevealField, purpose: string) =>
    apiPost<{ value: string | null }>(`/api/persons/${enc(String(personId))}/reveal`, { field, purpose }),
};

export function useRoles() {
  return useQuery(accessKeys.roles, accessApi.roles, { staleTime: 3_600_000 });
}

export function useUsers() {
  return useQuery(accessKeys.users, accessApi.users, { staleTime: 5_000 });
}

export function useAuditLog(f: AuditFilter) {
  return useQuery(accessKeys.audit(f), () => accessApi.audit(f), { staleTime: 0 });
}
