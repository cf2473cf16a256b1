import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../catalog/domain/default-catalog.js';
import { parameterCatalog } from '../../policy/domain/parameters.js';
import { CATEGORIES } from '../../registry/domain/vocabulary.js';
import { defaultIndicators } from '../indicator.loader.js';
import { checkIndicator } from './check-indicator.js';
import { paramsOf } from './indicator-definition.js';

const datasets = defaultCatalog().datasets;
const ctx = { datasets: new Map(datasets.map((d) => [d.code, d])), parameters: parameterCatalog(), categories: CATEGORIES.map((c) => c.code) };

const base = () => ({
  code: 'test_indicator', zh: '测试', en: 'Test', kind: 'hardship', subject: 'person', level: 'yellow', population: { kind: 'everyone' },
  facts: { oop: { dataset: 'medical_settlement', agg: 'sum', field: 'oop_cost', months: 12 } },
  condition: { all: [{ fact: 'oop', operator: 'gte', value: 1000 }, { fact: 'age', operator: 'gte', value: 60 }] },
  suppress_days: 30, action: 'home_visit',
} as Record<string, unknown>);

/** The refusal's field path and its bilingual message. */
function refusal(def: Record<string, unknown>): { field: string; message: string } {
  try {
    checkIndicator(def, ctx);
  } catch (e) {
    const err = e as { details: { field: string }; message: string };
    return { field: err.details.field, message: err.message };
  }
  throw new Error('expected a refusal');
}

describe('checking an indicator definition', () => {
  it('accepts every default indicator, and each names only catalogued parameters', () => {
    const all = defaultIndicators(datasets);
    expect(all.map((d) => d.code)).toEqual(expect.arrayContaining([
      'medical_oop_annual', 'medical_oop_income_share', 'hospital_stay_oop', 'serious_illness_new', 'disability_new_severe', 'unemployment_new',
      'member_death', 'disaster_victim', 'school_entry', 'dangerous_housing', 'no_utility_use', 'asset_vehicle_new', 'asset_property_new',
      'business_registered', 'public_employment_new', 'recipient_death', 'recognition_expiring', 'post_exit_hardship',
    ]));
    for (const d of all) for (const p of paramsOf(d)) expect(parameterCatalog().has(p), `${d.code}: ${p}`).toBe(true);
    expect(checkIndicator(base(), ctx).code).toBe('test_indicator');
  });

  it('refuses an unknown fact, naming the part', () => {
    const def = { ...base(), condition: { all: [{ fact: 'oop', operator: 'gte', value: 1 }, { fact: 'income', operator: 'gt', value: 1 }] } };
    const r = refusal(def);
    expect(r.field).toBe('condition.all[1].fact');
    expect(r.message).toMatch(/condition\.all\[1\]\.fact「"income"」无效：未定义的事实.* \/ indicator definition condition\.all\[1\]\.fact "\\?"?income/);
  });

  it('refuses an unknown operator', () => {
    expect(refusal({ ...base(), condition: { fact: 'oop', operator: 'approximately', value: 1 } }).field).toBe('condition.operator');
  });

  it('refuses a window of zero months', () => {
    const r = refusal({ ...base(), facts: { oop: { dataset: 'medical_settlement', agg: 'sum', field: 'oop_cost', months: 0 } } });
    expect(r.field).toBe('facts.oop.months');
    expect(r.message).toContain('1–240');
  });

  it('refuses a threshold of the wrong type', () => {
    expect(refusal({ ...base(), condition: { fact: 'oop', operator: 'gte', value: '1000' } }).field).toBe('condition.value');
    expect(refusal({ ...base(), condition: { fact: 'categories', operator: 'contains', value: 3 } }).field).toBe('condition.value');
    expect(refusal({ ...base(), condition: { fact: 'oop', operator: 'gte', value: { param: 'no.such.key' } } }).field).toBe('condition.value.param');
    expect(refusal({ ...base(), condition: { fact: 'oop', operator: 'gte', value: { param: 'tekun.no_work_disability_grades' } } }).message).toContain('json');
  });

  it('refuses an ordering operator on text, and a missing or superfluous value', () => {
    expect(refusal({ ...base(), condition: { fact: 'relation', operator: 'gt', value: 'head' } }).field).toBe('condition.operator');
    expect(refusal({ ...base(), condition: { fact: 'oop', operator: 'gte' } }).field).toBe('condition.value');
    expect(refusal({ ...base(), condition: { fact: 'oop', operator: 'is_null', value: 1 } }).field).toBe('condition.value');
  });

  it('checks facts against the catalog', () => {
    expect(refusal({ ...base(), facts: { oop: { dataset: 'hospital_bills', agg: 'sum', field: 'oop_cost', months: 12 } } }).field).toBe('facts.oop.dataset');
    expect(refusal({ ...base(), facts: { oop: { dataset: 'medical_settlement', agg: 'sum', field: 'oop', months: 12 } } }).field).toBe('facts.oop.field');
    expect(refusal({ ...base(), facts: { oop: { dataset: 'medical_settlement', agg: 'sum', field: 'visit_type', months: 12 } } }).field).toBe('facts.oop.field');
    expect(refusal({ ...base(), facts: { oop: { dataset: 'medical_settlement', agg: 'median', field: 'oop_cost', months: 12 } } }).field).toBe('facts.oop.agg');
    expect(refusal({ ...base(), facts: { oop: { dataset: 'medical_settlement', agg: 'count', months: 12, where: { field: 'visit_type', operator: 'eq', value: 'emergency' } } } }).field).toBe('facts.oop.where.value');
  });

  it('keeps household indicators to household facts', () => {
    const def = { ...base(), subject: 'household', facts: { oop: { dataset: 'medical_settlement', agg: 'sum', field: 'oop_cost', months: 12, scope: 'household' } } };
    expect(refusal(def).field).toBe('condition.all[1].fact'); // age is a person's
    const person = { ...def, facts: { oop: { dataset: 'medical_settlement', agg: 'sum', field: 'oop_cost', months: 12 } }, condition: { fact: 'oop', operator: 'gt', value: 1 } };
    expect(refusal(person).field).toBe('facts.oop.scope');
  });

  it('refuses unknown fields, levels, actions and categories', () => {
    expect(refusal({ ...base(), threshold: 5 }).field).toBe('threshold');
    expect(refusal({ ...base(), level: 'purple' }).field).toBe('level');
    expect(refusal({ ...base(), action: 'send_money' }).field).toBe('action');
    expect(refusal({ ...base(), population: { kind: 'categories', categories: ['poor'], of: 'person' } }).field).toBe('population.categories[0]');
    expect(refusal({ ...base(), condition: { all: [] } }).field).toBe('condition.all');
  });

  it('lets modifiers use registry attributes only', () => {
    const def = { ...base(), kind: 'modifier', raise: 1, applies_to: 'hardship', condition: { fact: 'oop', operator: 'gt', value: 1 } };
    expect(refusal(def).field).toBe('facts.oop');
  });
});
