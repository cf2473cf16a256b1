/**
 * The row-level error report of an import: a CSV (UTF-8 with BOM, so Excel shows the Chinese)
 * with the columns row, column, value, reason. It is a file a clerk keeps: values are already
 * cut and ID numbers masked (registry-row.ts); cells that Excel would run as a formula are
 * defused with a leading apostrophe.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import { columnLabel, type RowError } from '../domain/registry-row.js';

export const ERROR_REPORT_HEADER = ['行号 row', '列 column', '值 value', '原因 reason'] as const;

/** Quote for CSV, and never let a spreadsheet read a cell as a formula. */
export function reportCell(v: string | number): string {
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s.trim() !== s ? `"${s.replace(/"/g, '""')}"` : s;
}

export function reportLine(e: RowError): string {
  return [e.row, columnLabel(e.column), e.value, e.reason].map(reportCell).join(',') + '\r\n';
}

/**
 * Writes the report as errors arrive; the file is created on the first error only, so a clean
 * import leaves no report behind.
 */
export class ErrorReportWriter {
  private out: fs.WriteStream | undefined;
  count = 0;
  private failure: Error | undefined;

  constructor(readonly path: string) {}

  get written(): boolean {
    return this.out !== undefined;
  }

  async write(e: RowError): Promise<void> {
    if (!this.out) {
      this.out = fs.createWriteStream(this.path, { fd: fs.openSync(this.path, 'w'), encoding: 'utf8' });
      this.out.on('error', (err) => (this.failure = err));
      this.out.write('\uFEFF' + ERROR_REPORT_HEADER.map(reportCell).join(',') + '\r\n');
    }
    if (this.failure) throw this.failure;
    this.count++;
    if (!this.out.write(reportLine(e))) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    if (!this.out) return;
    const out = this.out;
    await new Promise<void>((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      out.once('error', reject);
      out.end(resolve);
    });
  }
}

/** The whole report as text (small reports, tests, HTTP downloads). */
export function errorReportText(errors: readonly RowError[]): string {
  return '\uFEFF' + ERROR_REPORT_HEADER.map(reportCell).join(',') + '\r\n' + errors.map(reportLine).join('');
}
