/**
 * A demo person's disability, health, work ability, schooling and employment, correlated with
 * age, with each other and with the household's situation. Codes are those of vocabulary.ts.
 */
import { Random, weightedTable } from './random.js';
import type { Need, Sketch } from './household-makeup.js';

export type WorkAbility = 'full' | 'partial' | 'none';
export type Health = 'healthy' | 'chronic' | 'serious';

export interface Traits {
  disability_type: string | null;
  disability_grade: number | null;
  health: Health;
  work_ability: WorkAbility;
  school_stage: string | null;
  employment: string | null;
}

export interface TraitContext {
  hukou: 'urban' | 'rural';
  /** 特困 persons have no work ability by definition. */
  tekun: boolean;
}

const ADULT_DISABILITY = weightedTable([
  ['physical', 0.45], ['visual', 0.13], ['hearing', 0.12], ['speech', 0.02],
  ['intellectual', 0.08], ['mental', 0.12], ['multiple', 0.08],
] as const);
const CHILD_DISABILITY = weightedTable([
  ['physical', 0.3], ['intellectual', 0.3], ['hearing', 0.15], ['speech', 0.05],
  ['visual', 0.05], ['mental', 0.05], ['multiple', 0.1],
] as const);
const GRADE = weightedTable([[1, 0.15], [2, 0.25], [3, 0.3], [4, 0.3]] as const);

/** [age below which the band applies, P(disabled), P(chronic), P(serious)] */
const AGE_BANDS: readonly (readonly [number, number, number, number])[] = [
  [18, 0.017, 0.03, 0.01],
  [45, 0.03, 0.08, 0.03],
  [60, 0.05, 0.22, 0.06],
  [75, 0.065, 0.42, 0.08],
  [Infinity, 0.095, 0.55, 0.12],
];

function band(age: number): readonly [number, number, number, number] {
  return AGE_BANDS.find(([upTo]) => age < upTo) ?? AGE_BANDS[AGE_BANDS.length - 1];
}

export function drawTraits(rng: Random, person: Sketch, ctx: TraitContext): Traits {
  const [, pDisabled, pChronic, pSerious] = band(person.age);
  const disability = drawDisability(rng, person, pDisabled);
  const health = drawHealth(rng, person.need, disability !== null, pChronic, pSerious);
  const work = ctx.tekun ? 'none' : workAbility(rng, person.age, disability?.grade ?? null, health);
  const school = schoolStage(rng, person.age, disability?.grade ?? null);
  return {
    disability_type: disability?.type ?? null,
    disability_grade: disability?.grade ?? null,
    health,
    work_ability: work,
    school_stage: school,
    employment: employment(rng, person, work, school, ctx.hukou),
  };
}

function drawDisability(rng: Random, person: Sketch, probability: number): { type: string; grade: number } | null {
  const severe = person.need === 'severe_disability';
  const needed = severe || (person.need === 'disability_or_illness' && rng.chance(0.5));
  if (!needed && !rng.chance(probability)) return null;
  const type = rng.draw(person.age < 18 ? CHILD_DISABILITY : ADULT_DISABILITY);
  return { type, grade: severe ? rng.int(1, 2) : rng.draw(GRADE) };
}

function drawHealth(rng: Random, need: Need | undefined, disabled: boolean, pChronic: number, pSerious: number): Health {
  if (need === 'disability_or_illness' && !disabled) return rng.chance(0.6) ? 'serious' : 'chronic';
  const roll = rng.next();
  const boost = disabled ? 1.5 : 1;
  if (roll < pSerious * boost) return 'serious';
  if (roll < (pSerious + pChronic) * boost) return 'chronic';
  return 'healthy';
}

const ABILITY_ORDER: WorkAbility[] = ['full', 'partial', 'none'];

function worst(a: WorkAbility, b: WorkAbility): WorkAbility {
  return ABILITY_ORDER[Math.max(ABILITY_ORDER.indexOf(a), ABILITY_ORDER.indexOf(b))];
}

const ELDER_ABILITY = weightedTable<WorkAbility>([['full', 0.3], ['partial', 0.5], ['none', 0.2]]);

/** Children under 16 have none; old age, disability and illness reduce it. */
function workAbility(rng: Random, age: number, grade: number | null, health: Health): WorkAbility {
  if (age < 16) return 'none';
  let ability: WorkAbility = 'full';
  if (age >= 70) ability = rng.chance(0.55) ? 'none' : 'partial';
  else if (age >= 60) ability = rng.draw(ELDER_ABILITY);
  if (grade !== null) ability = worst(ability, grade <= 2 ? 'none' : grade === 3 ? (rng.chance(0.7) ? 'partial' : 'none') : rng.chance(0.6) ? 'partial' : 'full');
  if (health === 'serious') ability = worst(ability, rng.chance(0.6) ? 'none' : 'partial');
  else if (health === 'chronic' && rng.chance(0.5)) ability = worst(ability, 'partial');
  return ability;
}

/** School stage for ages 3–22 ('none' = not in school); null outside those ages. */
function schoolStage(rng: Random, age: number, grade: number | null): string | null {
  if (age < 3 || age > 22) return null;
  if (grade !== null && grade <= 2 && rng.chance(0.5)) return 'none';
  if (age <= 5) return rng.chance(0.85) ? 'preschool' : 'none';
  if (age <= 11) return 'primary';
  if (age <= 14) return 'junior';
  const roll = rng.next();
  if (age <= 17) return roll < 0.5 ? 'senior' : roll < 0.85 ? 'vocational' : 'none';
  if (age === 18) return roll < 0.3 ? 'senior' : roll < 0.55 ? 'college' : roll < 0.65 ? 'vocational' : 'none';
  return roll < 0.35 ? 'college' : 'none';
}

/** Employment for adults (18+); null for minors. */
function employment(rng: Random, person: Sketch, work: WorkAbility, school: string | null, hukou: 'urban' | 'rural'): string | null {
  if (person.age < 18) return null;
  if (school !== null && school !== 'none') return 'student';
  if (work === 'none') return 'not_applicable';
  const elderly = person.age >= 60 || (person.sex === 'female' && person.age >= 55 && hukou === 'urban');
  const roll = rng.next();
  if (elderly) {
    if (hukou === 'rural') return roll < 0.6 ? 'farming' : 'not_applicable';
    return roll < 0.4 ? 'retired' : roll < 0.6 ? 'unemployed' : 'not_applicable';
  }
  const partial = work === 'partial' ? 0.5 : 1;
  if (hukou === 'rural') return roll < 0.45 ? 'farming' : roll < 0.45 + 0.35 * partial ? 'employed' : 'unemployed';
  return roll < 0.45 * partial ? 'employed' : 'unemployed';
}
