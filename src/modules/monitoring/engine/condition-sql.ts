/**
 * Conditions to SQL boolean expressions with the pure evaluator's two-valued logic: every
 * comparison is wrapped in coalesce(…, false), so a NULL fact makes a leaf false and `not`
 * of it true — exactly as `evaluate` in domain/condition.ts.
 */
import { isFactRef, isLeaf, isParam, isRowLeaf, type Condition, type Leaf, type RowCondition, type ValueRef } from '../domain/indicator-definition.js';
import type { FactType } from '../domain/indicator-definition.js';
import { bool, date, num, text, textArray } from './sql-text.js';

/** How a fact reads in SQL, and its type. */
export interface FactSql {
  sql: string;
  type: FactType;
}

export type ParamValues = ReadonlyMap<string, number>;

const COMPARE: Record<string, string> = { eq: '=', ne: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' };

export function conditionSql(c: Condition, facts: ReadonlyMap<string, FactSql>, params: ParamValues): string {
  if (isLeaf(c)) return leafSql(c, facts, params);
  if ('all' in c) return `(${c.all.map((x) => conditionSql(x, facts, params)).join(' AND ')})`;
  if ('any' in c) return `(${c.any.map((x) => conditionSql(x, facts, params)).join(' OR ')})`;
  return `(NOT ${conditionSql(c.not, facts, params)})`;
}

export function leafSql(leaf: Leaf, facts: ReadonlyMap<string, FactSql>, params: ParamValues): string {
  const f = facts.get(leaf.fact);
  if (!f) throw new Error(`fact ${leaf.fact} has no SQL`);
  return compare(f, leaf.operator, leaf.value === undefined ? undefined : valueSql(leaf.value, f.type, facts, params));
}

/** The threshold a leaf compares with, as a jsonb expression (JSON null when it has none). */
export function thresholdJson(leaf: Leaf, facts: ReadonlyMap<string, FactSql>, params: ParamValues): string {
  if (leaf.value === undefined) return `'null'::jsonb`;
  const f = facts.get(leaf.fact)!;
  const v = valueSql(leaf.value, f.type, facts, params);
  if (f.type === 'set' && !Array.isArray(leaf.value)) return `to_jsonb((${v})::text)`;
  if (Array.isArray(leaf.value) || f.type === 'set') return `to_jsonb(${v})`;
  const cast = f.type === 'number' ? 'numeric' : f.type === 'date' ? 'date' : f.type === 'boolean' ? 'boolean' : 'text';
  return `to_jsonb((${v})::${cast})`;
}

/** A dataset fact's row filter over the dataset table's columns (alias d). */
export function rowConditionSql(c: RowCondition, fields: ReadonlyMap<string, FactType>): string {
  if (isRowLeaf(c)) {
    const type = fields.get(c.field)!;
    const f = { sql: `d."${c.field}"`, type };
    return compare(f, c.operator, c.value === undefined ? undefined : valueSql(c.value, type, new Map(), new Map()));
  }
  if ('all' in c) return `(${c.all.map((x) => rowConditionSql(x, fields)).join(' AND ')})`;
  if ('any' in c) return `(${c.any.map((x) => rowConditionSql(x, fields)).join(' OR ')})`;
  return `(NOT ${rowConditionSql(c.not, fields)})`;
}

function compare(f: FactSql, op: Leaf['operator'], v: string | undefined): string {
  switch (op) {
    case 'is_null': return `(${f.sql} IS NULL)`;
    case 'not_null': return `(${f.sql} IS NOT NULL)`;
    case 'contains': return `coalesce(${f.sql} @> ARRAY[${v}]::text[], false)`;
    case 'contains_any': return `coalesce(${f.sql} && ${v}, false)`;
    case 'in': return `coalesce(${f.sql} = ANY(${v}), false)`;
    case 'not_in': return `coalesce(${f.sql} <> ALL(${v}), false)`;
    default: return `coalesce(${f.sql} ${COMPARE[op]} ${v}, false)`;
  }
}

function valueSql(v: ValueRef, type: FactType, facts: ReadonlyMap<string, FactSql>, params: ParamValues): string {
  if (isParam(v)) return num(param(params, v.param));
  if (isFactRef(v)) {
    const base = facts.get(v.fact)!;
    const times = v.times === undefined ? 1 : isParam(v.times) ? param(params, v.times.param) : v.times;
    return `((${base.sql})::numeric * ${num(times)})`;
  }
  if (Array.isArray(v)) {
    if (type === 'set' || type === 'text') return textArray(v.map(String));
    if (type === 'number') return `ARRAY[${v.map((x) => num(x as number)).join(', ')}]::numeric[]`;
    if (type === 'date') return `ARRAY[${v.map((x) => date(String(x))).join(', ')}]::date[]`;
    return `ARRAY[${v.map((x) => bool(Boolean(x))).join(', ')}]::boolean[]`;
  }
  if (type === 'number') return num(v as number);
  if (type === 'date') return date(String(v));
  if (type === 'boolean') return bool(v as boolean);
  return text(String(v));
}

function param(params: ParamValues, key: string): number {
  const p = params.get(key);
  if (p === undefined) throw new Error(`policy parameter ${key} was not resolved for this run`);
  return p;
}
