import { describe, expect, it } from 'vitest';
import { dayNumber, isCanonicalDate, isCanonicalIdNumber, isCanonicalNumber, isCanonicalText } from './canonical-cells.js';
import { readValue } from './field-values.js';
import { csvField } from '../../../platform/db/csv-field.js';
import { checkCharacter } from '../../registry/domain/id-number.js';
import type { FieldDef } from '../../catalog/domain/dataset-definition.js';

const TODAY = '2026-11-01';
const today = dayNumber(TODAY);
const field = (type: FieldDef['type']): FieldDef => ({ code: 'f', zh: 'f', en: 'f', type, required: false, pii: 'none' });

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}
const rand = lcg(2026);
const pick = <T>(xs: readonly T[] | string): T => xs[Math.floor(rand() * xs.length)] as T;
const randomText = (alphabet: string, min: number, max: number) => Array.from({ length: min + Math.floor(rand() * (max - min + 1)) }, () => pick<string>(alphabet)).join('');
const two = (n: number) => String(n).padStart(2, '0');

/** Each recogniser on many cells, half near the canonical form: whenever it says yes, readValue agrees. */
function agrees(type: FieldDef['type'], cells: string[], canonical: (s: string) => boolean): number {
  let yes = 0;
  for (const s of cells) {
    if (!canonical(s)) continue;
    yes++;
    // The RowChecker hands readValue a trimmed, non-empty cell; recognised cells need no trimming.
    expect(s.trim(), JSON.stringify(s)).toBe(s);
    expect(readValue(field(type), s, TODAY), JSON.stringify(s)).toBe(s);
  }
  return yes;
}

describe('cells recognised in place are what readValue gives back', () => {
  it('dates', () => {
    const cells = Array.from({ length: 20_000 }, () =>
      rand() < 0.6 ? `${1890 + Math.floor(rand() * 140)}-${two(Math.floor(rand() * 14))}-${two(Math.floor(rand() * 33))}` : randomText('0123456789-/ .', 8, 11),
    );
    cells.push('2026-11-01', '2026-11-02', '2024-02-29', '2023-02-29', '1900-01-01', '1899-12-31');
    const yes = agrees('date', cells, (s) => isCanonicalDate(s, 0, s.length, today));
    expect(yes).toBeGreaterThan(3000);
    expect(isCanonicalDate('2026-11-02', 0, 10, today)).toBe(false);
    expect(isCanonicalDate('2023-02-29', 0, 10, today)).toBe(false);
  });

  it('amounts, numbers and integers', () => {
    const cells = Array.from({ length: 20_000 }, () => randomText(rand() < 0.7 ? '0123456789.' : '0123456789.,-+eE ¥元', 1, 16));
    cells.push('0', '0.5', '00', '012', '999999999999.99', '1000000000000', '999999999', '1000000000', '.5', '5.', '1.234');
    expect(agrees('amount', cells, (s) => isCanonicalNumber(s, 0, s.length, 12, true))).toBeGreaterThan(2000);
    expect(agrees('number', cells, (s) => isCanonicalNumber(s, 0, s.length, 12, true))).toBeGreaterThan(2000);
    expect(agrees('integer', cells, (s) => isCanonicalNumber(s, 0, s.length, 9, false))).toBeGreaterThan(500);
  });

  it('text, which COPY also takes unquoted', () => {
    const alphabet = 'ab H.-\t\u0001\u007f\u00a0\u3000\ufeff\u2028中文😀';
    const cells = Array.from({ length: 20_000 }, () => randomText(alphabet, 1, 8));
    cells.push('x'.repeat(500), 'x'.repeat(501));
    const yes = agrees('text', cells, (s) => isCanonicalText(s, 0, s.length));
    expect(yes).toBeGreaterThan(1000);
    for (const s of cells) if (isCanonicalText(s, 0, s.length)) expect(csvField(s)).toBe(s);
  });

  it('ID numbers', () => {
    const addresses = ['220102', '220181', '110101', '990101', '220199', '000000'];
    const cells = Array.from({ length: 20_000 }, () => {
      const first17 = `${pick(addresses)}${1890 + Math.floor(rand() * 140)}${two(Math.floor(rand() * 14))}${two(Math.floor(rand() * 33))}${rand() < 0.1 ? '000' : String(Math.floor(rand() * 1000)).padStart(3, '0')}`;
      const check = rand() < 0.8 ? checkCharacter(first17) : pick<string>('0123456789Xx');
      return rand() < 0.9 ? first17 + check : randomText('0123456789Xx', 15, 19);
    });
    const yes = agrees('id_number', cells, (s) => isCanonicalIdNumber(s, 0, s.length, today));
    expect(yes).toBeGreaterThan(2000);
  });
});
