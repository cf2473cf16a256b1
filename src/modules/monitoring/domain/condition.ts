/**
 * The pure evaluator of an indicator's condition over one subject's fact values. The SQL the
 * engine compiles must agree with it row for row (test/monitoring/compiled-vs-pure.test.ts):
 *   - a comparison with a missing value (NULL) is false, so `not` of it is true;
 *   - numbers compare exactly as decimals (0.1 + 0.2 = 0.3), as PostgreSQL's numeric does;
 *   - dates compare as YYYY-MM-DD text; sets (categories) are arrays of codes.
 */
import { isFactRef, isLeaf, isParam, isRowLeaf, type Condition, type Leaf, type RowCondition, type ValueRef } from './indicator-definition.js';
import { compareDecimal, multiplyDecimal, type Decimal } from './decimal.js';

export type FactValue = number | string | boolean | string[] | null;
export type FactValues = Record<string, FactValue>;

export interface LeafResult {
  leaf: Leaf;
  value: FactValue;
  threshold: FactValue | FactValue[];
  passed: boolean;
}

export function evaluate(c: Condition, facts: FactValues, params: ReadonlyMap<string, number>): boolean {
  if (isLeaf(c)) return evaluateLeaf(c, facts, params).passed;
  if ('all' in c) return c.all.every((x) => evaluate(x, facts, params));
  if ('any' in c) return c.any.some((x) => evaluate(x, facts, params));
  return !evaluate(c.not, facts, params);
}

export function evaluateLeaf(leaf: Leaf, facts: FactValues, params: ReadonlyMap<string, number>): LeafResult {
  const value = facts[leaf.fact] ?? null;
  const threshold = resolveValue(leaf.value, facts, params);
  return { leaf, value, threshold, passed: test(leaf.operator, value, threshold) };
}

/** A row filter of a dataset fact, over one row's field values. */
export function evaluateRow(c: RowCondition, row: Record<string, unknown>): boolean {
  if (isRowLeaf(c)) return test(c.operator, (row[c.field] ?? null) as FactValue, (c.value ?? null) as FactValue | FactValue[]);
  if ('all' in c) return c.all.every((x) => evaluateRow(x, row));
  if ('any' in c) return c.any.some((x) => evaluateRow(x, row));
  return !evaluateRow(c.not, row);
}

export function resolveValue(v: ValueRef | undefined, facts: FactValues, params: ReadonlyMap<string, number>): FactValue | FactValue[] {
  if (v === undefined) return null;
  if (isParam(v)) return paramValue(params, v.param);
  if (isFactRef(v)) {
    const base = facts[v.fact] ?? null;
    if (base === null || typeof base !== 'number' && typeof base !== 'string') return null;
    const times = v.times === undefined ? 1 : isParam(v.times) ? paramValue(params, v.times.param) : v.times;
    return multiplyDecimal(base as Decimal, times);
  }
  return v as FactValue | FactValue[];
}

function paramValue(params: ReadonlyMap<string, number>, key: string): number {
  const p = params.get(key);
  if (p === undefined) throw new Error(`policy parameter ${key} was not resolved for this run`);
  return p;
}

function test(op: Leaf['operator'], value: FactValue, threshold: FactValue | FactValue[]): boolean {
  if (op === 'is_null') return value === null;
  if (op === 'not_null') return value !== null;
  if (value === null || threshold === null) return false;
  switch (op) {
    case 'contains':
      return Array.isArray(value) && value.includes(String(threshold));
    case 'contains_any':
      return Array.isArray(value) && Array.isArray(threshold) && threshold.some((t) => value.includes(String(t)));
    case 'in':
    case 'not_in': {
      if (!Array.isArray(threshold) || Array.isArray(value)) return false;
      const found = threshold.some((t) => t !== null && same(value, t as Exclude<FactValue, string[] | null>));
      return op === 'in' ? found : !found;
    }
    default: {
      if (Array.isArray(value) || Array.isArray(threshold)) return false;
      const c = order(value, threshold);
      if (c === null) return false;
      switch (op) {
        case 'eq': return c === 0;
        case 'ne': return c !== 0;
        case 'gt': return c > 0;
        case 'gte': return c >= 0;
        case 'lt': return c < 0;
        case 'lte': return c <= 0;
      }
      return false;
    }
  }
}

function same(a: Exclude<FactValue, string[] | null>, b: Exclude<FactValue, string[] | null>): boolean {
  return order(a, b) === 0;
}

/** -1/0/1, or null when the two cannot be compared. */
function order(a: Exclude<FactValue, string[] | null>, b: Exclude<FactValue, string[] | null>): number | null {
  if (typeof a === 'boolean' || typeof b === 'boolean') return typeof a === typeof b ? (a === b ? 0 : a ? 1 : -1) : null;
  if (typeof a === 'number' || typeof b === 'number') return compareDecimal(a, b);
  return a === b ? 0 : a < b ? -1 : 1;
}
