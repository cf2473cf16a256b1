import { describe, expect, it } from 'vitest';
import { CsvBlockSplitter } from './csv-blocks.js';
import { CsvRecordParser } from '../../registry/import/csv-records.js';

function parsed(text: string): number {
  const p = new CsvRecordParser(1e9);
  const out: string[][] = [];
  p.push(text, out);
  p.end(out);
  return out.length;
}

/** A deterministic pseudo-random sequence, so a failure can be replayed. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('cutting CSV text into blocks of whole records', () => {
  it('counts the records the parser sees, whatever the quotes, line ends and chunking', () => {
    const rand = lcg(42);
    for (let trial = 0; trial < 500; trial++) {
      let text = '';
      const rows = 1 + Math.floor(rand() * 40);
      for (let r = 0; r < rows; r++) {
        const cells = [0, 1, 2].map((c) => {
          const k = rand();
          return k < 0.2 ? `"a,b""\n${c}"` : k < 0.3 ? 'x"y' : k < 0.35 ? '' : k < 0.4 ? '"\r\n"' : `v${c}`;
        });
        text += cells.join(',') + (rand() < 0.2 ? '\r\n' : rand() < 0.05 ? '\r' : '\n');
        if (rand() < 0.1) text += '\n';
      }
      if (rand() < 0.3) text = text.replace(/[\r\n]+$/, '');
      const splitter = new CsvBlockSplitter(1 + Math.floor(rand() * 40));
      const blocks = [];
      for (let i = 0; i < text.length; ) {
        const k = 1 + Math.floor(rand() * 15);
        blocks.push(...splitter.push(text.slice(i, i + k)));
        i += k;
      }
      const last = splitter.end();
      if (last) blocks.push(last);
      expect(blocks.map((b) => b.text).join(''), `trial ${trial}`).toBe(text);
      expect(blocks.reduce((n, b) => n + b.records, 0), `trial ${trial}`).toBe(parsed(text));
      for (const b of blocks) expect(b.records, `trial ${trial}: ${JSON.stringify(b.text)}`).toBe(parsed(b.text));
    }
  });

  it('refuses a record that never ends (an unclosed quote) before memory grows', () => {
    const splitter = new CsvBlockSplitter(1024);
    splitter.push('a,b\n"unclosed');
    expect(() => {
      for (let i = 0; i < 100; i++) splitter.push('x'.repeat(1024));
    }).toThrow(/过长.*far too long/);
  });
});
