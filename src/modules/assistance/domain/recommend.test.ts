import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../catalog/domain/default-catalog.js';
import { defaultPrograms } from '../program.loader.js';
import { householdFacts, type MemberRecord } from './household-facts.js';
import { recommend, type MatchParams } from './recommend.js';
import { duplicateWarning, periodText } from './ledger.js';
import type { ProgramDefinition } from './program-definition.js';

const programs = defaultPrograms(defaultCatalog().departments.map((d) => d.code));
const FACT_PARAMS = { elderlyAge: 60, minorAge: 18, workingAgeMin: 16, workingAgeMax: 59, severeDisabilityMaxGrade: 2 };
const params = (over: Partial<MatchParams> = {}): MatchParams => ({
  values: new Map(), dibaoStandard: 643, assessed: { dibao_allowance: 820, tekun_support: null, tekun_care: null }, ...over,
});

const member = (over: Partial<MemberRecord> = {}): MemberRecord => ({
  birth_date: '1980-05-01', health: 'healthy', disability_grade: null, work_ability: 'full', school_stage: null, employment: 'employed',
  illness_record: false, cert_status: null, cert_grade: null, enrolled_stage: null, unemployment_status: null, medical_oop: 0,
  dangerous_housing: false, disaster_loss: false, ...over,
});

/** A couple: the husband seriously ill with 8,000 of medical costs, a daughter in senior school. */
const family = householdFacts([
  member({ health: 'serious', medical_oop: 8000.5, work_ability: 'partial', employment: 'unemployed' }),
  member({ birth_date: '1982-03-01', medical_oop: 0.25 }),
  member({ birth_date: '2010-09-01', school_stage: 'senior', work_ability: null, employment: 'student' }),
], 'urban', '2026-11-01', FACT_PARAMS);

const codes = (xs: { program: ProgramDefinition; recommended: boolean }[], recommended = true) => xs.filter((x) => x.recommended === recommended).map((x) => x.program.code).sort();

describe('household facts', () => {
  it('are computed from the members and the departments’ data', () => {
    expect(family).toMatchObject({
      household_size: 3, hukou_type: 'urban', has_serious_illness: true, has_chronic_illness: false, has_student: true, has_senior_student: true,
      has_minor: true, has_elderly: false, elderly_alone: false, has_working_age_able: true, has_unemployed: true, medical_oop_12m: 8000.75,
      has_disability: false, has_severe_disability: false, dangerous_housing: false, disaster_loss: false,
    });
    const alone = householdFacts([member({ birth_date: '1950-01-01', cert_status: 'issued', cert_grade: 2 })], 'rural', '2026-11-01', FACT_PARAMS);
    expect(alone).toMatchObject({ elderly_alone: true, has_elderly: true, has_severe_disability: true, has_disability: true, has_working_age_able: false });
    const revoked = householdFacts([member({ cert_status: 'revoked', cert_grade: 1 })], 'rural', '2026-11-01', FACT_PARAMS);
    expect(revoked).toMatchObject({ has_disability: false, has_severe_disability: false });
    expect(householdFacts([], 'urban', '2026-11-01', FACT_PARAMS)).toMatchObject({ household_size: 0, elderly_alone: false });
  });
});

describe('matching programs to a household (the stepped slope)', () => {
  it('gives tier 1 basic living plus special assistance, not temporary', () => {
    const r = recommend(family, 'dibao', programs, params());
    expect(codes(r)).toEqual(['charity', 'dibao_allowance', 'education_assistance', 'employment_assistance', 'heating', 'medical_assistance']);
    const temporary = r.find((x) => x.program.code === 'temporary')!;
    expect(temporary.recommended).toBe(false);
    expect(temporary.reasons.filter((x) => !x.passed).map((x) => x.zh)).toEqual(expect.arrayContaining([expect.stringContaining('本项目只救助'), expect.stringContaining('不含临时救助')]));
    // recommended programs come first, each with its estimate
    expect(r.slice(0, 6).every((x) => x.recommended)).toBe(true);
    expect(r.find((x) => x.program.code === 'dibao_allowance')!.amount_estimate).toMatchObject({ amount: 820, period: 'month' });
    expect(r.find((x) => x.program.code === 'heating')!.amount_estimate).toMatchObject({ amount: 800, period: 'season' });
  });

  it('gives tiers 2 and 3 special and temporary assistance, never basic living', () => {
    for (const tier of ['marginal', 'rigid_expense'] as const) {
      const r = recommend(family, tier, programs, params());
      expect(codes(r)).toEqual(['charity', 'education_assistance', 'employment_assistance', 'medical_assistance', 'temporary']);
      const heating = r.find((x) => x.program.code === 'heating')!;
      expect(heating.reasons.find((x) => x.zh.startsWith('分层梯度救助'))).toMatchObject({ passed: false, zh: expect.stringContaining('不含基本生活救助') });
      expect(r.find((x) => x.program.code === 'temporary')!.amount_estimate).toMatchObject({ amount: 643, period: 'once' });
    }
  });

  it('says why, with each condition and the household’s actual value', () => {
    const medical = recommend(family, 'marginal', programs, params()).find((x) => x.program.code === 'medical_assistance')!;
    expect(medical.recommended).toBe(true);
    expect(medical.reasons.map((x) => x.zh)).toEqual([
      '本户为「低保边缘」，在本项目救助范围内（特困人员、低保、低保边缘、刚性支出困难）',
      '分层梯度救助，第二层（低保边缘）：专项救助和临时救助：含医疗救助',
      '有大病患者：是（要求 = 是）',
      '有慢性病患者：否（要求 = 是）',
      '近12个月医疗个人自付（元）：8000.75（要求 > 0）',
      '项目条件成立',
    ]);
    expect(medical.reasons.map((x) => x.passed)).toEqual([true, true, true, false, true, true]);
    expect(medical.reasons[4].en).toBe('Out-of-pocket medical costs, 12 months (CNY): 8000.75 (needs > 0)');
    const housing = recommend(family, 'marginal', programs, params()).find((x) => x.program.code === 'housing_assistance')!;
    expect(housing).toMatchObject({ recommended: false, amount_estimate: null });
    expect(housing.reasons.at(-1)).toMatchObject({ passed: false, zh: '项目条件不成立' });
  });

  it('offers a household found in need but not recognized only what is open to anyone', () => {
    const disaster = householdFacts([member({ disaster_loss: true })], 'rural', '2026-11-01', FACT_PARAMS);
    expect(codes(recommend(disaster, 'none', programs, params()))).toEqual(['charity', 'disaster_relief', 'temporary']);
  });

  it('resolves policy parameters in conditions and estimates from the rule', () => {
    const p: ProgramDefinition = {
      code: 'big_bills', zh: '大额医疗', en: 'Big bills', type: 'special_medical', department: 'medical_insurance', tiers: ['dibao'],
      condition: { fact: 'medical_oop_12m', operator: 'gte', value: { param: 'monitor.medical_oop.dibao' } },
      amount: { kind: 'fixed', amount: 100.5, per: 'person', period: 'month' }, description: { zh: '', en: '' }, legal_basis: '—',
    };
    const [r] = recommend(family, 'dibao', [p], params({ values: new Map([['monitor.medical_oop.dibao', 5000]]) }));
    expect(r.recommended).toBe(true);
    expect(r.reasons[2].zh).toBe('近12个月医疗个人自付（元）：8000.75（要求 ≥ 5000（monitor.medical_oop.dibao））');
    expect(r.amount_estimate).toMatchObject({ amount: 301.5, zh: '每人 ¥100.50 × 3 人 = ¥301.50（每月）' });
    const [none] = recommend(family, 'dibao', [p], params({ values: new Map([['monitor.medical_oop.dibao', 9000]]) }));
    expect(none.recommended).toBe(false);
  });

  it('says when an assessed amount needs an assessment first', () => {
    const r = recommend(family, 'tekun', programs, params({ assessed: null }));
    expect(r.find((x) => x.program.code === 'tekun_support')!.amount_estimate).toMatchObject({ amount: null, zh: expect.stringContaining('需先完成认定测算') });
  });
});

describe('the double-payment warning', () => {
  it('names the period, the amount and where the earlier grant came from', () => {
    expect(periodText('2026-10-01', '2026-10-31')).toEqual({ zh: '2026-10', en: '2026-10' });
    expect(periodText('2026-10-01', '2026-12-31').zh).toBe('2026-10 至 2026-12');
    expect(periodText('2026-10-15', '2026-10-15').zh).toBe('2026-10-15');
    const w = duplicateWarning({ id: '3', amount: 500, period_from: '2026-10-01', period_to: '2026-10-31', referral_id: '12', case_id: '4' }, { zh: '医疗救助', en: 'Medical assistance' });
    expect(w.zh).toBe('该户 2026-10 已获得医疗救助 ¥500（转介 #12）；确需再次发放请确认并说明理由');
    expect(w.en).toContain('referral #12');
  });
});
