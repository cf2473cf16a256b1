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
import { Readable } from 'node:stream';
import { isAscii } from 'node:buffer';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { AppError } from '../../../platform/errors.js';

export type RawRecord = Record<string, string>;

export interface FileSource {
  format: 'csv' | 'xlsx';
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
/** A record (all cells of a row) longer than this stops the CSV parser before memory grows. */
const MAX_RECORD_CHARS = 64 * 1024;
/** Bytes after the first non-ASCII byte used to tell UTF-8 from GBK. */
const SNIFF_BYTES = 64 * 1024;

const refuse = (zh: string, en: string, details?: unknown) => new AppError('VALIDATION', { zh, en }, details);

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

const emptyFile = () => refuse('文件为空：没有表头行', 'the file is empty: no header row');

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

function cellTooLong(row: number, column: string, limit: number): AppError {
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
  const parser = parse({ relax_column_count: true, max_record_size: MAX_RECORD_CHARS, skip_empty_lines: false });
  const input = Readable.from(decoded.chunks());
  input.on('error', (err) => parser.destroy(err));
  input.pipe(parser);
  const it = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  const next = async (records: number): Promise<IteratorResult<string[]>> => {
    try {
      return await it.next();
    } catch (err) {
      throw csvError(err, records);
    }
  };
  let first = await next(0);
  let records = 1;
  while (!first.done && first.value.every((v) => v.trim() === '')) {
    first = await next(records++); // leading blank lines before the header
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
      const r = await next(row);
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
    headers, firstRow: headerRow + 1, records: rows(), size, bytesRead: () => bytes,
  };
}

/** csv-parse errors in the clerk's terms (row and column); decoding errors pass through. */
function csvError(err: unknown, records: number): Error {
  if (err instanceof AppError) return err;
  const e = err as Error & { code?: string; records?: number; column?: number | string };
  if (e.code === 'CSV_MAX_RECORD_SIZE') {
    const row = (e.records ?? records) + 1;
    return refuse(
      `第 ${row} 行（第 ${Number(e.column ?? 0) + 1} 列）的内容过长，文件可能有误（例如引号未闭合）`,
      `row ${row} (column ${Number(e.column ?? 0) + 1}) is far too long; the file is probably wrong (an unclosed quote?)`,
      { row },
    );
  }
  if (e.code?.startsWith('CSV_')) {
    return refuse(`CSV 格式错误：${e.message}`, `malformed CSV: ${e.message}`, { code: e.code });
  }
  return e;
}

/**
 * Bytes → text. A UTF-8 BOM means UTF-8. Otherwise the encoding is decided at the first
 * non-ASCII byte, from the 64 KB that follow: valid UTF-8 is UTF-8, else valid GBK (decoded
 * as GB18030, its superset) is GBK, else the file is refused. Later invalid bytes refuse it too.
 */
export class TextSource {
  encoding: 'utf-8' | 'gbk' | undefined;
  private bytes = 0;

  constructor(private readonly input: AsyncIterable<Buffer | string>) {}

  async *chunks(): AsyncGenerator<string> {
    let pending: Buffer[] = [];
    let pendingSize = 0;
    let decode: ((b: Buffer, end?: boolean) => string) | undefined;
    let first = true;
    for await (const raw of this.input) {
      let chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
      if (first) {
        chunk = this.sniffStart(chunk);
        first = false;
        if (this.encoding) decode = this.decoder(this.encoding);
      }
      if (decode) {
        yield decode(chunk);
        continue;
      }
      if (pendingSize === 0) {
        const at = isAscii(chunk) ? -1 : chunk.findIndex((b) => b >= 0x80);
        if (at < 0) {
          this.bytes += chunk.length;
          yield chunk.toString('latin1'); // pure ASCII: the same in every candidate encoding
          continue;
        }
        if (at > 0) yield chunk.subarray(0, at).toString('latin1');
        this.bytes += at;
        chunk = chunk.subarray(at);
      }
      pending.push(chunk);
      pendingSize += chunk.length;
      if (pendingSize >= SNIFF_BYTES) {
        decode = this.decide(Buffer.concat(pending));
        yield decode(Buffer.concat(pending));
        pending = [];
      }
    }
    if (first) return;
    if (!decode && pendingSize > 0) {
      const all = Buffer.concat(pending);
      decode = this.decide(all);
      yield decode(all);
    }
    if (decode) yield decode(Buffer.alloc(0), true);
  }

  private sniffStart(chunk: Buffer): Buffer {
    if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
      this.encoding = 'utf-8';
      return chunk.subarray(3);
    }
    if ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff) || chunk.subarray(0, 4096).includes(0)) {
      throw refuse(
        '不是文本文件，或为 UTF-16 编码：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”或 .xlsx',
        'not a text file, or UTF-16 encoded: in Excel, save as "CSV UTF-8 (comma delimited)" or .xlsx',
      );
    }
    return chunk;
  }

  private decide(sample: Buffer): (b: Buffer, end?: boolean) => string {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
      this.encoding = 'utf-8';
    } catch {
      const text = iconv.getDecoder('gb18030').write(sample);
      // eslint-disable-next-line no-control-regex
      if (text.includes('\uFFFD') || /[\u0000-\u0008\u000e-\u001f]/.test(text)) {
        throw refuse(
          '无法识别文件编码：既不是 UTF-8 也不是 GBK。请在 Excel 中另存为“CSV UTF-8（逗号分隔）”或 .xlsx',
          'cannot tell the file\'s encoding: it is neither UTF-8 nor GBK. In Excel, save as "CSV UTF-8 (comma delimited)" or .xlsx',
        );
      }
      this.encoding = 'gbk';
    }
    return this.decoder(this.encoding);
  }

  private decoder(encoding: 'utf-8' | 'gbk'): (b: Buffer, end?: boolean) => string {
    if (encoding === 'utf-8') {
      const td = new TextDecoder('utf-8', { fatal: true });
      return (b, end) => {
        try {
          const s = end ? td.decode() : td.decode(b, { stream: true });
          this.bytes += b.length;
          return s;
        } catch {
          throw this.invalidBytes('UTF-8');
        }
      };
    }
    const dec = iconv.getDecoder('gb18030');
    return (b, end) => {
      const s = end ? (dec.end() ?? '') : dec.write(b);
      if (s.includes('\uFFFD')) throw this.invalidBytes('GBK');
      this.bytes += b.length;
      return s;
    };
  }

  private invalidBytes(encoding: string): AppError {
    return refuse(
      `文件按 ${encoding} 编码读取，但在第 ${this.bytes} 字节附近遇到无效字符：文件可能混用了编码或已损坏`,
      `the file reads as ${encoding} but has invalid bytes near byte ${this.bytes}: mixed encodings or a corrupt file`,
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
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const rows = guardStall(firstSheetRows(reader), input, stallMs);
  let first = await rows.next();
  while (!first.done && rowValues(first.value).every((v) => v.trim() === '')) first = await rows.next();
  if (first.done) throw refuse('XLSX 文件的第一个工作表为空：没有表头行', 'the first worksheet of the XLSX file is empty: no header row');
  const headerRow = first.value.number;
  const headers = rowValues(first.value).map((h) => h.trim());
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
      yield toRecord(headers, rowValues(r.value), r.value.number, limit);
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
  values: unknown;
}

async function* firstSheetRows(reader: ExcelJS.stream.xlsx.WorkbookReader): AsyncGenerator<SheetRow> {
  let sheets = 0;
  for await (const sheet of reader) {
    sheets++;
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) yield { number: row.number, values: row.values };
    break;
  }
  if (sheets === 0) throw refuse('XLSX 文件中没有工作表', 'the XLSX file has no worksheet');
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

/** Cell values of a row as text, position 0 = column A. */
function rowValues(row: SheetRow): string[] {
  const values = Array.isArray(row.values) ? (row.values as unknown[]).slice(1) : [];
  return Array.from(values, (v) => cellText(v));
}

/** ExcelJS cell value → text. Dates become YYYY-MM-DD (dates here are calendar dates). */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((t) => t.text ?? '').join('');
    if ('result' in o || 'formula' in o || 'sharedFormula' in o) return cellText(o.result);
    if ('text' in o) return cellText(o.text);
    if ('error' in o) return String(o.error);
  }
  return String(v);
}
