/**
 * Dynamic monitoring and early warning (动态监测预警): warning indicators as versioned data
 * (GET/PUT /api/monitoring/indicators…), monitoring runs (POST/GET /api/monitoring/runs) and the
 * alerts they raise (GET /api/alerts…, POST /api/alerts/{id}/status). Shapes follow
 * src/modules/monitoring.
 */
import { apiGet, apiPost, apiPut } from './api';
import { invalidateQueries, useQuery } from './query';
import { qs } from '../router';

export type Level = 'red' | 'orange' | 'yellow' | 'blue';
export type AlertStatus = 'open' | 'verifying' | 'closed';
export type AlertOutcome = 'need_confirmed' | 'no_need' | 'unreachable';
export type IndicatorKind = 'hardship' | 'reverse' | 'modifier';
export type Subject = 'person' | 'household';

/** Most severe first: the order of cards, filters and legends. */
export const LEVELS: readonly Level[] = ['red', 'orange', 'yellow', 'blue'];
export const STATUSES: readonly AlertStatus[] = ['open', 'verifying', 'closed'];
export const OUTCOMES: readonly AlertOutcome[] = ['need_confirmed', 'no_need', 'unreachable'];

export interface Term {
  code: string;
  zh: string;
  en: string;
}

export type Population =
  | { kind: 'everyone' }
  | { kind: 'registered' }
  | { kind: 'categories'; categories: string[]; of: 'person' | 'household' };

export interface IndicatorDefinition {
  code: string;
  zh: string;
  en: string;
  kind: IndicatorKind;
  subject: Subject;
  level: Level;
  population: Population;
  facts: Record<string, object>;
  condition: object;
  suppress_days: number;
  action: string;
  description?: { zh: string; en: string };
  /** modifiers only: how many levels the alerts of `applies_to` indicators rise (kept as they are by the form) */
  raise?: number;
  applies_to?: 'hardship';
}

export interface Indicator {
  code: string;
  version: number;
  active: boolean;
  updated_by: string;
  updated_at: string;
  definition: IndicatorDefinition;
}

export interface IndicatorVersion {
  version: number;
  active: boolean;
  updated_by: string;
  updated_at: string;
}

export interface IndicatorCatalog {
  indicators: Indicator[];
  operators: Term[];
  actions: Term[];
  registry_facts: (Term & { type: string })[];
}

export interface Preview {
  count: number;
  on: string;
}

export interface RunResult {
  run_id: string;
  alerts_created: number;
  by_indicator: Record<string, number>;
  seconds: number;
}

export interface Run {
  id: string;
  kind: 'full' | 'incremental';
  as_of: string;
  status: 'running' | 'finished' | 'failed';
  started_at: string;
  finished_at: string | null;
  alerts_created: number;
  by_indicator: Record<string, number>;
  actor: string;
}

export interface EvidenceSource {
  dataset: string;
  dataset_zh: string;
  field: string;
  agg: string;
  months: number;
  from: string;
  to: string;
  batches: string[];
  rows: number;
}

export interface Evidence {
  fact: string;
  zh: string;
  en: string;
  operator: string;
  threshold: unknown;
  value: unknown;
  passed: boolean;
  source?: EvidenceSource;
}

export interface Alert {
  id: string;
  indicator: string;
  indicator_zh: string;
  indicator_en: string;
  level: Level;
  status: AlertStatus;
  outcome: AlertOutcome | string | null;
  household_code: string | null;
  person: { name: string; id_number_masked: string } | null;
  /** for someone only seen in departments' data (not in the registry) */
  id_masked: string | null;
  lead: boolean;
  region_code: string;
  region_name: string;
  deadline: string;
  overdue: boolean;
  action: string;
  action_zh: string;
  action_en: string;
  as_of: string;
  evidence: Evidence[];
  created_at: string;
  /** not in the agreed contract yet: shown when the server sends them */
  note?: string | null;
  handled_at?: string | null;
  handled_by?: string | null;
  /** the case the alert belongs to, when the server says (docs/cases.md does not pin it yet) */
  case_id?: string | null;
}

export interface AlertFilter {
  status?: string;
  level?: string;
  indicator?: string;
  region?: string;
  limit: number;
  offset: number;
}

export interface StatusChange {
  status: 'verifying' | 'closed';
  outcome?: AlertOutcome;
  note?: string;
}

export type LevelCounts = Record<Level, number>;

export interface RegionCounts extends LevelCounts {
  region_code: string;
  region_name: string;
  total: number;
}

export interface MonthCounts {
  month: string;
  created: number;
  handled: number;
}

export interface AlertSummary {
  by_level: LevelCounts;
  by_region: RegionCounts[];
  by_month: MonthCounts[];
  open: number;
  closed: number;
  /** 0..1 */
  handling_rate: number;
}

export const monitoringKeys = {
  all: ['monitoring'] as const,
  catalog: ['monitoring', 'indicators'] as const,
  indicator: (code: string) => ['monitoring', 'indicator', code] as const,
  runs: ['monitoring', 'runs'] as const,
  alerts: (f: AlertFilter) => ['monitoring', 'alerts', f] as const,
  alert: (id: string) => ['monitoring', 'alert', id] as const,
  summary: (region?: string) => ['monitoring', 'summary', region ?? ''] as const,
};

const enc = encodeURIComponent;

export const monitoringApi = {
  catalog: () => apiGet<IndicatorCatalog>('/api/monitoring/indicators'),
  indicator: (code: string) => apiGet<Indicator & { versions: IndicatorVersion[] }>(`/api/monitoring/indicators/${enc(code)}`),
  saveIndicator: (code: string, definition: IndicatorDefinition, active: boolean) =>
    apiPut<Indicator>(`/api/monitoring/indicators/${enc(code)}`, { definition, active }),
  preview: (code: string, definition: IndicatorDefinition) =>
    apiPost<Preview>(`/api/monitoring/indicators/${enc(code)}/preview`, { definition }),
  run: (on?: string) => apiPost<RunResult>('/api/monitoring/runs', on ? { on } : {}),
  runs: () => apiGet<{ runs: Run[] }>('/api/monitoring/runs').then((r) => r.runs),
  alerts: (f: AlertFilter) => apiGet<{ alerts: Alert[]; total: number }>('/api/alerts' + qs({ ...f })),
  alert: (id: string) => apiGet<Alert>(`/api/alerts/${enc(id)}`),
  setStatus: (id: string, change: StatusChange) => apiPost<Alert>(`/api/alerts/${enc(id)}/status`, change),
  summary: (region?: string) => apiGet<AlertSummary>('/api/alerts/summary' + qs({ region })),
};

export function useIndicatorCatalog() {
  return useQuery(monitoringKeys.catalog, monitoringApi.catalog, { staleTime: 60_000 });
}

export function useIndicator(code: string) {
  return useQuery(monitoringKeys.indicator(code), () => monitoringApi.indicator(code), { staleTime: 0 });
}

export function useRuns(enabled = true) {
  return useQuery(monitoringKeys.runs, monitoringApi.runs, { staleTime: 0, enabled });
}

export function useAlerts(f: AlertFilter) {
  return useQuery(monitoringKeys.alerts(f), () => monitoringApi.alerts(f), { staleTime: 0 });
}

export function useAlert(id: string) {
  return useQuery(monitoringKeys.alert(id), () => monitoringApi.alert(id), { staleTime: 0 });
}

export function useAlertSummary(region?: string) {
  return useQuery(monitoringKeys.summary(region), () => monitoringApi.summary(region), { staleTime: 0 });
}

/** After a run, a status change or a saved indicator: every cached monitoring answer is old. */
export function invalidateMonitoring(): void {
  invalidateQueries(monitoringKeys.all);
}
