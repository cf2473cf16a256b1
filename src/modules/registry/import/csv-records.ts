/**
 * A streaming CSV (RFC 4180) record parser for import files: comma-separated, fields quoted
 * with '"' ('""' inside quotes is a quote), records ending in CRLF, LF or CR, quoted fields may
 * span lines. Text arrives in chunks; only the unfinished record is kept between chunks and it
 * may not grow past `maxRecordChars`, so a 10 MB cell cannot exhaust memory.
 *
 * Written for speed (csv-parse took about a third of an import's CPU time): fields are cut
 * with indexOf/charCodeAt and slice, with no per-character callbacks. Lenient like Excel: a
 * quote inside an unquoted field is kept as is, text after a closing quote is appended.
 */
const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

export class CsvRecordError extends Error {
  constructor(
    readonly kind: 'record_too_long' | 'unclosed_quote',
    /** 1-based record number (the header is record 1). */
    readonly record: number,
    /** 1-based column where the record was cut. */
    readonly column: number,
  ) {
    super(`${kind} at record ${record}, column ${column}`);
  }
}

/** Thrown internally when the text ends inside a record. */
const INCOMPLETE = Symbol('incomplete');

export class CsvRecordParser {
  private rest = '';
  private records = 0;

  constructor(private readonly maxRecordChars: number) {}

  /** Parse a chunk; complete records are appended to `out`. */
  push(chunk: string, out: string[][]): void {
    this.parse(this.rest + chunk, false, out);
  }

  /** End of input: the last record may lack its line end. */
  end(out: string[][]): void {
    if (this.rest !== '') this.parse(this.rest, true, out);
    this.rest = '';
  }

  private parse(text: string, final: boolean, out: string[][]): void {
    let i = 0;
    while (i < text.length) {
      const fields: string[] = [];
      const next = this.record(text, i, final, fields);
      if (next === INCOMPLETE) {
        this.rest = text.slice(i);
        if (this.rest.length > this.maxRecordChars) {
          throw new CsvRecordError('record_too_long', this.records + 1, fields.length + 1);
        }
        return;
      }
      this.records++;
      out.push(fields);
      i = next;
    }
    this.rest = '';
  }

  /** One record from `start`: its fields pushed, the index after its line end returned. */
  private record(text: string, start: number, final: boolean, fields: string[]): number | typeof INCOMPLETE {
    const n = text.length;
    let i = start;
    for (;;) {
      if (i - start > this.maxRecordChars) throw new CsvRecordError('record_too_long', this.records + 1, fields.length + 1);
      let value: string;
      if (i < n && text.charCodeAt(i) === QUOTE) {
        const q = this.quoted(text, i, final, fields.length + 1);
        if (q === INCOMPLETE) return INCOMPLETE;
        [value, i] = q;
        let j = i;
        while (j < n && !isEnd(text.charCodeAt(j))) j++;
        if (j > i) value += text.slice(i, j); // text after the closing quote, kept as Excel does
        i = j;
      } else {
        let j = i;
        while (j < n && !isEnd(text.charCodeAt(j))) j++;
        value = text.slice(i, j);
        i = j;
      }
      if (i >= n && !final) return INCOMPLETE;
      fields.push(value);
      if (i >= n) return i;
      const c = text.charCodeAt(i);
      if (c === COMMA) {
        i++;
        if (i >= n && final) {
          fields.push('');
          return i;
        }
        continue;
      }
      if (c === CR) {
        if (i + 1 >= n && !final) return INCOMPLETE; // is an LF next?
        return text.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
      }
      return i + 1; // LF
    }
  }

  /** A quoted field opening at `i`: its value and the index after the closing quote. */
  private quoted(text: string, i: number, final: boolean, column: number): [string, number] | typeof INCOMPLETE {
    let value = '';
    let from = i + 1;
    for (;;) {
      const q = text.indexOf('"', from);
      if (q < 0) {
        if (final) throw new CsvRecordError('unclosed_quote', this.records + 1, column);
        return INCOMPLETE;
      }
      if (q + 1 >= text.length && !final) return INCOMPLETE; // '"' or '""'? wait for more
      if (text.charCodeAt(q + 1) === QUOTE) {
        value += text.slice(from, q + 1);
        from = q + 2;
        continue;
      }
      return [value + text.slice(from, q), q + 1];
    }
  }
}

function isEnd(c: number): boolean {
  return c === COMMA || c === LF || c === CR;
}
