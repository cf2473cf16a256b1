/**
 * Data sharing (数据共享): the catalog of departments and datasets (GET /api/catalog), uploads of
 * department files (POST /api/ingest/{dataset}?async=true, then GET /api/ingest/uploads/{id}),
 * the batches on record and a household's rows in the departments' data. Shapes follow
 * src/modules/catalog and src/modules/ingest (docs/catalog.md, docs/ingestion.md).
 */
import type { Bilingual } from './access';
import { ApiError, apiGet, errorFrom, getCsrfToken, reportUnauthorized, type RequestOptions } from './api';
import { useQuery } from './query';
import { qs } from '../router';

export type FieldType = 'id_number' | 'date' | 'month' | 'amount' | 'number' | 'integer' | 'enum' | 'boolean' | 'text';
export type PiiClass = 'identifier' | 'sensitive' | 'none';

export interface CatalogField {
  code: string;
  zh: string;
  en: string;
  type: FieldType;
  required?: boolean;
  unit?: string;
  pii?: PiiClass;
  values?: { code: string; zh: string }[];
  aliases?: string[];
  min?: number;
  max?: number;
}

export interface Department {
  code: string;
  zh: string;
  en: string;
  full_name?: string;
}

export interface Dataset {
  code: string;
  department: string;
  department_name: Bilingual;
  zh: string;
  en: string;
  frequency: string;
  legal_basis: string;
  purpose: string;
  retention_days: number;
  responsible_unit: string;
  key_field: string;
  event_field: string;
  fields: CatalogField[];
  version: number;
  updated_by: string;
  updated_at: string;
}

export interface DatasetVersion {
  dataset_code: string;
  version: number;
  updated_by: string;
  updated_at: string;
}

export interface Catalog {
  departments: Department[];
  datasets: Dataset[];
}

export interface RowProblem {
  row: number;
  field: string;
  value: string;
  reason: string;
}

export interface IngestReport {
  batch_id: string;
  dataset: string;
  status: 'committed' | 'rejected' | 'duplicate';
  rows: number;
  accepted: number;
  rejected: number;
  matched: number;
  unmatched: number;
  errors: RowProblem[];
  errors_total: number;
  duplicate_of: string | null;
  supersedes: string | null;
  sha256: string;
}

export interface UploadJob {
  status: 'running' | 'done' | 'failed';
  progress: { rows: number; bytes: number; size: number };
  report: IngestReport | null;
  error: { code: string; message: string } | null;
}

export interface Batch {
  id: string;
  dataset: string;
  file_name: string | null;
  file_bytes: number;
  sent_by: string;
  department: string | null;
  received_at: string;
  finished_at: string | null;
  status: 'committed' | 'rejected' | 'superseded';
  rows_total: number;
  accepted: number;
  rejected: number;
  matched: number;
  unmatched: number;
  errors_total: number;
  supersedes: string | null;
  superseded_by: string | null;
  skip_invalid: boolean;
}

export interface FactField {
  code: string;
  zh: string;
  en: string;
  type: FieldType;
  unit?: string;
  hidden: boolean;
}

export interface FactDataset {
  code: string;
  zh: string;
  en: string;
  department: Bilingual;
  event_field: string;
  fields: FactField[];
  rows: { person_id: string; id_number_masked: string; batch_id: string; values: Record<string, unknown> }[];
}

export interface HouseholdFacts {
  household_code: string;
  datasets: FactDataset[];
}

export const sharingKeys = {
  catalog: ['sharing', 'catalog'] as const,
  dataset: (code: string) => ['sharing', 'dataset', code] as const,
  batches: (dataset?: string) => ['sharing', 'batches', dataset ?? ''] as const,
  facts: (code: string) => ['sharing', 'facts', code] as const,
};

const enc = encodeURIComponent;

export const sharingApi = {
  catalog: () => apiGet<Catalog>('/api/catalog'),
  dataset: (code: string) => apiGet<Dataset & { versions: DatasetVersion[] }>(`/api/catalog/datasets/${enc(code)}`),
  batches: (dataset?: string) => apiGet<{ items: Batch[] }>('/api/ingest/batches' + qs({ dataset })).then((r) => r.items),
  upload: (id: string, opts?: RequestOptions) => apiGet<UploadJob>(`/api/ingest/uploads/${enc(id)}`, opts),
  facts: (code: string) => apiGet<HouseholdFacts>(`/api/households/${enc(code)}/facts`),
};

/** Where a batch's error report (CSV) is downloaded: a plain GET with the session cookie. */
export const errorReportUrl = (batchId: string | number) => `/api/ingest/batches/${enc(String(batchId))}/errors.csv`;

export interface SendOptions {
  skipInvalid?: boolean;
  supersede?: string;
  /** bytes sent so far of the total */
  onProgress?: (loaded: number, total: number) => void;
  signal?: AbortSignal;
}

/**
 * Send a file as the request body with XMLHttpRequest (fetch cannot report upload progress).
 * Resolves with the upload id to follow (202), or with the report if the server answered at once.
 */
export function sendDatasetFile(dataset: string, file: File, opts: SendOptions = {}): Promise<{ upload_id?: string; report?: IngestReport }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const url = `/api/ingest/${enc(dataset)}` + qs({ async: 'true', skip_invalid: opts.skipInvalid ? 'true' : undefined, supersede: opts.supersede });
    xhr.open('POST', url);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('x-file-name', enc(file.name));
    const csrf = getCsrfToken();
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => opts.onProgress?.(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          const body = JSON.parse(xhr.responseText) as { upload_id?: string } & Partial<IngestReport>;
          resolve(body.upload_id ? { upload_id: body.upload_id } : { report: body as IngestReport });
        } catch {
          reject(errorFrom(xhr.status, ''));
        }
        return;
      }
      const err = errorFrom(xhr.status, xhr.responseText);
      reportUnauthorized(err);
      reject(err);
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', '上传失败：无法连接服务器 / Upload failed: cannot reach the server'));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    opts.signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(file);
  });
}

export function useCatalog() {
  return useQuery(sharingKeys.catalog, sharingApi.catalog, { staleTime: 300_000 });
}

export function useDataset(code: string) {
  return useQuery(sharingKeys.dataset(code), () => sharingApi.dataset(code), { staleTime: 60_000 });
}

export function useBatches(dataset?: string) {
  return useQuery(sharingKeys.batches(dataset), () => sharingApi.batches(dataset), { staleTime: 0 });
}

export function useHouseholdFacts(code: string) {
  return useQuery(sharingKeys.facts(code), () => sharingApi.facts(code), { staleTime: 0 });
}

/** Whether a user's department (a code or a Chinese name) is the dataset's sender. */
export function sendsDataset(department: string | null | undefined, d: Pick<Dataset, 'department' | 'department_name'>): boolean {
  if (!department) return true;
  return department === d.department || department === d.department_name.zh;
}
