/**
 * The home-visit survey (入户调查表) a village worker fills in on a phone: drafts may hold any
 * subset of it; a submitted visit must say when it took place, what the worker recommends and,
 * when the need is confirmed, which needs were found.
 */
import { asData, invalid, oneOf, optionalDate, optionalText, subsetOf, type Data } from './step-data.js';
import type { VisitOutcome } from './case-machine.js';

export const NEEDS = ['living', 'medical', 'education', 'housing', 'employment', 'disaster', 'care', 'other'] as const;
export const LIVING_CONDITIONS = ['poor', 'basic', 'adequate'] as const;
export const HOUSING_TYPES = ['own', 'rented', 'borrowed', 'public', 'none'] as const;
export const HOUSING_CONDITIONS = ['safe', 'C', 'D', 'unknown'] as const;
export const INCOME_SOURCES = ['wage', 'farming', 'business', 'pension', 'transfer', 'support', 'none', 'other'] as const;

export interface VisitForm {
  visited_on?: string;
  members_present?: string[];
  living_conditions?: (typeof LIVING_CONDITIONS)[number];
  housing_type?: (typeof HOUSING_TYPES)[number];
  housing_condition?: (typeof HOUSING_CONDITIONS)[number];
  health_notes?: string;
  income_sources?: (typeof INCOME_SOURCES)[number][];
  income_notes?: string;
  needs?: (typeof NEEDS)[number][];
  recommendation?: string;
}

const P = 'data.visit';

/** Read a (possibly partial) visit form; unknown fields are refused so a typo is not lost. */
export function parseVisitForm(raw: unknown, today: string): VisitForm {
  if (raw === undefined || raw === null) return {};
  let d: Data;
  try {
    d = asData(raw);
  } catch {
    throw invalid(P, '应为对象', 'must be an object');
  }
  const known = ['visited_on', 'members_present', 'living_conditions', 'housing_type', 'housing_condition', 'health_notes', 'income_sources', 'income_notes', 'needs', 'recommendation'];
  const unknown = Object.keys(d).filter((k) => !known.includes(k));
  if (unknown.length) throw invalid(`${P}.${unknown[0]}`, '未知字段', 'unknown field');
  const form: VisitForm = {};
  const set = <K extends keyof VisitForm>(k: K, v: VisitForm[K] | null) => {
    if (v !== null && v !== undefined) form[k] = v;
  };
  set('visited_on', optionalDate(d, 'visited_on', today, P));
  if (d.members_present !== undefined && d.members_present !== null) {
    const m = d.members_present;
    if (!Array.isArray(m) || m.some((x) => typeof x !== 'string' || x.length > 60)) throw invalid(`${P}.members_present`, '应为人员编号或姓名的列表', 'must be a list of person ids or names');
    form.members_present = [...new Set(m as string[])];
  }
  set('living_conditions', oneOf(d, 'living_conditions', LIVING_CONDITIONS, P));
  set('housing_type', oneOf(d, 'housing_type', HOUSING_TYPES, P));
  set('housing_condition', oneOf(d, 'housing_condition', HOUSING_CONDITIONS, P));
  set('health_notes', optionalText(d, 'health_notes', 1000, P));
  set('income_sources', subsetOf(d, 'income_sources', INCOME_SOURCES, P));
  set('income_notes', optionalText(d, 'income_notes', 1000, P));
  set('needs', subsetOf(d, 'needs', NEEDS, P));
  set('recommendation', optionalText(d, 'recommendation', 2000, P));
  return form;
}

/** The fields a visit still lacks to be submitted with this outcome (empty when complete). */
export function missingForSubmit(form: VisitForm, outcome: VisitOutcome): (keyof VisitForm)[] {
  const missing: (keyof VisitForm)[] = [];
  if (!form.visited_on) missing.push('visited_on');
  if (!form.recommendation) missing.push('recommendation');
  if (outcome === 'need_confirmed' && !form.needs?.length) missing.push('needs');
  return missing;
}

export const VISIT_FIELD_LABEL: Record<keyof VisitForm, { zh: string; en: string }> = {
  visited_on: { zh: '入户日期', en: 'date of the visit' },
  members_present: { zh: '在场成员', en: 'members present' },
  living_conditions: { zh: '生活状况', en: 'living conditions' },
  housing_type: { zh: '住房类型', en: 'housing type' },
  housing_condition: { zh: '住房安全', en: 'housing condition' },
  health_notes: { zh: '健康状况', en: 'health' },
  income_sources: { zh: '收入来源', en: 'income sources' },
  income_notes: { zh: '收入情况说明', en: 'income notes' },
  needs: { zh: '困难与需求', en: 'needs' },
  recommendation: { zh: '核查意见', en: 'recommendation' },
};
