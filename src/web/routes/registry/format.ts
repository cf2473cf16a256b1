import type { Snapshot } from '../../api/registry';

/** Numbers may arrive as strings (numeric columns) or numbers; null/blank → 0. */
export function num(v: number | string | null | undefined): number {
  if (v === null || v === undefined || v === '') return 0;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : 0;
}

export function money(v: number | string | null | undefined): string {
  return num(v).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function totalIncome(s: Snapshot): number {
  return num(s.income_wage) + num(s.income_business) + num(s.income_property) + num(s.income_transfer) + num(s.income_other);
}

/** Per-capita monthly income = annual household income / members / 12. */
export function perCapitaMonthly(s: Snapshot, members: number): number {
  return members > 0 ? totalIncome(s) / members / 12 : 0;
}

export function rigidTotal(s: Snapshot): number {
  return num(s.rigid_medical) + num(s.rigid_education) + num(s.rigid_rehab) + num(s.rigid_other);
}

/** "2026-03-01T08:30:00Z" → "2026-03-01 16:30" (local time); dates pass through unchanged. */
export function dateTime(v: string | null | undefined): string {
  if (!v) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) return v;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** "2026-03-01T00:00:00.000Z" or "2026-03-01" → "2026-03-01". */
export function dateOnly(v: string | null | undefined): string {
  if (!v) return '';
  return /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : v;
}
