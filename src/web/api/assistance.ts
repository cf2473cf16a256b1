/**
 * 救助帮扶: assistance programs as versioned data (GET/PUT /api/programs…), a household's
 * recommended programs (GET /api/households/{code}/recommendations) and referrals to
 * departments (GET /api/referrals…, POST /api/referrals/{id}/respond). Shapes follow
 * src/modules/assistance.
 */
import { apiGet, apiPost, apiPut } from './api';
import { invalidateQueries, useQuery } from './query';
import { qs } from '../router';

export interface Term {
  code: string;
  zh: string;
  en: string;
}

export type ProgramTier = 'tekun' | 'dibao' | 'marginal' | 'rigid_expense' | 'none';
export type ReferralStatus = 'pending' | 'accepted' | 'declined' | 'withdrawn';
export const REFERRAL_STATUSES: readonly ReferralStatus[] = ['pending', 'accepted', 'declined', 'withdrawn'];
export const PROGRAM_TIERS: readonly ProgramTier[] = ['tekun', 'dibao', 'marginal', 'rigid_expense', 'none'];

export type Amount =
  | { kind: 'none' }
  | { kind: 'fixed'; amount: number; per: 'household' | 'person'; period: 'once' | 'month' | 'season' }
  | { kind: 'months_of_standard'; months: number }
  | { kind: 'assessed'; field: 'dibao_allowance' | 'tekun_support' | 'tekun_care' };

export interface ProgramDefinition {
  code: string;
  zh: string;
  en: string;
  type: string;
  department: string;
  tiers: ProgramTier[];
  condition?: object;
  amount: Amount;
  description: { zh: string; en: string };
  legal_basis: string;
}

export interface Program {
  code: string;
  version: number;
  active: boolean;
  updated_by: string;
  updated_at: string;
  definition: ProgramDefinition;
  department: Term;
}

export interface ProgramVersion {
  version: number;
  active: boolean;
  updated_by: string;
  updated_at: string;
  definition: ProgramDefinition;
}

export interface ProgramCatalog {
  programs: Program[];
  /** the catalog's departments (code, 中文, English) */
  departments: Term[];
  types: Term[];
  tiers: Term[];
  facts: (Term & { type: string })[];
  amount_kinds: Term[];
  periods: Term[];
  assessed_fields: Term[];
  operators: Term[];
}

export interface Referral {
  id: string;
  case_id: string | null;
  household_code: string;
  region_code: string;
  region_name: string | null;
  head: { name: string; id_number_masked: string } | null;
  program: { code: string; version: number; zh: string; en: string; type: string };
  department: Term;
  status: ReferralStatus;
  /** why it was recommended ("中文 / English") */
  reason: string | null;
  note: string | null;
  requested_by: string;
  requested_at: string;
  due: string | null;
  overdue: boolean;
  responded_by: string | null;
  responded_at: string | null;
  result: string | null;
  amount: number | null;
  granted_on: string | null;
  period_from: string | null;
  period_to: string | null;
  grant_id: string | null;
}

export interface ReferralFilter {
  status?: string;
  program?: string;
  region?: string;
  limit?: number;
  offset?: number;
}

export interface ReferralAnswer {
  decision: 'accepted' | 'declined';
  result?: string;
  amount?: number | null;
  granted_on?: string;
  period_from?: string;
  period_to?: string;
  confirm_duplicate?: boolean;
  duplicate_reason?: string;
}

export interface Grant {
  id: string;
  amount: number | null;
  period_from: string;
  period_to: string;
  duplicate_of: string | null;
  warning?: { zh: string; en: string };
}

const enc = encodeURIComponent;

export const assistanceKeys = {
  all: ['assistance'] as const,
  programs: ['assistance', 'programs'] as const,
  program: (code: string) => ['assistance', 'program', code] as const,
  referrals: (f: ReferralFilter) => ['assistance', 'referrals', f] as const,
};

export const assistanceApi = {
  programs: () => apiGet<ProgramCatalog>('/api/programs'),
  program: (code: string) => apiGet<Program & { versions: ProgramVersion[] }>(`/api/programs/${enc(code)}`),
  saveProgram: (code: string, definition: ProgramDefinition, active: boolean) => apiPut<Program>(`/api/programs/${enc(code)}`, { definition, active }),
  referrals: (f: ReferralFilter) => apiGet<{ referrals: Referral[]; total: number }>('/api/referrals' + qs({ ...f })),
  respond: (id: string, answer: ReferralAnswer) => apiPost<Referral & { grant: Grant | null }>(`/api/referrals/${enc(id)}/respond`, answer),
};

export function usePrograms() {
  return useQuery(assistanceKeys.programs, assistanceApi.programs, { staleTime: 60_000 });
}

export function useProgram(code: string) {
  return useQuery(assistanceKeys.program(code), () => assistanceApi.program(code), { staleTime: 0 });
}

export function useReferrals(f: ReferralFilter) {
  return useQuery(assistanceKeys.referrals(f), () => assistanceApi.referrals(f), { staleTime: 0 });
}

/** After a saved program or an answered referral: every cached assistance answer is old. */
export function invalidateAssistance(): void {
  invalidateQueries(assistanceKeys.all);
}
