/** Streaming XLSX output for list exports: rows are written as they come, memory stays flat. */
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';

export interface SheetSpec {
  name: string;
  columns: { header: string; key: string; width?: number }[];
  rows: Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>>;
}

export function xlsxStream(sheets: SheetSpec[]): Readable {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  (async () => {
    for (const spec of sheets) {
      const ws = wb.addWorksheet(spec.name);
      ws.columns = spec.columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 16 }));
      ws.getRow(1).font = { bold: true };
      for await (const row of spec.rows) ws.addRow(row).commit();
      ws.commit();
    }
    await wb.commit();
  })().catch((err) => out.destroy(err as Error));
  return out;
}

/** Content-Disposition for a download with a Chinese file name (RFC 6266 / 5987). */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
