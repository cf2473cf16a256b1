/**
 * Citizen ID numbers (公民身份号码, GB 11643-1999).
 *
 * 18 characters: 6-digit address code (GB/T 2260) + 8-digit birth date (YYYYMMDD) +
 * 3-digit sequence code (odd = male, even = female) + check character (ISO 7064 MOD 11-2,
 * '0'–'9' or 'X'). The old 15-digit form has a 6-digit birth date (19YYMMDD) and no check
 * character; it is upgraded to the 18-digit form.
 *
 * `checkIdNumber` reports every problem it finds, each naming the part that is wrong.
 */
import { bilingual } from '../../../platform/errors.js';
import { systemClock } from '../../../platform/clock.js';
import { addressCodeProblem } from './address-codes.js';

export type IdErrorPart = 'length' | 'characters' | 'address' | 'birth_date' | 'sequence' | 'check';

export interface IdError {
  part: IdErrorPart;
  code: string;
  /** "中文 / English" */
  message: string;
}

export interface IdCheck {
  valid: boolean;
  errors: IdError[];
  /** Normalized 18-character form (uppercase X; a 15-digit number upgraded), when it could be formed. */
  id_number?: string;
  /** YYYY-MM-DD, when the birth-date part is a real date. */
  birth_date?: string;
  /** From the sequence code's last digit: odd = male. */
  sex?: 'male' | 'female';
  address_code?: string;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';
const EARLIEST_BIRTH_DATE = '1900-01-01';

/** ISO 7064 MOD 11-2 check character of the first 17 digits: '0'–'9' or 'X'. */
export function checkCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new Error(bilingual({ zh: '需要17位数字', en: `17 digits required, got "${first17}"` }));
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK_CHARACTERS[sum % 11];
}

/** Upgrade an old 15-digit number (birth year 19YY) to 18 characters with its check character. */
export function upgrade15(raw15: string): string {
  const old = raw15.trim();
  if (!/^\d{15}$/.test(old)) {
    throw new Error(bilingual({ zh: '需要15位数字', en: `15 digits required, got "${raw15}"` }));
  }
  const first17 = `${old.slice(0, 6)}19${old.slice(6)}`;
  return first17 + checkCharacter(first17);
}

/** Keep the first 6 and last 4 characters: 220102********123X. */
export function maskIdNumber(id: string): string {
  const s = id.trim();
  if (s.length <= 10) return '*'.repeat(s.length);
  return s.slice(0, 6) + '*'.repeat(s.length - 10) + s.slice(-4);
}

/** The parts of an 18-character number, read positionally. */
interface IdParts {
  address: string;
  birth: string; // YYYYMMDD
  sequence: string;
  check: string | undefined; // undefined for the 15-digit form
}

export function checkIdNumber(raw: string, today: string = systemClock.today()): IdCheck {
  const text = (raw ?? '').trim().toUpperCase();
  const errors: IdError[] = [];
  const result: IdCheck = { valid: false, errors };

  if (text.length !== 18 && text.length !== 15) {
    errors.push(lengthError(text.length));
    return result;
  }
  const parts = splitParts(text);
  errors.push(...characterErrors(text));

  if (isDigits(parts.address)) {
    result.address_code = parts.address;
    errors.push(...addressErrors(parts.address));
  }
  if (isDigits(parts.birth)) {
    const date = toIsoDate(parts.birth);
    if (date) result.birth_date = date;
    errors.push(...birthDateErrors(parts.birth, date, today));
  }
  if (isDigits(parts.sequence)) {
    result.sex = Number(parts.sequence[2]) % 2 === 1 ? 'male' : 'female';
    if (parts.sequence === '000') errors.push(sequenceError());
  }
  const first17 = parts.address + parts.birth + parts.sequence;
  if (isDigits(first17)) {
    const expected = checkCharacter(first17);
    const actual = parts.check ?? expected;
    if (/^[\dX]$/.test(actual)) result.id_number = first17 + actual;
    if (parts.check !== undefined && /^[\dX]$/.test(actual) && actual !== expected) {
      errors.push(checkError(expected, actual));
    }
  }
  result.valid = errors.length === 0;
  return result;
}

function splitParts(text: string): IdParts {
  if (text.length === 15) {
    return { address: text.slice(0, 6), birth: `19${text.slice(6, 12)}`, sequence: text.slice(12, 15), check: undefined };
  }
  return { address: text.slice(0, 6), birth: text.slice(6, 14), sequence: text.slice(14, 17), check: text[17] };
}

function isDigits(s: string): boolean {
  return /^\d+$/.test(s);
}

/** 'YYYY-MM-DD' when YYYYMMDD is a real calendar date, else undefined. */
function toIsoDate(yyyymmdd: string): string | undefined {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (month < 1 || month > 12 || day < 1) return undefined;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return undefined;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

function error(part: IdErrorPart, code: string, zh: string, en: string): IdError {
  return { part, code, message: bilingual({ zh, en }) };
}

function lengthError(length: number): IdError {
  return error(
    'length',
    'id_length',
    `长度错误：应为18位（或15位旧号码），实为 ${length} 位`,
    `wrong length: expected 18 characters (or 15 for the old form), got ${length}`,
  );
}

/** One error listing every position holding a character not allowed there (positions from 1). */
function characterErrors(text: string): IdError[] {
  const bad: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const allowed = i === 17 ? /[\dX]/ : /\d/;
    if (!allowed.test(ch)) bad.push(`${i + 1}:'${ch}'`);
  }
  if (bad.length === 0) return [];
  const list = bad.join(', ');
  const rule = text.length === 18 ? '前17位须为数字，末位为数字或X' : '15位旧号码须全为数字';
  const ruleEn = text.length === 18 ? 'the first 17 must be digits, the last a digit or X' : 'an old 15-digit number must be all digits';
  return [error('characters', 'id_characters', `字符错误（第 ${list} 位）：${rule}`, `invalid characters at ${list}: ${ruleEn}`)];
}

function addressErrors(code6: string): IdError[] {
  const problem = addressCodeProblem(code6);
  if (problem === 'unknown_province') {
    const p = code6.slice(0, 2);
    return [error('address', 'id_province_unknown', `地址码错误：省级代码不存在（${p}）`, `wrong address code: province code does not exist (${p})`)];
  }
  if (problem === 'unknown_jilin_code') {
    return [
      error(
        'address',
        'id_address_unknown',
        `地址码错误：吉林省无此行政区划代码（${code6}）`,
        `wrong address code: ${code6} is not a Jilin division code (GB/T 2260, current or retired)`,
      ),
    ];
  }
  return [];
}

function birthDateErrors(yyyymmdd: string, date: string | undefined, today: string): IdError[] {
  if (!date) {
    return [error('birth_date', 'id_birth_date_invalid', `出生日期错误：${yyyymmdd} 不是有效日期`, `wrong birth date: ${yyyymmdd} is not a real date`)];
  }
  if (date > today) {
    return [error('birth_date', 'id_birth_date_future', `出生日期错误：${date} 晚于今天（${today}）`, `wrong birth date: ${date} is in the future (today ${today})`)];
  }
  if (date < EARLIEST_BIRTH_DATE) {
    return [
      error('birth_date', 'id_birth_date_too_early', `出生日期错误：${date} 早于 1900-01-01`, `wrong birth date: ${date} is before 1900-01-01`),
    ];
  }
  return [];
}

function sequenceError(): IdError {
  return error('sequence', 'id_sequence_zero', '顺序码错误：不能为 000', 'wrong sequence code: 000 is not allowed');
}

function checkError(expected: string, actual: string): IdError {
  return error('check', 'id_check_mismatch', `校验码错误：应为 ${expected}，实为 ${actual}`, `wrong check character: expected ${expected}, got ${actual}`);
}
