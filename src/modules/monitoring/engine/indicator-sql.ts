/**
 * One indicator to one set-based statement: the subjects it looks at (people, or households
 * with their head), joined to the run's fact tables, filtered by its population and condition,
 * with its level (raised by modifiers), deadline and evidence; then inserted as alerts unless
 * the same subject already has one of at least that level within the suppression window.
 */
import {
  REGISTRY_FACTS, isDatasetFact, isFactRef, leavesOf, levelRank,
  type Condition, type IndicatorDefinition, type Leaf, type RegistryFact,
} from '../domain/indicator-definition.js';
import { conditionSql, leafSql, thresholdJson, type FactSql, type ParamValues } from './condition-sql.js';
import { factValueSql, type FactGroup, type FactPlan, type PlannedFact } from './fact-plan.js';
import { date, text, textArray } from './sql-text.js';
import { EVERYONE } from './subjects-sql.js';
import { evaluate } from '../domain/condition.js';

export interface IndicatorSqlContext {
  asOf: string;
  params: ParamValues;
  plan: FactPlan;
  /** Modifiers that may raise this indicator's level. */
  modifiers: IndicatorDefinition[];
  /** Deadline date per level rank (1–4). */
  deadlines: Record<number, string>;
}

interface Compiled {
  from: string;
  where: string;
  facts: Map<string, FactSql>;
  /** Planned dataset facts by local name, with the alias of their table, for evidence. */
  planned: Map<string, { fact: PlannedFact; alias: string }>;
}

export function compileIndicator(def: IndicatorDefinition, ctx: IndicatorSqlContext): Compiled {
  const household = def.subject === 'household';
  const facts = new Map<string, FactSql>();
  const planned = new Map<string, { fact: PlannedFact; alias: string }>();
  const joins = new Map<FactGroup, string>();
  const required = requiredFacts(def.condition, def, ctx.params);
  const joinKind = new Map<FactGroup, 'JOIN' | 'LEFT JOIN'>();
  for (const [name, f] of Object.entries(def.facts)) {
    if (!isDatasetFact(f)) {
      facts.set(name, registryFactSql(f, household, ctx.asOf));
      continue;
    }
    const { group, fact } = ctx.plan.find(f);
    const alias = `${household ? 'hg' : 'g'}${group.table.slice('mon_g'.length)}`;
    if (!joins.has(group)) joins.set(group, alias);
    if (required.has(name)) joinKind.set(group, 'JOIN');
    else if (!joinKind.has(group)) joinKind.set(group, 'LEFT JOIN');
    facts.set(name, { sql: factValueSql(alias, fact), type: fact.type });
    planned.set(name, { fact, alias });
  }
  for (const r of REGISTRY_FACTS) if (!('needs' in r) && !facts.has(r.code)) facts.set(r.code, registryFactSql({ registry: r.code }, household, ctx.asOf));

  const groupJoins = [...joins].map(([g, alias]) =>
    household
      ? `${joinKind.get(g)} ${g.householdTable} ${alias} ON ${alias}.household_id = h.household_id`
      : `${joinKind.get(g)} ${g.table} ${alias} ON ${alias}.id_hash = s.id_hash`,
  );
  const everyone = !household && def.population.kind === 'everyone';
  const from = household
    ? `mon_household h JOIN mon_person s ON s.person_id = h.head_id\n${groupJoins.join('\n')}`
    : `${everyone ? EVERYONE : 'mon_person'} s LEFT JOIN mon_household h ON h.household_id = s.household_id\n${groupJoins.join('\n')}`;
  const where = [populationSql(def, household)];
  // Someone not in the registry is only looked at where this indicator's data mentions them.
  if (everyone && joins.size && ![...joinKind.values()].includes('JOIN')) {
    where.push(`(s.person_id IS NOT NULL OR ${[...joins.values()].map((a) => `${a}.id_hash IS NOT NULL`).join(' OR ')})`);
  }
  where.push(conditionSql(def.condition, facts, ctx.params));
  return { from, where: where.join('\n  AND '), facts, planned };
}

/** INSERT … SELECT of the indicator's new alerts; returns how many it wrote. */
export function insertAlertsSql(def: IndicatorDefinition, version: number, runId: string, ctx: IndicatorSqlContext): string {
  const c = compileIndicator(def, ctx);
  const household = def.subject === 'household';
  const base = levelRank(def.level);
  const raise = def.kind === 'hardship' && ctx.modifiers.length
    ? ctx.modifiers.map((m) => `(CASE WHEN ${modifierSql(m, ctx)} THEN ${m.raise ?? 1} ELSE 0 END)`).join(' + ')
    : '0';
  const subjectKey = household
    ? `'h:' || h.household_id`
    : `CASE WHEN s.person_id IS NULL THEN 'x:' || s.id_hash ELSE 'p:' || s.person_id END`;
  const evidence = evidenceSql(def, c, ctx);
  const modifierEvidence = def.kind === 'hardship' && ctx.modifiers.length
    ? ` || jsonb_build_array(${ctx.modifiers.map((m) => `jsonb_build_object('modifier', ${text(m.code)}, 'raise', ${m.raise ?? 1}, 'passed', ${modifierSql(m, ctx)})`).join(', ')})`
    : '';
  const deadlines = `CASE c.rank WHEN 4 THEN ${date(ctx.deadlines[4])} WHEN 3 THEN ${date(ctx.deadlines[3])} WHEN 2 THEN ${date(ctx.deadlines[2])} ELSE ${date(ctx.deadlines[1])} END`;
  return `WITH c AS (
  SELECT ${subjectKey} AS subject_key, s.person_id, ${household ? 'h.household_id' : 's.household_id'} AS household_id,
    s.id_hash, s.id_masked, ${household ? 'h.region_code' : 's.region_code'} AS region_code,
    least(4, ${base} + ${raise}) AS rank,
    ${evidence}${modifierEvidence} AS evidence
  FROM ${c.from}
  WHERE ${c.where}
), ins AS (
  INSERT INTO monitor_alert (indicator, indicator_version, level, level_rank, subject_key, person_id, household_id, id_hash, id_masked, region_code, as_of, deadline, action, evidence, run_id)
  SELECT ${text(def.code)}, ${version},
    CASE c.rank WHEN 4 THEN 'red' WHEN 3 THEN 'orange' WHEN 2 THEN 'yellow' ELSE 'blue' END, c.rank,
    c.subject_key, c.person_id, c.household_id, c.id_hash, c.id_masked, c.region_code,
    ${date(ctx.asOf)}, ${deadlines}, ${text(def.action)}, c.evidence, ${runId}
  FROM c
  WHERE NOT EXISTS (
    SELECT 1 FROM monitor_alert a
    WHERE a.indicator = ${text(def.code)} AND a.subject_key = c.subject_key
      AND a.as_of > ${date(ctx.asOf)} - ${def.suppress_days} AND a.as_of < ${date(ctx.asOf)} + ${def.suppress_days}
      AND a.level_rank >= c.rank)
  ON CONFLICT (indicator, subject_key, as_of) DO NOTHING
  RETURNING 1
)
SELECT count(*)::int AS n FROM ins`;
}

/** How many subjects the indicator would fire for now (no suppression, nothing written). */
export function countSql(def: IndicatorDefinition, ctx: IndicatorSqlContext): string {
  const c = compileIndicator(def, ctx);
  return `SELECT count(*)::int AS n FROM ${c.from}\nWHERE ${c.where}`;
}

function populationSql(def: IndicatorDefinition, household: boolean): string {
  const p = def.population;
  if (p.kind === 'everyone') return 'true';
  if (p.kind === 'registered') return household ? 'true' : 's.person_id IS NOT NULL';
  if (p.of === 'household') return `coalesce(h.categories && ${textArray(p.categories)}, false)`;
  return household
    ? `EXISTS (SELECT 1 FROM mon_person m WHERE m.household_id = h.household_id AND m.categories && ${textArray(p.categories)})`
    : `coalesce(s.categories && ${textArray(p.categories)}, false)`;
}

/** Registry attributes over the subject row s (a person, or a household's head) and h. */
export function registryFactSql(f: RegistryFact, household: boolean, asOf: string): FactSql {
  const d = date(asOf);
  const type = REGISTRY_FACTS.find((r) => r.code === f.registry)!.type;
  const months = (x: string) => `(date_part('year', age(${d}, ${x})) * 12 + date_part('month', age(${d}, ${x})))::int`;
  switch (f.registry) {
    case 'registered': return { sql: '(s.person_id IS NOT NULL)', type };
    case 'age': return { sql: `date_part('year', age(${d}, s.birth_date))::int`, type };
    case 'sex': case 'relation': case 'disability_grade': case 'disability_type': case 'health':
      return { sql: `s.${f.registry}`, type };
    case 'categories': return { sql: 's.categories', type };
    case 'household_categories': return { sql: 'h.categories', type };
    case 'household_size': return { sql: 'h.size', type };
    case 'household_annual_income': return { sql: 'h.annual_income', type };
    case 'category_months':
      return {
        sql: `(SELECT ${months('min(m.valid_from)')} FROM category_membership m
          WHERE m.person_id = s.person_id AND m.category = ${text(f.category!)} AND m.valid_from <= ${d} AND (m.valid_to IS NULL OR m.valid_to > ${d}))`,
        type,
      };
    case 'months_since_exit':
      return {
        sql: `(CASE WHEN s.categories && ${textArray(f.categories!)} THEN NULL ELSE (SELECT ${months('max(m.valid_to)')} FROM category_membership m
          WHERE m.person_id = s.person_id AND m.category = ANY(${textArray(f.categories!)}) AND m.valid_to IS NOT NULL AND m.valid_to <= ${d}) END)`,
        type,
      };
  }
  void household;
  throw new Error(`unknown registry fact ${String(f.registry)}`);
}

function modifierSql(m: IndicatorDefinition, ctx: IndicatorSqlContext): string {
  const facts = new Map<string, FactSql>();
  for (const [name, f] of Object.entries(m.facts)) if (!isDatasetFact(f)) facts.set(name, registryFactSql(f, false, ctx.asOf));
  for (const r of REGISTRY_FACTS) if (!('needs' in r) && !facts.has(r.code)) facts.set(r.code, registryFactSql({ registry: r.code }, false, ctx.asOf));
  return `(s.person_id IS NOT NULL AND ${conditionSql(m.condition, facts, ctx.params)})`;
}

/** Each leaf's fact value, threshold and result; dataset facts add their row count and batches. */
function evidenceSql(def: IndicatorDefinition, c: Compiled, ctx: IndicatorSqlContext): string {
  const items = leavesOf(def.condition).map((leaf) => {
    const p = c.planned.get(leaf.fact);
    const source = p ? `, 'months', ${p.fact.months}, 'rows', coalesce(${p.alias}.${p.fact.column}_rows, 0), 'batches', ${p.alias}.${p.fact.column}_batches` : '';
    return `jsonb_build_object('fact', ${text(leaf.fact)}, 'operator', ${text(leaf.operator)}, 'threshold', ${thresholdJson(leaf, c.facts, ctx.params)}, 'value', to_jsonb(${c.facts.get(leaf.fact)!.sql}), 'passed', ${leafSql(leaf, c.facts, ctx.params)}${source})`;
  });
  return `jsonb_build_array(${items.join(',\n      ')})`;
}

/**
 * Dataset facts without which the condition cannot hold: a person with no rows in the fact's
 * window fails it. The statement then starts from those facts' tables (an inner join) instead of
 * every registered person. Sound by construction: a leaf is required only if it is false at the
 * fact's no-row default (0, false or NULL); `all` needs any required part, `any` needs all.
 */
export function requiredFacts(c: Condition, def: IndicatorDefinition, params: ParamValues): Set<string> {
  if ('fact' in c) return leafRequires(c, def, params) ? new Set([c.fact]) : new Set();
  if ('all' in c) return new Set(c.all.flatMap((x) => [...requiredFacts(x, def, params)]));
  if ('any' in c) {
    const sets = c.any.map((x) => requiredFacts(x, def, params));
    return new Set([...sets[0]].filter((f) => sets.every((s) => s.has(f))));
  }
  return new Set();
}

function leafRequires(leaf: Leaf, def: IndicatorDefinition, params: ParamValues): boolean {
  const f = def.facts[leaf.fact];
  if (!f || !isDatasetFact(f) || isFactRef(leaf.value)) return false;
  const empty = f.agg === 'sum' || f.agg === 'count' ? 0 : f.agg === 'exists' ? false : null;
  return !evaluate(leaf, { [leaf.fact]: empty }, params);
}

