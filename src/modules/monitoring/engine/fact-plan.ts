/**
 * Dataset facts, planned once per run: every fact of every active indicator that reads the same
 * dataset over the same window becomes a column of one aggregate table, so each dataset is
 * scanned once per window however many indicators use it (the medical settlements feed three).
 * Each fact column comes with its row count and the batches its rows came from (evidence).
 */
import type { DatasetDef } from '../../catalog/domain/dataset-definition.js';
import { tableOf } from '../../catalog/domain/dataset-definition.js';
import { canonicalJson } from '../../recognition/domain/masking.js';
import { typeOfField } from '../domain/check-indicator.js';
import { isDatasetFact, isParam, type DatasetFact, type FactType, type IndicatorDefinition } from '../domain/indicator-definition.js';
import { rowConditionSql, type ParamValues } from './condition-sql.js';
import { date, ident, monthsBefore } from './sql-text.js';

export interface PlannedFact {
  /** Column prefix in its group table: f3 → f3 (value), f3_rows, f3_batches. */
  column: string;
  fact: DatasetFact;
  months: number;
  type: FactType;
}

export interface FactGroup {
  table: string;
  householdTable: string;
  dataset: DatasetDef;
  months: number;
  latest: number | undefined;
  facts: PlannedFact[];
  /** Some indicator aggregates a fact of this group over households. */
  household: boolean;
}

export class FactPlan {
  readonly groups: FactGroup[] = [];
  private readonly byKey = new Map<string, { group: FactGroup; fact: PlannedFact }>();
  private seq = 0;

  constructor(
    private readonly datasets: ReadonlyMap<string, DatasetDef>,
    private readonly params: ParamValues,
  ) {}

  static of(indicators: IndicatorDefinition[], datasets: ReadonlyMap<string, DatasetDef>, params: ParamValues): FactPlan {
    const plan = new FactPlan(datasets, params);
    for (const ind of indicators) for (const f of Object.values(ind.facts)) if (isDatasetFact(f)) plan.add(f);
    return plan;
  }

  months(f: DatasetFact): number {
    if (!isParam(f.months)) return f.months;
    const m = this.params.get(f.months.param);
    if (m === undefined) throw new Error(`policy parameter ${f.months.param} was not resolved for this run`);
    return m;
  }

  add(f: DatasetFact): { group: FactGroup; fact: PlannedFact } {
    const months = this.months(f);
    const key = canonicalJson({ d: f.dataset, a: f.agg, f: f.field ?? null, m: months, l: f.latest ?? null, w: f.where ?? null });
    const known = this.byKey.get(key);
    if (known) {
      if (f.scope === 'household') known.group.household = true;
      return known;
    }
    const dataset = this.datasets.get(f.dataset);
    if (!dataset) throw new Error(`dataset ${f.dataset} is not in the catalog`);
    let group = this.groups.find((g) => g.dataset.code === f.dataset && g.months === months && g.latest === f.latest);
    if (!group) {
      const n = this.groups.length;
      group = { table: `mon_g${n}`, householdTable: `mon_hg${n}`, dataset, months, latest: f.latest, facts: [], household: false };
      this.groups.push(group);
    }
    if (f.scope === 'household') group.household = true;
    const field = f.field ? dataset.fields.find((x) => x.code === f.field) : undefined;
    const type: FactType = f.agg === 'count' || f.agg === 'sum' ? 'number' : f.agg === 'exists' ? 'boolean' : typeOfField(field!);
    const fact = { column: `f${this.seq++}`, fact: f, months, type };
    group.facts.push(fact);
    const found = { group, fact };
    this.byKey.set(key, found);
    return found;
  }

  find(f: DatasetFact): { group: FactGroup; fact: PlannedFact } {
    return this.add(f);
  }
}

/** The statement that fills a group's table (one row per person seen in the window). */
export function groupTableSql(g: FactGroup, asOf: string, scoped: boolean): string {
  const table = tableOf(g.dataset.code);
  const event = ident(g.dataset.event_field);
  const fieldTypes = new Map(g.dataset.fields.map((f) => [f.code, typeOfField(f)]));
  const from = monthsBefore(asOf, g.months);
  const windowed = `SELECT d.* FROM ${table} d WHERE d.${event} > ${date(from)} AND d.${event} <= ${date(asOf)}${scoped ? ' AND d.id_hash IN (SELECT id_hash FROM mon_scope)' : ''}`;
  const source = g.latest === undefined
    ? `(${windowed}) d`
    : `(SELECT * FROM (SELECT w.*, row_number() OVER (PARTITION BY w.id_hash ORDER BY w.${event} DESC, w.batch_id DESC, w.row_no DESC) AS mon_rn FROM (${windowed}) w) r WHERE r.mon_rn <= ${g.latest}) d`;
  const cols = g.facts.flatMap((p) => {
    const where = p.fact.where ? rowConditionSql(p.fact.where, fieldTypes) : 'true';
    const field = p.fact.field ? `d.${ident(p.fact.field)}` : '';
    const filter = `FILTER (WHERE ${where})`;
    const value =
      p.fact.agg === 'sum' ? `sum(${field}) ${filter}`
        : p.fact.agg === 'max' ? `max(${field}) ${filter}`
          : p.fact.agg === 'min' ? `min(${field}) ${filter}`
            : p.fact.agg === 'latest' ? `(array_agg(${field} ORDER BY d.${event} DESC, d.batch_id DESC, d.row_no DESC) ${filter})[1]`
              : 'NULL::numeric';
    return [
      `${value} AS ${p.column}`,
      `count(*) ${filter} AS ${p.column}_rows`,
      `array_agg(DISTINCT d.batch_id) ${filter} AS ${p.column}_batches`,
    ];
  });
  return `CREATE TEMP TABLE ${g.table} ON COMMIT DROP AS
SELECT d.id_hash, min(d.id_masked) AS id_masked, ${cols.join(',\n  ')}
FROM ${source}
GROUP BY d.id_hash`;
}

/** A group's facts summed over each household's members (household-level indicators). */
export function householdGroupSql(g: FactGroup): string {
  const cols = g.facts.flatMap((p) => {
    const agg = p.fact.agg === 'max' ? 'max' : p.fact.agg === 'min' ? 'min' : 'sum';
    return [
      `${agg}(g.${p.column}) AS ${p.column}`,
      `sum(g.${p.column}_rows) AS ${p.column}_rows`,
      `jsonb_agg(to_jsonb(g.${p.column}_batches)) FILTER (WHERE g.${p.column}_rows > 0) AS ${p.column}_batches`,
    ];
  });
  return `CREATE TEMP TABLE ${g.householdTable} ON COMMIT DROP AS
SELECT s.household_id, ${cols.join(',\n  ')}
FROM ${g.table} g JOIN mon_person s ON s.id_hash = g.id_hash
WHERE s.household_id IS NOT NULL
GROUP BY s.household_id`;
}

/** How a planned fact reads for a subject row, with the no-row defaults (0, 0, false, NULL). */
export function factValueSql(alias: string, p: PlannedFact): string {
  switch (p.fact.agg) {
    case 'sum': return `coalesce(${alias}.${p.column}, 0)`;
    case 'count': return `coalesce(${alias}.${p.column}_rows, 0)`;
    case 'exists': return `(coalesce(${alias}.${p.column}_rows, 0) > 0)`;
    default: return `${alias}.${p.column}`;
  }
}
