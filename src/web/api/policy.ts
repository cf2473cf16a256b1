/** Policy parameters: the catalog with every version, and setting a new value (GET/POST /api/policy/parameters). */
import type { Bilingual } from './access';
import { apiGet, apiPost } from './api';
import { useQuery } from './query';

export type ParameterType = 'amount' | 'ratio' | 'integer' | 'percent' | 'json';

export interface ParameterDef {
  key: string;
  type: ParameterType;
  unit: string;
  zh: string;
  en: string;
}

export interface ParameterVersion {
  id: string;
  key: string;
  region_code: string;
  valid_from: string;
  valid_to: string | null;
  value: number | Record<string, unknown> | unknown;
  source: string | null;
  author: string;
  version: number;
  created_at: string;
  superseded_at: string | null;
  current: boolean;
  label: Bilingual;
}

export interface PolicyParameters {
  catalog: ParameterDef[];
  history: ParameterVersion[];
}

export interface NewParameterValue {
  key: string;
  value: unknown;
  region: string;
  from: string;
  to?: string;
  source?: string;
}

export const policyKeys = {
  parameters: ['policy', 'parameters'] as const,
};

export const policyApi = {
  parameters: () => apiGet<PolicyParameters>('/api/policy/parameters'),
  set: (v: NewParameterValue) => apiPost<ParameterVersion>('/api/policy/parameters', v),
};

export function usePolicyParameters() {
  return useQuery(policyKeys.parameters, policyApi.parameters, { staleTime: 0 });
}
