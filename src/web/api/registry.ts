/** Typed hooks for the registry and region endpoints. */
import { apiGet, apiPost, downloadFile } from './api';
import { fetchQuery, useQuery } from './query';

export type RegionLevel = 'province' | 'prefecture' | 'county' | 'township' | 'village';
export interface RegionRef {
  code: string;
  name: string;
  level: RegionLevel;
}
export interface Region extends RegionRef {
  parent_code: string | null;
  path: RegionRef[];
}
export interface RegionChild extends RegionRef {
  has_children: boolean;
}

export interface SearchFilter {
  region?: string;
  category?: string;
  name?: string;
  id_number?: string;
}
export interface SearchRequest extends SearchFilter {
  page?: number;
  page_size?: number;
}
export interface HouseholdRow {
  code: string;
  region_code: string;
  region_name: string;
  hukou_type: string;
  address: string;
  head_name: string | null;
  member_count: number;
  categories: string[];
}
export interface SearchResponse {
  items: HouseholdRow[];
  total: number;
  page: number;
  page_size: number;
}

export interface CategoryRecord {
  category: string;
  status: string;
  valid_from: string | null;
  valid_to: string | null;
  decided_by: string | null;
  source: string | null;
}
export interface Member {
  id: string | number;
  id_number: string;
  name: string;
  relation: string;
  sex: 'male' | 'female' | string;
  birth_date: string | null;
  age: number | null;
  disability_type: string | null;
  disability_grade: number | string | null;
  work_ability: string | null;
  health: string | null;
  school_stage: string | null;
  employment: string | null;
  phone: string | null;
  categories: CategoryRecord[];
}
type Num = number | string | null;
export interface Snapshot {
  as_of: string;
  source: string;
  income_wage: Num;
  income_business: Num;
  income_property: Num;
  income_transfer: Num;
  income_other: Num;
  financial_assets: Num;
  vehicle_count: Num;
  vehicle_value: Num;
  property_count: Num;
  rigid_medical: Num;
  rigid_education: Num;
  rigid_rehab: Num;
  rigid_other: Num;
}
export interface HistoryEntry {
  at: string;
  actor: string;
  action: string;
  reason: string | null;
  person_id: string | number | null;
}
export interface Household {
  code: string;
  region_code: string;
  region_path: RegionRef[];
  hukou_type: string;
  address: string;
  hukou_booklet_no: string | null;
  status: string;
  members: Member[];
  snapshots: Snapshot[];
  history: HistoryEntry[];
}

/** Query-key factory: one place that knows how registry queries are cached. */
export const registryKeys = {
  all: ['registry'] as const,
  search: (req: SearchRequest, seq = 0) => ['registry', 'search', req, seq] as const,
  household: (code: string) => ['registry', 'household', code] as const,
  region: (code: string) => ['regions', code] as const,
  regionChildren: (code: string) => ['regions', code, 'children'] as const,
};

const enc = encodeURIComponent;

export const registryApi = {
  search: (req: SearchRequest) => apiPost<SearchResponse>('/api/households/search', req),
  household: (code: string) => apiGet<Household>(`/api/households/${enc(code)}`),
  region: (code: string) => apiGet<Region>(`/api/regions/${enc(code)}`),
  regionChildren: (code: string) =>
    apiGet<{ items: RegionChild[] }>(`/api/regions/${enc(code)}/children`).then((r) => r.items),
  exportSearch: (filter: SearchFilter) =>
    downloadFile('/api/households/export', { body: filter, fallbackName: 'households.xlsx' }),
  exportHousehold: (code: string) =>
    downloadFile(`/api/households/${enc(code)}/export`, { fallbackName: `household-${code}.xlsx` }),
  templateUrl: '/api/templates/registry',
};

/** 18 digits/X or 15 digits → an ID number; anything else is a name. */
export function splitNameOrId(text: string): Pick<SearchFilter, 'name' | 'id_number'> {
  const v = text.trim().replace(/\s+/g, '');
  if (!v) return {};
  if (/^\d{17}[\dXx]$/.test(v) || /^\d{15}$/.test(v)) return { id_number: v.toUpperCase() };
  return { name: text.trim() };
}

/** `seq` lets an identical search be re-run on demand (a fresh key) without losing the cache. */
export function useHouseholdSearch(req: SearchRequest, seq = 0) {
  return useQuery(registryKeys.search(req, seq), () => registryApi.search(req), { staleTime: 10_000 });
}

export function useHousehold(code: string | undefined) {
  return useQuery(registryKeys.household(code ?? ''), () => registryApi.household(code!), { enabled: !!code });
}

export function useRegion(code: string | undefined) {
  return useQuery(registryKeys.region(code ?? ''), () => registryApi.region(code!), {
    enabled: !!code,
    staleTime: 3_600_000,
  });
}

export function useRegionChildren(code: string | undefined) {
  return useQuery(registryKeys.regionChildren(code ?? ''), () => registryApi.regionChildren(code!), {
    enabled: !!code,
    staleTime: 3_600_000,
  });
}

/** Cached imperative loaders for the lazy region tree. */
export const loadRegion = (code: string) => fetchQuery(registryKeys.region(code), () => registryApi.region(code), 3_600_000);
export const loadRegionChildren = (code: string) =>
  fetchQuery(registryKeys.regionChildren(code), () => registryApi.regionChildren(code), 3_600_000);
