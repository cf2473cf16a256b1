/**
 * Decoded CSV text → blocks of whole records, for checking on worker threads. The scan follows
 * the record parser's rules (a quote opens a field only at its start; "" inside quotes is a
 * quote; a record ends at LF, CRLF or a lone CR outside quotes), so each block's record count,
 * and thus every row number, is the one the parser will see. Blocks without any quote or CR
 * take a fast path that only counts line feeds.
 */
import { AppError } from '../../../platform/errors.js';

const MAX_RECORD_CHARS = 64 * 1024;
const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

export interface CsvBlock {
  text: string;
  /** Records in the block (blank ones included). */
  records: number;
}

export class CsvBlockSplitter {
  private rest = '';
  private inQuotes = false;
  private fieldStart = true;
  /** The index in `rest` already scanned. */
  private scanned = 0;
  private records = 0;
  private lastEnd = 0;

  constructor(private readonly targetChars = 1 << 20) {}

  /** Add text; returns the blocks that are complete. */
  push(chunk: string, maxBlocks = Infinity): CsvBlock[] {
    this.rest += chunk;
    const out: CsvBlock[] = [];
    while (out.length < maxBlocks) {
      this.scan();
      if (this.lastEnd < this.targetChars) break;
      out.push({ text: this.rest.slice(0, this.lastEnd), records: this.records });
      this.rest = this.rest.slice(this.lastEnd);
      this.scanned -= this.lastEnd;
      this.records = 0;
      this.lastEnd = 0;
    }
    if (this.scanned >= this.rest.length && this.rest.length - this.lastEnd > MAX_RECORD_CHARS) {
      throw new AppError('VALIDATION', {
        zh: '某一行的内容过长（超过 64 KB），文件可能有误（例如引号未闭合）',
        en: 'a record is far too long (over 64 KB); the file is probably wrong (an unclosed quote?)',
      });
    }
    return out;
  }

  /** The text not yet cut into blocks (the splitter starts over empty). */
  takeRest(): string {
    const r = this.rest;
    this.rest = '';
    this.scanned = 0;
    this.records = 0;
    this.lastEnd = 0;
    this.inQuotes = false;
    this.fieldStart = true;
    return r;
  }

  /** End of text: the last block, whose final record may lack a line end. */
  end(): CsvBlock | undefined {
    this.scan();
    if (this.rest === '') return undefined;
    const tailHasRecord = this.lastEnd < this.rest.length;
    return { text: this.rest, records: this.records + (tailHasRecord ? 1 : 0) };
  }

  private scan(): void {
    const t = this.rest;
    const n = t.length;
    let i = this.scanned;
    if (!this.inQuotes && t.indexOf('"', i) < 0 && t.indexOf('\r', i) < 0) {
      // Fast path: no quotes, no CR: records end at each LF.
      for (let j = t.indexOf('\n', i); j >= 0; j = t.indexOf('\n', j + 1)) {
        this.records++;
        this.lastEnd = j + 1;
        if (this.lastEnd >= this.targetChars) {
          this.scanned = this.lastEnd;
          this.fieldStart = true;
          return;
        }
      }
      this.scanned = n;
      this.fieldStart = n === this.lastEnd || t.charCodeAt(n - 1) === COMMA;
      return;
    }
    let inQuotes = this.inQuotes;
    let fieldStart = this.fieldStart;
    for (; i < n; i++) {
      const c = t.charCodeAt(i);
      if (inQuotes) {
        if (c === QUOTE) {
          if (i + 1 >= n) break; // "" or closing quote? wait for more text
          if (t.charCodeAt(i + 1) === QUOTE) i++;
          else inQuotes = false;
        }
        continue;
      }
      if (c === QUOTE && fieldStart) {
        inQuotes = true;
        fieldStart = false;
      } else if (c === COMMA) fieldStart = true;
      else if (c === LF) {
        this.records++;
        this.lastEnd = i + 1;
        fieldStart = true;
      } else if (c === CR) {
        if (i + 1 >= n) break; // CRLF or a lone CR? wait for more text
        if (t.charCodeAt(i + 1) === LF) i++;
        this.records++;
        this.lastEnd = i + 1;
        fieldStart = true;
      } else fieldStart = false;
      if (this.lastEnd >= this.targetChars && this.lastEnd === i + 1) {
        i++;
        break;
      }
    }
    this.scanned = i;
    this.inQuotes = inQuotes;
    this.fieldStart = fieldStart;
  }
}
