/**
 * One cell of a department's file, read as its catalog type. Each reader returns the value
 * (as it goes into the COPY text) or a reason in Chinese and English; nothing is guessed.
 */
import { checkCharacter, checkIdNumber } from '../../registry/domain/id-number.js';
import { addressCodeProblem } from '../../registry/domain/address-codes.js';
import { excelSerialDate, parseDate } from '../../registry/domain/registry-row.js';
import type { FieldDef } from '../../catalog/domain/dataset-definition.js';

/** Why a cell cannot be read. (A value read is returned as its string: no object per cell.) */
export class Unreadable {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {}
}

export type Read = string | Unreadable;

const ok = (value: string): Read => value;
const no = (zh: string, en: string): Read => new Unreadable(zh, en);

/** 1.2E+11, 2.20102E+17: what Excel makes of a long number in a cell not formatted as text. */
const SCIENTIFIC = /^\d+(\.\d+)?E\+\d+$/i;
const MAX_TEXT = 500;
const MAX_AMOUNT = 1e12;

/**
 * The common case in millions of rows, without building error lists: 18 characters, the right
 * check character, a real birth date not after today, a known address code. Anything else goes
 * through checkIdNumber, which explains what is wrong.
 */
function plainValidId(v: string, today: string): boolean {
  if (v.length !== 18) return false;
  for (let i = 0; i < 17; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  const last = v.charCodeAt(17);
  if (!((last >= 48 && last <= 57) || last === 88)) return false;
  if (checkCharacter(v.slice(0, 17)) !== v[17]) return false;
  const date = `${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)}`;
  if (!isIsoDate(date) || date > today || date < '1900-01-01') return false;
  if (v.slice(14, 17) === '000') return false;
  return addressCodeProblem(v.slice(0, 6)) === undefined;
}

export function readIdNumber(v: string, today: string): Read {
  if (plainValidId(v, today)) return v;
  if (SCIENTIFIC.test(v)) {
    return no('被 Excel 转成了科学计数法（如 1.2E+11），号码已丢失：请把该列设为“文本”后重新导出', 'Excel turned it into scientific notation (like 1.2E+11) and the digits are lost: format the column as text and export again');
  }
  const check = checkIdNumber(v, today);
  if (!check.valid || !check.id_number) {
    const why = check.errors.map((e) => e.message);
    return no(`身份证号无效：${why.map((m) => m.split(' / ')[0]).join('；')}`, `invalid ID number: ${why.map((m) => m.split(' / ')[1] ?? m).join('; ')}`);
  }
  return check.id_number;
}

const DIGIT_AT = [0, 1, 2, 3, 5, 6, 8, 9];
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** YYYY-MM-DD that is a real calendar date, checked without regular expressions. */
function isIsoDate(v: string): boolean {
  if (v.length !== 10 || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45) return false;
  for (const i of DIGIT_AT) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  const y = +v.slice(0, 4);
  const m = +v.slice(5, 7);
  const d = +v.slice(8, 10);
  if (m < 1 || m > 12 || d < 1 || y < 1900) return false;
  const leap = m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= DAYS[m - 1] + (leap ? 1 : 0);
}

function readDate(v: string, today: string): Read {
  const d = isIsoDate(v) ? v : parseDate(v);
  if (!d) return no('不是有效日期（应为 YYYY-MM-DD，如 2024-02-29）', 'not a valid date (expected YYYY-MM-DD, e.g. 2024-02-29)');
  if (d > today) return no(`日期 ${d} 晚于接收日期 ${today}`, `date ${d} is after the day of receipt, ${today}`);
  return ok(d);
}

function readMonth(v: string, today: string): Read {
  if (/^\d{5}(\.0+)?$/.test(v)) {
    const serial = excelSerialDate(Number(v)); // an Excel date cell
    if (serial) return readMonth(serial.slice(0, 7), today);
  }
  const m = v.match(/^(\d{4})[-/.年]?(\d{1,2})月?$/);
  if (m) {
    const month = Number(m[2]);
    if (month >= 1 && month <= 12 && Number(m[1]) >= 1900) {
      const d = `${m[1]}-${String(month).padStart(2, '0')}-01`;
      if (d > today) return no(`月份 ${d.slice(0, 7)} 晚于接收日期`, `month ${d.slice(0, 7)} is after the day of receipt`);
      return ok(d);
    }
  }
  const full = parseDate(v);
  if (full) return readMonth(full.slice(0, 7), today);
  return no('不是有效月份（应为 YYYY-MM）', 'not a valid month (expected YYYY-MM)');
}

const PLAIN_AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;
const PLAIN_INTEGER = /^\d{1,9}$/;

function readNumber(v: string, f: FieldDef, kind: 'amount' | 'number' | 'integer'): Read {
  // The common case: digits as they should be, within any bounds; taken as written.
  if (f.min === undefined && f.max === undefined && (kind === 'integer' ? PLAIN_INTEGER : PLAIN_AMOUNT).test(v) && (v.length === 1 || v.charCodeAt(0) !== 48 || v.charCodeAt(1) === 46)) {
    return v;
  }
  const s = v.replace(/[,，¥￥\s]/g, '').replace(/元$/, '');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return no('不是数字', 'not a number');
  const n = Number(s);
  if (n < 0) return no('不能为负数', 'must not be negative');
  if (kind === 'integer' && !Number.isInteger(n)) return no('应为整数', 'expected a whole number');
  if (kind === 'integer' && n > 2_147_483_647) return no('整数过大', 'whole number too large');
  if (kind === 'amount' && n > MAX_AMOUNT) return no('金额过大', 'amount too large');
  if (f.min !== undefined && n < f.min) return no(`应不小于 ${f.min}`, `must be at least ${f.min}`);
  if (f.max !== undefined && n > f.max) return no(`应不大于 ${f.max}`, `must be at most ${f.max}`);
  if (kind === 'integer') return ok(String(n));
  return ok(kind === 'amount' ? (Math.round(n * 100) / 100).toString() : s.replace(/^(-?)0+(?=\d)/, '$1'));
}

const TRUE = new Set(['true', '是', '1', 'yes', 'y', '有']);
const FALSE = new Set(['false', '否', '0', 'no', 'n', '无']);

function readBoolean(v: string): Read {
  const s = v.toLowerCase();
  if (TRUE.has(s)) return ok('true');
  if (FALSE.has(s)) return ok('false');
  return no('应为 是/否（true/false、1/0）', 'expected true/false (是/否, 1/0)');
}

function readEnum(v: string, f: FieldDef): Read {
  const lower = v.toLowerCase();
  const hit = f.values!.find((e) => e.code.toLowerCase() === lower || e.zh === v);
  if (hit) return ok(hit.code);
  const list = f.values!.map((e) => `${e.code}（${e.zh}）`).join('、');
  return no(`应为 ${list} 之一`, `expected one of ${f.values!.map((e) => e.code).join(', ')}`);
}

function readText(v: string): Read {
  // eslint-disable-next-line no-control-regex
  if (v.length > MAX_TEXT || /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v)) return no(`应为不超过 ${MAX_TEXT} 字的文本`, `expected text of at most ${MAX_TEXT} characters`);
  return ok(v);
}

/** A non-empty, trimmed cell read as the field's type. */
export function readValue(f: FieldDef, v: string, today: string): Read {
  switch (f.type) {
    case 'id_number':
      return readIdNumber(v, today);
    case 'date':
      return readDate(v, today);
    case 'month':
      return readMonth(v, today);
    case 'amount':
    case 'number':
    case 'integer':
      return readNumber(v, f, f.type);
    case 'boolean':
      return readBoolean(v);
    case 'enum':
      return readEnum(v, f);
    default:
      return readText(v);
  }
}
