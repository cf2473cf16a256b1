/**
 * Payments (docs/payments.md): a county's monthly roll — prepare, read, approve — and its
 * exports. The county and month travel in the path; no name or ID number ever does.
 */
import { apiGet, apiPost, downloadFile } from './api';
import { invalidateQueries, useQuery } from './query';

export type RollChange = 'new' | 'stopped' | 'changed' | 'unchanged' | 'back_pay' | 'recovery';

export interface RollLine {
  household_code: string;
  payee: { name: string; id_number_masked: string };
  program: string;
  for_month: string;
  kind: 'regular' | 'adjustment';
  status: 'payable' | 'held' | 'stopped' | 'recovery';
  change: RollChange;
  amount: number;
  previous_amount: number | null;
  reason: string;
  reason_en: string;
}

export interface RollTotals {
  regular_fen: number;
  back_pay_fen: number;
  recovery_fen: number;
  total_fen: number;
  payable_lines: number;
  held_lines: number;
  counts: Record<RollChange, number>;
}

export interface Roll {
  id: string;
  month: string;
  region: string;
  status: 'draft' | 'approved';
  prepared_by: string;
  prepared_at: string;
  approved_by: string | null;
  approved_at: string | null;
  totals: RollTotals;
  lines: RollLine[];
  total: number;
}

const path = (region: string, month: string) => `/api/payments/rolls/${encodeURIComponent(region)}/${encodeURIComponent(month)}`;
export const rollKey = (region: string, month: string) => ['payments', 'roll', region, month] as const;

export const paymentsApi = {
  roll: (region: string, month: string) => apiGet<Roll>(path(region, month)),
  prepare: (region: string, month: string) => apiPost<Roll>('/api/payments/rolls', { region, month }),
  approve: (region: string, month: string) => apiPost<Roll>(`${path(region, month)}/approve`, {}),
  exportXlsx: (region: string, month: string) => downloadFile(`${path(region, month)}/export`, { fallbackName: `roll-${region}-${month}.xlsx` }),
  bankReturns: (region: string, month: string, layout: string, text: string) =>
    apiPost<{ rows: number; paid: number; returned: number }>(`${path(region, month)}/bank-returns`, { layout, text }),
  bankFile: (region: string, month: string, layout: string) => downloadFile(`${path(region, month)}/bank-file?layout=${encodeURIComponent(layout)}`, { fallbackName: `bank-${region}-${month}.csv` }),
};

export function useRoll(region: string | undefined, month: string) {
  return useQuery(rollKey(region ?? '', month), () => paymentsApi.roll(region!, month), { staleTime: 0, enabled: !!region });
}

export function invalidateRoll(region: string, month: string): void {
  invalidateQueries(rollKey(region, month));
}
