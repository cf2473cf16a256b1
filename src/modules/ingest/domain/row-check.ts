/**
 * One row of a department's file checked against its dataset: the values ready for COPY (in
 * the dataset table's column order) and the ID number, or every problem with the row.
 */
import { maskIdNumber } from '../../registry/domain/id-number.js';
import { dataColumns, type DatasetDef, type FieldDef } from '../../catalog/domain/dataset-definition.js';
import { readValue } from './field-values.js';

export interface RowProblem {
  row: number;
  field: string;
  value: string;
  reason: string;
}

export type CheckedRow = { ok: true; id: string; values: (string | null)[] } | { ok: false; problems: RowProblem[] };

const MAX_SHOWN = 50;

/** What a report shows of a value: cut, and an ID number masked. */
export function shownValue(f: FieldDef | undefined, v: string): string {
  const s = f?.type === 'id_number' ? maskIdNumber(v) : v;
  return s.length > MAX_SHOWN ? `${s.slice(0, MAX_SHOWN)}…` : s;
}

export class RowChecker {
  private readonly columns: FieldDef[];
  private readonly key: FieldDef;
  /** field code → header text in this file */
  private readonly headerOf = new Map<string, string>();

  constructor(
    def: DatasetDef,
    headers: Map<string, FieldDef>,
    private readonly today: string,
  ) {
    this.columns = dataColumns(def);
    this.key = def.fields.find((f) => f.code === def.key_field)!;
    for (const [h, f] of headers) this.headerOf.set(f.code, h);
  }

  check(record: Record<string, string>, row: number): CheckedRow {
    const problems: RowProblem[] = [];
    const cell = (f: FieldDef): string | undefined => {
      const h = this.headerOf.get(f.code);
      const v = h === undefined ? undefined : record[h]?.trim();
      return v === '' ? undefined : v;
    };
    const read = (f: FieldDef): string | null => {
      const v = cell(f);
      if (v === undefined) {
        if (f.required) problems.push({ row, field: f.code, value: '', reason: `必填项为空 / ${f.code} is required` });
        return null;
      }
      const r = readValue(f, v, this.today);
      if (r.ok) return r.value;
      problems.push({ row, field: f.code, value: shownValue(f, v), reason: `${r.zh} / ${r.en}` });
      return null;
    };
    const id = read(this.key);
    const values = this.columns.map(read);
    if (problems.length) return { ok: false, problems };
    return { ok: true, id: id!, values };
  }
}
