/**
 * The compiled SQL and the pure evaluator agree, row for row, NULLs included:
 *  1. random conditions (every operator, nested all/any/not, parameters, fact × multiplier)
 *     over random fact rows with NULLs, evaluated by PostgreSQL and by `evaluate`;
 *  2. every aggregate over random dataset rows (windows, latest N, row filters, NULL fields),
 *     computed by the engine's fact tables and by `aggregateRows`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { engines, openTestRuntime } from '../support/db.js';
import type { Runtime } from '../../src/platform/runtime.js';
import type { DB } from '../../src/platform/db/schema.js';
import { evaluate, type FactValues } from '../../src/modules/monitoring/domain/condition.js';
import { aggregateRows, type DatasetRow } from '../../src/modules/monitoring/domain/aggregate.js';
import { conditionSql, type FactSql } from '../../src/modules/monitoring/engine/condition-sql.js';
import { FactPlan, factValueSql, groupTableSql } from '../../src/modules/monitoring/engine/fact-plan.js';
import type { Condition, DatasetFact, FactType, Leaf } from '../../src/modules/monitoring/domain/indicator-definition.js';
import type { DatasetDef } from '../../src/modules/catalog/domain/dataset-definition.js';

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T,>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
  };
}

const FACTS: Record<string, FactType> = { amount: 'number', other: 'number', kind: 'text', day: 'date', flag: 'boolean', cats: 'set' };
const PARAMS = new Map([['p.low', 100], ['p.high', 2500.5], ['p.share', 0.4]]);
const AMOUNTS = [0, 0.1, 0.2, 0.3, 99.99, 100, 100.01, 1000, 2500.5, 4000, 10000.04, -5];
const KINDS = ['inpatient', 'outpatient', 'other'];
const DAYS = ['2026-01-31', '2026-02-28', '2026-06-15', '2026-11-01'];
const CATS = ['dibao', 'tekun', 'marginal'];

function randomFacts(r: ReturnType<typeof random>): FactValues {
  const maybe = <T,>(v: T) => (r.chance(0.2) ? null : v);
  return {
    amount: maybe(r.pick(AMOUNTS)),
    other: maybe(r.pick(AMOUNTS)),
    kind: maybe(r.pick(KINDS)),
    day: maybe(r.pick(DAYS)),
    flag: maybe(r.chance(0.5)),
    cats: maybe(CATS.filter(() => r.chance(0.4))),
  };
}

function randomLeaf(r: ReturnType<typeof random>): Leaf {
  const fact = r.pick(Object.keys(FACTS));
  const type = FACTS[fact];
  if (r.chance(0.08)) return { fact, operator: r.pick(['is_null', 'not_null'] as const) };
  switch (type) {
    case 'number': {
      const operator = r.pick(['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'not_in'] as const);
      if (operator === 'in' || operator === 'not_in') return { fact, operator, value: [r.pick(AMOUNTS), r.pick(AMOUNTS)] };
      const value = r.chance(0.3) ? { param: r.pick([...PARAMS.keys()]) } : r.chance(0.3) ? { fact: fact === 'amount' ? 'other' : 'amount', times: r.chance(0.5) ? { param: 'p.share' } : 0.3 } : r.pick(AMOUNTS);
      return { fact, operator, value };
    }
    case 'text': {
      const operator = r.pick(['eq', 'ne', 'in', 'not_in'] as const);
      return { fact, operator, value: operator === 'in' || operator === 'not_in' ? [r.pick(KINDS)] : r.pick(KINDS) };
    }
    case 'date':
      return { fact, operator: r.pick(['eq', 'ne', 'gt', 'gte', 'lt', 'lte'] as const), value: r.pick(DAYS) };
    case 'boolean':
      return { fact, operator: r.pick(['eq', 'ne'] as const), value: r.chance(0.5) };
    default:
      return r.chance(0.5) ? { fact, operator: 'contains', value: r.pick(CATS) } : { fact, operator: 'contains_any', value: [r.pick(CATS), r.pick(CATS)] };
  }
}

function randomCondition(r: ReturnType<typeof random>, depth = 0): Condition {
  if (depth > 2 || r.chance(0.35)) return randomLeaf(r);
  const parts = Array.from({ length: 1 + r.int(3) }, () => randomCondition(r, depth + 1));
  const k = r.int(3);
  return k === 0 ? { all: parts } : k === 1 ? { any: parts } : { not: parts[0] };
}

describe.each(engines)('compiled SQL agrees with the pure evaluator on %s', (engine) => {
  let rt: Runtime;
  let db: Kysely<DB>;

  beforeAll(async () => {
    rt = await openTestRuntime(engine);
    db = rt.database.db;
  });
  afterAll(async () => rt?.close());

  it('evaluates 300 random conditions over 150 rows with NULLs identically', async () => {
    const r = random(20261129);
    const rows = Array.from({ length: 150 }, () => randomFacts(r));
    await db.transaction().execute(async (trx) => {
      await sql`CREATE TEMP TABLE facts (id int, amount numeric, other numeric, kind text, day date, flag boolean, cats text[]) ON COMMIT DROP`.execute(trx);
      for (const [i, f] of rows.entries()) {
        await sql`INSERT INTO facts VALUES (${i}, ${f.amount}, ${f.other}, ${f.kind}, ${f.day}, ${f.flag}, ${f.cats})`.execute(trx);
      }
      const facts = new Map<string, FactSql>(Object.entries(FACTS).map(([name, type]) => [name, { sql: `t.${name}`, type }]));
      for (let n = 0; n < 300; n++) {
        const c = randomCondition(r);
        const where = conditionSql(c, facts, PARAMS);
        const got = (await sql<{ id: number }>`SELECT id FROM facts t WHERE ${sql.raw(where)} ORDER BY id`.execute(trx)).rows.map((x) => x.id);
        const want = rows.flatMap((f, i) => (evaluate(c, f, PARAMS) ? [i] : []));
        expect(got, JSON.stringify(c)).toEqual(want);
      }
    });
  });

  it('computes every aggregate over random rows as aggregateRows does', async () => {
    const r = random(7);
    const asOf = '2026-11-01';
    const datasets = new Map((await rt.services.catalog.datasets()).map((d) => [d.code, d as DatasetDef]));
    const people = Array.from({ length: 40 }, (_, i) => `bench-hash-${i}`);
    const medical: DatasetRow[] = [];
    const utility: DatasetRow[] = [];
    const months = ['2026-06-01', '2026-07-01', '2026-08-01', '2026-09-01', '2026-10-01', '2026-11-01', '2026-12-01'];
    for (const [p, hash] of people.entries()) {
      for (let k = 0; k < r.int(6); k++) {
        medical.push({ batch_id: 1 + r.int(3), row_no: medical.length + 1, id_hash: hash, settle_date: r.pick(['2025-10-31', '2025-11-01', '2025-11-02', '2026-03-31', '2026-05-01', '2026-10-31', '2026-11-01', '2026-11-02']), visit_type: r.pick(['inpatient', 'outpatient']), oop_cost: r.pick(['0.10', '0.20', '6000.00', '9999.99', '120.35']), admission_date: r.chance(0.3) ? null : '2026-01-01' });
      }
      for (const m of months) {
        if (r.chance(0.7)) utility.push({ batch_id: 1 + r.int(3), row_no: utility.length + 1, id_hash: hash, month: m, water_m3: r.chance(0.2) ? null : r.pick(['0', '0', '3.5']), electricity_kwh: r.pick(['0', '12']) });
      }
      void p;
    }
    const facts: DatasetFact[] = [
      { dataset: 'medical_settlement', agg: 'sum', field: 'oop_cost', months: 12 },
      { dataset: 'medical_settlement', agg: 'max', field: 'oop_cost', months: 6, where: { field: 'visit_type', operator: 'eq', value: 'inpatient' } },
      { dataset: 'medical_settlement', agg: 'min', field: 'oop_cost', months: 12, where: { not: { field: 'visit_type', operator: 'eq', value: 'inpatient' } } },
      { dataset: 'medical_settlement', agg: 'count', months: 12, where: { field: 'oop_cost', operator: 'gt', value: 100 } },
      { dataset: 'medical_settlement', agg: 'exists', months: 1 },
      { dataset: 'medical_settlement', agg: 'latest', field: 'admission_date', months: 12 },
      { dataset: 'medical_settlement', agg: 'max', field: 'admission_date', months: 12 },
      { dataset: 'utility_usage', agg: 'count', months: 4, latest: 3 },
      { dataset: 'utility_usage', agg: 'max', field: 'water_m3', months: 4, latest: 3 },
      { dataset: 'utility_usage', agg: 'sum', field: 'electricity_kwh', months: 4, latest: 3 },
      { dataset: 'utility_usage', agg: 'latest', field: 'water_m3', months: 6 },
    ];
    await db.transaction().execute(async (trx) => {
      for (const m of medical) {
        await sql`INSERT INTO ds_medical_settlement (batch_id, row_no, id_hash, id_sealed, id_masked, settle_date, visit_type, oop_cost, admission_date)
          VALUES (${m.batch_id}, ${m.row_no}, ${m.id_hash}, 'x', '220102********0000', ${m.settle_date}, ${m.visit_type}, ${m.oop_cost}, ${m.admission_date})`.execute(trx);
      }
      for (const u of utility) {
        await sql`INSERT INTO ds_utility_usage (batch_id, row_no, id_hash, id_sealed, id_masked, month, water_m3, electricity_kwh)
          VALUES (${u.batch_id}, ${u.row_no}, ${u.id_hash}, 'x', '220102********0000', ${u.month}, ${u.water_m3}, ${u.electricity_kwh})`.execute(trx);
      }
      const plan = new FactPlan(datasets, new Map());
      const planned = facts.map((f) => plan.add(f));
      for (const g of plan.groups) await sql.raw(groupTableSql(g, asOf, false)).execute(trx);
      for (const [i, f] of facts.entries()) {
        const { group, fact } = planned[i];
        const read = factValueSql('g', fact);
        const got = new Map((await sql<{ id_hash: string; v: unknown }>`SELECT p.id_hash, ${sql.raw(read)} AS v FROM (SELECT unnest(${people}::text[]) AS id_hash) p LEFT JOIN ${sql.raw(group.table)} g ON g.id_hash = p.id_hash`.execute(trx)).rows.map((x) => [x.id_hash, x.v]));
        const rows = f.dataset === 'medical_settlement' ? medical : utility;
        const event = datasets.get(f.dataset)!.event_field;
        for (const hash of people) {
          const want = aggregateRows(f, fact.months, event, rows.filter((x) => x.id_hash === hash), asOf);
          const value = got.get(hash);
          const norm = (v: unknown) => (v === null || v === undefined ? null : typeof v === 'boolean' ? v : /^\d{4}-\d{2}-\d{2}$/.test(String(v)) ? String(v) : Number(v));
          expect(norm(value), `${JSON.stringify(f)} for ${hash}`).toEqual(norm(want));
        }
      }
      await sql`DELETE FROM ds_medical_settlement WHERE id_hash LIKE 'bench-hash-%'`.execute(trx);
      await sql`DELETE FROM ds_utility_usage WHERE id_hash LIKE 'bench-hash-%'`.execute(trx);
    });
  });
});
