/** Read a small reference CSV shipped in data/ (header row, UTF-8) into records. */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

export const DATA_DIR = fileURLToPath(new URL('../../../data/', import.meta.url));

export function readReferenceCsv(relativePath: string): Record<string, string>[] {
  const text = fs.readFileSync(DATA_DIR + relativePath, 'utf8');
  return parse(text, { columns: true, bom: true, skip_empty_lines: true, trim: true });
}
