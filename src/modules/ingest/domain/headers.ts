/**
 * A file's header row against a dataset's fields: each header is a field code, its Chinese
 * name or a listed alias. Unknown, repeated or missing required headers refuse the file
 * before any row is read, with the expected headers named.
 */
import { AppError } from '../../../platform/errors.js';
import type { DatasetDef, FieldDef } from '../../catalog/domain/dataset-definition.js';

const norm = (s: string) => s.replace(/^\uFEFF/, '').replace(/[\s　]+/g, '').replace(/[（(].*[)）]$/, '').toLowerCase();

export function headerIndex(def: DatasetDef): Map<string, FieldDef> {
  const index = new Map<string, FieldDef>();
  for (const f of def.fields) for (const name of [f.code, f.zh, ...(f.aliases ?? [])]) index.set(norm(name), f);
  return index;
}

/** Header text → field, in file order; refuses the file when the headers do not fit. */
export function mapHeaders(def: DatasetDef, headers: readonly string[]): Map<string, FieldDef> {
  const index = headerIndex(def);
  const mapped = new Map<string, FieldDef>();
  const unknown: string[] = [];
  const repeated: string[] = [];
  const seen = new Set<string>();
  for (const h of headers) {
    if (!h.trim()) continue;
    const f = index.get(norm(h));
    if (!f) unknown.push(h);
    else if (seen.has(f.code)) repeated.push(h);
    else {
      seen.add(f.code);
      mapped.set(h, f);
    }
  }
  const missing = def.fields.filter((f) => f.required && !seen.has(f.code));
  const expected = def.fields.map((f) => `${f.code}（${f.zh}）${f.required ? '*' : ''}`).join('、');
  if (unknown.length || repeated.length || missing.length) {
    const parts = { zh: [] as string[], en: [] as string[] };
    if (missing.length) {
      parts.zh.push(`缺少必填列：${missing.map((f) => `${f.code}（${f.zh}）`).join('、')}`);
      parts.en.push(`missing required columns: ${missing.map((f) => f.code).join(', ')}`);
    }
    if (unknown.length) {
      parts.zh.push(`无法识别的列：${unknown.join('、')}`);
      parts.en.push(`unknown columns: ${unknown.join(', ')}`);
    }
    if (repeated.length) {
      parts.zh.push(`重复的列：${repeated.join('、')}`);
      parts.en.push(`repeated columns: ${repeated.join(', ')}`);
    }
    throw new AppError('VALIDATION', {
      zh: `表头与数据集 ${def.code} 不符：${parts.zh.join('；')}。应有的列（* 为必填）：${expected}`,
      en: `the header row does not fit dataset ${def.code}: ${parts.en.join('; ')}. Expected columns (* required): ${def.fields.map((f) => `${f.code}${f.required ? '*' : ''}`).join(', ')}`,
    }, { field: 'headers', missing: missing.map((f) => f.code), unknown, repeated });
  }
  return mapped;
}
