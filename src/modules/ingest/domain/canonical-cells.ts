/**
 * Cells already in the form readValue (field-values.ts) would give back, recognised in place
 * (a range of the file's text, no string cut out, nothing allocated) for the check worker's
 * fast path. Each test is only a sufficient condition: when it holds, readValue(f, cell, today)
 * returns exactly the cell; when it does not, the caller asks readValue itself. So these tests
 * must stay in step with the readers they shadow (field-values.test.ts compares them on many
 * generated cells).
 */
import { addressCodeProblem } from '../../registry/domain/address-codes.js';

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** '10X98765432' as character codes: the check character for each remainder mod 11. */
const CHECK_CODES = [49, 48, 88, 57, 56, 55, 54, 53, 52, 51, 50];

/** YYYY-MM-DD as the number YYYYMMDD, or -1 when `iso` is not of that shape. */
export function dayNumber(iso: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? Number(iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10)) : -1;
}

function digit(text: string, i: number): number {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** A real calendar day from 1900 on, not after `today` (YYYYMMDD). */
function realDay(y: number, m: number, d: number, today: number): boolean {
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
  const leap = m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= DAYS[m - 1] + (leap ? 1 : 0) && y * 10000 + m * 100 + d <= today;
}

/** text[a, b) is YYYY-MM-DD, a real day from 1900 on, not after today: readDate returns it. */
export function isCanonicalDate(text: string, a: number, b: number, today: number): boolean {
  if (b - a !== 10 || text.charCodeAt(a + 4) !== 45 || text.charCodeAt(a + 7) !== 45) return false;
  const y0 = digit(text, a), y1 = digit(text, a + 1), y2 = digit(text, a + 2), y3 = digit(text, a + 3);
  const m0 = digit(text, a + 5), m1 = digit(text, a + 6), d0 = digit(text, a + 8), d1 = digit(text, a + 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return false;
  return realDay(y0 * 1000 + y1 * 100 + y2 * 10 + y3, m0 * 10 + m1, d0 * 10 + d1, today);
}

/**
 * text[a, b) is digits as readNumber takes them unchanged when the field has no bounds: at
 * most `intDigits` digits (12 for amounts and numbers, 9 for integers), then, if `fraction`,
 * optionally '.' and one or two digits; no leading zero except before the point.
 */
export function isCanonicalNumber(text: string, a: number, b: number, intDigits: number, fraction: boolean): boolean {
  let i = a;
  while (i < b && digit(text, i) >= 0) i++;
  const digits = i - a;
  if (digits < 1 || digits > intDigits) return false;
  if (i < b) {
    if (!fraction || text.charCodeAt(i) !== 46) return false;
    const f = b - i - 1;
    if (f < 1 || f > 2 || digit(text, i + 1) < 0 || (f === 2 && digit(text, i + 2) < 0)) return false;
  }
  // PLAIN_AMOUNT's leading-zero rule: "0", "0.5", "12", not "012".
  return b - a === 1 || text.charCodeAt(a) !== 48 || text.charCodeAt(a + 1) === 46;
}

/** What String.prototype.trim removes (for code points from U+0020 up; below are all trimmed or control). */
function isTrimmedSpace(c: number): boolean {
  return c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * text[a, b) is text readText takes as it is and COPY text can hold unquoted: at most 500
 * characters, none below U+0020 nor U+007F, no space of any kind at either end. (The caller's
 * cell holds no quote, comma or line break.)
 */
export function isCanonicalText(text: string, a: number, b: number): boolean {
  if (b - a > 500 || b <= a) return false;
  if (isTrimmedSpace(text.charCodeAt(a)) || isTrimmedSpace(text.charCodeAt(b - 1))) return false;
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 || c === 127) return false;
  }
  return true;
}

/** addressCodeProblem per 6-digit code, remembered: 0 not asked yet, 1 known, 2 unknown. */
const ADDRESS_CODES = new Uint8Array(1_000_000);

/**
 * text[a, a + 18) is an ID number plainValidId (field-values.ts) accepts: 17 digits and the
 * right check character ('X' upper case), a real birth date from 1900 on, not after today,
 * a sequence other than 000 and a known address code. readIdNumber returns it unchanged.
 */
export function isCanonicalIdNumber(text: string, a: number, b: number, today: number): boolean {
  if (b - a !== 18) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const d = digit(text, a + i);
    if (d < 0) return false;
    sum += d * WEIGHTS[i];
  }
  if (text.charCodeAt(a + 17) !== CHECK_CODES[sum % 11]) return false;
  const y = digit(text, a + 6) * 1000 + digit(text, a + 7) * 100 + digit(text, a + 8) * 10 + digit(text, a + 9);
  if (!realDay(y, digit(text, a + 10) * 10 + digit(text, a + 11), digit(text, a + 12) * 10 + digit(text, a + 13), today)) return false;
  if (digit(text, a + 14) === 0 && digit(text, a + 15) === 0 && digit(text, a + 16) === 0) return false;
  let code = 0;
  for (let i = 0; i < 6; i++) code = code * 10 + digit(text, a + i);
  let known = ADDRESS_CODES[code];
  if (known === 0) known = ADDRESS_CODES[code] = addressCodeProblem(text.slice(a, a + 6)) === undefined ? 1 : 2;
  return known === 1;
}
