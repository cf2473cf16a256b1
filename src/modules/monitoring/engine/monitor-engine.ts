/**
 * One monitoring run inside one transaction: build the run's people and fact tables, then one
 * INSERT … SELECT per indicator. Nothing loops over people in JavaScript; the database does the
 * set work, and a failed run leaves no alert behind.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../platform/db/schema.js';
import { tableOf, type DatasetDef } from '../../catalog/domain/dataset-definition.js';
import { isDatasetFact, type IndicatorDefinition } from '../domain/indicator-definition.js';
import { FactPlan, groupTableSql, householdGroupSql } from './fact-plan.js';
import { countSql, insertAlertsSql, type IndicatorSqlContext } from './indicator-sql.js';
import { householdTableSql, personTableSql, scopeSql, unregisteredTableSql } from './subjects-sql.js';

export interface VersionedIndicator {
  def: IndicatorDefinition;
  version: number;
}

export interface EngineInput {
  asOf: string;
  indicators: VersionedIndicator[];
  datasets: ReadonlyMap<string, DatasetDef>;
  params: ReadonlyMap<string, number>;
  /** Deadline per level rank, 1 (blue) to 4 (red). */
  deadlines: Record<number, string>;
  /** An incremental run: only the people of this batch (and their households). */
  scope?: { dataset: string; batchId: string };
  onProgress?: (done: number, total: number, label: string) => void;
}

export interface EngineResult {
  byIndicator: Record<string, number>;
  subjects: number;
}

/** The indicators an incremental run over `dataset` re-evaluates: those that read it. */
export function indicatorsReading(indicators: VersionedIndicator[], dataset: string): VersionedIndicator[] {
  return indicators.filter((i) => i.def.kind !== 'modifier' && Object.values(i.def.facts).some((f) => isDatasetFact(f) && f.dataset === dataset));
}

async function exec(db: Kysely<DB>, statements: string | string[]): Promise<void> {
  for (const s of Array.isArray(statements) ? statements : [statements]) await sql.raw(s).execute(db);
}

/** Builds the run's temporary tables; returns the fact plan and how many people it covers. */
async function prepare(db: Kysely<DB>, input: EngineInput, evaluated: IndicatorDefinition[], step: (label: string) => void): Promise<{ plan: FactPlan; subjects: number }> {
  const scoped = input.scope !== undefined;
  if (input.scope) await exec(db, scopeSql(tableOf(input.scope.dataset), input.scope.batchId));
  await exec(db, personTableSql(input.asOf, scoped));
  await exec(db, householdTableSql(input.asOf));
  step('registry');
  const plan = FactPlan.of(evaluated, input.datasets, input.params);
  for (const g of plan.groups) {
    await exec(db, [groupTableSql(g, input.asOf, scoped), `CREATE INDEX ON ${g.table} (id_hash)`, `ANALYZE ${g.table}`]);
    if (g.household) await exec(db, [householdGroupSql(g), `CREATE INDEX ON ${g.householdTable} (household_id)`, `ANALYZE ${g.householdTable}`]);
    step(g.dataset.code);
  }
  await exec(db, unregisteredTableSql(plan.groups.map((g) => g.table)));
  const n = await sql<{ n: number }>`SELECT (SELECT count(*) FROM mon_person)::int + (SELECT count(*) FROM mon_unregistered)::int AS n`.execute(db);
  return { plan, subjects: n.rows[0].n };
}

function contextOf(input: EngineInput, plan: FactPlan): IndicatorSqlContext {
  const modifiers = input.indicators.filter((i) => i.def.kind === 'modifier').map((i) => i.def);
  return { asOf: input.asOf, params: input.params, plan, modifiers, deadlines: input.deadlines };
}

/** Raise the alerts of a run; `db` must be a transaction (the temporary tables live in it). */
export async function runEngine(db: Kysely<DB>, runId: string, input: EngineInput): Promise<EngineResult> {
  const evaluated = (input.scope ? indicatorsReading(input.indicators, input.scope.dataset) : input.indicators.filter((i) => i.def.kind !== 'modifier'));
  const byIndicator: Record<string, number> = {};
  for (const i of input.indicators) if (i.def.kind !== 'modifier') byIndicator[i.def.code] = 0;
  const total = evaluated.length + 2 + FactPlan.of(evaluated.map((i) => i.def), input.datasets, input.params).groups.length;
  let done = 0;
  const step = (label: string) => input.onProgress?.(++done, total, label);
  const { plan, subjects } = await prepare(db, input, evaluated.map((i) => i.def), step);
  const ctx = contextOf(input, plan);
  for (const i of evaluated) {
    const r = await sql<{ n: number }>`${sql.raw(insertAlertsSql(i.def, i.version, runId, ctx))}`.execute(db);
    byIndicator[i.def.code] = r.rows[0].n;
    step(i.def.code);
  }
  return { byIndicator, subjects };
}

/** How many people (or households) an indicator would fire for on a date; writes nothing. */
export async function countFiring(db: Kysely<DB>, def: IndicatorDefinition, input: Omit<EngineInput, 'indicators' | 'scope'> & { modifiers: VersionedIndicator[] }): Promise<number> {
  const engineInput: EngineInput = { ...input, indicators: [...input.modifiers, { def, version: 0 }] };
  const { plan } = await prepare(db, engineInput, [def], () => {});
  const r = await sql<{ n: number }>`${sql.raw(countSql(def, contextOf(engineInput, plan)))}`.execute(db);
  return r.rows[0].n;
}
