/**
 * One row of a department's file checked against its dataset: the values ready for COPY (in
 * the dataset table's column order) and the ID number, or every problem with the row.
 * Cells come as an array in the file's column order; the header decides which field each is.
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
  /** For each data column, the index of its cell in the file's columns (-1: not in the file). */
  private readonly columnAt: number[];
  private readonly keyAt: number;
  private readonly width: number;

  /** `headers`: the file's header texts in order; `mapped`: header text → field (from mapHeaders). */
  constructor(
    def: DatasetDef,
    readonly headers: readonly string[],
    mapped: ReadonlyMap<string, FieldDef>,
    private readonly today: string,
  ) {
    this.columns = dataColumns(def);
    this.key = def.fields.find((f) => f.code === def.key_field)!;
    const at = (f: FieldDef) => headers.findIndex((h) => mapped.get(h)?.code === f.code);
    this.columnAt = this.columns.map(at);
    this.keyAt = at(this.key);
    this.width = headers.length;
  }

  /** A record keyed by header text (XLSX and JSON Lines sources). */
  check(record: Record<string, string>, row: number): CheckedRow {
    return this.checkCells(this.headers.map((h) => record[h] ?? ''), row);
  }

  /** Cells in file order (CSV). */
  checkCells(cells: readonly string[], row: number): CheckedRow {
    this.problems = undefined;
    const id = this.read(this.key, cells, this.keyAt, row);
    const values = new Array<string | null>(this.columns.length);
    for (let i = 0; i < this.columns.length; i++) values[i] = this.read(this.columns[i], cells, this.columnAt[i], row);
    for (let i = this.width; i < cells.length; i++) {
      if (cells[i].trim() !== '') {
        this.problem({ row, field: `#${i + 1}`, value: shownValue(undefined, cells[i]), reason: '表头之外多出的值（可能是未加引号的逗号）/ a value beyond the last column (an unquoted comma?)' });
        break;
      }
    }
    if (this.problems) return { ok: false, problems: this.problems };
    return { ok: true, id: id!, values };
  }

  /** The row's problems; allocated only for a row that has one (most rows have none). */
  private problems: RowProblem[] | undefined;

  private problem(p: RowProblem): void {
    (this.problems ??= []).push(p);
  }

  private read(f: FieldDef, cells: readonly string[], at: number, row: number): string | null {
    const raw = at < 0 ? undefined : cells[at];
    if (raw === undefined || raw === '') {
      if (f.required) this.problem({ row, field: f.code, value: '', reason: `必填项为空 / ${f.code} is required` });
      return null;
    }
    const c0 = raw.charCodeAt(0);
    const c1 = raw.charCodeAt(raw.length - 1);
    const v = c0 <= 32 || c1 <= 32 || c0 === 0x3000 || c1 === 0x3000 || c0 === 0xfeff ? raw.trim() : raw;
    if (v === '') return this.read(f, [''], 0, row);
    const r = readValue(f, v, this.today);
    if (typeof r === 'string') return r;
    this.problem({ row, field: f.code, value: shownValue(f, v), reason: `${r.zh} / ${r.en}` });
    return null;
  }
}

/** A blank row (every cell empty) is skipped, not an error. */
export function isBlankCells(cells: readonly string[]): boolean {
  for (const c of cells) if (c.trim() !== '') return false;
  return true;
}
