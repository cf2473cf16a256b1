/**
 * The parameter catalog (data/policy/parameters.json): every key the platform reads, with its
 * type, unit and labels. Values are checked against the type on every write.
 */
import fs from 'node:fs';
import { DATA_DIR } from '../../../platform/reference/csv-file.js';
import { AppError } from '../../../platform/errors.js';

export type ParameterType = 'amount' | 'ratio' | 'integer' | 'percent' | 'json';

export interface ParameterDefault {
  value: unknown;
  from: string;
  to?: string;
  source: string;
}

export interface ParameterDefinition {
  key: string;
  type: ParameterType;
  unit: string;
  zh: string;
  en: string;
  defaults: ParameterDefault[];
}

let catalog: Map<string, ParameterDefinition> | undefined;

export function parameterCatalog(): Map<string, ParameterDefinition> {
  if (!catalog) {
    const file = JSON.parse(fs.readFileSync(DATA_DIR + 'policy/parameters.json', 'utf8')) as { parameters: ParameterDefinition[] };
    catalog = new Map(file.parameters.map((p) => [p.key, p]));
  }
  return catalog;
}

export function definitionOf(key: string): ParameterDefinition {
  const d = parameterCatalog().get(key);
  if (!d) {
    throw new AppError('VALIDATION', { zh: `未知的政策参数「${key}」`, en: `unknown policy parameter "${key}"` }, { field: 'key' });
  }
  return d;
}

/** Parse a value given as text (CLI) or JSON (API) into the parameter's type. */
export function parseValue(def: ParameterDefinition, raw: unknown): unknown {
  const bad = (zh: string, en: string) =>
    new AppError('VALIDATION', { zh: `参数 ${def.key} 的值「${String(raw)}」无效：${zh}`, en: `value "${String(raw)}" for ${def.key} is invalid: ${en}` }, { field: 'value' });
  if (def.type === 'json') {
    if (typeof raw !== 'string') return raw;
    try {
      return JSON.parse(raw);
    } catch {
      throw bad('应为 JSON', 'expected JSON');
    }
  }
  const n = typeof raw === 'number' ? raw : Number(String(raw).trim());
  if (!Number.isFinite(n) || n < 0) throw bad('应为非负数', 'expected a non-negative number');
  if (def.type === 'integer' && !Number.isInteger(n)) throw bad('应为整数', 'expected an integer');
  if (def.type === 'ratio' && n > 100) throw bad('倍数/比例过大', 'ratio too large');
  if (def.type === 'percent' && n > 100) throw bad('应在 0–100 之间', 'expected 0–100');
  return n;
}
