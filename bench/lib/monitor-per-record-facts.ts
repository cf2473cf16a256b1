/**
 * The per-record baseline's facts: its setup (rules, parameters, which feeds and fields it reads),
 * the registry facts of one person (or a household's head), each indicator's own facts computed
 * in JavaScript from the person's feed rows (aggregateRows, the same rules as the compiled SQL),
 * and the household facts summed over members as the stream passes them.
 */
import type { Engine } from 'json-rules-engine';
import type { DatasetDef } from '../../src/modules/catalog/domain/dataset-definition.js';
import { aggregateRows, type DatasetRow } from '../../src/modules/monitoring/domain/aggregate.js';
import type { FactValue } from '../../src/modules/monitoring/domain/condition.js';
import { compareDecimal, multiplyDecimal, sumDecimals } from '../../src/modules/monitoring/domain/decimal.js';
import { isDatasetFact, isParam, type DatasetFact, type IndicatorDefinition, type RegistryFact } from '../../src/modules/monitoring/domain/indicator-definition.js';
import { monthsBetween, yearsBetween } from '../../src/modules/monitoring/engine/sql-text.js';
import { rulesEngine, type DerivedFact } from './monitor-rules.js';

export interface Person {
  id: string;
  id_number_hash: string;
  id_number_masked: string;
  household_id: string | null;
  birth_date: string;
  sex: string;
  relation: string;
  disability_grade: number | null;
  disability_type: string | null;
  health: string | null;
}

export interface Household {
  id: string;
  region: string;
  size: number;
  head: Person;
  categories: Set<string>;
  income: number | null;
  /** Household facts ("<indicator>:<fact>") summed over members as the stream passes them. */
  agg: Map<string, FactValue>;
}

export interface Membership {
  category: string;
  valid_from: string;
  valid_to: string | null;
}

export class Setup {
  readonly personRules: IndicatorDefinition[];
  readonly householdRules: IndicatorDefinition[];
  readonly modifiers: IndicatorDefinition[];
  readonly versions: Map<string, number>;
  readonly person: { engine: Engine; derived: DerivedFact[] };
  readonly household: { engine: Engine; derived: DerivedFact[] };
  /** Per feed dataset: its definition, the widest window its facts use, and the fields they read. */
  readonly feeds = new Map<string, { def: DatasetDef; months: number; fields: Set<string> }>();

  constructor(
    readonly on: string,
    indicators: { def: IndicatorDefinition; version: number }[],
    readonly datasets: ReadonlyMap<string, DatasetDef>,
    readonly params: ReadonlyMap<string, number>,
    readonly deadlines: Record<number, string>,
    readonly regions: ReadonlySet<string>,
  ) {
    const defs = indicators.map((i) => i.def);
    this.versions = new Map(indicators.map((i) => [i.def.code, i.version]));
    this.modifiers = defs.filter((d) => d.kind === 'modifier');
    this.personRules = defs.filter((d) => d.kind !== 'modifier' && d.subject === 'person');
    this.householdRules = defs.filter((d) => d.kind !== 'modifier' && d.subject === 'household');
    this.person = rulesEngine(this.personRules, this.modifiers, params, 'person');
    this.household = rulesEngine(this.householdRules, this.modifiers, params, 'household');
    for (const def of defs) {
      for (const f of Object.values(def.facts)) {
        if (!isDatasetFact(f)) continue;
        const ds = datasets.get(f.dataset)!;
        const feed = this.feeds.get(f.dataset) ?? { def: ds, months: 0, fields: new Set<string>([ds.event_field]) };
        feed.months = Math.max(feed.months, this.months(f));
        if (f.field) feed.fields.add(f.field);
        for (const w of rowFields(f.where)) feed.fields.add(w);
        this.feeds.set(f.dataset, feed);
      }
    }
  }


  months(f: DatasetFact): number {
    return isParam(f.months) ? this.params.get(f.months.param)! : f.months;
  }
}

function rowFields(w: DatasetFact['where']): string[] {
  if (!w) return [];
  if ('field' in w) return [w.field];
  if ('all' in w) return w.all.flatMap(rowFields);
  if ('any' in w) return w.any.flatMap(rowFields);
  return rowFields(w.not);
}

export function currentCategories(ms: Membership[] | undefined, on: string): string[] {
  if (!ms) return [];
  return [...new Set(ms.filter((m) => m.valid_from <= on && (m.valid_to === null || m.valid_to > on)).map((m) => m.category))].sort();
}

/** Registry facts of a person (all NULL for someone not in the registry, registered false). */
export function registryFacts(p: Person | undefined, h: Household | undefined, on: string, ms: Membership[] | undefined): Record<string, unknown> {
  return {
    registered: p !== undefined,
    age: p ? yearsBetween(p.birth_date, on) : null,
    sex: p?.sex ?? null,
    relation: p?.relation ?? null,
    disability_grade: p?.disability_grade ?? null,
    disability_type: p?.disability_type ?? null,
    health: p?.health ?? null,
    categories: p ? currentCategories(ms, on) : null,
    household_categories: h ? [...h.categories].sort() : null,
    household_size: h ? h.size : null,
    household_annual_income: h ? h.income : null,
  };
}

/** A registry fact that names categories (months in one, months since leaving some). */
export function categoryFact(f: RegistryFact, ms: Membership[] | undefined, current: string[] | null, on: string): FactValue {
  if (!ms || current === null) return null;
  if (f.registry === 'category_months') {
    const from = ms.filter((m) => m.category === f.category && m.valid_from <= on && (m.valid_to === null || m.valid_to > on)).map((m) => m.valid_from).sort()[0];
    return from === undefined ? null : monthsBetween(from, on);
  }
  if (f.registry === 'months_since_exit') {
    if (current.some((c) => f.categories!.includes(c))) return null;
    const to = ms.filter((m) => f.categories!.includes(m.category) && m.valid_to !== null && m.valid_to <= on).map((m) => m.valid_to!).sort().pop();
    return to === undefined ? null : monthsBetween(to, on);
  }
  return null;
}

/** Every indicator's own facts for one subject, and whether its feeds mention the subject at all. */
export function indicatorFacts(setup: Setup, defs: IndicatorDefinition[], facts: Record<string, unknown>, rows: Map<string, DatasetRow[]>, ms: Membership[] | undefined): void {
  for (const def of defs) {
    let mentioned = false;
    for (const [name, f] of Object.entries(def.facts)) {
      if (!isDatasetFact(f)) {
        facts[`${def.code}:${name}`] = categoryFact(f, ms, facts.categories as string[] | null, setup.on);
        continue;
      }
      const feed = setup.feeds.get(f.dataset)!;
      const mine = rows.get(f.dataset) ?? [];
      facts[`${def.code}:${name}`] = aggregateRows(f, setup.months(f), feed.def.event_field, mine, setup.on);
      if (!mentioned && mine.length) mentioned = aggregateRows({ dataset: f.dataset, agg: 'exists', months: f.months, latest: f.latest }, setup.months(f), feed.def.event_field, mine, setup.on) === true;
    }
    facts[`${def.code}:mentioned`] = mentioned;
  }
}

export function addDerived(derived: DerivedFact[], facts: Record<string, unknown>): void {
  for (const d of derived) {
    const v = facts[d.of];
    facts[d.name] = v === null || v === undefined ? null : Number(multiplyDecimal(v as number, d.times));
  }
}

/** The level raise the modifiers give a hardship alert of this subject. */
export function raiseOf(setup: Setup, fired: Set<string>): number {
  return setup.modifiers.filter((m) => fired.has(m.code)).reduce((a, m) => a + (m.raise ?? 1), 0);
}

export function levelRankOf(def: IndicatorDefinition): number {
  return { blue: 1, yellow: 2, orange: 3, red: 4 }[def.level];
}

export function regionOf(setup: Setup, masked: string): string | null {
  const county = masked.slice(0, 6);
  return setup.regions.has(county) ? county : null;
}

/** A member's value of a household fact, added to the household's (sum, count and exists add up; max and min keep the extreme). */
export function addToHousehold(setup: Setup, h: Household, x: { def: IndicatorDefinition; name: string; fact: DatasetFact }, rows: Map<string, DatasetRow[]>): void {
  const mine = rows.get(x.fact.dataset);
  if (!mine) return;
  const feed = setup.feeds.get(x.fact.dataset)!;
  const months = setup.months(x.fact);
  const v = aggregateRows(x.fact, months, feed.def.event_field, mine, setup.on);
  const inWindow = aggregateRows({ ...x.fact, agg: 'count', where: undefined, field: undefined }, months, feed.def.event_field, mine, setup.on) as number;
  if (!inWindow) return;
  const k = `${x.def.code}:${x.name}`;
  const cur = h.agg.get(k) ?? null;
  switch (x.fact.agg) {
    case 'sum': h.agg.set(k, Number(sumDecimals([(cur ?? 0) as number, v as number]))); break;
    case 'count': h.agg.set(k, ((cur ?? 0) as number) + (v as number)); break;
    case 'exists': h.agg.set(k, cur === true || v === true); break;
    default: {
      if (v === null) break;
      const sign = x.fact.agg === 'min' ? -1 : 1;
      if (cur === null || compareDecimal(v as number, cur as number) * sign > 0) h.agg.set(k, v);
    }
  }
}

