/**
 * A dataset fact computed in plain code from one person's rows — the reference the SQL fact
 * tables are tested against, and what a per-record implementation does. Same rules as the
 * compiled SQL: the window is (run date − months, run date]; `latest` keeps the newest N rows
 * (by event date, then batch, then row); sum and count of nothing are 0, exists of nothing is
 * false, max/min/latest of nothing are NULL; NULL field values are skipped by sum/max/min.
 */
import { compareDecimal, sumDecimals } from './decimal.js';
import { evaluateRow, type FactValue } from './condition.js';
import type { DatasetFact } from './indicator-definition.js';
import { monthsBefore } from '../engine/sql-text.js';

export interface DatasetRow {
  batch_id: number;
  row_no: number;
  [field: string]: unknown;
}

export function aggregateRows(fact: DatasetFact, months: number, eventField: string, rows: readonly DatasetRow[], asOf: string): FactValue {
  const from = monthsBefore(asOf, months);
  let inWindow = rows.filter((r) => {
    const e = r[eventField] as string | null;
    return e !== null && e !== undefined && e > from && e <= asOf;
  });
  const newestFirst = (a: DatasetRow, b: DatasetRow) =>
    String(b[eventField]).localeCompare(String(a[eventField])) || b.batch_id - a.batch_id || b.row_no - a.row_no;
  if (fact.latest !== undefined) inWindow = [...inWindow].sort(newestFirst).slice(0, fact.latest);
  const matching = fact.where ? inWindow.filter((r) => evaluateRow(fact.where!, r)) : inWindow;
  const values = fact.field ? matching.map((r) => r[fact.field!]).filter((v) => v !== null && v !== undefined) as (number | string | boolean)[] : [];
  switch (fact.agg) {
    case 'count': return matching.length;
    case 'exists': return matching.length > 0;
    case 'sum': return Number(sumDecimals(values as (number | string)[]));
    case 'max': return extreme(values, 1);
    case 'min': return extreme(values, -1);
    case 'latest': {
      const first = [...matching].sort(newestFirst)[0];
      const v = first ? first[fact.field!] : null;
      return (v ?? null) as FactValue;
    }
  }
}

function extreme(values: (number | string | boolean)[], sign: 1 | -1): FactValue {
  if (!values.length) return null;
  return values.reduce((best, v) => {
    const c = typeof v === 'number' || typeof best === 'number' ? compareDecimal(v as number, best as number) : String(v) < String(best) ? -1 : String(v) > String(best) ? 1 : 0;
    return c * sign > 0 ? v : best;
  }) as FactValue;
}
