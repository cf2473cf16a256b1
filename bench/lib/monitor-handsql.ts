/**
 * The floor: the 17 default indicators and the post-exit modifier written by hand in SQL, as an
 * experienced PostgreSQL developer would write exactly these (no compiler, nothing generic):
 * the medical settlements are scanned once for both windows (12-month sum, 6-month largest
 * inpatient stay), small event feeds are aggregated inside the statement that needs them,
 * category tests use a per-person and a per-household table of current categories, the elderly
 * living alone are found first and only their latest utility rows read, households look up their
 * head only when they fire. Thresholds, windows and deadlines are read from the run date's policy
 * parameters. It writes the same alert rows as the engine (indicator, subject, level, person,
 * household, region, date, deadline, action) under a monitor_run of its own, with the same
 * suppression and once-per-date rule; its evidence is a smaller jsonb.
 *
 * Month arithmetic: "N months since" is written as a date comparison (x > d − N months), which
 * is what age()-based month counts give on a run date that is the 1st of a month (the bench's).
 */
import { sql } from 'kysely';
import type { Runtime } from '../../src/platform/runtime.js';
import { deadlinesFor, resolveParams } from '../../src/modules/monitoring/run-inputs.js';
import { monthsBefore } from '../../src/modules/monitoring/engine/sql-text.js';

const RANK = { blue: 1, yellow: 2, orange: 3, red: 4 } as const;
type Level = keyof typeof RANK;

const PARAMS = [
  'monitor.medical_window_months', 'monitor.new_event_window_months', 'monitor.medical_oop.tekun', 'monitor.medical_oop.dibao',
  'monitor.medical_oop.marginal', 'monitor.medical_oop.other', 'monitor.oop_income_share', 'monitor.hospital_stay_oop.registered',
  'monitor.hospital_stay_oop.other', 'monitor.working_age.min', 'monitor.working_age.max', 'monitor.elderly_alone_age',
  'monitor.rigid_expiring_months', 'post_exit_monitoring_months',
];
const LOW_INCOME = `'{dibao,tekun,marginal,rigid_expense,anti_return_poverty}'::text[]`;
const RECIPIENT = `'{dibao,tekun}'::text[]`;

interface Ctx {
  d: string;
  p: ReadonlyMap<string, number>;
  /** The window start (exclusive) of N months back. */
  from(months: number): string;
}

/** One alert statement: its select yields subject_key, person_id, household_id, id_hash, id_masked, region_code, rank, evidence. */
interface AlertSql {
  code: string;
  action: string;
  suppress: number;
  select: string;
}

/** Runs the statements in one transaction; `trace` hears each statement's label and seconds. */
export async function runHandSql(rt: Runtime, on: string, trace?: (label: string, seconds: number) => void): Promise<Record<string, number>> {
  const p = await resolveParams(rt.services.policy, PARAMS, on);
  const deadlines = await deadlinesFor(rt.services.policy, rt.services.calendar, on);
  const ctx: Ctx = { d: `DATE '${on}'`, p, from: (m) => `DATE '${monthsBefore(on, m)}'` };
  const versions = new Map((await rt.database.db.selectFrom('monitor_indicator').select(['code', 'version']).execute()).map((r) => [r.code, r.version]));
  const run = await rt.database.db.insertInto('monitor_run')
    .values({ kind: 'full', as_of: on, actor: 'bench:handsql', status: 'running', parameters: JSON.stringify(Object.fromEntries(p)) })
    .returning('id').executeTakeFirstOrThrow();
  const byIndicator: Record<string, number> = {};
  await rt.database.db.transaction().execute(async (trx) => {
    let t = performance.now();
    const lap = (label: string) => {
      trace?.(label, (performance.now() - t) / 1000);
      t = performance.now();
    };
    for (const s of prepareSql(ctx)) {
      await sql.raw(s).execute(trx);
      lap(s.trim().split('\n')[0].slice(0, 60));
    }
    for (const a of alertsSql(ctx)) {
      const r = await sql.raw<{ n: number }>(insertSql(a, versions.get(a.code)!, run.id, ctx, deadlines)).execute(trx);
      byIndicator[a.code] = r.rows[0].n;
      lap(`insert ${a.code}`);
    }
  });
  const created = Object.values(byIndicator).reduce((a, b) => a + b, 0);
  await rt.database.db.updateTable('monitor_run').set({ status: 'finished', finished_at: new Date(), alerts_created: created, by_indicator: JSON.stringify(byIndicator) }).where('id', '=', run.id).execute();
  return byIndicator;
}

/** The statements of a run (diagnostics: the explain script runs them one by one). */
export async function handSqlStatements(rt: Runtime, on: string, runId: string): Promise<{ label: string; sql: string }[]> {
  const p = await resolveParams(rt.services.policy, PARAMS, on);
  const deadlines = await deadlinesFor(rt.services.policy, rt.services.calendar, on);
  const ctx: Ctx = { d: `DATE '${on}'`, p, from: (m) => `DATE '${monthsBefore(on, m)}'` };
  const versions = new Map((await rt.database.db.selectFrom('monitor_indicator').select(['code', 'version']).execute()).map((r) => [r.code, r.version]));
  return [
    ...prepareSql(ctx).map((s) => ({ label: s.trim().split('\n')[0].slice(0, 60), sql: s })),
    ...alertsSql(ctx).map((a) => ({ label: `insert ${a.code}`, sql: insertSql(a, versions.get(a.code)!, runId, ctx, deadlines) })),
  ];
}

/** The run's working tables: current categories per person and household, the post-exit people, the medical sums. */
function prepareSql({ d, p, from }: Ctx): string[] {
  const medical = p.get('monitor.medical_window_months')!;
  const recent = p.get('monitor.new_event_window_months')!;
  return [
    `CREATE TEMP TABLE hs_cat ON COMMIT DROP AS
     SELECT m.person_id, p.household_id, array_agg(DISTINCT m.category) AS cats,
       min(m.valid_from) FILTER (WHERE m.category = 'rigid_expense') AS rigid_since
     FROM category_membership m JOIN person p ON p.id = m.person_id
     WHERE m.valid_from <= ${d} AND (m.valid_to IS NULL OR m.valid_to > ${d})
     GROUP BY m.person_id, p.household_id`,
    `CREATE INDEX ON hs_cat (person_id)`,
    `CREATE TEMP TABLE hs_household_cat ON COMMIT DROP AS
     SELECT household_id, array_agg(DISTINCT c) AS cats FROM hs_cat, unnest(cats) AS c WHERE household_id IS NOT NULL GROUP BY household_id`,
    `CREATE INDEX ON hs_household_cat (household_id)`,
    // Left dibao or tekun within the post-exit monitoring period, and not back in either.
    `CREATE TEMP TABLE hs_post_exit ON COMMIT DROP AS
     SELECT person_id FROM category_membership
     WHERE category = ANY(${RECIPIENT}) AND valid_to IS NOT NULL AND valid_to <= ${d}
     GROUP BY person_id HAVING max(valid_to) > ${from(p.get('post_exit_monitoring_months')!)}
     EXCEPT SELECT person_id FROM hs_cat WHERE cats && ${RECIPIENT}`,
    `CREATE INDEX ON hs_post_exit (person_id)`,
    // One pass over the medical settlements for both of its windows (a lead's masked ID is looked up when it fires).
    `CREATE TEMP TABLE hs_med ON COMMIT DROP AS
     SELECT id_hash,
       sum(oop_cost) FILTER (WHERE settle_date > ${from(medical)}) AS oop,
       count(*) FILTER (WHERE settle_date > ${from(medical)}) AS oop_rows,
       max(oop_cost) FILTER (WHERE settle_date > ${from(recent)} AND visit_type = 'inpatient') AS stay
     FROM ds_medical_settlement
     WHERE settle_date > ${from(Math.max(medical, recent))} AND settle_date <= ${d}
     GROUP BY id_hash`,
    `ANALYZE hs_cat, hs_household_cat, hs_post_exit, hs_med`,
  ];
}

const raise = (base: Level, person = 'p.id') => `least(4, ${RANK[base]} + CASE WHEN EXISTS (SELECT 1 FROM hs_post_exit pe WHERE pe.person_id = ${person}) THEN 1 ELSE 0 END)`;

/**
 * Anyone named in a feed (x: id_hash, …): the registered person if there is one, else a lead
 * routed by the county in their masked ID (`masked`: how to find it for a lead; by default x
 * carries it); `cats` adds the person's current categories (c.cats).
 */
function anyone(x: string, rank: string, evidence: string, o: { where?: string; cats?: boolean; masked?: string } = {}): string {
  return `SELECT coalesce('p:' || p.id, 'x:' || x.id_hash) AS subject_key, p.id AS person_id, p.household_id, x.id_hash,
    mk.id_masked, CASE WHEN p.id IS NULL THEN r.code ELSE h.region_code END AS region_code, ${rank} AS rank, ${evidence} AS evidence
  FROM (${x}) x
  LEFT JOIN person p ON p.id_number_hash = x.id_hash
  CROSS JOIN LATERAL (SELECT CASE WHEN p.id IS NULL THEN ${o.masked ?? 'x.id_masked'} ELSE p.id_number_masked END AS id_masked) mk
  LEFT JOIN household h ON h.id = p.household_id
  LEFT JOIN region r ON p.id IS NULL AND r.code = left(mk.id_masked, 6)
  ${o.cats ? 'LEFT JOIN hs_cat c ON c.person_id = p.id' : ''}
  WHERE ${o.where ?? 'true'}`;
}

/** A lead's masked ID from a feed's rows in a window (x.id_hash). */
function leadMasked(table: string, field: string, months: number, { d, from }: Ctx): string {
  return `(SELECT min(f.id_masked) FROM ${table} f WHERE f.id_hash = x.id_hash AND f.${field} > ${from(months)} AND f.${field} <= ${d})`;
}

/** Rows of a small feed in a window, per person. */
function eventsOf(table: string, field: string, { d, p, from }: Ctx, filter = 'true'): string {
  return `SELECT id_hash, min(id_masked) AS id_masked, count(*) AS n FROM ${table}
    WHERE ${field} > ${from(p.get('monitor.new_event_window_months')!)} AND ${field} <= ${d} AND ${filter} GROUP BY id_hash`;
}

/** A registered person named in a feed, whose household (or who) holds one of the categories. */
function recipientEvent(events: string, cats: string, of: 'household' | 'person', rank: string, where = 'true'): string {
  const population = of === 'household'
    ? `JOIN hs_household_cat c ON c.household_id = p.household_id AND c.cats && ${cats}`
    : `JOIN hs_cat c ON c.person_id = p.id AND c.cats && ${cats}`;
  return `SELECT 'p:' || p.id AS subject_key, p.id AS person_id, p.household_id, p.id_number_hash AS id_hash, p.id_number_masked AS id_masked,
    h.region_code, ${rank} AS rank, jsonb_build_object('rows', e.n, 'categories', c.cats) AS evidence
  FROM (${events}) e
  JOIN person p ON p.id_number_hash = e.id_hash
  ${population}
  LEFT JOIN household h ON h.id = p.household_id
  WHERE ${where}`;
}

/** A household alert: its head (the member recorded as head, else the first), region and the head's post-exit raise. */
function householdAlert(households: string, base: Level | null, evidence: string): string {
  return `SELECT 'h:' || x.household_id AS subject_key, head.id AS person_id, x.household_id, head.id_number_hash AS id_hash,
    head.id_number_masked AS id_masked, h.region_code, ${base ? raise(base, 'head.id') : 'NULL'} AS rank, ${evidence} AS evidence
  FROM (${households} OFFSET 0) x
  JOIN household h ON h.id = x.household_id
  CROSS JOIN LATERAL (SELECT m.id, m.id_number_hash, m.id_number_masked FROM person m WHERE m.household_id = x.household_id
    ORDER BY (m.relation = 'head') DESC, m.id LIMIT 1) head`;
}

function alertsSql(ctx: Ctx): AlertSql[] {
  const { d, p, from } = ctx;
  const v = (k: string) => p.get(k)!;
  const medical = v('monitor.medical_window_months');
  const recent = v('monitor.new_event_window_months');
  return [
    {
      // Category holders against their own thresholds, everyone else against the general one.
      code: 'medical_oop_annual', action: 'medical_assistance_referral', suppress: 90,
      select: `SELECT 'p:' || p.id AS subject_key, p.id AS person_id, p.household_id, p.id_number_hash AS id_hash, p.id_number_masked AS id_masked,
          h.region_code, ${raise('orange')} AS rank, jsonb_build_object('oop', m.oop, 'rows', m.oop_rows, 'categories', c.cats) AS evidence
        FROM hs_cat c JOIN person p ON p.id = c.person_id JOIN hs_med m ON m.id_hash = p.id_number_hash LEFT JOIN household h ON h.id = p.household_id
        WHERE (c.cats @> '{tekun}' AND m.oop >= ${v('monitor.medical_oop.tekun')}) OR (c.cats @> '{dibao}' AND m.oop >= ${v('monitor.medical_oop.dibao')})
          OR (c.cats && '{marginal,rigid_expense,anti_return_poverty}' AND m.oop >= ${v('monitor.medical_oop.marginal')}) OR m.oop >= ${v('monitor.medical_oop.other')}
        UNION ALL
        ${anyone(`SELECT id_hash, oop, oop_rows FROM hs_med WHERE oop >= ${v('monitor.medical_oop.other')}`,
          raise('orange'), `jsonb_build_object('oop', x.oop, 'rows', x.oop_rows)`, { where: 'c.person_id IS NULL', cats: true, masked: leadMasked('ds_medical_settlement', 'settle_date', medical, ctx) })}`,
    },
    {
      code: 'hospital_stay_oop', action: 'medical_assistance_referral', suppress: 90,
      select: anyone(`SELECT id_hash, stay FROM hs_med WHERE stay > ${Math.min(v('monitor.hospital_stay_oop.registered'), v('monitor.hospital_stay_oop.other'))}`,
        raise('orange'), `jsonb_build_object('stay', x.stay)`,
        { where: `(p.id IS NOT NULL AND x.stay > ${v('monitor.hospital_stay_oop.registered')}) OR x.stay > ${v('monitor.hospital_stay_oop.other')}`, masked: leadMasked('ds_medical_settlement', 'settle_date', recent, ctx) }),
    },
    {
      // Only households with an income record can fire: their members' medical sums, then the test.
      code: 'medical_oop_income_share', action: 'medical_assistance_referral', suppress: 180,
      select: householdAlert(`WITH i AS MATERIALIZED (
            SELECT DISTINCT ON (household_id) household_id, income_wage + income_business + income_property + income_transfer + income_other AS income
            FROM economic_snapshot WHERE as_of <= ${d} ORDER BY household_id, as_of DESC, id DESC)
          SELECT i.household_id, i.income, coalesce(o.oop, 0) AS oop FROM i
          LEFT JOIN (SELECT p.household_id, sum(m.oop) AS oop FROM i JOIN person p ON p.household_id = i.household_id JOIN hs_med m ON m.id_hash = p.id_number_hash
            GROUP BY p.household_id) o ON o.household_id = i.household_id
          WHERE coalesce(o.oop, 0) > i.income * ${v('monitor.oop_income_share')}`,
        'orange', `jsonb_build_object('oop', x.oop, 'income', x.income)`),
    },
    { code: 'serious_illness_new', action: 'home_visit', suppress: 180, select: anyone(eventsOf('ds_serious_illness', 'diagnosis_date', ctx), raise('orange'), `jsonb_build_object('rows', x.n)`) },
    {
      code: 'disability_new_severe', action: 'home_visit', suppress: 365,
      select: anyone(eventsOf('ds_disability_cert', 'cert_date', ctx, `grade IN (1, 2) AND status = 'issued'`), raise('yellow'), `jsonb_build_object('rows', x.n)`),
    },
    {
      code: 'disaster_victim', action: 'disaster_relief', suppress: 90,
      select: anyone(eventsOf('ds_disaster_victim', 'event_date', ctx, `loss_level IN ('major', 'total')`), raise('red'), `jsonb_build_object('rows', x.n)`),
    },
    {
      code: 'dangerous_housing', action: 'housing_assistance_referral', suppress: 365,
      select: anyone(eventsOf('ds_dangerous_housing', 'assess_date', ctx, `grade IN ('C', 'D')`), raise('orange'), `jsonb_build_object('rows', x.n)`),
    },
    {
      code: 'unemployment_new', action: 'employment_assistance_referral', suppress: 180,
      select: recipientEvent(eventsOf('ds_unemployment_reg', 'reg_date', ctx, `status = 'registered'`), LOW_INCOME, 'household', raise('yellow'),
        `p.birth_date <= ${d} - make_interval(years => ${v('monitor.working_age.min')}) AND p.birth_date > ${d} - make_interval(years => ${v('monitor.working_age.max') + 1})`),
    },
    {
      code: 'school_entry', action: 'education_assistance_referral', suppress: 300,
      select: recipientEvent(eventsOf('ds_school_enrollment', 'enroll_date', ctx, `stage IN ('senior', 'vocational', 'college')`), `'{dibao,marginal,rigid_expense}'::text[]`, 'household', raise('blue')),
    },
    { code: 'asset_vehicle_new', action: 'eligibility_review', suppress: 365, select: recipientEvent(eventsOf('ds_vehicle_reg', 'reg_date', ctx), RECIPIENT, 'household', '2') },
    { code: 'asset_property_new', action: 'eligibility_review', suppress: 365, select: recipientEvent(eventsOf('ds_property_reg', 'reg_date', ctx), RECIPIENT, 'household', '2') },
    { code: 'business_registered', action: 'eligibility_review', suppress: 365, select: recipientEvent(eventsOf('ds_business_reg', 'reg_date', ctx), RECIPIENT, 'household', '2') },
    { code: 'public_employment_new', action: 'eligibility_review', suppress: 365, select: recipientEvent(eventsOf('ds_public_employment', 'start_date', ctx), RECIPIENT, 'household', '2') },
    { code: 'recipient_death', action: 'eligibility_review', suppress: 365, select: recipientEvent(eventsOf('ds_death_record', 'death_date', ctx), RECIPIENT, 'person', '4') },
    {
      code: 'member_death', action: 'home_visit', suppress: 365,
      select: householdAlert(`SELECT p.household_id, count(*) AS n FROM (${eventsOf('ds_death_record', 'death_date', ctx)}) e
          JOIN person p ON p.id_number_hash = e.id_hash
          JOIN hs_household_cat c ON c.household_id = p.household_id AND c.cats && ${LOW_INCOME}
          GROUP BY p.household_id`,
        'orange', `jsonb_build_object('deaths', x.n)`),
    },
    {
      code: 'no_utility_use', action: 'care_visit', suppress: 30,
      select: `SELECT 'p:' || p.id AS subject_key, p.id AS person_id, p.household_id, p.id_number_hash AS id_hash, p.id_number_masked AS id_masked,
          h.region_code, ${raise('red')} AS rank, jsonb_build_object('months', u.n, 'water', u.water, 'power', u.power) AS evidence
        FROM person p
        JOIN household h ON h.id = p.household_id
        CROSS JOIN LATERAL (SELECT count(*) AS n, max(water_m3) AS water, max(electricity_kwh) AS power FROM (
          SELECT water_m3, electricity_kwh FROM ds_utility_usage u WHERE u.id_hash = p.id_number_hash AND u.month > ${from(4)} AND u.month <= ${d}
          ORDER BY u.month DESC, u.batch_id DESC, u.row_no DESC LIMIT 3) l) u
        WHERE p.birth_date <= ${d} - make_interval(years => ${v('monitor.elderly_alone_age')})
          AND NOT EXISTS (SELECT 1 FROM person o WHERE o.household_id = p.household_id AND o.id <> p.id)
          AND u.n = 3 AND u.water = 0 AND u.power = 0`,
    },
    {
      code: 'recognition_expiring', action: 'recognition_renewal', suppress: 300,
      select: `SELECT 'p:' || p.id AS subject_key, p.id AS person_id, p.household_id, p.id_number_hash AS id_hash, p.id_number_masked AS id_masked,
          h.region_code, 1 AS rank, jsonb_build_object('since', c.rigid_since) AS evidence
        FROM hs_cat c JOIN person p ON p.id = c.person_id LEFT JOIN household h ON h.id = p.household_id
        WHERE c.rigid_since <= ${from(v('monitor.rigid_expiring_months'))}`,
    },
  ];
}

function insertSql(a: AlertSql, version: number, runId: string, { d }: Ctx, deadlines: Record<number, string>): string {
  return `WITH c AS (${a.select}), ins AS (
    INSERT INTO monitor_alert (indicator, indicator_version, level, level_rank, subject_key, person_id, household_id, id_hash, id_masked, region_code, as_of, deadline, action, evidence, run_id)
    SELECT '${a.code}', ${version}, (ARRAY['blue', 'yellow', 'orange', 'red'])[c.rank], c.rank, c.subject_key, c.person_id, c.household_id, c.id_hash, c.id_masked, c.region_code,
      ${d}, (ARRAY[DATE '${deadlines[1]}', DATE '${deadlines[2]}', DATE '${deadlines[3]}', DATE '${deadlines[4]}'])[c.rank], '${a.action}', c.evidence, ${runId}
    FROM c
    WHERE NOT EXISTS (SELECT 1 FROM monitor_alert s WHERE s.indicator = '${a.code}' AND s.subject_key = c.subject_key
      AND s.as_of > ${d} - ${a.suppress} AND s.as_of < ${d} + ${a.suppress} AND s.level_rank >= c.rank)
    ON CONFLICT (indicator, subject_key, as_of) DO NOTHING
    RETURNING 1)
  SELECT count(*)::int AS n FROM ins`;
}
