/**
 * A department file → COPY text for its dataset table, with the counts and row problems kept
 * in `stats` as it goes. CSV (the big files) is cut into blocks of whole records that worker
 * threads check in parallel (inline for small files); XLSX and JSON Lines are read record by
 * record on this thread. Both paths check, hash, seal and render rows with the same code.
 */
import type { DatasetDef } from '../catalog/domain/dataset-definition.js';
import { AppError } from '../../platform/errors.js';
import { csvText, openRegistryFile } from '../registry/import/file-source.js';
import { CsvRecordParser } from '../registry/import/csv-records.js';
import { mapHeaders } from './domain/headers.js';
import { isBlankCells, RowChecker, type RowProblem } from './domain/row-check.js';
import { copyRows, quotedColumns, type ReadyRow, type SealingKey } from './copy-rows.js';
import { CsvBlockSplitter } from './parallel/csv-blocks.js';
import { checkCsvBlock, checkerFor, type BlockContext, type BlockResult } from './parallel/check-block.js';
import { BlockWorkers } from './parallel/block-workers.js';

export interface LoadStats {
  rows: number;
  accepted: number;
  problems: RowProblem[];
  problemCount: number;
  /** Row number of the first data row (for a "no data rows" report). */
  firstRow: number;
}

export interface SourceOptions {
  def: DatasetDef;
  batchId: string;
  today: string;
  key: SealingKey;
  skipInvalid: boolean;
  maxProblems: number;
  onProgress?: (p: { rows: number; bytes: number; size: number }) => void;
}

/** Files at least this big are checked on worker threads (SAFETYNET_INGEST_WORKERS_FROM_BYTES). */
export function workersFromBytes(): number {
  return Number(process.env.SAFETYNET_INGEST_WORKERS_FROM_BYTES ?? 4 * 1024 * 1024);
}
const BLOCK_CHARS = 1 << 20;
const IN_FLIGHT_PER_WORKER = 2;

function addProblems(stats: LoadStats, problems: RowProblem[], count: number, max: number): void {
  stats.problemCount += count;
  for (const p of problems) if (stats.problems.length < max) stats.problems.push(p);
}

/** The header of a CSV file and the records after it, as blocks. */
async function* csvBlocks(chunks: AsyncIterable<string>, onHeader: (cells: string[], row: number) => void): AsyncGenerator<{ text: string; records: number }> {
  const first = new CsvBlockSplitter(1);
  const rest = new CsvBlockSplitter(BLOCK_CHARS);
  let headerSeen = false;
  let row = 0;
  const parse = (text: string) => {
    const out: string[][] = [];
    const p = new CsvRecordParser(64 * 1024);
    p.push(text, out);
    p.end(out);
    return out[0] ?? [''];
  };
  for await (const chunk of chunks) {
    if (headerSeen) {
      yield* rest.push(chunk);
      continue;
    }
    // Records one at a time until the first non-blank one, the header.
    let blocks = first.push(chunk, 1);
    while (blocks.length > 0) {
      row++;
      const cells = parse(blocks[0].text);
      if (!isBlankCells(cells)) {
        onHeader(cells, row);
        headerSeen = true;
        break;
      }
      blocks = first.push('', 1);
    }
    if (headerSeen) yield* rest.push(first.takeRest());
  }
  if (!headerSeen) {
    const last = first.end();
    if (last && !isBlankCells(parse(last.text))) {
      onHeader(parse(last.text), row + 1);
      return;
    }
    throw new AppError('VALIDATION', { zh: '文件为空：没有表头行', en: 'the file is empty: no header row' });
  }
  const last = rest.end();
  if (last) yield last;
}

export async function* csvCopyText(file: string, size: number, o: SourceOptions, stats: LoadStats): AsyncGenerator<string> {
  const text = csvText(file);
  let ctx: BlockContext | undefined;
  let workers: BlockWorkers | undefined;
  let wantWorkers = false;
  let nextRow = 0;
  const inFlight: Promise<BlockResult>[] = [];
  const take = async function (this: void): Promise<string> {
    const r = await inFlight.shift()!;
    stats.rows += r.rows;
    stats.accepted += r.accepted;
    addProblems(stats, r.problems, r.problemCount, o.maxProblems);
    o.onProgress?.({ rows: stats.rows, bytes: text.bytesRead(), size });
    return r.copy;
  };
  try {
    const blocks = csvBlocks(text.chunks, (cells, row) => {
      const headers = cells.map((h) => h.trim());
      const mapped = mapHeaders(o.def, headers);
      ctx = {
        def: o.def, headers, mapped: [...mapped].map(([h, f]) => [h, f.code]), today: o.today, batchId: o.batchId,
        key: o.key, skipInvalid: o.skipInvalid, checkOnly: false,
      };
      stats.firstRow = row + 1;
      nextRow = row + 1;
      if (size >= workersFromBytes()) wantWorkers = true;
    });
    const inline = () => checkerFor(ctx!);
    let checker: ReturnType<typeof inline> | undefined;
    for await (const block of blocks) {
      if (wantWorkers && !workers) workers = await BlockWorkers.start(ctx!);
      const checkOnly = stats.problemCount > 0 && !o.skipInvalid;
      if (workers) inFlight.push(workers.check(block.text, nextRow, checkOnly));
      else {
        checker ??= inline();
        inFlight.push(Promise.resolve(checkCsvBlock(block.text, nextRow, { ...ctx!, checkOnly }, checker)));
      }
      nextRow += block.records;
      if (inFlight.length >= (workers ? IN_FLIGHT_PER_WORKER * workers.size : 1)) yield await take();
    }
    while (inFlight.length) yield await take();
  } finally {
    // Settle what is still running before the workers go.
    await Promise.allSettled(inFlight);
    await workers?.close();
  }
}

export async function* recordCopyText(file: string, o: SourceOptions, stats: LoadStats): AsyncGenerator<string> {
  const source = await openRegistryFile(file);
  const checker = new RowChecker(o.def, source.headers, mapHeaders(o.def, source.headers), o.today);
  stats.firstRow = source.firstRow;
  let row = source.firstRow - 1;
  let ready: ReadyRow[] = [];
  const flush = () => {
    const out = copyRows(o.batchId, ready, o.key, quotedColumns(o.def));
    ready = [];
    o.onProgress?.({ rows: stats.rows, bytes: source.bytesRead(), size: source.size });
    return out;
  };
  for await (const record of source.records) {
    row++;
    const cells = source.headers.map((h) => record[h] ?? '');
    if (isBlankCells(cells)) continue;
    stats.rows++;
    const r = checker.checkCells(cells, row);
    if (!r.ok) {
      addProblems(stats, r.problems, r.problems.length, o.maxProblems);
      continue;
    }
    if (stats.problemCount > 0 && !o.skipInvalid) continue;
    stats.accepted++;
    ready.push({ row, id: r.id, values: r.values });
    if (ready.length >= 4000) yield flush();
  }
  if (ready.length) yield flush();
}
