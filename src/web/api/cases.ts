/**
 * Assistance cases (救助案件, docs/cases.md): the inbox, the case list and one case, its
 * transitions, the programs recommended for a referral, opening a case from an alert, and a
 * household's assistance chain (timeline). Names and ID numbers never travel in a URL: the list
 * filters are region, state and flags only; answers carry ID numbers masked.
 */
import { apiGet, apiPost } from './api';
import { invalidateQueries, useQuery } from './query';
import type { AuthorizationRecord, CaseDetail, CaseFilter, CaseSummary, Inbox, OpenedCase, Recommendation, Timeline, Transition } from './case-types';
import { qs } from '../router';

export * from './case-types';

export const casesKeys = {
  all: ['cases'] as const,
  inbox: ['cases', 'inbox'] as const,
  list: (f: CaseFilter) => ['cases', 'list', f] as const,
  detail: (id: string) => ['cases', 'detail', id] as const,
  recommendations: (id: string) => ['cases', 'recommendations', id] as const,
  timeline: (code: string) => ['cases', 'timeline', code] as const,
  authorizations: (code: string) => ['cases', 'authorizations', code] as const,
};

const enc = encodeURIComponent;
const flag = (v?: boolean) => (v ? 'true' : undefined);

export const casesApi = {
  inbox: () => apiGet<Inbox>('/api/inbox'),
  list: (f: CaseFilter) =>
    apiGet<{ cases: CaseSummary[]; total: number }>(
      '/api/cases' + qs({ state: f.state, region: f.region, overdue: flag(f.overdue), escalated: flag(f.escalated), household: f.household, limit: f.limit, offset: f.offset }),
    ),
  get: (id: string) => apiGet<CaseDetail>(`/api/cases/${enc(id)}`),
  transition: (id: string, t: Transition) => apiPost<CaseDetail>(`/api/cases/${enc(id)}/transitions`, t),
  recommendations: (id: string) => apiGet<Recommendation[]>(`/api/cases/${enc(id)}/recommendations`),
  openFromAlert: (alertId: string) => apiPost<OpenedCase>('/api/cases', { alert_id: alertId }),
  timeline: (code: string) => apiGet<Timeline>(`/api/households/${enc(code)}/timeline`),
  authorizations: (code: string) =>
    apiGet<{ items: AuthorizationRecord[] }>(`/api/households/${enc(code)}/authorizations`).then((r) => r.items),
};

export function useInbox() {
  return useQuery(casesKeys.inbox, casesApi.inbox, { staleTime: 0 });
}

export function useCases(f: CaseFilter, enabled = true) {
  return useQuery(casesKeys.list(f), () => casesApi.list(f), { staleTime: 0, enabled });
}

export function useCase(id: string) {
  return useQuery(casesKeys.detail(id), () => casesApi.get(id), { staleTime: 0 });
}

export function useRecommendations(id: string, enabled = true) {
  return useQuery(casesKeys.recommendations(id), () => casesApi.recommendations(id), { staleTime: 0, enabled });
}

export function useTimeline(code: string) {
  return useQuery(casesKeys.timeline(code), () => casesApi.timeline(code), { staleTime: 0 });
}

export function useAuthorizations(code: string | null | undefined) {
  return useQuery(casesKeys.authorizations(code ?? ''), () => casesApi.authorizations(code!), { staleTime: 0, enabled: !!code });
}

/** After a step: every cached case answer (lists, inbox, timelines) is old. */
export function invalidateCases(): void {
  invalidateQueries(casesKeys.all);
}
