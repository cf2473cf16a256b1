/**
 * The per-record baseline: what a typical implementation does. It reads its rules (the same
 * indicator definitions, translated to json-rules-engine rules), the policy parameters and
 * deadlines; loads the registry's households (size, head, categories, latest income) and category
 * memberships into memory; then streams the registry ordered by ID hash together with every feed
 * the indicators read (rows within the widest window of that feed, ordered by ID hash), each with
 * a server-side cursor (DECLARE … FETCH 5000) in one transaction, merging them by ID hash — one
 * subject at a time: a registered person, or someone only seen in the feeds. For each subject it
 * computes the facts in JavaScript (aggregateRows for the feed facts, the registry facts from the
 * person, the household and the memberships) and runs json-rules-engine over all person-level
 * rules and the post-exit modifier; household facts are summed over members as the stream goes,
 * and household rules run over every household at the end. Alerts are inserted in batches of
 * 2,000 (same suppression and once-per-date rule as the engine's).
 *
 * Time cap: if the stream passes the cap (default 300 s) it stops, and the household phase then
 * gets a tenth of the cap. Each phase that did not finish is extrapolated linearly: its fixed
 * start (everything before the first subject: loading the registry, opening the cursors, which
 * includes the server's sorts) counts once, the per-subject part scales with total ÷ processed.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/platform/db/schema.js';
import type { Runtime } from '../../src/platform/runtime.js';
import type { DatasetRow } from '../../src/modules/monitoring/domain/aggregate.js';
import { isDatasetFact, paramsOf, type DatasetFact } from '../../src/modules/monitoring/domain/indicator-definition.js';
import { monthsBefore } from '../../src/modules/monitoring/engine/sql-text.js';
import { deadlinesFor, resolveParams } from '../../src/modules/monitoring/run-inputs.js';
import {
  Setup, addDerived, addToHousehold, categoryFact, currentCategories, indicatorFacts, levelRankOf, raiseOf, regionOf, registryFacts,
  type Household, type Membership, type Person,
} from './monitor-per-record-facts.js';
import { AlertSink, Cursor } from './monitor-per-record-io.js';

export interface PerRecordResult {
  seconds: number;
  /** Where the time went: loading the registry, opening the cursors (the server's sorts), the stream, the households. */
  phases: { registry_s: number; cursors_s: number; stream_s: number; subjects_per_s: number; households_s: number; households_per_s: number };
  extrapolated: boolean;
  subjects: number;
  subjectsTotal: number;
  households: number;
  householdsTotal: number;
  alerts: number;
}

export async function runPerRecord(rt: Runtime, on: string, capSeconds: number): Promise<PerRecordResult> {
  const t0 = performance.now();
  const elapsed = () => (performance.now() - t0) / 1000;
  const indicators = (await rt.services.indicators.list()).filter((i) => i.active).map((i) => ({ def: i.definition, version: i.version }));
  const datasets = new Map((await rt.services.catalog.datasets()).map((d) => [d.code, d]));
  const params = await resolveParams(rt.services.policy, indicators.flatMap((i) => paramsOf(i.def)), on);
  const deadlines = await deadlinesFor(rt.services.policy, rt.services.calendar, on);
  const run = await rt.database.db.insertInto('monitor_run').values({ kind: 'full', as_of: on, actor: 'bench:per-record', status: 'running' }).returning('id').executeTakeFirstOrThrow();
  let result: PerRecordResult | undefined;
  await rt.database.db.transaction().execute(async (trx) => {
    const regions = new Set((await sql<{ code: string }>`SELECT code FROM region`.execute(trx)).rows.map((r) => r.code));
    const setup = new Setup(on, indicators, datasets, params, deadlines, regions);
    const memberships = await loadMemberships(trx);
    const households = await loadHouseholds(trx, memberships, on);
    const sink = new AlertSink(trx, setup, run.id);
    const stream = await streamSubjects(trx, setup, memberships, households, sink, capSeconds, elapsed);
    const householdCap = stream.finished ? Math.max(capSeconds - elapsed(), capSeconds / 10) : capSeconds / 10;
    const hh = await evaluateHouseholds(setup, memberships, households, sink, householdCap);
    await sink.flush();
    const seconds = elapsed();
    const subjectsTotal = stream.finished ? stream.subjects : await countSubjects(trx, setup);
    const streamPart = stream.finished ? stream.seconds : stream.start + (stream.seconds - stream.start) * (subjectsTotal / Math.max(1, stream.subjects));
    const householdPart = hh.finished ? hh.seconds : hh.seconds * (households.size / Math.max(1, hh.households));
    const extrapolated = !stream.finished || !hh.finished;
    result = {
      seconds: extrapolated ? stream.before + streamPart + householdPart : seconds,
      extrapolated, subjects: stream.subjects, subjectsTotal, households: hh.households, householdsTotal: households.size, alerts: sink.count,
      phases: {
        registry_s: round(stream.before), cursors_s: round(stream.start), stream_s: round(stream.seconds - stream.start),
        subjects_per_s: Math.round(stream.subjects / Math.max(0.001, stream.seconds - stream.start)), households_s: round(hh.seconds),
        households_per_s: Math.round(hh.households / Math.max(0.001, hh.seconds)),
      },
    };
  });
  await rt.database.db.updateTable('monitor_run').set({ status: 'finished', finished_at: new Date(), alerts_created: result!.alerts }).where('id', '=', run.id).execute();
  return result!;
}

const round = (n: number) => Math.round(n * 100) / 100;

async function loadMemberships(trx: Kysely<DB>): Promise<Map<string, Membership[]>> {
  const out = new Map<string, Membership[]>();
  const rows = await sql<Membership & { person_id: string }>`SELECT person_id, category, valid_from, valid_to FROM category_membership`.execute(trx);
  for (const r of rows.rows) {
    const list = out.get(String(r.person_id)) ?? [];
    list.push({ category: r.category, valid_from: r.valid_from, valid_to: r.valid_to });
    out.set(String(r.person_id), list);
  }
  return out;
}

const PERSON_COLUMNS = 'p.id, p.id_number_hash, p.id_number_masked, p.household_id, p.birth_date, p.sex, p.relation, p.disability_grade, p.disability_type, p.health';

/** Every household with members: size, head (recorded head first, then lowest id), categories, region, latest income. */
async function loadHouseholds(trx: Kysely<DB>, memberships: Map<string, Membership[]>, on: string): Promise<Map<string, Household>> {
  const out = new Map<string, Household>();
  const cursor = await new Cursor<Person & { region_code: string } & Record<string, unknown>>(trx, 'pr_households', 'id').open(
    `SELECT ${PERSON_COLUMNS}, h.region_code FROM person p JOIN household h ON h.id = p.household_id`,
  );
  for (let key = await cursor.peek(); key !== undefined; key = await cursor.peek()) {
    for (const p of await cursor.take(key)) {
      const id = String(p.household_id);
      let h = out.get(id);
      if (!h) out.set(id, (h = { id, region: p.region_code, size: 0, head: p, categories: new Set(), income: null, agg: new Map() }));
      h.size++;
      if (better(p, h.head)) h.head = p;
      for (const c of currentCategories(memberships.get(String(p.id)), on)) h.categories.add(c);
    }
  }
  await sql.raw('CLOSE pr_households').execute(trx);
  const incomes = await sql<{ household_id: string; as_of: string; id: string; income: string }>`
    SELECT household_id, as_of, id, income_wage + income_business + income_property + income_transfer + income_other AS income
    FROM economic_snapshot WHERE as_of <= ${on}`.execute(trx);
  const latest = new Map<string, { as_of: string; id: number; income: string }>();
  for (const r of incomes.rows) {
    const k = String(r.household_id);
    const cur = latest.get(k);
    if (!cur || r.as_of > cur.as_of || (r.as_of === cur.as_of && Number(r.id) > cur.id)) latest.set(k, { as_of: r.as_of, id: Number(r.id), income: r.income });
  }
  for (const [k, v] of latest) {
    const h = out.get(k);
    if (h) h.income = Number(v.income);
  }
  return out;
}

function better(p: Person, head: Person): boolean {
  const ph = p.relation === 'head';
  const hh = head.relation === 'head';
  return ph !== hh ? ph : Number(p.id) < Number(head.id);
}

interface StreamResult {
  finished: boolean;
  subjects: number;
  /** Seconds before the stream (rules, registry, memberships). */
  before: number;
  /** Seconds from the stream's start to its first subject (cursors opened, first rows fetched). */
  start: number;
  seconds: number;
}

async function streamSubjects(
  trx: Kysely<DB>, setup: Setup, memberships: Map<string, Membership[]>, households: Map<string, Household>,
  sink: AlertSink, capSeconds: number, elapsed: () => number,
): Promise<StreamResult> {
  const before = elapsed();
  const persons = await new Cursor<Person & Record<string, unknown>>(trx, 'pr_persons', 'id_number_hash').open(`SELECT ${PERSON_COLUMNS} FROM person p ORDER BY p.id_number_hash`);
  const feeds: { code: string; cursor: Cursor<DatasetRow & Record<string, unknown>>; numeric: string[] }[] = [];
  for (const [code, feed] of setup.feeds) {
    const from = monthsBefore(setup.on, feed.months);
    const fields = [...feed.fields].map((f) => `"${f}"`).join(', ');
    const cursor = await new Cursor<DatasetRow & Record<string, unknown>>(trx, `pr_${code}`, 'id_hash').open(
      `SELECT batch_id, row_no, id_hash, id_masked, ${fields} FROM ds_${code} WHERE "${feed.def.event_field}" > DATE '${from}' AND "${feed.def.event_field}" <= DATE '${setup.on}' ORDER BY id_hash`,
    );
    const numeric = feed.def.fields.filter((f) => feed.fields.has(f.code) && (f.type === 'amount' || f.type === 'number')).map((f) => f.code);
    feeds.push({ code, cursor, numeric });
  }
  const start = elapsed() - before;
  const householdFacts = setup.householdRules.flatMap((def) => Object.entries(def.facts).filter(([, f]) => isDatasetFact(f)).map(([name, f]) => ({ def, name, fact: f as DatasetFact })));
  let subjects = 0;
  for (;;) {
    if (elapsed() > capSeconds) return { finished: false, subjects, before, start, seconds: elapsed() - before };
    let key = await persons.peek();
    for (const f of feeds) {
      const k = await f.cursor.peek();
      if (k !== undefined && (key === undefined || k < key)) key = k;
    }
    if (key === undefined) break;
    const person = (await persons.take(key))[0] as Person | undefined;
    const rows = new Map<string, DatasetRow[]>();
    let masked: string | undefined;
    for (const f of feeds) {
      const mine = await f.cursor.take(key);
      if (!mine.length) continue;
      for (const r of mine) {
        r.batch_id = Number(r.batch_id);
        for (const n of f.numeric) if (r[n] !== null) r[n] = Number(r[n]);
        if (masked === undefined || (r.id_masked as string) < masked) masked = r.id_masked as string;
      }
      rows.set(f.code, mine);
    }
    subjects++;
    const ms = person ? memberships.get(String(person.id)) : undefined;
    const household = person?.household_id ? households.get(String(person.household_id)) : undefined;
    const facts = registryFacts(person, household, setup.on, ms);
    indicatorFacts(setup, [...setup.personRules, ...setup.modifiers], facts, rows, ms);
    addDerived(setup.person.derived, facts);
    const { events } = await setup.person.engine.run(facts);
    const fired = new Set(events.map((e) => e.type));
    const raise = raiseOf(setup, fired);
    for (const def of setup.personRules) {
      if (!fired.has(def.code)) continue;
      const evidence = Object.fromEntries(Object.keys(def.facts).map((n) => [n, facts[`${def.code}:${n}`]]));
      await sink.add({
        indicator: def.code, subject_key: person ? `p:${person.id}` : `x:${key}`, person_id: person?.id ?? null, household_id: person?.household_id ?? null,
        id_hash: key, id_masked: person?.id_number_masked ?? masked!, region_code: person ? (household?.region ?? null) : regionOf(setup, masked!),
        rank: Math.min(4, levelRankOf(def) + (def.kind === 'hardship' ? raise : 0)), evidence,
      });
    }
    if (household && rows.size) for (const h of householdFacts) addToHousehold(setup, household, h, rows);
  }
  return { finished: true, subjects, before, start, seconds: elapsed() - before };
}

async function evaluateHouseholds(setup: Setup, memberships: Map<string, Membership[]>, households: Map<string, Household>, sink: AlertSink, capSeconds: number): Promise<{ finished: boolean; households: number; seconds: number }> {
  const t = performance.now();
  const seconds = () => (performance.now() - t) / 1000;
  let n = 0;
  for (const h of households.values()) {
    if (seconds() > capSeconds) return { finished: false, households: n, seconds: seconds() };
    n++;
    const ms = memberships.get(String(h.head.id));
    const facts = registryFacts(h.head, h, setup.on, ms);
    for (const def of [...setup.householdRules, ...setup.modifiers]) {
      for (const [name, f] of Object.entries(def.facts)) {
        const k = `${def.code}:${name}`;
        if (!isDatasetFact(f)) facts[k] = categoryFact(f, ms, facts.categories as string[] | null, setup.on);
        else facts[k] = h.agg.get(k) ?? (f.agg === 'sum' || f.agg === 'count' ? 0 : f.agg === 'exists' ? false : null);
      }
    }
    addDerived(setup.household.derived, facts);
    const { events } = await setup.household.engine.run(facts);
    const fired = new Set(events.map((e) => e.type));
    const raise = raiseOf(setup, fired);
    for (const def of setup.householdRules) {
      if (!fired.has(def.code)) continue;
      const evidence = Object.fromEntries(Object.keys(def.facts).map((x) => [x, facts[`${def.code}:${x}`]]));
      await sink.add({
        indicator: def.code, subject_key: `h:${h.id}`, person_id: h.head.id, household_id: h.id, id_hash: h.head.id_number_hash, id_masked: h.head.id_number_masked,
        region_code: h.region, rank: Math.min(4, levelRankOf(def) + (def.kind === 'hardship' ? raise : 0)), evidence,
      });
    }
  }
  return { finished: true, households: n, seconds: seconds() };
}

/** Everyone the stream would have visited: registered persons and everyone in the feeds' windows. */
async function countSubjects(trx: Kysely<DB>, setup: Setup): Promise<number> {
  const parts = ['SELECT id_number_hash AS h FROM person'];
  for (const [code, feed] of setup.feeds) {
    parts.push(`SELECT id_hash FROM ds_${code} WHERE "${feed.def.event_field}" > DATE '${monthsBefore(setup.on, feed.months)}' AND "${feed.def.event_field}" <= DATE '${setup.on}'`);
  }
  const r = await sql.raw<{ n: string }>(`SELECT count(*) AS n FROM (${parts.join(' UNION ')}) x`).execute(trx);
  return Number(r.rows[0].n);
}
