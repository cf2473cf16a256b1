/**
 * The policy parameters the identification engine reads, typed. The service looks each key up
 * for the household's region on the assessment date (and the previous-year values on 31 December
 * of the year before); the engine never reads a parameter it was not given.
 */
import { AppError } from '../../../platform/errors.js';

export type Hukou = 'urban' | 'rural';

/** Keys read on the assessment date, for a household of the given hukou type. */
export function currentKeys(hukou: Hukou): string[] {
  return [
    `dibao.standard.${hukou}`,
    'marginal.income_multiplier',
    `rigid.disposable_income.${hukou}`,
    'rigid.expense_ratio',
    'tekun.elderly_age',
    'tekun.minor_age',
    'tekun.minor_no_work_age',
    'tekun.no_work_disability_grades',
    'tekun.support_multiplier',
    'tekun.care_ratio.full',
    'tekun.care_ratio.partial',
    'tekun.care_ratio.none',
    'dibao.assets.financial_months',
    'marginal.assets.financial_months',
    'rigid.assets.financial_months',
    'dibao.assets.vehicle_value_max',
    'marginal.assets.vehicle_value_max',
    'rigid.assets.vehicle_value_max',
    'assets.max_properties',
    'dibao.topup.elderly_pct',
    'dibao.topup.minor_pct',
    'dibao.topup.severe_pct',
    'dibao.single_person_pct',
    'dibao.severe_disability_max_grade',
    'temporary.fast_relief_months',
  ];
}

/**
 * Keys read as of 31 December of the previous year: the 特困 support and care amounts are set
 * from the previous year's 低保 standard and minimum wage. When one is not in force then, the
 * amount is reported as not computable; identification itself does not depend on them.
 */
export function previousYearKeys(hukou: Hukou): string[] {
  return [`dibao.standard.${hukou}`, 'minimum_wage.monthly'];
}

export function previousYearEnd(asOf: string): string {
  return `${Number(asOf.slice(0, 4)) - 1}-12-31`;
}

export interface AssetLimits {
  financialMonths: number;
  vehicleValueMax: number;
}

export interface RuleParameters {
  dibaoStandard: number;
  marginalMultiplier: number;
  disposableIncome: number;
  rigidExpenseRatio: number;
  elderlyAge: number;
  minorAge: number;
  minorNoWorkAge: number;
  noWorkDisabilityGrades: Record<string, number[]>;
  tekunSupportMultiplier: number;
  careRatio: { full: number; partial: number; none: number };
  assets: { dibao: AssetLimits; marginal: AssetLimits; rigid: AssetLimits };
  maxProperties: number;
  topup: { elderlyPct: number; minorPct: number; severePct: number };
  singlePersonPct: number;
  severeDisabilityMaxGrade: number;
  fastReliefMonths: number;
  previousYear: { dibaoStandard: number | null; minimumWage: number | null };
}

function missing(key: string): AppError {
  return new AppError('NOT_FOUND', { zh: `缺少政策参数 ${key}`, en: `policy parameter ${key} is missing` }, { key });
}

/** Build the typed set from key → value maps (the values in force, as the policy service returns them). */
export function ruleParameters(hukou: Hukou, current: ReadonlyMap<string, unknown>, previous: ReadonlyMap<string, unknown>): RuleParameters {
  const num = (key: string): number => {
    const v = current.get(key);
    if (v === undefined || v === null) throw missing(key);
    const n = Number(v);
    if (!Number.isFinite(n)) throw new AppError('VALIDATION', { zh: `政策参数 ${key} 的值不是数字`, en: `policy parameter ${key} is not a number` }, { key });
    return n;
  };
  const grades = current.get('tekun.no_work_disability_grades');
  if (!grades || typeof grades !== 'object') throw missing('tekun.no_work_disability_grades');
  const prev = (key: string): number | null => {
    const v = previous.get(key);
    return v === undefined || v === null ? null : Number(v);
  };
  return {
    dibaoStandard: num(`dibao.standard.${hukou}`),
    marginalMultiplier: num('marginal.income_multiplier'),
    disposableIncome: num(`rigid.disposable_income.${hukou}`),
    rigidExpenseRatio: num('rigid.expense_ratio'),
    elderlyAge: num('tekun.elderly_age'),
    minorAge: num('tekun.minor_age'),
    minorNoWorkAge: num('tekun.minor_no_work_age'),
    noWorkDisabilityGrades: grades as Record<string, number[]>,
    tekunSupportMultiplier: num('tekun.support_multiplier'),
    careRatio: { full: num('tekun.care_ratio.full'), partial: num('tekun.care_ratio.partial'), none: num('tekun.care_ratio.none') },
    assets: {
      dibao: { financialMonths: num('dibao.assets.financial_months'), vehicleValueMax: num('dibao.assets.vehicle_value_max') },
      marginal: { financialMonths: num('marginal.assets.financial_months'), vehicleValueMax: num('marginal.assets.vehicle_value_max') },
      rigid: { financialMonths: num('rigid.assets.financial_months'), vehicleValueMax: num('rigid.assets.vehicle_value_max') },
    },
    maxProperties: num('assets.max_properties'),
    topup: { elderlyPct: num('dibao.topup.elderly_pct'), minorPct: num('dibao.topup.minor_pct'), severePct: num('dibao.topup.severe_pct') },
    singlePersonPct: num('dibao.single_person_pct'),
    severeDisabilityMaxGrade: num('dibao.severe_disability_max_grade'),
    fastReliefMonths: num('temporary.fast_relief_months'),
    previousYear: { dibaoStandard: prev(`dibao.standard.${hukou}`), minimumWage: prev('minimum_wage.monthly') },
  };
}
