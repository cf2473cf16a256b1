/**
 * Who lives in a demo household: its size, the relation of each member to the head, sex and
 * age, with consistent families (one head; a spouse of the opposite sex and similar age;
 * children 20–40 years younger than the head; parents 20–35 years older; grandchildren
 * under 23). Low-income households are small and old: many elderly living alone or as couples.
 */
import { Random, weightedTable, type WeightedTable } from './random.js';

export type Sex = 'male' | 'female';
export type MainCategory = 'dibao' | 'tekun' | 'marginal' | 'rigid_expense' | 'anti_return_poverty' | 'other';

/** How a member's surname is chosen: the head's, the spouse's, the family line's, or a new one. */
export type SurnameSource = 'head' | 'spouse' | 'paternal' | 'own';

/** What a member's health must show, for households that exist because of it. */
export type Need = 'severe_disability' | 'disability_or_illness';

export interface Sketch {
  relation: 'head' | 'spouse' | 'child' | 'parent' | 'grandchild' | 'sibling' | 'other';
  sex: Sex;
  age: number;
  surname: SurnameSource;
  need?: Need;
}

const MAX_AGE = 99;

/** Household size weights (1–6 persons) by the household's main category; overall mean ≈ 2.34. */
const SIZE_WEIGHTS: Record<Exclude<MainCategory, 'tekun'>, number[]> = {
  dibao: [0.36, 0.28, 0.17, 0.11, 0.06, 0.02],
  marginal: [0.25, 0.3, 0.2, 0.14, 0.08, 0.03],
  rigid_expense: [0.12, 0.3, 0.25, 0.18, 0.1, 0.05],
  anti_return_poverty: [0.15, 0.35, 0.2, 0.15, 0.1, 0.05],
  other: [0.45, 0.3, 0.12, 0.08, 0.04, 0.01],
};

type Template = (rng: Random) => Sketch[];

const sizeTables = new Map<string, WeightedTable<number>>();

function sizeTable(category: Exclude<MainCategory, 'tekun'>): WeightedTable<number> {
  let table = sizeTables.get(category);
  if (!table) {
    table = weightedTable(SIZE_WEIGHTS[category].map((w, i) => [i + 1, w] as const));
    sizeTables.set(category, table);
  }
  return table;
}

/** Age of an elderly person: 60–69 most often, some over 80. */
export function elderAge(rng: Random): number {
  const roll = rng.next();
  if (roll < 0.45) return rng.int(60, 69);
  if (roll < 0.8) return rng.int(70, 79);
  return rng.int(80, 94);
}

function opposite(sex: Sex): Sex {
  return sex === 'male' ? 'female' : 'male';
}

function clampAge(age: number): number {
  return Math.max(0, Math.min(MAX_AGE, age));
}

function head(sex: Sex, age: number, need?: Need): Sketch {
  return { relation: 'head', sex, age, surname: 'head', need };
}

/** A spouse of the opposite sex; wives are usually a few years younger. */
function spouseOf(h: Sketch, rng: Random): Sketch {
  const gap = rng.int(-2, 6);
  const age = h.sex === 'male' ? h.age - gap : h.age + gap;
  return { relation: 'spouse', sex: opposite(h.sex), age: Math.max(18, clampAge(age)), surname: 'own' };
}

/** n children 20–40 years younger than the parent, eldest first, 1–6 years apart. */
function childrenOf(parentAge: number, n: number, rng: Random, relation: Sketch['relation'] = 'child'): Sketch[] {
  const children: Sketch[] = [];
  let age = parentAge - rng.int(20, Math.max(20, Math.min(34, parentAge)));
  for (let i = 0; i < n; i++) {
    if (i > 0) age = Math.max(parentAge - 40, age - rng.int(1, 6));
    children.push({ relation, sex: rng.chance(0.51) ? 'male' : 'female', age: Math.max(0, age), surname: 'paternal' });
  }
  return children;
}

/** One or two parents of the head, 20–35 years older. */
function parentsOf(h: Sketch, n: number, rng: Random): Sketch[] {
  if (n === 0) return [];
  const fatherAge = clampAge(h.age + rng.int(22, 35));
  if (n === 1) {
    const sex: Sex = rng.chance(0.65) ? 'female' : 'male';
    return [{ relation: 'parent', sex, age: sex === 'male' ? fatherAge : clampAge(h.age + rng.int(20, 33)), surname: sex === 'male' ? 'head' : 'own' }];
  }
  return [
    { relation: 'parent', sex: 'male', age: fatherAge, surname: 'head' },
    { relation: 'parent', sex: 'female', age: Math.max(h.age + 20, fatherAge - rng.int(0, 5)), surname: 'own' },
  ];
}

/** Grandchildren of an elderly head, left in the grandparents' care: under 23. */
function grandchildrenOf(headAge: number, n: number, rng: Random): Sketch[] {
  let age = Math.min(22, Math.max(0, headAge - rng.int(44, 62)));
  const grandchildren: Sketch[] = [];
  for (let i = 0; i < n; i++) {
    if (i > 0) age = Math.max(0, age - rng.int(1, 4));
    grandchildren.push({ relation: 'grandchild', sex: rng.chance(0.51) ? 'male' : 'female', age, surname: 'paternal' });
  }
  return grandchildren;
}

const maleHeadedCouple = (rng: Random): Sex => (rng.chance(0.8) ? 'male' : 'female');

function couple(age: number, rng: Random): Sketch[] {
  const h = head(maleHeadedCouple(rng), age);
  return [h, spouseOf(h, rng)];
}

function coupleWithChildren(n: number, parents = 0): Template {
  return (rng) => {
    const [h, s] = couple(rng.int(parents > 0 ? 30 : 26, parents > 0 ? 60 : 58), rng);
    return [h, s, ...childrenOf(h.age, n, rng), ...parentsOf(h, parents, rng)];
  };
}

/** An elderly couple with their son, his wife ('other') and n grandchildren. */
function threeGenerations(n: number): Template {
  return (rng) => {
    const [h, s] = couple(rng.int(58, 82), rng);
    const son: Sketch = { relation: 'child', sex: 'male', age: h.age - rng.int(22, 32), surname: 'paternal' };
    const inLaw: Sketch = { relation: 'other', sex: 'female', age: Math.max(20, son.age - rng.int(-2, 4)), surname: 'own' };
    return [h, s, son, inLaw, ...childrenOf(son.age, n, rng, 'grandchild')];
  };
}

function singleParent(n: number): Template {
  return (rng) => {
    const h = head(rng.chance(0.65) ? 'female' : 'male', rng.int(28, 55));
    return [h, ...childrenOf(h.age, n, rng)];
  };
}

/** Elderly head (with spouse or not) and an adult child who often stayed because of ill health. */
function elderWithAdultChild(withSpouse: boolean, needShare: number): Template {
  return (rng) => {
    const members = withSpouse ? couple(elderAge(rng), rng) : [head(rng.chance(0.55) ? 'female' : 'male', elderAge(rng))];
    const child: Sketch = {
      relation: 'child',
      sex: rng.chance(0.55) ? 'male' : 'female',
      age: members[0].age - rng.int(22, 38),
      surname: 'paternal',
      need: rng.chance(needShare) ? 'disability_or_illness' : undefined,
    };
    return [...members, child];
  };
}

/** Grandparent(s) caring for grandchildren whose parents work elsewhere. */
function grandparents(n: number, withSpouse: boolean): Template {
  return (rng) => {
    const age = rng.int(56, 85);
    const members = withSpouse ? couple(age, rng) : [head(rng.chance(0.55) ? 'female' : 'male', age)];
    return [...members, ...grandchildrenOf(age, n, rng)];
  };
}

/** A middle-aged head, often ill or disabled, living with an elderly parent. */
const headWithParent: Template = (rng) => {
  const h = head(rng.chance(0.6) ? 'male' : 'female', rng.int(30, 64), rng.chance(0.5) ? 'disability_or_illness' : undefined);
  return [h, ...parentsOf(h, 1, rng)];
};

/** Two unmarried siblings, one ill or disabled. */
const siblings: Template = (rng) => {
  const h = head(rng.chance(0.6) ? 'male' : 'female', rng.int(35, 75));
  const sex: Sex = rng.chance(0.5) ? 'male' : 'female';
  return [h, { relation: 'sibling', sex, age: clampAge(h.age + rng.int(-10, 10)), surname: 'head', need: 'disability_or_illness' }];
};

/** Household templates for sizes 2..6 (index 0 = size 2); one-person households: see aloneHead. */
const TEMPLATES_BY_SIZE: WeightedTable<Template>[] = [
  weightedTable<Template>([
    [(rng) => couple(rng.chance(0.7) ? elderAge(rng) : rng.int(30, 59), rng), 0.5],
    [singleParent(1), 0.18],
    [elderWithAdultChild(false, 0.5), 0.14],
    [grandparents(1, false), 0.1],
    [headWithParent, 0.05],
    [siblings, 0.03],
  ]),
  weightedTable<Template>([
    [coupleWithChildren(1), 0.5],
    [singleParent(2), 0.1],
    [grandparents(1, true), 0.15],
    [coupleWithChildren(0, 1), 0.1],
    [elderWithAdultChild(true, 0.4), 0.15],
  ]),
  weightedTable<Template>([
    [coupleWithChildren(2), 0.45],
    [coupleWithChildren(1, 1), 0.25],
    [grandparents(2, true), 0.15],
    [threeGenerations(0), 0.15],
  ]),
  weightedTable<Template>([
    [coupleWithChildren(2, 1), 0.4],
    [coupleWithChildren(3), 0.2],
    [coupleWithChildren(1, 2), 0.2],
    [threeGenerations(1), 0.2],
  ]),
  weightedTable<Template>([
    [coupleWithChildren(2, 2), 0.45],
    [coupleWithChildren(3, 1), 0.25],
    [threeGenerations(2), 0.3],
  ]),
];

/** The head of a one-person household. 特困 people are mostly elderly, else severely disabled, rarely minors. */
function aloneHead(category: MainCategory, rng: Random): Sketch {
  const roll = rng.next();
  if (category === 'tekun') {
    if (roll < 0.82) return head(rng.chance(0.55) ? 'male' : 'female', elderAge(rng));
    if (roll < 0.97) return head(rng.chance(0.6) ? 'male' : 'female', rng.int(25, 59), 'severe_disability');
    return head(rng.chance(0.5) ? 'male' : 'female', rng.int(8, 17));
  }
  const sex: Sex = rng.chance(0.5) ? 'male' : 'female';
  if (roll < 0.65) return head(rng.chance(0.56) ? 'female' : 'male', elderAge(rng));
  if (roll < 0.93) return head(sex, rng.int(35, 59), rng.chance(0.5) ? 'disability_or_illness' : undefined);
  return head(sex, rng.int(18, 34), rng.chance(0.5) ? 'disability_or_illness' : undefined);
}

/** The members of a new household, head first. */
export function sketchHousehold(category: MainCategory, rng: Random): Sketch[] {
  if (category === 'tekun') {
    if (rng.chance(0.9)) return [aloneHead('tekun', rng)];
    return couple(rng.int(62, 88), rng); // an elderly couple, each 特困 in their own right
  }
  const size = rng.draw(sizeTable(category));
  if (size === 1) return [aloneHead(category, rng)];
  return rng.draw(TEMPLATES_BY_SIZE[size - 2])(rng);
}
