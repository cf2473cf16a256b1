/**
 * JSON Lines files as a stream of raw records, like CSV and XLSX (file-source.ts).
 */
import fs from 'node:fs';
import { cellTooLong, emptyFile, refuse, type FileSource, type RawRecord } from './file-source.js';

/**
 * One JSON object per line (UTF-8). The first object's keys are the headers; a later line
 * with another key, or a line that is not a JSON object, refuses the file (it is malformed,
 * not a bad row). Numbers and booleans become their text; null is empty.
 */
export async function openJsonLines(file: string, size: number, limit: number): Promise<FileSource> {
  let bytes = 0;
  const lines = async function* (): AsyncGenerator<string> {
    let rest = '';
    const decoder = new TextDecoder('utf-8', { fatal: true });
    try {
      for await (const chunk of fs.createReadStream(file, { highWaterMark: 256 * 1024 })) {
        bytes += (chunk as Buffer).length;
        const text = rest + decoder.decode(chunk as Buffer, { stream: true });
        const parts = text.split('\n');
        rest = parts.pop()!;
        yield* parts;
      }
      rest += decoder.decode();
    } catch {
      throw refuse('JSON Lines 文件应为 UTF-8 编码', 'a JSON Lines file must be UTF-8');
    }
    if (rest) yield rest;
  };
  const it = lines();
  let lineNo = 0;
  const parse = (line: string): Record<string, unknown> | undefined => {
    const t = line.replace(/^\uFEFF/, '').trim();
    if (!t) return undefined;
    let v: unknown;
    try {
      v = JSON.parse(t);
    } catch {
      throw refuse(`第 ${lineNo} 行不是有效的 JSON（文件可能被截断）`, `line ${lineNo} is not valid JSON (is the file truncated?)`, { row: lineNo });
    }
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw refuse(`第 ${lineNo} 行不是 JSON 对象`, `line ${lineNo} is not a JSON object`, { row: lineNo });
    return v as Record<string, unknown>;
  };
  let first: Record<string, unknown> | undefined;
  for (;;) {
    const r = await it.next();
    if (r.done) throw emptyFile();
    lineNo++;
    first = parse(r.value);
    if (first) break;
  }
  const headers = Object.keys(first);
  const known = new Set(headers);
  const headerLine = lineNo - 1;
  const toText = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  const record = (o: Record<string, unknown>): RawRecord => {
    const rec: RawRecord = {};
    for (const [k, v] of Object.entries(o)) {
      if (!known.has(k)) throw refuse(`第 ${lineNo} 行有首行没有的字段「${k}」`, `line ${lineNo} has a field the first line does not: "${k}"`, { row: lineNo });
      const s = toText(v);
      if (s.length > limit) throw cellTooLong(lineNo, k, limit);
      rec[k] = s;
    }
    return rec;
  };
  async function* rows(): AsyncGenerator<RawRecord> {
    yield record(first!);
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      lineNo++;
      const o = parse(r.value);
      yield o ? record(o) : {};
    }
  }
  return { format: 'jsonl', encoding: 'utf-8', headers, firstRow: headerLine + 1, records: rows(), size, bytesRead: () => bytes };
}
