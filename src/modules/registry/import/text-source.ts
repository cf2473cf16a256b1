/**
 * Import file bytes → text, telling UTF-8 from GBK without reading the file twice.
 */
import { isAscii } from 'node:buffer';
import iconv from 'iconv-lite';
import { AppError } from '../../../platform/errors.js';

/** Bytes after the first non-ASCII byte used to tell UTF-8 from GBK. */
const SNIFF_BYTES = 64 * 1024;

const refuse = (zh: string, en: string) => new AppError('VALIDATION', { zh, en });

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

  private decide(pending: Buffer): (b: Buffer, end?: boolean) => string {
    const sample = pending.subarray(0, SNIFF_BYTES);
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
