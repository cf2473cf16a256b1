/**
 * Validate a program definition before it is saved. A refusal names the part —
 * `condition.all[1].fact`, `amount.amount`, `tiers[2]` — and the value, in Chinese and English,
 * with `details.field` set to that part so the editor can show it beside the field.
 */
import { AppError } from '../../../platform/errors.js';
import type { ParameterDefinition } from '../../policy/domain/parameters.js';
import { OPERATORS, isFactRef, isParam, type Condition } from '../../monitoring/domain/indicator-definition.js';
import {
  AMOUNT_KINDS, AMOUNT_PER, AMOUNT_PERIODS, ASSESSED_FIELDS, HOUSEHOLD_FACTS, PROGRAM_TIERS, PROGRAM_TYPES,
  type FactType, type ProgramDefinition,
} from './program-definition.js';

export interface ProgramCheckContext {
  /** Catalog department codes. */
  departments: ReadonlySet<string>;
  parameters: ReadonlyMap<string, ParameterDefinition>;
}

const CODE = /^[a-z][a-z0-9_]{1,60}$/;
const TOP_KEYS = ['code', 'zh', 'en', 'type', 'department', 'tiers', 'condition', 'amount', 'description', 'legal_basis'];
const NUMERIC_PARAM_TYPES = ['amount', 'ratio', 'integer', 'percent'];
const MAX_AMOUNT = 10_000_000;

export class ProgramRefusal extends AppError {
  constructor(path: string, value: unknown, zh: string, en: string) {
    const shown = value === undefined ? '（缺失）' : cut(JSON.stringify(value));
    super('VALIDATION', {
      zh: `救助项目定义的 ${path}「${shown}」无效：${zh}`,
      en: `program definition ${path} ${value === undefined ? '(missing)' : shown} is invalid: ${en}`,
    }, { field: path });
  }
}

function cut(s: string | undefined): string {
  const t = s ?? String(s);
  return t.length > 60 ? t.slice(0, 57) + '…' : t;
}

const codes = (xs: readonly { code: string }[]) => xs.map((x) => x.code);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function oneOf(path: string, v: unknown, allowed: readonly string[]): void {
  if (typeof v !== 'string' || !allowed.includes(v)) throw new ProgramRefusal(path, v, `可选：${allowed.join(', ')}`, `must be one of: ${allowed.join(', ')}`);
}

function text(path: string, v: unknown, max = 200): void {
  if (typeof v !== 'string' || !v.trim()) throw new ProgramRefusal(path, v, '不能为空', 'must not be empty');
  if (v.length > max) throw new ProgramRefusal(path, v, `不能超过 ${max} 个字`, `must be at most ${max} characters`);
}

function noOtherKeys(path: string, o: Record<string, unknown>, known: readonly string[]): void {
  for (const k of Object.keys(o)) {
    if (!known.includes(k)) throw new ProgramRefusal(path ? `${path}.${k}` : k, o[k], `未知字段，可用：${known.join(', ')}`, `unknown field; known: ${known.join(', ')}`);
  }
}

export function checkProgram(raw: unknown, ctx: ProgramCheckContext): ProgramDefinition {
  if (!isObject(raw)) throw new ProgramRefusal('(root)', raw, '应为 JSON 对象', 'must be a JSON object');
  noOtherKeys('', raw, TOP_KEYS);
  if (typeof raw.code !== 'string' || !CODE.test(raw.code)) throw new ProgramRefusal('code', raw.code, '应为小写字母开头的字母、数字、下划线', 'must be lower-case letters, digits and underscores, starting with a letter');
  text('zh', raw.zh, 60);
  text('en', raw.en, 120);
  oneOf('type', raw.type, codes(PROGRAM_TYPES));
  oneOf('department', raw.department, [...ctx.departments]);
  checkTiers(raw.tiers);
  if (raw.condition !== undefined) checkCondition('condition', raw.condition, ctx);
  checkAmount(raw.amount);
  if (!isObject(raw.description)) throw new ProgramRefusal('description', raw.description, '应为 {"zh", "en"}', 'must be {"zh", "en"}');
  noOtherKeys('description', raw.description, ['zh', 'en']);
  text('description.zh', raw.description.zh, 2000);
  text('description.en', raw.description.en, 4000);
  text('legal_basis', raw.legal_basis, 1000);
  return raw as unknown as ProgramDefinition;
}

function checkTiers(v: unknown): void {
  if (!Array.isArray(v) || v.length === 0) throw new ProgramRefusal('tiers', v, '应为非空列表', 'must be a non-empty list');
  v.forEach((t, i) => {
    oneOf(`tiers[${i}]`, t, codes(PROGRAM_TIERS));
    if (v.indexOf(t) !== i) throw new ProgramRefusal(`tiers[${i}]`, t, '重复', 'is repeated');
  });
}

function checkAmount(v: unknown): void {
  if (!isObject(v)) throw new ProgramRefusal('amount', v, '应为 {"kind": …}', 'must be {"kind": …}');
  oneOf('amount.kind', v.kind, codes(AMOUNT_KINDS));
  const nonNegative = (path: string, x: unknown, max: number, whole = false) => {
    if (typeof x !== 'number' || !Number.isFinite(x)) throw new ProgramRefusal(path, x, '应为数值', 'must be a number');
    if (x < 0) throw new ProgramRefusal(path, x, '不能为负数', 'must not be negative');
    if (x > max) throw new ProgramRefusal(path, x, `不能超过 ${max}`, `must be at most ${max}`);
    if (whole && !Number.isInteger(x)) throw new ProgramRefusal(path, x, '应为整数', 'must be a whole number');
    if (!whole && Math.round(x * 100) !== x * 100) throw new ProgramRefusal(path, x, '最多两位小数（分）', 'at most two decimals (fen)');
  };
  switch (v.kind) {
    case 'none':
      return noOtherKeys('amount', v, ['kind']);
    case 'fixed':
      noOtherKeys('amount', v, ['kind', 'amount', 'per', 'period']);
      nonNegative('amount.amount', v.amount, MAX_AMOUNT);
      oneOf('amount.per', v.per, AMOUNT_PER);
      return oneOf('amount.period', v.period, codes(AMOUNT_PERIODS));
    case 'months_of_standard':
      noOtherKeys('amount', v, ['kind', 'months']);
      nonNegative('amount.months', v.months, 60);
      if (v.months === 0) throw new ProgramRefusal('amount.months', v.months, '应大于 0', 'must be more than 0');
      return;
    case 'assessed':
      noOtherKeys('amount', v, ['kind', 'field']);
      return oneOf('amount.field', v.field, codes(ASSESSED_FIELDS));
  }
}

/** The condition: `all` / `any` / `not` of leaves over the household facts, with values of the fact's type. */
function checkCondition(path: string, raw: unknown, ctx: ProgramCheckContext): asserts raw is Condition {
  if (!isObject(raw)) throw new ProgramRefusal(path, raw, '条件应为 {"all": [...]}、{"any": [...]}、{"not": {...}} 或 {"fact", "operator", "value"}', 'a condition is {"all": [...]}, {"any": [...]}, {"not": {...}} or {"fact", "operator", "value"}');
  if ('all' in raw || 'any' in raw || 'not' in raw) {
    const k = 'all' in raw ? 'all' : 'any' in raw ? 'any' : 'not';
    noOtherKeys(path, raw, [k]);
    if (k === 'not') return checkCondition(`${path}.not`, raw.not, ctx);
    const parts = raw[k];
    if (!Array.isArray(parts) || parts.length === 0) throw new ProgramRefusal(`${path}.${k}`, parts, '应为非空列表', 'must be a non-empty list');
    parts.forEach((p, i) => checkCondition(`${path}.${k}[${i}]`, p, ctx));
    return;
  }
  if (!('fact' in raw)) throw new ProgramRefusal(path, raw, '应含 all、any、not 或 fact', 'needs all, any, not or fact');
  noOtherKeys(path, raw, ['fact', 'operator', 'value']);
  const fact = HOUSEHOLD_FACTS.find((f) => f.code === raw.fact);
  if (!fact) throw new ProgramRefusal(`${path}.fact`, raw.fact, `未知的家庭事实，可用：${codes(HOUSEHOLD_FACTS).join(', ')}`, `unknown household fact; known: ${codes(HOUSEHOLD_FACTS).join(', ')}`);
  const allowedOps = operatorsFor(fact.type);
  oneOf(`${path}.operator`, raw.operator, allowedOps);
  checkValue(path, raw.operator as string, raw.value, fact, ctx);
}

/** Sets (contains, contains_any) are not household facts; ordering needs numbers. */
function operatorsFor(type: FactType): string[] {
  const all = OPERATORS.map((o) => o.code as string).filter((o) => o !== 'contains' && o !== 'contains_any');
  return type === 'number' ? all : all.filter((o) => !['gt', 'gte', 'lt', 'lte'].includes(o));
}

function checkValue(path: string, op: string, v: unknown, fact: { type: FactType; values?: readonly string[] }, ctx: ProgramCheckContext): void {
  const at = `${path}.value`;
  if (op === 'is_null' || op === 'not_null') {
    if (v !== undefined) throw new ProgramRefusal(at, v, `${op} 不需要值`, `${op} takes no value`);
    return;
  }
  if (v === undefined) throw new ProgramRefusal(at, v, '缺少比较值', 'the value to compare with is missing');
  const scalarOk = (x: unknown) =>
    fact.type === 'number' ? typeof x === 'number' && Number.isFinite(x)
      : fact.type === 'boolean' ? typeof x === 'boolean'
        : typeof x === 'string' && (!fact.values || fact.values.includes(x));
  const expected = fact.type === 'text' && fact.values ? `${fact.values.join(' / ')}` : fact.type;
  if (op === 'in' || op === 'not_in') {
    if (!Array.isArray(v) || v.length === 0 || !v.every(scalarOk)) throw new ProgramRefusal(at, v, `应为非空列表，元素为 ${expected}`, `must be a non-empty list of ${expected} values`);
    return;
  }
  if (isFactRef(v)) throw new ProgramRefusal(at, v, '救助项目的条件不能引用其他事实', "a program's condition cannot refer to another fact");
  if (isParam(v)) {
    if (fact.type !== 'number') throw new ProgramRefusal(at, v, '政策参数只能与数值比较', 'parameters only compare with numbers');
    const p = typeof v.param === 'string' ? ctx.parameters.get(v.param) : undefined;
    if (!p) throw new ProgramRefusal(`${at}.param`, v.param, '没有这个政策参数', 'no such policy parameter');
    if (!NUMERIC_PARAM_TYPES.includes(p.type)) throw new ProgramRefusal(`${at}.param`, v.param, `参数类型为 ${p.type}，此处需要数值`, `the parameter is of type ${p.type}; a number is needed here`);
    return;
  }
  if (!scalarOk(v)) throw new ProgramRefusal(at, v, `类型应为 ${expected}`, `must be of type ${expected}`);
}

/** Every policy parameter a program's condition refers to. */
export function conditionParams(c: Condition | undefined): string[] {
  if (!c) return [];
  if ('fact' in c) return isParam(c.value) ? [c.value.param] : [];
  if ('all' in c) return c.all.flatMap(conditionParams);
  if ('any' in c) return c.any.flatMap(conditionParams);
  return conditionParams(c.not);
}
