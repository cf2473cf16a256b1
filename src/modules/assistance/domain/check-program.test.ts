import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../catalog/domain/default-catalog.js';
import { parameterCatalog } from '../../policy/domain/parameters.js';
import { defaultPrograms } from '../program.loader.js';
import { checkProgram } from './check-program.js';

const departments = defaultCatalog().departments.map((d) => d.code);
const ctx = { departments: new Set(departments), parameters: parameterCatalog() };

const base = (): Record<string, unknown> => ({
  code: 'test_program', zh: '测试项目', en: 'Test program', type: 'special_medical', department: 'medical_insurance',
  tiers: ['dibao', 'marginal'],
  condition: { all: [{ fact: 'has_serious_illness', operator: 'eq', value: true }, { fact: 'medical_oop_12m', operator: 'gte', value: { param: 'monitor.medical_oop.dibao' } }] },
  amount: { kind: 'fixed', amount: 500, per: 'household', period: 'once' },
  description: { zh: '说明', en: 'About' }, legal_basis: '《社会救助暂行办法》',
});

/** The refusal's field path and its bilingual message. */
function refusal(def: Record<string, unknown>): { field: string; message: string } {
  try {
    checkProgram(def, ctx);
  } catch (e) {
    const err = e as { details: { field: string }; message: string; code: string };
    expect(err.code).toBe('VALIDATION');
    return { field: err.details.field, message: err.message };
  }
  throw new Error('expected a refusal');
}

describe('checking a program definition', () => {
  it('accepts every seed program, with the codes other modules rely on', () => {
    const all = defaultPrograms(departments);
    expect(all.map((p) => p.code)).toEqual(expect.arrayContaining([
      'dibao_allowance', 'tekun_support', 'tekun_care', 'temporary', 'heating', 'medical_assistance', 'education_assistance',
      'housing_assistance', 'employment_assistance', 'disaster_relief', 'care_service', 'charity',
    ]));
    const by = new Map(all.map((p) => [p.code, p]));
    expect(by.get('dibao_allowance')).toMatchObject({ type: 'basic_living', department: 'civil_affairs', tiers: ['dibao'], amount: { kind: 'assessed', field: 'dibao_allowance' } });
    expect(by.get('heating')).toMatchObject({ type: 'basic_living', tiers: ['dibao', 'tekun'], amount: { kind: 'fixed', per: 'household', period: 'season' } });
    expect(by.get('medical_assistance')!.department).toBe('medical_insurance');
    expect(by.get('temporary')).toMatchObject({ type: 'temporary', department: 'civil_affairs' });
    expect(checkProgram(base(), ctx).code).toBe('test_program');
  });

  it('names the part that is wrong, in Chinese and English', () => {
    const cond = (c: unknown) => ({ ...base(), condition: c });
    expect(refusal({ ...base(), type: 'special_food' })).toMatchObject({ field: 'type', message: expect.stringContaining('可选：basic_living') });
    expect(refusal({ ...base(), department: '医保局' }).field).toBe('department');
    expect(refusal({ ...base(), tiers: ['dibao', 'poor'] }).field).toBe('tiers[1]');
    expect(refusal({ ...base(), tiers: [] }).field).toBe('tiers');
    expect(refusal({ ...base(), tiers: ['dibao', 'dibao'] }).field).toBe('tiers[1]');
    const fact = refusal(cond({ all: [{ fact: 'has_serious_illness', operator: 'eq', value: true }, { fact: 'income', operator: 'gt', value: 1 }] }));
    expect(fact.field).toBe('condition.all[1].fact');
    expect(fact.message).toMatch(/救助项目定义的 condition\.all\[1\]\.fact「"income"」无效：未知的家庭事实.* \/ program definition condition\.all\[1\]\.fact "income" is invalid: unknown household fact/);
    expect(refusal(cond({ any: [{ fact: 'household_size', operator: 'about', value: 3 }] })).field).toBe('condition.any[0].operator');
    expect(refusal(cond({ fact: 'has_student', operator: 'gt', value: true })).field).toBe('condition.operator');
    expect(refusal(cond({ fact: 'has_student', operator: 'eq', value: 'yes' })).field).toBe('condition.value');
    expect(refusal(cond({ fact: 'hukou_type', operator: 'eq', value: 'city' })).field).toBe('condition.value');
    expect(refusal(cond({ not: { fact: 'medical_oop_12m', operator: 'gt', value: { param: 'no.such.key' } } })).field).toBe('condition.not.value.param');
    expect(refusal(cond({ fact: 'household_size', operator: 'gt', value: { fact: 'medical_oop_12m' } })).field).toBe('condition.value');
    expect(refusal(cond({ all: [] })).field).toBe('condition.all');
  });

  it('refuses an unknown amount kind, a negative or fractional-fen amount, and stray fields', () => {
    const amount = (a: unknown) => ({ ...base(), amount: a });
    expect(refusal(amount({ kind: 'percent', value: 10 })).field).toBe('amount.kind');
    const negative = refusal(amount({ kind: 'fixed', amount: -5, per: 'household', period: 'once' }));
    expect(negative).toMatchObject({ field: 'amount.amount', message: expect.stringContaining('不能为负数') });
    expect(negative.message).toContain('must not be negative');
    expect(refusal(amount({ kind: 'fixed', amount: 1.005, per: 'household', period: 'once' })).field).toBe('amount.amount');
    expect(refusal(amount({ kind: 'fixed', amount: 5, per: 'family', period: 'once' })).field).toBe('amount.per');
    expect(refusal(amount({ kind: 'fixed', amount: 5, per: 'person', period: 'year' })).field).toBe('amount.period');
    expect(refusal(amount({ kind: 'months_of_standard', months: 0 })).field).toBe('amount.months');
    expect(refusal(amount({ kind: 'assessed', field: 'rent' })).field).toBe('amount.field');
    expect(refusal(amount({ kind: 'none', amount: 3 })).field).toBe('amount.amount');
    expect(refusal({ ...base(), colour: 'red' }).field).toBe('colour');
    expect(refusal({ ...base(), code: 'Bad-Code' }).field).toBe('code');
    expect(refusal({ ...base(), legal_basis: ' ' }).field).toBe('legal_basis');
    expect(refusal({ ...base(), description: { zh: '说明' } }).field).toBe('description.en');
  });
});
