/**
 * Validate an indicator definition before it is saved: every part is checked against the
 * catalog (datasets, fields, their types), the policy parameters and the closed vocabularies,
 * and a refusal names the part — `facts.oop.months`, `condition.all[1].operator` — and the value.
 */
import { AppError } from '../../../platform/errors.js';
import type { DatasetDef, FieldDef } from '../../catalog/domain/dataset-definition.js';
import type { ParameterDefinition } from '../../policy/domain/parameters.js';
import {
  ACTIONS, AGGREGATES, LEVELS, OPERATORS, REGISTRY_FACTS,
  isDatasetFact, isFactRef, isParam,
  type Condition, type DatasetFact, type FactDef, type FactType, type IndicatorDefinition, type RegistryFact, type RowCondition,
} from './indicator-definition.js';

export interface CheckContext {
  datasets: ReadonlyMap<string, DatasetDef>;
  parameters: ReadonlyMap<string, ParameterDefinition>;
  categories: readonly string[];
}

const CODE = /^[a-z][a-z0-9_]{1,60}$/;
const FACT_NAME = /^[a-z][a-z0-9_]{0,40}$/;
const TOP_KEYS = ['code', 'zh', 'en', 'kind', 'subject', 'level', 'population', 'facts', 'condition', 'suppress_days', 'action', 'raise', 'applies_to', 'description'];
const NUMERIC_PARAM_TYPES = ['amount', 'ratio', 'integer', 'percent'];

class Refusal extends AppError {
  constructor(path: string, value: unknown, zh: string, en: string) {
    const shown = value === undefined ? '（缺失）' : cut(JSON.stringify(value));
    super('VALIDATION', { zh: `指标定义的 ${path}「${shown}」无效：${zh}`, en: `indicator definition ${path} ${value === undefined ? '(missing)' : `"${shown}"`} is invalid: ${en}` }, { field: path });
  }
}

function cut(s: string | undefined): string {
  const t = s ?? String(s);
  return t.length > 60 ? t.slice(0, 57) + '…' : t;
}

const list = (xs: readonly { code: string }[]) => xs.map((x) => x.code).join(', ');

export function checkIndicator(raw: unknown, ctx: CheckContext): IndicatorDefinition {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Refusal('(root)', raw, '应为 JSON 对象', 'must be a JSON object');
  const d = raw as Record<string, unknown>;
  for (const k of Object.keys(d)) if (!TOP_KEYS.includes(k)) throw new Refusal(k, d[k], `未知字段，可用：${TOP_KEYS.join(', ')}`, `unknown field; known: ${TOP_KEYS.join(', ')}`);
  if (typeof d.code !== 'string' || !CODE.test(d.code)) throw new Refusal('code', d.code, '应为小写字母开头的字母、数字、下划线', 'must be lower-case letters, digits and underscores, starting with a letter');
  for (const k of ['zh', 'en'] as const) if (typeof d[k] !== 'string' || !(d[k] as string).trim()) throw new Refusal(k, d[k], '名称不能为空', 'the name must not be empty');
  oneOf('kind', d.kind, ['hardship', 'reverse', 'modifier']);
  oneOf('subject', d.subject, ['person', 'household']);
  oneOf('level', d.level, LEVELS.map((l) => l.code));
  oneOf('action', d.action, ACTIONS.map((a) => a.code));
  integer('suppress_days', d.suppress_days, 0, 3650);
  checkPopulation(d.population, ctx);
  if (d.kind === 'modifier') {
    integer('raise', d.raise, 1, 3);
    oneOf('applies_to', d.applies_to, ['hardship']);
  } else {
    if (d.raise !== undefined) throw new Refusal('raise', d.raise, '只有调整级别的指标（modifier）可设置', 'only modifier indicators raise levels');
    if (d.applies_to !== undefined) throw new Refusal('applies_to', d.applies_to, '只有调整级别的指标（modifier）可设置', 'only modifier indicators apply to others');
  }
  if (d.description !== undefined) {
    const ds = d.description as Record<string, unknown>;
    if (typeof ds !== 'object' || ds === null || typeof ds.zh !== 'string' || typeof ds.en !== 'string') throw new Refusal('description', d.description, '应为 {"zh", "en"}', 'must be {"zh", "en"}');
  }
  if (typeof d.facts !== 'object' || d.facts === null || Array.isArray(d.facts)) throw new Refusal('facts', d.facts, '应为对象：事实名 → 定义', 'must be an object: fact name → definition');
  const types = new Map<string, FactType>();
  for (const [name, f] of Object.entries(d.facts as Record<string, unknown>)) {
    const path = `facts.${name}`;
    if (!FACT_NAME.test(name)) throw new Refusal(path, name, '事实名应为小写字母开头的字母、数字、下划线', 'a fact name must be lower-case letters, digits and underscores');
    if (REGISTRY_FACTS.some((r) => r.code === name)) throw new Refusal(path, name, '与登记属性同名，请换一个名字', 'has the name of a registry attribute; choose another');
    types.set(name, checkFact(path, f, d as unknown as IndicatorDefinition, ctx));
  }
  for (const r of REGISTRY_FACTS) if (!('needs' in r)) types.set(r.code, r.type);
  if (d.condition === undefined) throw new Refusal('condition', undefined, '缺少条件', 'the condition is missing');
  checkCondition('condition', d.condition, types, ctx, d.subject as string);
  if (d.kind === 'modifier') {
    for (const [name, f] of Object.entries(d.facts as Record<string, FactDef>)) {
      if (isDatasetFact(f)) throw new Refusal(`facts.${name}`, f.dataset, '调整级别的指标只能使用登记属性', 'a modifier may only use registry attributes');
    }
  }
  return d as unknown as IndicatorDefinition;
}

function oneOf(path: string, v: unknown, allowed: readonly string[]): void {
  if (typeof v !== 'string' || !allowed.includes(v)) throw new Refusal(path, v, `可选：${allowed.join(', ')}`, `must be one of: ${allowed.join(', ')}`);
}

function integer(path: string, v: unknown, min: number, max: number): void {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw new Refusal(path, v, `应为 ${min}–${max} 的整数`, `must be a whole number from ${min} to ${max}`);
}

function checkPopulation(p: unknown, ctx: CheckContext): void {
  if (typeof p !== 'object' || p === null) throw new Refusal('population', p, '应为 {"kind": "everyone" | "registered" | "categories"}', 'must be {"kind": "everyone" | "registered" | "categories"}');
  const pop = p as Record<string, unknown>;
  oneOf('population.kind', pop.kind, ['everyone', 'registered', 'categories']);
  if (pop.kind === 'categories') {
    if (!Array.isArray(pop.categories) || pop.categories.length === 0) throw new Refusal('population.categories', pop.categories, '应为非空的类别列表', 'must be a non-empty list of categories');
    pop.categories.forEach((c, i) => oneOf(`population.categories[${i}]`, c, ctx.categories));
    oneOf('population.of', pop.of, ['person', 'household']);
  }
}

function checkFact(path: string, raw: unknown, def: IndicatorDefinition, ctx: CheckContext): FactType {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Refusal(path, raw, '应为对象（"dataset" 或 "registry"）', 'must be an object ("dataset" or "registry")');
  const f = raw as Record<string, unknown>;
  if ('registry' in f) return checkRegistryFact(path, f as unknown as RegistryFact, def, ctx);
  if (!('dataset' in f)) throw new Refusal(path, raw, '应含 "dataset"（部门数据汇总）或 "registry"（登记属性）', 'needs "dataset" (an aggregate of departmental data) or "registry" (a registry attribute)');
  const known = ['dataset', 'agg', 'field', 'months', 'latest', 'where', 'scope', 'zh', 'en'];
  for (const k of Object.keys(f)) if (!known.includes(k)) throw new Refusal(`${path}.${k}`, f[k], `未知字段，可用：${known.join(', ')}`, `unknown field; known: ${known.join(', ')}`);
  const fact = f as unknown as DatasetFact;
  const ds = ctx.datasets.get(fact.dataset);
  if (!ds) throw new Refusal(`${path}.dataset`, fact.dataset, `目录中没有该数据集，可选：${[...ctx.datasets.keys()].join(', ')}`, `no such dataset in the catalog; known: ${[...ctx.datasets.keys()].join(', ')}`);
  oneOf(`${path}.agg`, fact.agg, AGGREGATES.map((a) => a.code));
  let type: FactType;
  if (fact.agg === 'count' || fact.agg === 'exists') {
    if (fact.field !== undefined) throw new Refusal(`${path}.field`, fact.field, `汇总方式 ${fact.agg} 按行计数，不需要字段（用 where 筛选）`, `aggregate ${fact.agg} counts rows and takes no field (filter with where)`);
    type = fact.agg === 'count' ? 'number' : 'boolean';
  } else {
    if (fact.field === undefined) throw new Refusal(`${path}.field`, undefined, `汇总方式 ${fact.agg} 需要字段`, `aggregate ${fact.agg} needs a field`);
    const field = fieldOf(`${path}.field`, ds, fact.field);
    type = typeOfField(field);
    if (fact.agg === 'sum' && type !== 'number') throw new Refusal(`${path}.field`, fact.field, '合计只能用于数值字段', 'sum needs a numeric field');
  }
  if (isParam(fact.months)) paramRef(`${path}.months`, fact.months.param, ctx, ['integer']);
  else integer(`${path}.months`, fact.months, 1, 240);
  if (fact.latest !== undefined) integer(`${path}.latest`, fact.latest, 1, 240);
  if (fact.scope !== undefined) oneOf(`${path}.scope`, fact.scope, ['person', 'household']);
  const scope = fact.scope ?? 'person';
  if (def.subject === 'household' && scope !== 'household') throw new Refusal(`${path}.scope`, fact.scope, '以户为对象的指标，部门数据应按户汇总（"scope": "household"）', 'a household indicator needs household facts ("scope": "household")');
  if (scope === 'household' && (fact.agg === 'latest' || fact.latest !== undefined)) throw new Refusal(`${path}.agg`, fact.agg, '按户汇总不支持 latest', 'household aggregates cannot use latest');
  if (fact.where !== undefined) checkRowCondition(`${path}.where`, fact.where, ds);
  return type;
}

function checkRegistryFact(path: string, f: RegistryFact, def: IndicatorDefinition, ctx: CheckContext): FactType {
  const known = REGISTRY_FACTS.find((r) => r.code === f.registry);
  if (!known) throw new Refusal(`${path}.registry`, f.registry, `未知登记属性，可选：${list(REGISTRY_FACTS)}`, `unknown registry attribute; known: ${list(REGISTRY_FACTS)}`);
  for (const k of Object.keys(f)) if (!['registry', 'category', 'categories', 'zh', 'en'].includes(k)) throw new Refusal(`${path}.${k}`, (f as unknown as Record<string, unknown>)[k], '未知字段', 'unknown field');
  if (f.registry === 'category_months') oneOf(`${path}.category`, f.category, ctx.categories);
  if (f.registry === 'months_since_exit') {
    if (!Array.isArray(f.categories) || f.categories.length === 0) throw new Refusal(`${path}.categories`, f.categories, '应为非空的类别列表', 'must be a non-empty list of categories');
    f.categories.forEach((c, i) => oneOf(`${path}.categories[${i}]`, c, ctx.categories));
  }
  if (def.subject === 'household' && known.level !== 'household') throw new Refusal(`${path}.registry`, f.registry, '以户为对象的指标只能用家庭属性', 'a household indicator may only use household attributes');
  return known.type;
}

function fieldOf(path: string, ds: DatasetDef, code: unknown): FieldDef {
  const field = ds.fields.find((x) => x.code === code && x.code !== ds.key_field);
  if (!field) throw new Refusal(path, code, `数据集 ${ds.code} 没有该字段，可选：${ds.fields.filter((x) => x.code !== ds.key_field).map((x) => x.code).join(', ')}`, `dataset ${ds.code} has no such field; known: ${ds.fields.filter((x) => x.code !== ds.key_field).map((x) => x.code).join(', ')}`);
  return field;
}

export function typeOfField(f: FieldDef): FactType {
  switch (f.type) {
    case 'amount': case 'number': case 'integer': return 'number';
    case 'date': case 'month': return 'date';
    case 'boolean': return 'boolean';
    default: return 'text';
  }
}

function paramRef(path: string, key: string, ctx: CheckContext, types = NUMERIC_PARAM_TYPES): void {
  const p = ctx.parameters.get(key);
  if (!p) throw new Refusal(path, key, '没有这个政策参数', 'no such policy parameter');
  if (!types.includes(p.type)) throw new Refusal(path, key, `参数类型为 ${p.type}，此处需要 ${types.join('/')}`, `the parameter is of type ${p.type}; ${types.join('/')} is needed here`);
}

function checkCondition(path: string, raw: unknown, types: ReadonlyMap<string, FactType>, ctx: CheckContext, subject: string): void {
  const c = raw as Record<string, unknown>;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Refusal(path, raw, '条件应为 {"all": [...]}、{"any": [...]}、{"not": {...}} 或 {"fact", "operator", "value"}', 'a condition is {"all": [...]}, {"any": [...]}, {"not": {...}} or {"fact", "operator", "value"}');
  if ('all' in c || 'any' in c) {
    const k = 'all' in c ? 'all' : 'any';
    const parts = c[k];
    if (!Array.isArray(parts) || parts.length === 0) throw new Refusal(`${path}.${k}`, parts, '应为非空列表', 'must be a non-empty list');
    parts.forEach((p, i) => checkCondition(`${path}.${k}[${i}]`, p, types, ctx, subject));
    return;
  }
  if ('not' in c) return checkCondition(`${path}.not`, c.not, types, ctx, subject);
  if (!('fact' in c)) throw new Refusal(path, raw, '应含 all、any、not 或 fact', 'needs all, any, not or fact');
  const type = types.get(c.fact as string);
  if (!type) throw new Refusal(`${path}.fact`, c.fact, `未定义的事实，可用：${[...types.keys()].join(', ')}`, `unknown fact; known: ${[...types.keys()].join(', ')}`);
  const regFact = REGISTRY_FACTS.find((r) => r.code === c.fact);
  if (subject === 'household' && regFact && regFact.level !== 'household' && regFact.code !== 'registered') throw new Refusal(`${path}.fact`, c.fact, '以户为对象的指标只能用家庭属性', 'a household indicator may only use household attributes');
  checkLeaf(path, c, type, (v) => {
    if (isParam(v)) return paramRef(`${path}.value.param`, v.param, ctx);
    if (isFactRef(v)) {
      const t = types.get(v.fact);
      if (t !== 'number') throw new Refusal(`${path}.value.fact`, v.fact, '只能引用已定义的数值事实', 'must name a numeric fact of this indicator');
      if (v.times !== undefined) {
        if (isParam(v.times)) paramRef(`${path}.value.times.param`, v.times.param, ctx);
        else if (typeof v.times !== 'number' || !Number.isFinite(v.times)) throw new Refusal(`${path}.value.times`, v.times, '应为数值或 {"param"}', 'must be a number or {"param"}');
      }
    }
  });
}

function checkRowCondition(path: string, raw: unknown, ds: DatasetDef): void {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Refusal(path, raw, '筛选条件应为 {"all"|"any"|"not"} 或 {"field", "operator", "value"}', 'a row filter is {"all"|"any"|"not"} or {"field", "operator", "value"}');
  const c = raw as Record<string, unknown>;
  if ('all' in c || 'any' in c) {
    const k = 'all' in c ? 'all' : 'any';
    const parts = c[k];
    if (!Array.isArray(parts) || parts.length === 0) throw new Refusal(`${path}.${k}`, parts, '应为非空列表', 'must be a non-empty list');
    parts.forEach((p, i) => checkRowCondition(`${path}.${k}[${i}]`, p, ds));
    return;
  }
  if ('not' in c) return checkRowCondition(`${path}.not`, c.not, ds);
  const field = fieldOf(`${path}.field`, ds, c.field);
  checkLeaf(path, c, typeOfField(field), (v) => {
    throw new Refusal(`${path}.value`, v, '行筛选只能用固定值', 'a row filter takes literal values only');
  });
  if (field.type === 'enum' && field.values) {
    const codes = field.values.map((v) => v.code);
    const vals = Array.isArray(c.value) ? c.value : c.value === undefined ? [] : [c.value];
    vals.forEach((v) => { if (!codes.includes(v as string)) throw new Refusal(`${path}.value`, v, `字段 ${field.code} 可选：${codes.join(', ')}`, `field ${field.code} takes: ${codes.join(', ')}`); });
  }
}

/** The operator must suit the fact's type and the value must be of that type. */
function checkLeaf(path: string, c: Record<string, unknown>, type: FactType, reference: (v: { param: string } | { fact: string; times?: unknown }) => void): void {
  oneOf(`${path}.operator`, c.operator, OPERATORS.map((o) => o.code));
  const op = c.operator as string;
  const v = c.value;
  const known = ['fact', 'field', 'operator', 'value'];
  for (const k of Object.keys(c)) if (!known.includes(k)) throw new Refusal(`${path}.${k}`, c[k], '未知字段', 'unknown field');
  if (op === 'is_null' || op === 'not_null') {
    if (v !== undefined) throw new Refusal(`${path}.value`, v, `${op} 不需要值`, `${op} takes no value`);
    return;
  }
  if (v === undefined) throw new Refusal(`${path}.value`, v, '缺少比较值', 'the value to compare with is missing');
  const bad = (zh: string, en: string) => new Refusal(`${path}.value`, v, zh, en);
  const scalarOk = (x: unknown) =>
    type === 'number' ? typeof x === 'number' && Number.isFinite(x)
      : type === 'date' ? typeof x === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(x)
        : type === 'boolean' ? typeof x === 'boolean'
          : typeof x === 'string';
  if (type === 'set') {
    if (op === 'contains') { if (typeof v !== 'string') throw bad('应为一个类别代码', 'must be one category code'); return; }
    if (op === 'contains_any') { if (!Array.isArray(v) || v.length === 0 || !v.every((x) => typeof x === 'string')) throw bad('应为类别代码列表', 'must be a list of category codes'); return; }
    throw new Refusal(`${path}.operator`, op, '集合只能用 contains、contains_any、is_null、not_null', 'a set takes contains, contains_any, is_null or not_null');
  }
  if (op === 'contains' || op === 'contains_any') throw new Refusal(`${path}.operator`, op, '只能用于类别集合', 'only applies to category sets');
  if (op === 'in' || op === 'not_in') {
    if (!Array.isArray(v) || v.length === 0 || !v.every(scalarOk)) throw bad(`应为非空列表，元素类型为 ${type}`, `must be a non-empty list of ${type} values`);
    return;
  }
  if (['gt', 'gte', 'lt', 'lte'].includes(op) && type !== 'number' && type !== 'date') throw new Refusal(`${path}.operator`, op, `${type} 类型不能比较大小`, `${type} values cannot be ordered`);
  if (isParam(v) || isFactRef(v)) {
    if (type !== 'number') throw bad('参数与事实引用只能用于数值', 'parameters and fact references only compare with numbers');
    return reference(v as { param: string });
  }
  if (!scalarOk(v)) throw bad(`类型应为 ${type}`, `must be of type ${type}`);
}
