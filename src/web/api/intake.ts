/**
 * The discovery channels (docs/cases.md, docs/formats/application.md): the public online
 * application and its status, the village worker's report, the lists township officers accept
 * cases from, and opening a case (POST /api/cases). ID numbers travel only in POST bodies.
 */
import { apiGet, apiPost } from './api';
import { invalidateQueries, useQuery } from './query';
import { qs } from '../router';

export const NEEDS = ['living', 'medical', 'education', 'housing', 'employment', 'disaster', 'care', 'other'] as const;
export type Need = (typeof NEEDS)[number];

/** The data an economic-status check may query (docs/access.md), in the order the authorization lists them. */
export const CHECK_SCOPES = [
  'household_registration', 'tax', 'social_insurance', 'real_estate', 'business_registration',
  'housing_fund', 'vehicles', 'banks', 'insurance', 'securities',
] as const;

export interface PersonEntry {
  name: string;
  id_number: string;
  relation: string;
}

export interface ApplicationRequest {
  region_code: string;
  hukou_type: 'urban' | 'rural';
  address: string;
  phone: string;
  applicant: PersonEntry;
  members: PersonEntry[];
  needs: string[];
  description?: string;
  consent: { authorize_check: boolean; declaration: boolean; signer_name: string };
}

export interface ApplicationReceipt {
  reference: string;
  received_at: string;
}

export interface CaseState {
  state: string;
  state_zh: string;
  state_en: string;
}

export interface ApplicationStatus {
  reference: string;
  status: string;
  status_zh: string;
  status_en: string;
  received_at: string;
  case: CaseState | null;
}

export interface Application {
  id: string;
  reference: string;
  region_code: string;
  region_name: string;
  hukou_type: string;
  address: string | null;
  phone_masked: string | null;
  applicant: { name: string; id_number_masked: string };
  member_count: number;
  needs: string[];
  description: string | null;
  channel: string;
  status: string;
  status_zh: string;
  status_en: string;
  received_at: string;
  case: (CaseState & { id: string }) | null;
  members?: { name: string; id_number_masked: string; relation: string }[];
}

export type ReportRequest = {
  difficulties: string[];
  description: string;
  urgency: 'normal' | 'urgent';
  client_key: string;
} & ({ household_code: string } | { person: { name: string; id_number: string }; region_code: string; address?: string });

export interface Report {
  id: string;
  household_code: string | null;
  head_name: string | null;
  person: { name: string; id_number_masked: string } | null;
  region_code: string;
  region_name: string;
  address: string | null;
  difficulties: string[];
  description: string;
  urgency: string;
  urgency_zh: string;
  urgency_en: string;
  reported_by: string;
  status: string;
  status_zh: string;
  status_en: string;
  created_at: string;
  case: (CaseState & { id: string }) | null;
}

export interface IntakeFilter {
  status?: string;
  region?: string;
  limit?: number;
  offset?: number;
}

/** Public calls answer 4xx themselves (no session involved): never the sign-in redirect. */
const quiet = { authRedirect: false } as const;

export const intakeKeys = {
  all: ['intake'] as const,
  applications: (f: IntakeFilter) => ['intake', 'applications', f] as const,
  application: (id: string) => ['intake', 'application', id] as const,
  reports: (f: IntakeFilter) => ['intake', 'reports', f] as const,
};

export const intakeApi = {
  apply: (body: ApplicationRequest) => apiPost<ApplicationReceipt>('/api/public/applications', body, quiet),
  status: (reference: string, id_number: string) => apiPost<ApplicationStatus>('/api/public/applications/status', { reference, id_number }, quiet),
  applications: (f: IntakeFilter) => apiGet<{ applications: Application[]; total: number }>('/api/applications' + qs({ ...f })),
  application: (id: string) => apiGet<Application>(`/api/applications/${encodeURIComponent(id)}`),
  report: (body: ReportRequest) => apiPost<Report>('/api/reports', body),
  reports: (f: IntakeFilter) => apiGet<{ reports: Report[]; total: number }>('/api/reports' + qs({ ...f })),
  /** The lead's case endpoint: 201 with the new case (its `id`). */
  openCase: (source: { application_id: string } | { report_id: string }) => apiPost<{ id: string }>('/api/cases', source),
};

/** Forget the cached lists (after a case was opened from one of them). */
export const invalidateIntake = () => invalidateQueries(intakeKeys.all);

export function useApplications(f: IntakeFilter) {
  return useQuery(intakeKeys.applications(f), () => intakeApi.applications(f), { staleTime: 10_000 });
}

export function useApplication(id: string | undefined) {
  return useQuery(intakeKeys.application(id ?? ''), () => intakeApi.application(id!), { enabled: !!id });
}

export function useReports(f: IntakeFilter) {
  return useQuery(intakeKeys.reports(f), () => intakeApi.reports(f), { staleTime: 10_000 });
}

export interface FieldError {
  field: string;
  message: string;
}

/** The problems a 400 names (`details.errors`, else `details.field` with the message). */
export function fieldErrors(details: unknown, message: string): FieldError[] {
  const d = details as { field?: string; errors?: FieldError[] } | undefined;
  if (Array.isArray(d?.errors)) return d.errors.filter((e) => typeof e?.field === 'string');
  return d?.field ? [{ field: d.field, message }] : [];
}

/** "members[1].id_number: 中文 / English" → the part in the reader's language, without the field path. */
export function localMessage(message: string, lang: 'zh' | 'en'): string {
  const text = message.replace(/^[a-z_]+(\[\d+\])?(\.[a-z_]+(\[\d+\])?)*: /, '');
  const [zh, ...en] = text.split(' / ');
  return lang === 'zh' || en.length === 0 ? zh : en.join(' / ');
}

/** "members[1].id_number" → ['members', 1, 'id_number'] (a Form name path). */
export function fieldPath(field: string): (string | number)[] {
  return field.split('.').flatMap((part) => {
    const m = /^([a-z_]+)\[(\d+)\]$/.exec(part);
    return m ? [m[1], Number(m[2])] : [part];
  });
}
