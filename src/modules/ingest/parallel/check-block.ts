/**
 * One block of CSV text checked and made ready to load: parse its records, check each row,
 * hash and seal the ID numbers, and render the COPY text. Pure apart from the random counter
 * of the sealing; runs in a worker thread for big files and inline for small ones.
 */
import type { DatasetDef, FieldDef } from '../../catalog/domain/dataset-definition.js';
import { CsvRecordError, CsvRecordParser } from '../../registry/import/csv-records.js';
import { AppError } from '../../../platform/errors.js';
import { copyRows, quotedColumns, type ReadyRow, type SealingKey } from '../copy-rows.js';
import { isBlankCells, RowChecker, type RowProblem } from '../domain/row-check.js';

export interface BlockContext {
  def: DatasetDef;
  headers: string[];
  /** header text → field code */
  mapped: [string, string][];
  today: string;
  batchId: string;
  key: SealingKey;
  skipInvalid: boolean;
  /** All-or-nothing and a bad row already seen: check only, render nothing. */
  checkOnly: boolean;
}

export interface BlockResult {
  copy: string;
  problems: RowProblem[];
  problemCount: number;
  rows: number;
  accepted: number;
  records: number;
}

const MAX_PROBLEMS_PER_BLOCK = 20_000;

export function checkerFor(ctx: Pick<BlockContext, 'def' | 'headers' | 'mapped' | 'today'>): RowChecker {
  const byCode = new Map(ctx.def.fields.map((f) => [f.code, f]));
  const mapped = new Map<string, FieldDef>(ctx.mapped.map(([h, code]) => [h, byCode.get(code)!]));
  return new RowChecker(ctx.def, ctx.headers, mapped, ctx.today);
}

/** Rows are rendered in small groups, so little survives a young-generation collection. */
const GROUP = 512;
const SLICE = 64 * 1024;

export function checkCsvBlock(text: string, firstRow: number, ctx: BlockContext, checker: RowChecker = checkerFor(ctx)): BlockResult {
  const parser = new CsvRecordParser(64 * 1024);
  const quoted = quotedColumns(ctx.def);
  const parts: string[] = [];
  const problems: RowProblem[] = [];
  let problemCount = 0;
  let rows = 0;
  let accepted = 0;
  let record = 0;
  let ready: ReadyRow[] = [];
  const render = () => {
    if (!(ctx.checkOnly || (problemCount > 0 && !ctx.skipInvalid))) parts.push(copyRows(ctx.batchId, ready, ctx.key, quoted));
    ready = [];
  };
  const take = (records: string[][]) => {
    for (const cells of records) {
      const row = firstRow + record++;
      if (isBlankCells(cells)) continue;
      rows++;
      const r = checker.checkCells(cells, row);
      if (!r.ok) {
        problemCount += r.problems.length;
        for (const p of r.problems) if (problems.length < MAX_PROBLEMS_PER_BLOCK) problems.push(p);
        continue;
      }
      accepted++;
      ready.push({ row, id: r.id, values: r.values });
      if (ready.length >= GROUP) render();
    }
  };
  try {
    for (let at = 0; at < text.length; at += SLICE) {
      const records: string[][] = [];
      parser.push(text.slice(at, at + SLICE), records);
      take(records);
    }
    const records: string[][] = [];
    parser.end(records);
    take(records);
  } catch (err) {
    if (!(err instanceof CsvRecordError)) throw err;
    const row = firstRow + err.record - 1;
    throw err.kind === 'unclosed_quote'
      ? new AppError('VALIDATION', { zh: `第 ${row} 行第 ${err.column} 列的引号没有闭合，文件不完整或格式有误`, en: `row ${row}, column ${err.column}: a quote is never closed; the file is incomplete or malformed` }, { row })
      : new AppError('VALIDATION', { zh: `第 ${row} 行的内容过长，文件可能有误（例如引号未闭合）`, en: `row ${row} is far too long; the file is probably wrong (an unclosed quote?)` }, { row });
  }
  render();
  const spoiled = ctx.checkOnly || (problemCount > 0 && !ctx.skipInvalid);
  return { copy: spoiled ? '' : parts.join(''), problems, problemCount, rows, accepted: spoiled ? 0 : accepted, records: record };
}
