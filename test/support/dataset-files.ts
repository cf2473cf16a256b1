/** Department files for ingestion tests, written to a temporary directory. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function tempDir(prefix = 'sn-ingest-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function writeCsv(dir: string, name: string, header: string[], rows: (string | number)[][], opts: { bom?: boolean; eol?: string } = {}): string {
  const cell = (v: string | number) => (/[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const eol = opts.eol ?? '\n';
  const text = (opts.bom ? '\uFEFF' : '') + [header, ...rows].map((r) => r.map(cell).join(',')).join(eol) + eol;
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

export const MEDICAL_HEADER = ['id_number', 'settle_date', 'visit_type', 'admission_date', 'discharge_date', 'total_cost', 'insurance_paid', 'oop_cost', 'hospital_code', 'diagnosis_code'];

export function medicalRow(id: string, over: Partial<Record<string, string | number>> = {}): (string | number)[] {
  const r: Record<string, string | number> = {
    id_number: id, settle_date: '2026-09-15', visit_type: 'inpatient', admission_date: '2026-09-01', discharge_date: '2026-09-14',
    total_cost: 30000, insurance_paid: 21000, oop_cost: 9000, hospital_code: 'H22010001', diagnosis_code: 'C34.9', ...over,
  };
  return MEDICAL_HEADER.map((h) => r[h]);
}
