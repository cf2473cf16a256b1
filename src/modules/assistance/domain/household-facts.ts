/**
 * The household facts a program's condition reads, from each member's registry attributes and
 * departments' data (already reduced per member by facts.store.ts). Pure: the ages and grades
 * that count are policy parameters, passed in.
 */
import type { FactValue } from '../../monitoring/domain/condition.js';
import { ageOn } from '../../registry/domain/person-facts.js';
import type { HouseholdFactCode } from './program-definition.js';

export interface MemberRecord {
  birth_date: string;
  health: string | null;
  disability_grade: number | null;
  work_ability: string | null;
  school_stage: string | null;
  employment: string | null;
  /** ds_serious_illness: a diagnosis on or before the date. */
  illness_record: boolean;
  /** ds_disability_cert: the latest certificate on or before the date. */
  cert_status: string | null;
  cert_grade: number | null;
  /** ds_school_enrollment: the stage of the latest enrolment within the window. */
  enrolled_stage: string | null;
  /** ds_unemployment_reg: the latest registration's status on or before the date. */
  unemployment_status: string | null;
  /** ds_medical_settlement: out-of-pocket costs settled in the 12 months up to the date. */
  medical_oop: number;
  /** ds_dangerous_housing: a C or D assessment within the window. */
  dangerous_housing: boolean;
  /** ds_disaster_victim: a major or total loss within the window. */
  disaster_loss: boolean;
}

export interface FactParams {
  elderlyAge: number;
  minorAge: number;
  workingAgeMin: number;
  workingAgeMax: number;
  severeDisabilityMaxGrade: number;
}

/** The policy parameters the facts read (docs/assistance.md). */
export const FACT_PARAMETER_KEYS = {
  elderlyAge: 'tekun.elderly_age',
  minorAge: 'tekun.minor_age',
  workingAgeMin: 'monitor.working_age.min',
  workingAgeMax: 'monitor.working_age.max',
  severeDisabilityMaxGrade: 'dibao.severe_disability_max_grade',
} as const satisfies Record<keyof FactParams, string>;

export const EVENT_WINDOW_KEY = 'assistance.event_window_months';

const IN_SCHOOL = ['preschool', 'primary', 'junior', 'senior', 'vocational', 'college'];
const SENIOR = ['senior', 'vocational', 'college'];

export function householdFacts(members: readonly MemberRecord[], hukouType: string, on: string, p: FactParams): Record<HouseholdFactCode, FactValue> {
  const ages = members.map((m) => ageOn(m.birth_date, on));
  const any = (test: (m: MemberRecord, age: number) => boolean) => members.some((m, i) => test(m, ages[i]));
  const certified = (m: MemberRecord) => m.cert_status !== null && m.cert_status !== 'revoked';
  const stage = (m: MemberRecord) => m.enrolled_stage ?? (m.school_stage && m.school_stage !== 'none' ? m.school_stage : null);
  const elderly = (age: number) => age >= p.elderlyAge;
  const oop = members.reduce((s, m) => s + Math.round(m.medical_oop * 100), 0) / 100;
  return {
    household_size: members.length,
    hukou_type: hukouType,
    has_serious_illness: any((m) => m.health === 'serious' || m.illness_record),
    has_chronic_illness: any((m) => m.health === 'chronic'),
    has_severe_disability: any((m) =>
      (m.disability_grade !== null && m.disability_grade <= p.severeDisabilityMaxGrade) ||
      (certified(m) && m.cert_grade !== null && m.cert_grade <= p.severeDisabilityMaxGrade)),
    has_disability: any((m) => m.disability_grade !== null || certified(m)),
    has_student: any((m) => stage(m) !== null && IN_SCHOOL.includes(stage(m)!)),
    has_senior_student: any((m) => stage(m) !== null && SENIOR.includes(stage(m)!)),
    has_elderly: any((_, age) => elderly(age)),
    elderly_alone: members.length > 0 && ages.every(elderly),
    has_minor: any((_, age) => age < p.minorAge),
    has_working_age_able: any((m, age) =>
      age >= p.workingAgeMin && age <= p.workingAgeMax && (m.work_ability === 'full' || m.work_ability === 'partial') && m.health !== 'serious'),
    has_unemployed: any((m) => m.employment === 'unemployed' || m.unemployment_status === 'registered'),
    medical_oop_12m: oop,
    dangerous_housing: any((m) => m.dangerous_housing),
    disaster_loss: any((m) => m.disaster_loss),
  };
}
