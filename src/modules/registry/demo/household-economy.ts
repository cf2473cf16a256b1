/**
 * A demo household's economic snapshot (CNY per year): income by source, assets and rigid
 * expenditure, consistent with its main category. Per-capita income is drawn as a multiple of
 * a monthly reference line (the demo's stand-in for the local 低保标准: 500 urban, 380 rural):
 * 低保 below it, 低保边缘 between 1 and 1.5 times, others higher. Rigid-expense households
 * spend more on medical care, schooling and rehabilitation than the threshold share of income.
 * These are demo data assumptions, not policy parameters.
 */
import { Random } from './random.js';
import type { MainCategory } from './household-makeup.js';
import type { Traits } from './person-traits.js';

export interface DemoSnapshotValues {
  income_wage: number;
  income_business: number;
  income_property: number;
  income_transfer: number;
  income_other: number;
  financial_assets: number;
  vehicle_count: number;
  vehicle_value: number;
  property_count: number;
  rigid_medical: number;
  rigid_education: number;
  rigid_rehab: number;
  rigid_other: number;
}

export interface EconomicMember {
  age: number;
  traits: Traits;
}

/** Monthly per-capita reference line (CNY) by hukou type. */
export const DEMO_REFERENCE_LINE = { urban: 500, rural: 380 } as const;

/** [min, max) multiple of the reference line for monthly per-capita income. */
const INCOME_MULTIPLE: Record<MainCategory, readonly [number, number]> = {
  tekun: [0, 0.6],
  dibao: [0.05, 0.95],
  marginal: [1.0, 1.45],
  rigid_expense: [1.5, 4.0],
  anti_return_poverty: [1.2, 3.0],
  other: [1.0, 3.0],
};

const FINANCIAL_ASSETS_MAX: Record<MainCategory, number> = {
  tekun: 5000, dibao: 8000, marginal: 20000, rigid_expense: 40000, anti_return_poverty: 15000, other: 25000,
};
const VEHICLE_SHARE: Record<MainCategory, number> = {
  tekun: 0, dibao: 0.03, marginal: 0.08, rigid_expense: 0.15, anti_return_poverty: 0.2, other: 0.12,
};
/** Rigid expenditure of a rigid-expense household as a multiple of its income. */
const RIGID_RATIO: readonly [number, number] = [0.9, 2.5];

/** Yuan with at most two decimals, from a real number of yuan. */
function yuan(x: number): number {
  return Math.round(x * 100) / 100;
}

export function drawSnapshotValues(
  rng: Random,
  category: MainCategory,
  hukou: 'urban' | 'rural',
  members: readonly EconomicMember[],
  asOf: string,
): DemoSnapshotValues & { as_of: string } {
  const range = INCOME_MULTIPLE[category];
  const perCapitaMonthly = rng.real(range[0], range[1]) * DEMO_REFERENCE_LINE[hukou];
  const totalCents = Math.round(perCapitaMonthly * 12 * members.length * 100);
  const income = splitIncome(rng, totalCents, category, members);
  const rigid = rigidExpenses(rng, members);
  if (category === 'rigid_expense') raiseRigidExpenses(rng, rigid, totalCents / 100, members);
  const owned = assets(rng, category, hukou, members.length);
  return {
    as_of: asOf,
    income_wage: income.income_wage,
    income_business: income.income_business,
    income_property: income.income_property,
    income_transfer: income.income_transfer,
    income_other: income.income_other,
    financial_assets: owned.financial_assets,
    vehicle_count: owned.vehicle_count,
    vehicle_value: owned.vehicle_value,
    property_count: owned.property_count,
    rigid_medical: rigid.rigid_medical,
    rigid_education: rigid.rigid_education,
    rigid_rehab: rigid.rigid_rehab,
    rigid_other: rigid.rigid_other,
  };
}

type IncomeParts = Pick<DemoSnapshotValues, 'income_wage' | 'income_business' | 'income_property' | 'income_transfer' | 'income_other'>;

/** Split the household's income over its sources according to who earns what. */
function splitIncome(rng: Random, totalCents: number, category: MainCategory, members: readonly EconomicMember[]): IncomeParts {
  let wage = 0;
  let business = 0;
  let transfer = category === 'tekun' ? 1 : 0.15;
  for (const m of members) {
    if (m.traits.employment === 'employed') wage += 1;
    if (m.traits.employment === 'farming') business += 0.8;
    if (m.traits.employment === 'retired') transfer += 1;
    if (m.age >= 60) transfer += 0.6;
    if (m.traits.disability_grade !== null) transfer += 0.3;
  }
  const weights = [wage, business, rng.real(0, 0.03), transfer, rng.real(0, 0.08)];
  const sum = weights.reduce((a, b) => a + b, 0);
  const cents = weights.map((w) => Math.floor((totalCents * w) / sum));
  cents[3] += totalCents - (cents[0] + cents[1] + cents[2] + cents[3] + cents[4]); // rounding rest to transfers
  return {
    income_wage: cents[0] / 100,
    income_business: cents[1] / 100,
    income_property: cents[2] / 100,
    income_transfer: cents[3] / 100,
    income_other: cents[4] / 100,
  };
}

function assets(rng: Random, category: MainCategory, hukou: 'urban' | 'rural', size: number) {
  const financial = rng.chance(0.75) ? yuan(rng.real(0, FINANCIAL_ASSETS_MAX[category]) * Math.sqrt(size)) : 0;
  const hasVehicle = rng.chance(VEHICLE_SHARE[category] * (hukou === 'rural' ? 1.2 : 0.8));
  const vehicleValue = hasVehicle ? yuan(category === 'dibao' ? rng.real(2000, 15000) : rng.real(3000, 60000)) : 0;
  return {
    financial_assets: financial,
    vehicle_count: hasVehicle ? 1 : 0,
    vehicle_value: vehicleValue,
    property_count: propertyCount(rng, category, hukou),
  };
}

/** Rural families mostly own their house; poor urban families often rent. */
function propertyCount(rng: Random, category: MainCategory, hukou: 'urban' | 'rural'): number {
  if (hukou === 'rural') return rng.chance(category === 'tekun' ? 0.7 : 0.9) ? 1 : 0;
  if (category === 'dibao' || category === 'tekun') return rng.chance(0.45) ? 1 : 0;
  const roll = rng.next();
  return roll < 0.05 ? 2 : roll < 0.75 ? 1 : 0;
}

type RigidParts = Pick<DemoSnapshotValues, 'rigid_medical' | 'rigid_education' | 'rigid_rehab' | 'rigid_other'>;

function rigidExpenses(rng: Random, members: readonly EconomicMember[]): RigidParts {
  let medical = 0;
  let education = 0;
  let rehab = 0;
  for (const { traits } of members) {
    medical += medicalCost(rng, traits.health);
    education += educationCost(rng, traits.school_stage);
    if (traits.disability_grade !== null) rehab += traits.disability_grade <= 2 ? rng.real(2000, 12000) : rng.real(0, 4000);
  }
  return {
    rigid_medical: yuan(medical),
    rigid_education: yuan(education),
    rigid_rehab: yuan(rehab),
    rigid_other: rng.chance(0.3) ? yuan(rng.real(0, 1500)) : 0,
  };
}

function medicalCost(rng: Random, health: Traits['health']): number {
  if (health === 'serious') return rng.real(8000, 60000);
  if (health === 'chronic') return rng.real(500, 4000);
  return rng.chance(0.2) ? rng.real(0, 800) : 0;
}

function educationCost(rng: Random, stage: string | null): number {
  switch (stage) {
    case 'college': return rng.real(6000, 15000);
    case 'senior':
    case 'vocational': return rng.real(1500, 5000);
    case 'preschool': return rng.real(1000, 4000);
    case 'primary':
    case 'junior': return rng.real(200, 1200);
    default: return 0;
  }
}

/** A rigid-expense household spends well above the threshold share of its income. */
function raiseRigidExpenses(rng: Random, rigid: RigidParts, income: number, members: readonly EconomicMember[]): void {
  const target = income * rng.real(RIGID_RATIO[0], RIGID_RATIO[1]);
  const current = rigid.rigid_medical + rigid.rigid_education + rigid.rigid_rehab + rigid.rigid_other;
  if (current >= target) return;
  const extra = target - current;
  if (members.some((m) => m.traits.school_stage === 'college') && rng.chance(0.3)) rigid.rigid_education = yuan(rigid.rigid_education + extra);
  else if (members.some((m) => m.traits.disability_grade !== null) && rng.chance(0.4)) rigid.rigid_rehab = yuan(rigid.rigid_rehab + extra);
  else rigid.rigid_medical = yuan(rigid.rigid_medical + extra);
}
