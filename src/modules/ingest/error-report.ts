/**
 * A batch's row errors as a file a department officer opens in Excel: CSV, UTF-8 with BOM,
 * columns row, field, value, reason. Values are already cut and ID numbers masked; cells a
 * spreadsheet would run as formulas are defused.
 */
import { reportCell } from '../registry/import/error-report.js';
import type { RowProblem } from './domain/row-check.js';

export const INGEST_REPORT_HEADER = ['行号 row', '字段 field', '值 value', '原因 reason'];

export function ingestErrorLine(p: RowProblem): string {
  return [p.row, p.field, p.value, p.reason].map(reportCell).join(',') + '\r\n';
}

export function ingestErrorReport(problems: Iterable<RowProblem>): string {
  let out = '\uFEFF' + INGEST_REPORT_HEADER.map(reportCell).join(',') + '\r\n';
  for (const p of problems) out += ingestErrorLine(p);
  return out;
}
