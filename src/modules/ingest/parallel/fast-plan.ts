/**
 * What the fast path (fast-block.ts) needs to know about a file, worked out once per file:
 * which column holds the ID number and which data column each other column feeds (found the
 * way RowChecker finds them), how each cell can be recognised in place, and whether a row's
 * values in the table's order are simply its line without the ID number.
 */
import { dataColumns, type FieldDef } from '../../catalog/domain/dataset-definition.js';
import { readValue } from '../domain/field-values.js';
import { dayNumber } from '../domain/canonical-cells.js';
import type { BlockContext } from './check-block.js';

/** How a cell is recognised without cutting it out of the text. */
export const IGNORED = 0;
export const ID = 1;
export const DATE = 2;
/** amount or number without bounds */
export const DECIMAL = 3;
/** integer without bounds */
export const INTEGER = 4;
export const TEXT = 5;
/** enumeration or boolean: a short list of exact cells */
export const EXACT = 6;
/** anything else (months, bounded numbers): read with readValue */
export const OTHER = 7;

export interface CellPlan {
  kind: number;
  field: FieldDef | undefined;
  required: boolean;
  /** EXACT: the cells known, and what readValue makes of each. */
  exact: string[];
  exactValue: string[];
}

export interface FastPlan {
  today: string;
  todayNumber: number;
  /** Columns in the file (its header). */
  width: number;
  keyAt: number;
  cells: CellPlan[];
  /** For each data column (table order), its column in the file, -1 when the file has none. */
  columnCell: Int32Array;
  /** For each data column, whether it is free text (quoted as needed in COPY text). */
  quoted: boolean[];
  /** The file's columns are the ID number and the data columns in table order, nothing else. */
  sliceable: boolean;
}

/** Boolean cells worth recognising as they are; others go through readValue. */
const BOOLEAN_WORDS = ['true', 'false', '是', '否', '1', '0', 'yes', 'no', 'y', 'n', '有', '无', 'TRUE', 'FALSE', 'Y', 'N'];

function cellPlan(f: FieldDef, today: string): CellPlan {
  const plan: CellPlan = { kind: OTHER, field: f, required: f.required, exact: [], exactValue: [] };
  const bounded = f.min !== undefined || f.max !== undefined;
  if (f.type === 'id_number') plan.kind = ID;
  else if (f.type === 'date') plan.kind = DATE;
  else if ((f.type === 'amount' || f.type === 'number') && !bounded) plan.kind = DECIMAL;
  else if (f.type === 'integer' && !bounded) plan.kind = INTEGER;
  else if (f.type === 'text') plan.kind = TEXT;
  else if (f.type === 'enum' || f.type === 'boolean') {
    const words = f.type === 'enum' ? (f.values ?? []).flatMap((v) => [v.code, v.zh]) : BOOLEAN_WORDS;
    for (const w of new Set(words)) {
      if (w === '' || w.trim() !== w || w.includes(',') || w.includes('"')) continue;
      const r = readValue(f, w, today);
      if (typeof r !== 'string') continue;
      plan.exact.push(w);
      plan.exactValue.push(r);
    }
    plan.kind = EXACT;
  }
  return plan;
}

/** The plan for a file, or undefined when the fast path cannot serve it (every row goes the general way). */
export function fastPlan(ctx: Pick<BlockContext, 'def' | 'headers' | 'mapped' | 'today'>): FastPlan | undefined {
  const todayNumber = dayNumber(ctx.today);
  if (todayNumber < 0) return undefined;
  const codeOf = new Map(ctx.mapped);
  const byCode = new Map(ctx.def.fields.map((f) => [f.code, f]));
  // As RowChecker: a field's cell is the first column whose header maps to it.
  const at = (f: FieldDef) => ctx.headers.findIndex((h) => codeOf.get(h) === f.code);
  const key = byCode.get(ctx.def.key_field);
  const columns = dataColumns(ctx.def);
  if (!key || key.type !== 'id_number') return undefined;
  const keyAt = at(key);
  if (keyAt < 0) return undefined;
  const width = ctx.headers.length;
  const cells: CellPlan[] = Array.from({ length: width }, () => ({ kind: IGNORED, field: undefined, required: false, exact: [], exactValue: [] }));
  cells[keyAt] = cellPlan(key, ctx.today);
  const columnCell = new Int32Array(columns.length);
  for (let j = 0; j < columns.length; j++) {
    const k = at(columns[j]);
    columnCell[j] = k;
    if (k < 0) continue;
    if (cells[k].kind !== IGNORED) return undefined; // two fields on one column: leave it to the general path
    cells[k] = cellPlan(columns[j], ctx.today);
  }
  const fileOrder = Array.from({ length: width }, (_, k) => k).filter((k) => k !== keyAt);
  const sliceable = fileOrder.length === columns.length && fileOrder.every((k, j) => columnCell[j] === k);
  return { today: ctx.today, todayNumber, width, keyAt, cells, columnCell, quoted: columns.map((f) => f.type === 'text'), sliceable };
}
