/**
 * The indicators as json-rules-engine rules, for the per-record baseline. Each condition
 * (all/any/not of {fact, operator, value}) becomes the engine's condition tree with its built-in
 * operators (equal, notEqual, greaterThan[Inclusive], lessThan[Inclusive], in, notIn, contains)
 * and three custom ones (containsAny, isNull, notNull); parameters are resolved to numbers; a
 * value that is another fact times a multiplier becomes a derived fact. The population becomes
 * part of the rule. Our evaluator's NULL rule (a comparison with a missing value is false) is kept:
 * the engine's ordered comparisons already refuse a non-number, `ne` and `not_in` get a notNull
 * guard, and a derived threshold must not be null.
 * Indicator facts are named "<indicator>:<fact>", registry facts by their code.
 */
import { Engine, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import {
  isDatasetFact, isFactRef, isLeaf, isParam,
  type Condition, type IndicatorDefinition, type Leaf, type ValueRef,
} from '../../src/modules/monitoring/domain/indicator-definition.js';

/** A condition node as json-rules-engine reads it (its nested type is not exported). */
type NestedCondition = TopLevelCondition | { fact: string; operator: string; value: unknown };

const OPERATOR: Record<Leaf['operator'], string> = {
  eq: 'equal', ne: 'notEqual', gt: 'greaterThan', gte: 'greaterThanInclusive', lt: 'lessThan', lte: 'lessThanInclusive',
  in: 'in', not_in: 'notIn', contains: 'contains', contains_any: 'containsAny', is_null: 'isNull', not_null: 'notNull',
};

/** A fact a rule reads that is another fact times a number: computed per subject before the run. */
export interface DerivedFact {
  name: string;
  of: string;
  times: number;
}

export interface Translated {
  engine: Engine;
  derived: DerivedFact[];
}

export function localFact(def: IndicatorDefinition, name: string): string {
  return def.facts[name] ? `${def.code}:${name}` : name;
}

/** The rule of one indicator: its population (and, for everyone, "mentioned in its data"), then its condition. */
function ruleOf(def: IndicatorDefinition, params: ReadonlyMap<string, number>, derived: DerivedFact[], subject: 'person' | 'household'): RuleProperties {
  const parts: NestedCondition[] = [];
  const pop = def.population;
  if (def.kind === 'modifier' || pop.kind === 'registered') parts.push({ fact: 'registered', operator: 'equal', value: true });
  if (pop.kind === 'categories') parts.push({ fact: pop.of === 'household' ? 'household_categories' : 'categories', operator: 'containsAny', value: pop.categories });
  if (pop.kind === 'everyone' && subject === 'person' && Object.values(def.facts).some(isDatasetFact)) {
    // Someone not in the registry is only looked at where this indicator's data mentions them.
    parts.push({ any: [{ fact: 'registered', operator: 'equal', value: true }, { fact: `${def.code}:mentioned`, operator: 'equal', value: true }] });
  }
  parts.push(conditionOf(def.condition, def, params, derived));
  return { name: def.code, conditions: { all: parts } as TopLevelCondition, event: { type: def.code } };
}

function conditionOf(c: Condition, def: IndicatorDefinition, params: ReadonlyMap<string, number>, derived: DerivedFact[]): NestedCondition {
  if (isLeaf(c)) return leafOf(c, def, params, derived);
  if ('all' in c) return { all: c.all.map((x) => conditionOf(x, def, params, derived)) };
  if ('any' in c) return { any: c.any.map((x) => conditionOf(x, def, params, derived)) };
  return { not: conditionOf(c.not, def, params, derived) };
}

function leafOf(leaf: Leaf, def: IndicatorDefinition, params: ReadonlyMap<string, number>, derived: DerivedFact[]): NestedCondition {
  const fact = localFact(def, leaf.fact);
  const operator = OPERATOR[leaf.operator];
  if (isFactRef(leaf.value)) {
    const of = localFact(def, leaf.value.fact);
    const times = leaf.value.times === undefined ? 1 : isParam(leaf.value.times) ? param(params, leaf.value.times.param) : leaf.value.times;
    const name = `${of}*${times}`;
    if (!derived.some((d) => d.name === name)) derived.push({ name, of, times });
    return { all: [{ fact: name, operator: 'notNull', value: null }, { fact, operator, value: { fact: name } }] };
  }
  const value = resolve(leaf.value, params);
  const condition = { fact, operator, value };
  return leaf.operator === 'ne' || leaf.operator === 'not_in' ? { all: [{ fact, operator: 'notNull', value: null }, condition] } : condition;
}

function resolve(v: ValueRef | undefined, params: ReadonlyMap<string, number>): unknown {
  if (v === undefined) return null;
  if (isParam(v)) return param(params, v.param);
  return v;
}

function param(params: ReadonlyMap<string, number>, key: string): number {
  const p = params.get(key);
  if (p === undefined) throw new Error(`policy parameter ${key} was not resolved`);
  return p;
}

/** One json-rules-engine with the rules of the given indicators and the modifiers (events: indicator codes). */
export function rulesEngine(indicators: IndicatorDefinition[], modifiers: IndicatorDefinition[], params: ReadonlyMap<string, number>, subject: 'person' | 'household'): Translated {
  const derived: DerivedFact[] = [];
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addOperator('containsAny', (a: unknown, b: unknown) => Array.isArray(a) && Array.isArray(b) && b.some((x) => a.includes(String(x))));
  engine.addOperator('isNull', (a: unknown) => a === null || a === undefined);
  engine.addOperator('notNull', (a: unknown) => a !== null && a !== undefined);
  for (const def of [...indicators, ...modifiers]) engine.addRule(ruleOf(def, params, derived, subject));
  return { engine, derived };
}
