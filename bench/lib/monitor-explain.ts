/**
 * Where the engine's time goes: the statements of a full run, built with the engine's own SQL
 * builders in the engine's order (as runEngine does), executed one by one in a transaction that
 * is rolled back, each timed; the slowest are then run again under EXPLAIN (ANALYZE, BUFFERS).
 * Diagnostics only (`--explain`), never part of a timed figure.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/platform/db/schema.js';
import type { Runtime } from '../../src/platform/runtime.js';
import { paramsOf } from '../../src/modules/monitoring/domain/indicator-definition.js';
import { FactPlan, groupTableSql, householdGroupSql } from '../../src/modules/monitoring/engine/fact-plan.js';
import { insertAlertsSql } from '../../src/modules/monitoring/engine/indicator-sql.js';
import { householdTableSql, personTableSql, scopeSql, unregisteredTableSql } from '../../src/modules/monitoring/engine/subjects-sql.js';
import { indicatorsReading } from '../../src/modules/monitoring/engine/monitor-engine.js';
import { deadlinesFor, resolveParams } from '../../src/modules/monitoring/run-inputs.js';
import { RUN_DATE, log } from './monitor-db.js';

export interface TimedStatement {
  label: string;
  seconds: number;
  sql: string;
}

/** The engine's statements of a full run (or, with a scope, an incremental one), labelled, in order. */
export async function engineStatements(rt: Runtime, runId: string, scope?: { dataset: string; batchId: string }): Promise<{ label: string; sql: string }[]> {
  const indicators = (await rt.services.indicators.list()).filter((i) => i.active).map((i) => ({ def: i.definition, version: i.version }));
  const datasets = new Map((await rt.services.catalog.datasets()).map((d) => [d.code, d]));
  const params = await resolveParams(rt.services.policy, indicators.flatMap((i) => paramsOf(i.def)), RUN_DATE);
  const deadlines = await deadlinesFor(rt.services.policy, rt.services.calendar, RUN_DATE);
  const evaluated = scope ? indicatorsReading(indicators, scope.dataset) : indicators.filter((i) => i.def.kind !== 'modifier');
  const modifiers = indicators.filter((i) => i.def.kind === 'modifier').map((i) => i.def);
  const out: { label: string; sql: string }[] = [];
  const add = (label: string, statements: string[]) => statements.forEach((s, i) => out.push({ label: `${label}#${i + 1}`, sql: s }));
  if (scope) add('mon_scope', scopeSql(`ds_${scope.dataset}`, scope.batchId));
  add('mon_person', personTableSql(RUN_DATE, scope !== undefined));
  add('mon_household', householdTableSql(RUN_DATE));
  const plan = FactPlan.of(evaluated.map((i) => i.def), datasets, params);
  for (const g of plan.groups) {
    const label = `${g.table} ${g.dataset.code} ${g.months}m${g.latest ? ` latest ${g.latest}` : ''}`;
    add(label, [groupTableSql(g, RUN_DATE, scope !== undefined), `CREATE INDEX ON ${g.table} (id_hash)`, `ANALYZE ${g.table}`]);
    if (g.household) add(`${g.householdTable} (household)`, [householdGroupSql(g), `CREATE INDEX ON ${g.householdTable} (household_id)`, `ANALYZE ${g.householdTable}`]);
  }
  add('mon_unregistered', unregisteredTableSql(plan.groups.map((g) => g.table)));
  const ctx = { asOf: RUN_DATE, params, plan, modifiers, deadlines };
  for (const i of evaluated) out.push({ label: `insert ${i.def.code}`, sql: insertAlertsSql(i.def, i.version, runId, ctx) });
  return out;
}

/**
 * Runs the statements twice, each time in a transaction that is rolled back: first to time each
 * one, then again with the slowest run under EXPLAIN (ANALYZE, BUFFERS), in the same state as
 * the engine runs them (EXPLAIN ANALYZE executes the statement, so later ones see its effects).
 */
export async function explainEngine(rt: Runtime, top = 6, scope?: { dataset: string; batchId: string }): Promise<TimedStatement[]> {
  const timed: TimedStatement[] = [];
  await rolledBack(rt, scope, async (trx, statements) => {
    for (const s of statements) {
      const t = performance.now();
      await sql.raw(s.sql).execute(trx);
      timed.push({ ...s, seconds: (performance.now() - t) / 1000 });
    }
  });
  const total = timed.reduce((a, s) => a + s.seconds, 0);
  log(`explain: ${timed.length} engine statements of ${scope ? `an incremental run (batch ${scope.batchId})` : 'a full run'}, ${total.toFixed(2)} s in all; each over 0.2 s:`);
  for (const s of timed) if (s.seconds > 0.2) log(`  ${s.seconds.toFixed(2).padStart(7)} s  ${s.label}`);
  log('slowest:');
  const explainable = (s: TimedStatement) => /^(CREATE TEMP TABLE|WITH|INSERT|SELECT)/.test(s.sql);
  const slowest = [...timed].sort((a, b) => b.seconds - a.seconds).slice(0, top);
  for (const s of slowest) log(`  ${s.seconds.toFixed(2).padStart(7)} s  ${s.label}`);
  const wanted = new Set(slowest.filter(explainable).map((s) => s.label));
  await rolledBack(rt, scope, async (trx, statements) => {
    for (const s of statements) {
      if (!wanted.has(s.label)) {
        await sql.raw(s.sql).execute(trx);
        continue;
      }
      const plan = await sql.raw<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`).execute(trx);
      log(`\n--- ${s.label} ---\n${s.sql}\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
    }
  });
  return timed;
}

async function rolledBack(rt: Runtime, scope: { dataset: string; batchId: string } | undefined, fn: (trx: Kysely<DB>, statements: { label: string; sql: string }[]) => Promise<void>): Promise<void> {
  const rollback = new Error('rollback');
  await rt.database.db.transaction().execute(async (trx) => {
    const run = await sql<{ id: string }>`INSERT INTO monitor_run (kind, as_of, actor, status) VALUES ('full', ${RUN_DATE}, 'bench:explain', 'running') RETURNING id`.execute(trx);
    await fn(trx, await engineStatements(rt, String(run.rows[0].id), scope));
    throw rollback;
  }).catch((e) => {
    if (e !== rollback) throw e;
  });
}
