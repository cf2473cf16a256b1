/**
 * An indicator definition ↔ the editor's form (pure). The form edits the common fields; facts and
 * condition are JSON text; anything else in the definition (a modifier's raise, applies_to…) is
 * kept as it was.
 */
import { ApiError } from '../../api/api';
import type { Indicator, IndicatorDefinition, IndicatorKind, Level, Population, Subject } from '../../api/monitoring';

export interface IndicatorFormValues {
  zh: string;
  en: string;
  kind: IndicatorKind;
  level: Level;
  subject: Subject;
  populationKind: Population['kind'];
  categories: string[];
  of: 'person' | 'household';
  suppress_days: number;
  action: string;
  active: boolean;
  descZh: string;
  descEn: string;
  facts: string;
  condition: string;
}

export type JsonPart = 'facts' | 'condition';

const pretty = (v: unknown) => JSON.stringify(v ?? {}, null, 2);

export function toForm(ind: Pick<Indicator, 'definition' | 'active'>): IndicatorFormValues {
  const d = ind.definition;
  const p = d.population ?? { kind: 'registered' };
  return {
    zh: d.zh ?? '',
    en: d.en ?? '',
    kind: d.kind,
    level: d.level,
    subject: d.subject,
    populationKind: p.kind,
    categories: p.kind === 'categories' ? [...(p.categories ?? [])] : [],
    of: p.kind === 'categories' ? p.of : 'person',
    suppress_days: d.suppress_days,
    action: d.action,
    active: ind.active,
    descZh: d.description?.zh ?? '',
    descEn: d.description?.en ?? '',
    facts: pretty(d.facts),
    condition: pretty(d.condition),
  };
}

/** Parse one JSON part: an object, or the reason it is not one (shown under its text area). */
export function parseJsonPart(text: string): { value: Record<string, unknown> } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { error: (e as Error).message };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { error: 'not an object' };
  return { value: value as Record<string, unknown> };
}

/** The definition to send: `base` with the form's values over it. Throws if a JSON part does not parse. */
export function toDefinition(base: IndicatorDefinition, v: IndicatorFormValues): IndicatorDefinition {
  const facts = parseJsonPart(v.facts);
  const condition = parseJsonPart(v.condition);
  if ('error' in facts) throw new Error(`facts: ${facts.error}`);
  if ('error' in condition) throw new Error(`condition: ${condition.error}`);
  const population: Population =
    v.populationKind === 'categories' ? { kind: 'categories', categories: v.categories ?? [], of: v.of ?? 'person' } : { kind: v.populationKind };
  const { description: _old, ...rest } = base;
  const descZh = v.descZh?.trim() ?? '';
  const descEn = v.descEn?.trim() ?? '';
  return {
    ...rest,
    code: base.code,
    zh: v.zh.trim(),
    en: v.en.trim(),
    kind: v.kind,
    level: v.level,
    subject: v.subject,
    population,
    suppress_days: Number(v.suppress_days),
    action: v.action,
    facts: facts.value as Record<string, object>,
    condition: condition.value,
    ...(descZh || descEn ? { description: { zh: descZh, en: descEn } } : {}),
  };
}

/**
 * Which JSON part a server validation error is about, from `error.details` (a path such as
 * "condition.all[1].operator" under path/part/field/at) or else from the message's wording;
 * null when it names neither (then it is shown beside both).
 */
export function errorPart(err: unknown): JsonPart | null {
  const fromText = (s: string): JsonPart | null => {
    const m = /^\s*\$?\.?\/?(facts|condition)\b/.exec(s);
    return m ? (m[1] as JsonPart) : null;
  };
  if (err instanceof ApiError && err.details && typeof err.details === 'object') {
    const d = err.details as Record<string, unknown>;
    for (const k of ['path', 'part', 'field', 'at', 'pointer']) {
      const v = d[k];
      const hit = typeof v === 'string' ? fromText(v) : Array.isArray(v) && typeof v[0] === 'string' ? fromText(v[0]) : null;
      if (hit) return hit;
    }
  }
  const msg = err instanceof Error ? err.message : String(err ?? '');
  const facts = /\bfacts?\b|事实/i.test(msg);
  const condition = /\bcondition\b|条件/i.test(msg);
  if (facts && !condition) return 'facts';
  if (condition && !facts) return 'condition';
  if (facts && condition) {
    // both named ("condition names an unknown fact"): the one named first is the one that is wrong
    const i = msg.search(/\bfacts?\b|事实/i);
    const j = msg.search(/\bcondition\b|条件/i);
    return i < j ? 'facts' : 'condition';
  }
  return null;
}
