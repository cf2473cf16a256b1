/**
 * Identification assessments (分层认定测算): POST /api/assessments, a household's stored
 * assessments, one stored assessment and its replay. Types follow the server's AssessmentResult
 * (src/modules/recognition/assessment.service.ts); ID numbers in stored results are masked.
 */
import { apiGet, apiPost } from './api';
import { useQuery } from './query';

export type Tier = 'tekun' | 'dibao' | 'marginal' | 'rigid_expense' | 'none';
export type TierCategory = Exclude<Tier, 'none'>;
export interface Bilingual {
  zh: string;
  en: string;
}

export interface Recognition {
  category: TierCategory;
  scope: 'household' | 'person';
  id_number?: string;
  person_id?: string;
}

export interface Figures {
  household_size: number;
  annual_income: number;
  per_capita_monthly_income: number;
  dibao_standard: number;
  marginal_line: number;
  income_to_standard_ratio: number;
  per_capita_annual_income: number;
  disposable_income: number;
  financial_assets_per_capita: number;
  vehicle_value_counted: number;
  properties: number;
  rigid_expenses_total: number;
  rigid_expense_share: number | null;
}

export interface Condition extends Bilingual {
  code: string;
  actual: number | string | boolean | null;
  threshold: number | string | boolean | null;
  passed: boolean;
}

export interface CategoryTest extends Bilingual {
  category: TierCategory;
  scope: 'household' | 'person';
  id_number?: string;
  person_id?: string;
  tested: boolean;
  passed: boolean;
  conditions: Condition[];
}

export interface AmountLine extends Bilingual {
  id_number?: string;
  person_id?: string;
  amount: number;
}

export interface Amounts {
  dibao_allowance: { total: number; gap: number; lines: AmountLine[] } | null;
  single_person: AmountLine[];
  tekun: (Bilingual & { id_number: string; person_id?: string; support: number | null; care: number | null })[];
  fast_relief_cap: number;
}

export interface ParameterUsed {
  key: string;
  on: string;
  value: unknown;
  region_code: string;
  valid_from: string;
  version: number;
}

export interface AssessmentResult {
  id: string | null;
  household_code: string | null;
  snapshot: { as_of: string; source: string } | null;
  engine_version: string;
  created_by?: string;
  created_at?: string;
  as_of: string;
  region_code: string;
  hukou_type: 'urban' | 'rural';
  tier: Tier;
  recognitions: Recognition[];
  figures: Figures;
  tests: CategoryTest[];
  amounts: Amounts;
  summary: Bilingual;
  parameters: ParameterUsed[];
  notes: Bilingual[];
}

export interface Replay {
  id: string;
  identical: boolean;
  engine_version: { stored: string; current: string };
  differences: string[];
  replayed: AssessmentResult;
}

export const recognitionKeys = {
  household: (code: string) => ['recognition', 'household', code] as const,
};

const enc = encodeURIComponent;

export const recognitionApi = {
  /** Assess a registered household on a date (default today); stored. */
  assessHousehold: (household_code: string, on?: string) =>
    apiPost<AssessmentResult>('/api/assessments', on ? { household_code, on } : { household_code }),
  /** Assess a household description (a JSON object); not stored. */
  assessDescription: (description: unknown) => apiPost<AssessmentResult>('/api/assessments', description),
  forHousehold: (code: string) =>
    apiGet<{ items: AssessmentResult[] }>(`/api/households/${enc(code)}/assessments`).then((r) => r.items),
  get: (id: string) => apiGet<AssessmentResult>(`/api/assessments/${enc(id)}`),
  replay: (id: string) => apiGet<Replay>(`/api/assessments/${enc(id)}/replay`),
};

/** A household's stored assessments, newest first. */
export function useHouseholdAssessments(code: string) {
  return useQuery(recognitionKeys.household(code), () => recognitionApi.forHousehold(code), { staleTime: 0 });
}
