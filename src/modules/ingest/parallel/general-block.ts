/**
 * The general path of checkCsvBlock (check-block.ts): every record parsed into cells by the
 * CSV record parser, every row checked by the RowChecker, rows rendered by copyRows. It handles
 * every file the platform accepts; the fast path (fast-block.ts) takes the common rows and
 * hands everything else back here, so what is reported and written stays defined by this code.
 */
import { CsvRecordError, CsvRecordParser } from '../../registry/import/csv-records.js';
import { AppError } from '../../../platform/errors.js';
import { copyRows, quotedColumns, type ReadyRow } from '../copy-rows.js';
import { isBlankCells, type RowChecker, type RowProblem } from '../domain/row-check.js';
import type { BlockContext, BlockResult } from './check-block.js';

export const MAX_PROBLEMS_PER_BLOCK = 20_000;

/** Rows are rendered in small groups, so little survives a young-generation collection. */
export const GROUP = 512;
const SLICE = 64 * 1024;

export function checkCsvBlockGeneral(text: string, firstRow: number, ctx: BlockContext, checker: RowChecker): BlockResult {
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
