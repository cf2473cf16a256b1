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
import type { Engine } from 'json-rules-engine';
import type { DB } from '../../src/platform/db/schema.js';
import type { Runtime } from '../../src/platform/runtime.js';
import type { DatasetDef } from '../../src/modules/catalog/domain/dataset-definition.js';
import { aggregateRows, type DatasetRow } from '../../src/modules/monitoring/domain/aggregate.js';
import type { FactValue } from '../../src/modules/monitoring/domain/condition.js';
import { compareDecimal, multiplyDecimal, sumDecimals } from '../../src/modules/monitoring/domain/decimal.js';
import { isDatasetFact, isParam, paramsOf, type DatasetFact, type IndicatorDefinition, type RegistryFact } from '../../src/modules/monitoring/domain/indicator-definition.js';
import { monthsBefore, monthsBetween, yearsBetween } from '../../src/modules/monitoring/engine/sql-text.js';
import { deadlinesFor, resolveParams } from '../../src/modules/monitoring/run-inputs.js';
import { rulesEngine, type DerivedFact } from './monitor-rules.js';

interface Person {
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

interface Household {
  id: string;
  region: string;
  size: number;
  head: Person;
  categories: Set<string>;
  income: number | null;
  /** Household facts ("<indicator>:<fact>") summed over members as the stream passes them. */
  agg: Map<string, FactValue>;
}

interface Membership {
  category: string;
  valid_from: string;
  valid_to: string | null;
}

interface Alert {
  indicator: string;
  subject_key: string;
  person_id: string | null;
  household_id: string | null;
  id_hash: string;
  id_masked: string;
  region_code: string | null;
  rank: number;
  evidence: Record<string, unknown>;
}

export interface PerRecordResult {
  seconds: number;
  extrapolated: boolean;
  subjects: number;
  subjectsTotal: number;
  households: number;
  householdsTotal: number;
  alerts: number;
}

class Setup {
  readonly personRules: IndicatorDefinition[];
  readonly householdRules: IndicatorDefinition[];
  readonly modifiers: IndicatorDefinition[];
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

  readonly versions: Map<string, number>;

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

/** A server-side cursor read 5,000 rows at a time. */
class Cursor<T extends Record<string, unknown>> {
  private buffer: T[] = [];
  private at = 0;
  private done = false;

  constructor(private readonly trx: Kysely<DB>, private readonly name: string, private readonly key: string) {}

  async open(query: string): Promise<this> {
    await sql.raw(`DECLARE ${this.name} NO SCROLL CURSOR FOR ${query}`).execute(this.trx);
    await this.fill();
    return this;
  }

  private async fill(): Promise<void> {
    const r = await sql.raw<T>(`FETCH 5000 FROM ${this.name}`).execute(this.trx);
    this.buffer = r.rows;
    this.at = 0;
    if (r.rows.length === 0) this.done = true;
  }

  /** The current row's key, or undefined at the end. */
  async peek(): Promise<string | undefined> {
    if (this.at >= this.buffer.length && !this.done) await this.fill();
    return this.done ? undefined : (this.buffer[this.at][this.key] as string);
  }

  /** Every row with this key. */
  async take(key: string): Promise<T[]> {
    const out: T[] = [];
    while ((await this.peek()) === key) out.push(this.buffer[this.at++]);
    return out;
  }
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
    };
  });
  await rt.database.db.updateTable('monitor_run').set({ status: 'finished', finished_at: new Date(), alerts_created: result!.alerts }).where('id', '=', run.id).execute();
  return result!;
}

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

function currentCategories(ms: Membership[] | undefined, on: string): string[] {
  if (!ms) return [];
  return [...new Set(ms.filter((m) => m.valid_from <= on && (m.valid_to === null || m.valid_to > on)).map((m) => m.category))].sort();
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

/** Registry facts of a person (all NULL for someone not in the registry, registered false). */
function registryFacts(p: Person | undefined, h: Household | undefined, on: string, ms: Membership[] | undefined): Record<string, unknown> {
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
function categoryFact(f: RegistryFact, ms: Membership[] | undefined, current: string[] | null, on: string): FactValue {
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
function indicatorFacts(setup: Setup, defs: IndicatorDefinition[], facts: Record<string, unknown>, rows: Map<string, DatasetRow[]>, ms: Membership[] | undefined): void {
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

function addDerived(derived: DerivedFact[], facts: Record<string, unknown>): void {
  for (const d of derived) {
    const v = facts[d.of];
    facts[d.name] = v === null || v === undefined ? null : Number(multiplyDecimal(v as number, d.times));
  }
}

/** The level raise the modifiers give a hardship alert of this subject. */
function raiseOf(setup: Setup, fired: Set<string>): number {
  return setup.modifiers.filter((m) => fired.has(m.code)).reduce((a, m) => a + (m.raise ?? 1), 0);
}

function levelRankOf(def: IndicatorDefinition): number {
  return { blue: 1, yellow: 2, orange: 3, red: 4 }[def.level];
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
  const start = elapsed();
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

function regionOf(setup: Setup, masked: string): string | null {
  const county = masked.slice(0, 6);
  return setup.regions.has(county) ? county : null;
}

/** A member's value of a household fact, added to the household's (sum, count and exists add up; max and min keep the extreme). */
function addToHousehold(setup: Setup, h: Household, x: { def: IndicatorDefinition; name: string; fact: DatasetFact }, rows: Map<string, DatasetRow[]>): void {
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

/** Alerts written 2,000 at a time, with the engine's suppression and once-per-date rule. */
class AlertSink {
  private batch: Alert[] = [];
  count = 0;

  constructor(private readonly trx: Kysely<DB>, private readonly setup: Setup, private readonly runId: string) {}

  async add(a: Alert): Promise<void> {
    this.batch.push(a);
    if (this.batch.length >= 2000) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.batch.length) return;
    const { on, deadlines } = this.setup;
    const meta = Object.fromEntries([...this.setup.personRules, ...this.setup.householdRules].map((d) => [d.code, { v: this.setup.versions.get(d.code), a: d.action, s: d.suppress_days }]));
    const r = await sql<{ n: number }>`WITH x AS (
        SELECT x.*, (${JSON.stringify(meta)}::jsonb -> x.indicator) AS m FROM jsonb_to_recordset(${JSON.stringify(this.batch)}::jsonb)
          AS x(indicator text, subject_key text, person_id bigint, household_id bigint, id_hash text, id_masked text, region_code text, rank int, evidence jsonb)
      ), ins AS (
        INSERT INTO monitor_alert (indicator, indicator_version, level, level_rank, subject_key, person_id, household_id, id_hash, id_masked, region_code, as_of, deadline, action, evidence, run_id)
        SELECT x.indicator, (x.m ->> 'v')::int, (ARRAY['blue', 'yellow', 'orange', 'red'])[x.rank], x.rank, x.subject_key, x.person_id, x.household_id, x.id_hash, x.id_masked, x.region_code,
          ${on}::date, (${[1, 2, 3, 4].map((k) => deadlines[k])}::date[])[x.rank], x.m ->> 'a', x.evidence, ${this.runId}
        FROM x
        WHERE NOT EXISTS (SELECT 1 FROM monitor_alert s WHERE s.indicator = x.indicator AND s.subject_key = x.subject_key
          AND s.as_of > ${on}::date - (x.m ->> 's')::int AND s.as_of < ${on}::date + (x.m ->> 's')::int AND s.level_rank >= x.rank)
        ON CONFLICT (indicator, subject_key, as_of) DO NOTHING
        RETURNING 1)
      SELECT count(*)::int AS n FROM ins`.execute(this.trx);
    this.count += r.rows[0].n;
    this.batch = [];
  }
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
