/**
 * Reading the `data` of a case step: each field checked, the wrong one named in Chinese and
 * English. Pure: no database, no clock (today is passed in).
 */
import { AppError } from '../../../platform/errors.js';

export type Data = Record<string, unknown>;

export function invalid(field: string, zh: string, en: string): AppError {
  return new AppError('VALIDATION', { zh: `${field}：${zh}`, en: `${field}: ${en}` }, { field });
}

export function asData(raw: unknown): Data {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw invalid('data', '应为对象', 'must be an object');
  return raw as Data;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isDate(v: unknown): v is string {
  if (typeof v !== 'string' || !DATE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

export function optionalText(d: Data, field: string, max = 2000, prefix = 'data'): string | null {
  const v = d[field];
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string') throw invalid(`${prefix}.${field}`, '应为文字', 'must be text');
  const t = v.trim();
  if (t.length > max) throw invalid(`${prefix}.${field}`, `不能超过 ${max} 字`, `at most ${max} characters`);
  return t || null;
}

export function requiredText(d: Data, field: string, zhName: string, max = 2000, prefix = 'data'): string {
  const t = optionalText(d, field, max, prefix);
  if (!t) throw invalid(`${prefix}.${field}`, `请填写${zhName}`, 'is required');
  return t;
}

export function oneOf<T extends string>(d: Data, field: string, allowed: readonly T[], prefix = 'data'): T | null {
  const v = d[field];
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    throw invalid(`${prefix}.${field}`, `「${String(v)}」无效，可选：${allowed.join(', ')}`, `"${String(v)}" is not one of ${allowed.join(', ')}`);
  }
  return v as T;
}

export function subsetOf<T extends string>(d: Data, field: string, allowed: readonly T[], prefix = 'data'): T[] | null {
  const v = d[field];
  if (v === undefined || v === null) return null;
  if (!Array.isArray(v)) throw invalid(`${prefix}.${field}`, '应为列表', 'must be a list');
  const bad = v.filter((x) => typeof x !== 'string' || !(allowed as readonly string[]).includes(x));
  if (bad.length) throw invalid(`${prefix}.${field}`, `「${bad.join(', ')}」无效，可选：${allowed.join(', ')}`, `"${bad.join(', ')}" not in ${allowed.join(', ')}`);
  return [...new Set(v as T[])];
}

export function optionalDate(d: Data, field: string, today: string, prefix = 'data'): string | null {
  const v = d[field];
  if (v === undefined || v === null || v === '') return null;
  if (!isDate(v)) throw invalid(`${prefix}.${field}`, `「${String(v)}」不是有效日期（YYYY-MM-DD）`, `"${String(v)}" is not a date (YYYY-MM-DD)`);
  if (v > today) throw invalid(`${prefix}.${field}`, '不能晚于今天', 'cannot be in the future');
  return v;
}

/** A money amount in CNY: a finite number ≥ 0 with at most two decimals. */
export function amount(d: Data, field: string, opts: { required?: boolean; positive?: boolean } = {}, prefix = 'data'): number | null {
  const v = d[field];
  if (v === undefined || v === null || v === '') {
    if (opts.required) throw invalid(`${prefix}.${field}`, '请填写金额', 'is required');
    return null;
  }
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (!Number.isFinite(n) || n < 0) throw invalid(`${prefix}.${field}`, `「${String(v)}」应为非负金额`, `"${String(v)}" must be a non-negative amount`);
  if (Math.round(n * 100) !== n * 100 && Math.abs(Math.round(n * 100) - n * 100) > 1e-6) throw invalid(`${prefix}.${field}`, '最多两位小数', 'at most two decimals');
  if (opts.positive && n === 0) throw invalid(`${prefix}.${field}`, '应大于 0', 'must be more than 0');
  if (n > 1e10) throw invalid(`${prefix}.${field}`, '金额过大', 'too large');
  return n;
}

export function count(d: Data, field: string, prefix = 'data'): number | null {
  const v = d[field];
  if (v === undefined || v === null || v === '') return null;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 10_000) throw invalid(`${prefix}.${field}`, `「${String(v)}」应为非负整数`, `"${String(v)}" must be a whole number ≥ 0`);
  return n;
}

export function flag(d: Data, field: string, fallback: boolean, prefix = 'data'): boolean {
  const v = d[field];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'boolean') throw invalid(`${prefix}.${field}`, '应为 true 或 false', 'must be true or false');
  return v;
}

export function idList(d: Data, field: string, prefix = 'data'): string[] | null {
  const v = d[field];
  if (v === undefined || v === null) return null;
  if (!Array.isArray(v) || v.some((x) => !/^\d{1,18}$/.test(String(x)))) throw invalid(`${prefix}.${field}`, '应为人员编号列表', 'must be a list of person ids');
  return [...new Set(v.map(String))];
}
