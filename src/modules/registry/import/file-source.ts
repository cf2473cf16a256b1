/**
 * An import file as a stream of raw records (header → cell text), whatever its format:
 * CSV in UTF-8 (with or without BOM) or GBK/GB18030, or XLSX (first worksheet). Nothing is
 * held whole in memory: CSV is decoded and parsed as it is read, XLSX goes through ExcelJS's
 * streaming reader. Files that cannot be read are refused with a clear bilingual message.
 *
 * Every record is yielded, blank ones too (as {}), so the n-th record is spreadsheet row
 * `firstRow + n`: row numbers in reports match what the clerk sees.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { AppError } from '../../../platform/errors.js';
import { CsvRecordError, CsvRecordParser } from './csv-records.js';
import { TextSource } from './text-source.js';
import { openJsonLines } from './jsonl-source.js';

export type RawRecord = Record<string, string>;

export interface FileSource {
  format: 'csv' | 'xlsx' | 'jsonl';
  encoding: 'utf-8' | 'gbk' | null;
  headers: string[];
  /** Spreadsheet row number of the first record (the header row is firstRow - 1). */
  firstRow: number;
  records: AsyncIterable<RawRecord>;
  /** File size and bytes read so far, for progress estimates. */
  size: number;
  bytesRead(): number;
}

export interface OpenOptions {
  maxCellChars?: number;
  /** XLSX: give up when the reader makes no progress this long after the file was read. */
  stallMs?: number;
}

export const MAX_CELL_CHARS = 2000;
/** A record (all cells of a row) longer than this stops the CSV reader before memory grows. */
const MAX_RECORD_CHARS = 64 * 1024;

export const refuse = (zh: string, en: string, details?: unknown) => new AppError('VALIDATION', { zh, en }, details);

/** What kind of file this is, from its first bytes and name; refuses what cannot be read. */
export async function detectFormat(file: string): Promise<{ format: 'csv' | 'xlsx' | 'jsonl'; size: number }> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(file);
  } catch {
    throw refuse(`无法读取文件：${file}`, `cannot read the file: ${file}`);
  }
  if (!stat.isFile()) throw refuse(`不是文件：${file}`, `not a file: ${file}`);
  if (stat.size === 0) throw emptyFile();
  const head = await readHead(file, 8);
  const ext = path.extname(file).toLowerCase();
  if (head.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) return { format: 'xlsx', size: stat.size };
  if (head.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0])) || ext === '.xls') {
    throw refuse('不支持旧版 Excel 97-2003（.xls）文件，请另存为 .xlsx 或 CSV', 'old Excel 97-2003 (.xls) files are not supported: save as .xlsx or CSV');
  }
  if (ext === '.jsonl' || ext === '.ndjson' || head.toString('utf8').replace(/^\uFEFF/, '').trimStart().startsWith('{')) return { format: 'jsonl', size: stat.size };
  if (ext === '.xlsx' || ext === '.xlsm') {
    throw refuse('文件扩展名为 .xlsx，但内容不是 XLSX（文件可能已损坏）', 'the file is named .xlsx but is not an XLSX workbook (it may be corrupt)');
  }
  return { format: 'csv', size: stat.size };
}

/** The file's bytes as text (UTF-8 with or without BOM, or GBK), as TextSource decodes them. */
export function csvText(file: string): { chunks: AsyncIterable<string>; bytesRead(): number; encoding(): 'utf-8' | 'gbk' } {
  let bytes = 0;
  const counted = async function* (): AsyncGenerator<Buffer> {
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 1024 * 1024 })) {
      bytes += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
  };
  const decoded = new TextSource(counted());
  return { chunks: decoded.chunks(), bytesRead: () => bytes, encoding: () => decoded.encoding ?? 'utf-8' };
}

export async function openRegistryFile(file: string, opts: OpenOptions = {}): Promise<FileSource> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(file);
  } catch {
    throw refuse(`无法读取文件：${file}`, `cannot read the file: ${file}`);
  }
  if (!stat.isFile()) throw refuse(`不是文件：${file}`, `not a file: ${file}`);
  if (stat.size === 0) throw emptyFile();
  const head = await readHead(file, 8);
  const ext = path.extname(file).toLowerCase();
  const limit = opts.maxCellChars ?? MAX_CELL_CHARS;
  if (head.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) return openXlsx(file, stat.size, limit, opts.stallMs ?? 10_000);
  if (head.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0])) || ext === '.xls') {
    throw refuse('不支持旧版 Excel 97-2003（.xls）文件，请另存为 .xlsx 或 CSV', 'old Excel 97-2003 (.xls) files are not supported: save as .xlsx or CSV');
  }
  if (ext === '.jsonl' || ext === '.ndjson' || head.toString('utf8').replace(/^\uFEFF/, '').trimStart().startsWith('{')) return openJsonLines(file, stat.size, limit);
  if (ext === '.xlsx' || ext === '.xlsm') {
    throw refuse('文件扩展名为 .xlsx，但内容不是 XLSX（文件可能已损坏）', 'the file is named .xlsx but is not an XLSX workbook (it may be corrupt)');
  }
  return openCsv(file, stat.size, limit);
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export const emptyFile = () => refuse('文件为空：没有表头行', 'the file is empty: no header row');

async function readHead(file: string, n: number): Promise<Buffer> {
  const fh = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

export function cellTooLong(row: number, column: string, limit: number): AppError {
  return refuse(
    `第 ${row} 行「${column.slice(0, 50)}」列的内容超过 ${limit} 个字符，文件可能有误`,
    `row ${row}, column "${column.slice(0, 50)}": cell longer than ${limit} characters; the file is probably wrong`,
    { row, column },
  );
}

/** Header + values → record. Values beyond the header, or under an empty header, go under ''. */
function toRecord(headers: readonly string[], values: readonly string[], row: number, limit: number): RawRecord {
  const rec: RawRecord = {};
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v.length > limit) throw cellTooLong(row, headers[i] ?? `#${i + 1}`, limit);
    const key = headers[i] ?? '';
    if (key === '' && (v.trim() === '' || rec[''])) continue;
    rec[key] = v;
  }
  return rec;
}

// ---------------------------------------------------------------- CSV

async function openCsv(file: string, size: number, limit: number): Promise<FileSource> {
  let bytes = 0;
  const counted = async function* (): AsyncGenerator<Buffer> {
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 256 * 1024 })) {
      bytes += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
  };
  const decoded = new TextSource(counted());
  const it = csvRecords(decoded.chunks());
  let first = await it.next();
  let records = 1;
  while (!first.done && first.value.every((v) => v.trim() === '')) {
    first = await it.next(); // leading blank lines before the header
    records++;
  }
  if (first.done) throw emptyFile();
  const headers = first.value.map((h) => h.trim());
  const headerRow = records;
  headers.forEach((h, i) => {
    if (h.length > limit) throw cellTooLong(headerRow, `#${i + 1}`, limit);
  });
  async function* rows(): AsyncGenerator<RawRecord> {
    let row = headerRow;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      row++;
      yield toRecord(headers, r.value, row, limit);
    }
  }
  return {
    format: 'csv',
    /** Known once the first non-ASCII byte has been read; ASCII-only files are UTF-8. */
    get encoding() {
      return decoded.encoding ?? 'utf-8';
    },
    headers,
    firstRow: headerRow + 1,
    records: rows(),
    size,
    bytesRead: () => bytes,
  };
}

/** Text chunks → CSV records, with parse errors in the clerk's terms (row and column). */
async function* csvRecords(chunks: AsyncIterable<string>): AsyncGenerator<string[]> {
  const parser = new CsvRecordParser(MAX_RECORD_CHARS);
  let out: string[][] = [];
  try {
    for await (const chunk of chunks) {
      parser.push(chunk, out);
      yield* out;
      out = [];
    }
    parser.end(out);
    yield* out;
  } catch (err) {
    if (!(err instanceof CsvRecordError)) throw err;
    if (err.kind === 'unclosed_quote') {
      throw refuse(
        `第 ${err.record} 行第 ${err.column} 列的引号没有闭合，文件不完整或格式有误`,
        `row ${err.record}, column ${err.column}: a quote is never closed; the file is incomplete or malformed`,
        { row: err.record, column: err.column },
      );
    }
    throw refuse(
      `第 ${err.record} 行（第 ${err.column} 列起）的内容过长，文件可能有误（例如引号未闭合）`,
      `row ${err.record} (from column ${err.column}) is far too long; the file is probably wrong (an unclosed quote?)`,
      { row: err.record, column: err.column },
    );
  }
}

// ---------------------------------------------------------------- XLSX

async function openXlsx(file: string, size: number, limit: number, stallMs: number): Promise<FileSource> {
  await checkZipEnd(file, size);
  const input = fs.createReadStream(file);
  let bytes = 0;
  input.on('data', (chunk) => (bytes += chunk.length));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'emit',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const rows = guardStall(firstSheetRows(reader), input, stallMs);
  let first = await rows.next();
  while (!first.done && first.value.values.every((v) => v.trim() === '')) first = await rows.next();
  if (first.done) throw refuse('XLSX 文件的第一个工作表为空：没有表头行', 'the first worksheet of the XLSX file is empty: no header row');
  const headerRow = first.value.number;
  const headers = first.value.values.map((h) => h.trim());
  headers.forEach((h, i) => {
    if (h.length > limit) throw cellTooLong(headerRow, `#${i + 1}`, limit);
  });
  while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();
  async function* records(): AsyncGenerator<RawRecord> {
    let expected = headerRow + 1;
    for (;;) {
      const r = await rows.next();
      if (r.done) return;
      for (; expected < r.value.number; expected++) yield {}; // rows the sheet leaves out are blank
      expected = r.value.number + 1;
      yield toRecord(headers, r.value.values, r.value.number, limit);
    }
  }
  return { format: 'xlsx', encoding: null, headers, firstRow: headerRow + 1, records: records(), size, bytesRead: () => bytes };
}

const corruptXlsx = () =>
  refuse('XLSX 文件不完整或已损坏（可能未下载/复制完整），请重新保存后再导入', 'the XLSX file is truncated or corrupt (an incomplete download or copy?): save it again and retry');

/** A zip ends with its end-of-central-directory record; a truncated file does not. */
async function checkZipEnd(file: string, size: number): Promise<void> {
  const n = Math.min(size, 65_557);
  const fh = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    await fh.read(buf, 0, n, size - n);
    if (buf.lastIndexOf(Buffer.from('PK\x05\x06', 'latin1')) < 0) throw corruptXlsx();
  } finally {
    await fh.close();
  }
}

interface SheetRow {
  number: number;
  /** Cell texts, position 0 = column A. */
  values: string[];
}

/**
 * The first worksheet's rows as text. Shared strings are taken as ExcelJS emits them into a
 * compact store (UTF-8 bytes + offsets: about a third of the memory of JS strings), and rows
 * are turned to text at once so ExcelJS's row objects die young.
 */
async function* firstSheetRows(reader: ExcelJS.stream.xlsx.WorkbookReader): AsyncGenerator<SheetRow> {
  const strings = new SharedStrings();
  // parse() yields {index, text} per shared string and {eventType: 'worksheet', value} per sheet;
  // with shared strings emitted, every sheet is parsed after the whole archive has been read.
  type Event = { index?: number; text?: unknown; eventType?: string; value?: unknown };
  const events = { [Symbol.asyncIterator]: () => reader.parse() } as AsyncIterable<Event>;
  for await (const { index, text, eventType, value } of events) {
    if (typeof index === 'number') {
      strings.add(cellText(text));
    } else if (eventType === 'worksheet') {
      for await (const row of value as AsyncIterable<ExcelJS.Row>) {
        const cells = Array.isArray(row.values) ? (row.values as unknown[]).slice(1) : [];
        yield { number: row.number, values: Array.from(cells, (v) => cellText(v, strings)) };
      }
      return;
    }
  }
  throw refuse('XLSX 文件中没有工作表', 'the XLSX file has no worksheet');
}

/** Shared strings in index order, as UTF-8 in 8 MB blocks with (block, offset, length) per string. */
class SharedStrings {
  private static readonly BLOCK = 8 * 1024 * 1024;
  private blocks: Buffer[] = [];
  private block = Buffer.allocUnsafe(0);
  private used = 0;
  private index = new Uint32Array(3 * 1024);
  private count = 0;

  add(text: string): void {
    const len = Buffer.byteLength(text);
    if (this.used + len > this.block.length) {
      this.block = Buffer.allocUnsafe(Math.max(SharedStrings.BLOCK, len));
      this.blocks.push(this.block);
      this.used = 0;
    }
    this.block.write(text, this.used);
    if (3 * this.count + 3 > this.index.length) {
      const grown = new Uint32Array(this.index.length * 2);
      grown.set(this.index);
      this.index = grown;
    }
    this.index.set([this.blocks.length - 1, this.used, len], 3 * this.count++);
    this.used += len;
  }

  get(i: number): string {
    if (!(i >= 0 && i < this.count)) return '';
    const [block, offset, len] = this.index.subarray(3 * i, 3 * i + 3);
    return this.blocks[block].toString('utf8', offset, offset + len);
  }
}

/**
 * ExcelJS's streaming reader waits forever on some corrupt archives. Once the whole file has
 * been read, a reader that produces nothing for `stallMs` is treated as a corrupt file.
 */
function guardStall<T>(it: AsyncGenerator<T>, input: fs.ReadStream, stallMs: number): AsyncGenerator<T> {
  let ended = false;
  let onEnd: (() => void) | undefined;
  input.on('close', () => {
    ended = true;
    onEnd?.();
  });
  const wrapped = async function* (): AsyncGenerator<T> {
    for (;;) {
      let timer: NodeJS.Timeout | undefined;
      const stall = new Promise<never>((_, reject) => {
        const arm = () => {
          timer = setTimeout(() => reject(corruptXlsx()), stallMs);
          timer.unref();
        };
        if (ended) arm();
        else onEnd = arm;
      });
      try {
        const r = await Promise.race([it.next(), stall]);
        if (r.done) return;
        yield r.value;
      } catch (err) {
        input.destroy();
        throw err instanceof AppError ? err : xlsxError(err);
      } finally {
        clearTimeout(timer);
        onEnd = undefined;
      }
    }
  };
  return wrapped();
}

function xlsxError(err: unknown): AppError {
  const m = (err as Error).message ?? String(err);
  return refuse(`XLSX 文件无法读取：${m}`, `cannot read the XLSX file: ${m}`);
}

/** ExcelJS cell value → text. Dates become YYYY-MM-DD (dates here are calendar dates). */
export function cellText(v: unknown, strings?: SharedStrings): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  // A whole number beyond 2^53 has lost digits (an ID number typed into a number cell): show it
  // as Excel does, 2.20102E+17, so the checks say so instead of reading a rounded, wrong number.
  if (typeof v === 'number') return Number.isInteger(v) ? (Number.isSafeInteger(v) ? v.toFixed(0) : v.toExponential().toUpperCase()) : String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.sharedString === 'number') return strings?.get(o.sharedString) ?? '';
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((t) => t.text ?? '').join('');
    if ('result' in o || 'formula' in o || 'sharedFormula' in o) return cellText(o.result, strings);
    if ('text' in o) return cellText(o.text, strings);
    if ('error' in o) return String(o.error);
  }
  return String(v);
}
