/**
 * The fast path of checkCsvBlock: most lines of a department's file hold no quote, need no
 * trimming and have every value already as the table stores it. Such a line is cut at its
 * commas in place, each cell recognised by its type (canonical-cells.ts), and its COPY row
 * written as bytes, the values copied from the line itself (copy-writer.ts): no cells array,
 * no value strings, no row string.
 *
 * Anything else takes the general path's own code, so what is accepted, reported and written
 * is what general-block.ts would do: a record with a quote or a lone CR is cut by the record
 * parser; a line with a problem, a cell to trim or the wrong number of cells is checked by the
 * RowChecker; a cell in another form (2026/9/1, 住院, 0012.5) is read by readValue. A block
 * with an unclosed quote, a record over 60,000 characters or a lone surrogate is handed to
 * the general path whole (it raises the same error).
 */
import { CsvRecordParser } from '../../registry/import/csv-records.js';
import { isBlankCells, type RowChecker, type RowProblem } from '../domain/row-check.js';
import { readValue } from '../domain/field-values.js';
import { isCanonicalDate, isCanonicalIdNumber, isCanonicalNumber, isCanonicalText } from '../domain/canonical-cells.js';
import { checkCsvBlockGeneral, MAX_PROBLEMS_PER_BLOCK } from './general-block.js';
import { CopyWriter } from './copy-writer.js';
import { DATE, DECIMAL, EXACT, ID, IGNORED, INTEGER, TEXT, type FastPlan } from './fast-plan.js';
import type { BlockContext, BlockResult } from './check-block.js';

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;
/** Longer records go the general way (the record parser refuses those over 64 KB). */
const MAX_FAST_RECORD = 60_000;

/** How a cell of the current line was read. */
const EMPTY = 0;
const AS_IS = 1;
const READ = 2;

/** The current line's cells (one line at a time: the worker is single-threaded). */
class LineCells {
  start: Int32Array;
  end: Int32Array;
  state: Uint8Array;
  value: (string | null)[];
  /** Every data cell is empty or as it is. */
  asIs = true;

  constructor(width: number) {
    this.start = new Int32Array(width);
    this.end = new Int32Array(width);
    this.state = new Uint8Array(width);
    this.value = new Array<string | null>(width).fill(null);
  }
}

const lines = new WeakMap<FastPlan, LineCells>();

const wellFormed = (String.prototype as { isWellFormed?: (this: string) => boolean }).isWellFormed;
/** No lone surrogate (they cannot be written as UTF-8 and read back the same). */
function isWellFormed(text: string): boolean {
  return wellFormed ? wellFormed.call(text) : !/[\uD800-\uDFFF]/.test(text);
}

function indexOrEnd(text: string, c: string, from: number): number {
  const i = text.indexOf(c, from);
  return i < 0 ? text.length : i;
}

/**
 * Where the record starting at `start` ends (after its line end), by the record parser's rules
 * (csv-records.ts): a quote opens a field only at its start, "" inside quotes is a quote, text
 * after a closing quote belongs to the field. -1: a quote is never closed.
 */
function recordEnd(text: string, start: number): number {
  const n = text.length;
  let i = start;
  for (;;) {
    if (i < n && text.charCodeAt(i) === QUOTE) {
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q < 0) return -1;
        if (text.charCodeAt(q + 1) === QUOTE) from = q + 2;
        else {
          i = q + 1;
          break;
        }
      }
    }
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === COMMA || c === LF || c === CR) break;
      i++;
    }
    if (i >= n) return n;
    const c = text.charCodeAt(i);
    if (c === COMMA) i++;
    else if (c === CR) return text.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
    else return i + 1;
  }
}

/** The one record text[start, end) holds, cut by the record parser; undefined if it is not one. */
function parseRecord(text: string, start: number, end: number): string[] | undefined {
  const parsed: string[][] = [];
  const parser = new CsvRecordParser(64 * 1024);
  parser.push(text.slice(start, end), parsed);
  parser.end(parsed);
  return parsed.length === 1 ? parsed[0] : undefined;
}

/**
 * Cut text[s, e) (no quote, no CR) into the file's cells and recognise each. False: the line
 * is for the RowChecker (a problem, a cell to trim, too few or too many cells).
 */
function readLine(text: string, s: number, e: number, plan: FastPlan, line: LineCells): boolean {
  const width = plan.width;
  const today = plan.todayNumber;
  let a = s;
  line.asIs = true;
  for (let k = 0; k < width; k++) {
    let b: number;
    if (k < width - 1) {
      b = text.indexOf(',', a);
      if (b < 0 || b >= e) return false;
    } else {
      b = e;
      const extra = text.indexOf(',', a);
      if (extra >= 0 && extra < e) return false;
    }
    line.start[k] = a;
    line.end[k] = b;
    const cell = plan.cells[k];
    if (cell.kind === IGNORED) {
      a = b + 1;
      continue;
    }
    if (b === a) {
      if (cell.required) return false;
      line.state[k] = EMPTY;
      a = b + 1;
      continue;
    }
    // RowChecker.read trims such a cell first.
    const c0 = text.charCodeAt(a);
    const c1 = text.charCodeAt(b - 1);
    if (c0 <= 32 || c1 <= 32 || c0 === 0x3000 || c1 === 0x3000 || c0 === 0xfeff) return false;
    let asIs: boolean;
    switch (cell.kind) {
      case ID:
        asIs = isCanonicalIdNumber(text, a, b, today);
        break;
      case DATE:
        asIs = isCanonicalDate(text, a, b, today);
        break;
      case DECIMAL:
        asIs = isCanonicalNumber(text, a, b, 12, true);
        break;
      case INTEGER:
        asIs = isCanonicalNumber(text, a, b, 9, false);
        break;
      case TEXT:
        asIs = isCanonicalText(text, a, b);
        break;
      default:
        asIs = false;
    }
    if (asIs) line.state[k] = AS_IS;
    else {
      let v: string | undefined;
      if (cell.kind === EXACT) {
        for (let x = 0; x < cell.exact.length; x++) {
          const w = cell.exact[x];
          if (w.length === b - a && text.startsWith(w, a)) {
            v = cell.exactValue[x];
            break;
          }
        }
      }
      if (v === undefined) {
        const r = readValue(cell.field!, text.slice(a, b), plan.today);
        if (typeof r !== 'string') return false;
        v = r;
      }
      // v is what the RowChecker would store. Typed values equal to the cell are written from
      // the line; text goes through csvField like any value that is not the cell as it is.
      if (cell.kind !== TEXT && v.length === b - a && text.startsWith(v, a)) line.state[k] = AS_IS;
      else {
        line.state[k] = READ;
        line.value[k] = v;
        if (k !== plan.keyAt) line.asIs = false;
      }
    }
    a = b + 1;
  }
  return true;
}

/** The row of a recognised line: head, then the values (the line itself when it can be). */
function writeLine(out: CopyWriter, text: string, s: number, e: number, row: number, plan: FastPlan, line: LineCells): void {
  const keyAt = plan.keyAt;
  if (line.state[keyAt] === AS_IS) out.head(row, text, line.start[keyAt]);
  else out.headOf(row, line.value[keyAt]!);
  if (plan.sliceable && line.asIs) {
    if (keyAt === 0) out.copy(text, line.end[0], e); // from the comma after the ID number
    else {
      out.comma();
      out.copy(text, s, line.start[keyAt] - 1);
      out.copy(text, line.end[keyAt], e);
    }
  } else {
    for (let j = 0; j < plan.columnCell.length; j++) {
      out.comma();
      const k = plan.columnCell[j];
      if (k < 0) continue;
      const state = line.state[k];
      if (state === AS_IS) out.copy(text, line.start[k], line.end[k]);
      else if (state === READ) out.value(line.value[k], plan.quoted[j]);
    }
  }
  out.endRow();
}

export function checkCsvBlockFast(text: string, firstRow: number, ctx: BlockContext, checker: RowChecker, plan: FastPlan): BlockResult {
  if (!isWellFormed(text)) return checkCsvBlockGeneral(text, firstRow, ctx, checker);
  let line = lines.get(plan);
  if (!line) lines.set(plan, (line = new LineCells(plan.width)));
  const n = text.length;
  const problems: RowProblem[] = [];
  let problemCount = 0;
  let rows = 0;
  let accepted = 0;
  let record = 0;
  let out = ctx.checkOnly ? undefined : new CopyWriter(ctx.batchId, ctx.key, n);

  /** A record the record parser cut: the general path's steps for one row. */
  const checkCells = (cells: string[], row: number) => {
    if (isBlankCells(cells)) return;
    rows++;
    const r = checker.checkCells(cells, row);
    if (!r.ok) {
      problemCount += r.problems.length;
      for (const p of r.problems) if (problems.length < MAX_PROBLEMS_PER_BLOCK) problems.push(p);
      if (!ctx.skipInvalid) out = undefined; // all or nothing: nothing will be loaded
      return;
    }
    accepted++;
    if (!out) return;
    out.headOf(row, r.id);
    for (let j = 0; j < r.values.length; j++) {
      out.comma();
      out.value(r.values[j], plan.quoted[j]);
    }
    out.endRow();
  };

  let quoteAt = indexOrEnd(text, '"', 0);
  let crAt = indexOrEnd(text, '\r', 0);
  let pos = 0;
  while (pos < n) {
    if (quoteAt < pos) quoteAt = indexOrEnd(text, '"', pos);
    if (crAt < pos) crAt = indexOrEnd(text, '\r', pos);
    const lf = indexOrEnd(text, '\n', pos);
    const e = crAt === lf - 1 ? crAt : lf; // CRLF, or a CR ending the text
    if (quoteAt < lf || crAt < e) {
      // Quotes (fields may span lines) or a lone CR: the record parser's own cut.
      const end = recordEnd(text, pos);
      const cells = end < 0 || end - pos > MAX_FAST_RECORD ? undefined : parseRecord(text, pos, end);
      if (!cells) return checkCsvBlockGeneral(text, firstRow, ctx, checker); // it raises the error
      checkCells(cells, firstRow + record++);
      pos = end;
      continue;
    }
    if (e - pos > MAX_FAST_RECORD) return checkCsvBlockGeneral(text, firstRow, ctx, checker);
    const row = firstRow + record++;
    if (e > pos) {
      if (readLine(text, pos, e, plan, line)) {
        rows++;
        accepted++;
        if (out) writeLine(out, text, pos, e, row, plan, line);
      } else checkCells(text.slice(pos, e).split(','), row);
    }
    pos = lf + 1;
  }
  const spoiled = ctx.checkOnly || (problemCount > 0 && !ctx.skipInvalid);
  return { copy: spoiled || !out ? '' : out.finish(), problems, problemCount, rows, accepted: spoiled ? 0 : accepted, records: record };
}
