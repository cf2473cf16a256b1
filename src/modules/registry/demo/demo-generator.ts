/**
 * Deterministic demo data for the low-income population registry: fictitious households in
 * real Jilin villages, with valid (but invented) ID numbers, consistent families, categories
 * and an economic snapshot.
 *
 * - Deterministic: the same options give the same households, byte for byte (own seeded PRNG).
 * - Streaming: households are yielded one at a time; memory stays bounded (the village list,
 *   one counter per village and the ID counters of id-allocator.ts), whatever the count.
 * - Villages are drawn with prefecture weights proportional to the 2020 census population,
 *   then uniformly within the prefecture.
 */
import { Random, weightedTable, type WeightedTable } from './random.js';
import { loadDemoRegions, type DemoPrefecture, type DemoVillage } from './regions.js';
import { IdAllocator, dayNumber, isoDate, yearOf } from './id-allocator.js';
import { sketchHousehold, type MainCategory, type Sketch } from './household-makeup.js';
import { drawTraits } from './person-traits.js';
import { drawSnapshotValues, type DemoSnapshotValues } from './household-economy.js';
import { drawFullName, drawSurname } from './names.js';

export interface DemoOptions {
  households: number;
  seed?: number;
  /** YYYY-MM-DD; default '2026-11-01'. */
  asOf?: string;
}

export interface DemoMember {
  id_number: string;
  name: string;
  relation: string;
  phone: string | null;
  disability_type: string | null;
  disability_grade: number | null;
  work_ability: 'full' | 'partial' | 'none';
  health: 'healthy' | 'chronic' | 'serious';
  school_stage: string | null;
  employment: string | null;
  categories: { category: string; since: string }[];
}

/** CNY per year, at most two decimals. */
export interface DemoSnapshot extends DemoSnapshotValues {
  as_of: string;
}

export interface DemoHousehold {
  code: string;
  /** 12-digit village code. */
  region_code: string;
  hukou_type: 'urban' | 'rural';
  address: string;
  hukou_booklet_no: string;
  members: DemoMember[];
  snapshot: DemoSnapshot;
}

/** The registry import row format (one row per person; these column names are the import file's interface). */
export interface RegistryRow {
  household_code: string;
  region_code: string;
  hukou_type: string;
  address: string;
  hukou_booklet_no: string;
  id_number: string;
  name: string;
  relation: string;
  phone: string;
  disability_type: string;
  disability_grade: string;
  work_ability: string;
  health: string;
  school_stage: string;
  employment: string;
  /** ';'-separated category codes */
  categories: string;
  category_since: string;
}

const DEFAULT_AS_OF = '2026-11-01';
const MAX_HOUSEHOLDS_PER_VILLAGE = 9999;
const RETIRED_CODE_SHARE = 0.03;
const PHONE_SHARE = 0.7;
const FIRST_ID_YEAR = 1985; // first-generation ID numbers were issued from the mid-1980s
const BOOKLET_MULTIPLIER = 282475249; // 7^10, coprime with 9·10^8: index ↦ booklet number is one-to-one

/** Main category weights by hukou type: 防返贫 is mostly rural. Overall ≈ 45/8/15/7/15/10 %. */
const CATEGORY_WEIGHTS: Record<'urban' | 'rural', readonly (readonly [MainCategory, number])[]> = {
  urban: [['dibao', 0.5], ['tekun', 0.09], ['marginal', 0.19], ['rigid_expense', 0.09], ['anti_return_poverty', 0.015], ['other', 0.115]],
  rural: [['dibao', 0.425], ['tekun', 0.077], ['marginal', 0.137], ['rigid_expense', 0.063], ['anti_return_poverty', 0.21], ['other', 0.088]],
};

/** Earliest recognition date per category (防返贫 monitoring began in 2020; 刚性支出 recognition lasts 12 months). */
const SINCE_FROM: Record<MainCategory, string> = {
  dibao: '2015-01-01', tekun: '2015-01-01', other: '2015-01-01',
  marginal: '2020-01-01', anti_return_poverty: '2020-03-01', rigid_expense: '',
};

const SINCE_FROM_DAY = Object.fromEntries(
  Object.entries(SINCE_FROM).map(([category, date]) => [category, date ? dayNumber(date) : 0]),
) as Record<MainCategory, number>;

interface Context {
  rng: Random;
  asOf: string;
  asOfDay: number;
  prefectures: WeightedTable<DemoPrefecture>;
  villageCounters: Map<DemoPrefecture, Uint16Array>;
  categoryTables: Record<'urban' | 'rural', WeightedTable<MainCategory>>;
  ids: IdAllocator;
  bookletSalt: number;
}

export function* generateDemo(opts: DemoOptions): Generator<DemoHousehold> {
  const ctx = createContext(opts);
  for (let index = 0; index < opts.households; index++) yield makeHousehold(ctx, index);
}

function createContext(opts: DemoOptions): Context {
  const asOf = opts.asOf ?? DEFAULT_AS_OF;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || asOf < '1990-01-01') throw new Error(`asOf must be a YYYY-MM-DD date from 1990: ${asOf}`);
  if (!Number.isInteger(opts.households) || opts.households < 0) throw new Error(`households must be a non-negative integer: ${opts.households}`);
  const seed = opts.seed ?? 1;
  const regions = loadDemoRegions();
  const rng = new Random(seed);
  return {
    rng,
    asOf,
    asOfDay: dayNumber(asOf),
    prefectures: weightedTable(regions.prefectures.map((p) => [p, p.population] as const)),
    villageCounters: new Map(regions.prefectures.map((p) => [p, new Uint16Array(p.villages.length)])),
    categoryTables: { urban: weightedTable(CATEGORY_WEIGHTS.urban), rural: weightedTable(CATEGORY_WEIGHTS.rural) },
    ids: new IdAllocator(dayNumber(asOf), seed),
    bookletSalt: rng.int(0, 899_999_999),
  };
}

function makeHousehold(ctx: Context, index: number): DemoHousehold {
  const { rng } = ctx;
  const prefecture = rng.draw(ctx.prefectures);
  const { village, sequence } = takeVillage(ctx, prefecture);
  const hukou = hukouTypeOf(village, rng);
  const category = rng.draw(ctx.categoryTables[hukou]);
  const sketches = sketchHousehold(category, rng);
  if (category === 'rigid_expense') addRigidExpenseReason(sketches, rng);
  const people = makeMembers(ctx, sketches, { prefecture, village, hukou, category });
  assignCategories(ctx, people, category, hukou);
  const members = people.map((p) => p.member);
  const snapshot = drawSnapshotValues(rng, category, hukou, people.map((p) => ({ age: p.sketch.age, traits: p.member })), ctx.asOf);
  return {
    code: `H${village.code}${String(sequence).padStart(4, '0')}`,
    region_code: village.code,
    hukou_type: hukou,
    address: village.place + houseNumber(rng, hukou),
    hukou_booklet_no: bookletNumber(index, ctx.bookletSalt),
    members,
    snapshot,
  };
}

/** A uniform village of the prefecture and the household's number in it (next village if full). */
function takeVillage(ctx: Context, prefecture: DemoPrefecture): { village: DemoVillage; sequence: number } {
  const counters = ctx.villageCounters.get(prefecture)!;
  const start = Math.floor(ctx.rng.next() * prefecture.villages.length);
  for (let k = 0; k < counters.length; k++) {
    const i = (start + k) % counters.length;
    if (counters[i] < MAX_HOUSEHOLDS_PER_VILLAGE) return { village: prefecture.villages[i], sequence: ++counters[i] };
  }
  throw new Error(`all villages of prefecture ${prefecture.code} hold ${MAX_HOUSEHOLDS_PER_VILLAGE} households`);
}

/** Urban in a 街道; often urban in a town's 社区; rural otherwise (mostly). */
function hukouTypeOf(village: DemoVillage, rng: Random): 'urban' | 'rural' {
  if (village.setting === 'street') return 'urban';
  return rng.chance(village.setting === 'town_community' ? 0.6 : 0.03) ? 'urban' : 'rural';
}

/** A rigid-expense household usually has a member whose illness or disability causes the costs. */
function addRigidExpenseReason(sketches: Sketch[], rng: Random): void {
  if (sketches.some((s) => s.need) || !rng.chance(0.8)) return;
  rng.pick(sketches).need = 'disability_or_illness';
}

interface Person {
  sketch: Sketch;
  birthDay: number;
  member: DemoMember;
}

interface HouseholdSetting {
  prefecture: DemoPrefecture;
  village: DemoVillage;
  hukou: 'urban' | 'rural';
  category: MainCategory;
}

function makeMembers(ctx: Context, sketches: Sketch[], setting: HouseholdSetting): Person[] {
  const surnames = familySurnames(ctx.rng, sketches, setting.prefecture.code);
  return sketches.map((sketch) => makePerson(ctx, sketch, surnames(sketch), setting));
}

/** Surnames: children and grandchildren take the father's line; spouses and in-laws their own. */
function familySurnames(rng: Random, sketches: Sketch[], prefecture: string): (s: Sketch) => string {
  const headSketch = sketches[0];
  const headName = drawSurname(rng, prefecture);
  const spouse = sketches.find((s) => s.relation === 'spouse');
  const spouseName = spouse ? drawSurname(rng, prefecture) : headName;
  const paternal = headSketch.sex === 'male' ? headName : spouse ? spouseName : rng.chance(0.85) ? headName : drawSurname(rng, prefecture);
  return (s) => {
    if (s.surname === 'head') return headName;
    if (s.surname === 'paternal') return paternal;
    if (s.relation === 'spouse') return spouseName;
    return drawSurname(rng, prefecture);
  };
}

function makePerson(ctx: Context, sketch: Sketch, surname: string, setting: HouseholdSetting): Person {
  const { rng } = ctx;
  const wishedDay = ctx.asOfDay - Math.round(sketch.age * 365.2425) - rng.int(0, 364);
  const birthYear = yearOf(Math.max(0, wishedDay));
  const addressCode = idAddressCode(rng, setting, birthYear);
  const { id_number, birth_day } = ctx.ids.allocate(addressCode, wishedDay, sketch.sex === 'male');
  const traits = drawTraits(rng, sketch, { hukou: setting.hukou, tekun: setting.category === 'tekun' });
  const member: DemoMember = {
    id_number,
    name: drawFullName(rng, surname, sketch.sex, birthYear),
    relation: sketch.relation,
    phone: sketch.age >= 18 && rng.chance(PHONE_SHARE) ? phoneNumber(rng) : null,
    disability_type: traits.disability_type,
    disability_grade: traits.disability_grade,
    work_ability: traits.work_ability,
    health: traits.health,
    school_stage: traits.school_stage,
    employment: traits.employment,
    categories: [],
  };
  return { sketch, birthDay: birth_day, member };
}

/** The village's county code, or now and then a retired code of the prefecture in force when the person registered. */
function idAddressCode(rng: Random, setting: HouseholdSetting, birthYear: number): string {
  if (!rng.chance(RETIRED_CODE_SHARE)) return setting.village.id_address_code;
  const registeredBy = Math.max(birthYear, FIRST_ID_YEAR);
  const eligible = setting.prefecture.retired_codes.filter((c) => c.end_year >= registeredBy);
  return eligible.length > 0 ? rng.pick(eligible).code : setting.village.id_address_code;
}

/** 13x / 15x / 18x mobile numbers, fictitious. */
function phoneNumber(rng: Random): string {
  const prefix = rng.pick(['13', '15', '18']);
  const third = prefix === '15' ? rng.pick(['0', '1', '2', '3', '5', '6', '7', '8', '9']) : String(rng.int(0, 9));
  return prefix + third + rng.digits(8);
}

function houseNumber(rng: Random, hukou: 'urban' | 'rural'): string {
  if (hukou === 'rural') return `${rng.int(1, 12)}组${rng.int(1, 80)}号`;
  return `${rng.int(1, 40)}栋${rng.int(1, 6)}单元${rng.int(1, 7)}0${rng.int(1, 4)}号`;
}

/** A 9-digit booklet number, one-to-one with the household's index (no repeats below 9·10^8). */
function bookletNumber(index: number, salt: number): string {
  const modulus = 900_000_000;
  const hi = Math.floor(BOOKLET_MULTIPLIER / 65536);
  const lo = BOOKLET_MULTIPLIER % 65536;
  const i = index % modulus;
  const product = ((((i * hi) % modulus) * 65536) % modulus + ((i * lo) % modulus)) % modulus;
  return String(100_000_000 + ((product + salt) % modulus));
}

// ── categories ──────────────────────────────────────────────────────────────────────────────

function assignCategories(ctx: Context, people: Person[], category: MainCategory, hukou: 'urban' | 'rural'): void {
  const { rng } = ctx;
  if (category === 'tekun') {
    for (const p of people) grant(p, 'tekun', sinceDay(ctx, 'tekun'));
    return;
  }
  const householdSince = sinceDay(ctx, category);
  for (const p of people) grant(p, category, householdSince);
  if (category === 'dibao' && hukou === 'rural' && rng.chance(0.08)) {
    const since = sinceDay(ctx, 'anti_return_poverty');
    for (const p of people) grant(p, 'anti_return_poverty', since);
  }
  if (category === 'marginal') {
    // "单人保": a severely disabled or seriously ill member of a marginal family enrolled in 低保 alone
    for (const p of people) {
      const severe = (p.member.disability_grade ?? 9) <= 2 || p.member.health === 'serious';
      if (severe && rng.chance(0.3)) grant(p, 'dibao', sinceDay(ctx, 'dibao'));
    }
  }
}

/** A recognition day between the category's earliest date and as-of. */
function sinceDay(ctx: Context, category: MainCategory): number {
  const from = category === 'rigid_expense' ? ctx.asOfDay - 364 : Math.min(SINCE_FROM_DAY[category], ctx.asOfDay);
  return ctx.rng.int(from, ctx.asOfDay);
}

/** Nobody holds a category from before their birth. */
function grant(p: Person, category: MainCategory, day: number): void {
  p.member.categories.push({ category, since: isoDate(Math.max(day, p.birthDay)) });
}

// ── import rows ─────────────────────────────────────────────────────────────────────────────

/** One import row per member; absent values are empty strings; category_since is the earliest since. */
export function toRegistryRows(h: DemoHousehold): RegistryRow[] {
  return h.members.map((m) => ({
    household_code: h.code,
    region_code: h.region_code,
    hukou_type: h.hukou_type,
    address: h.address,
    hukou_booklet_no: h.hukou_booklet_no,
    id_number: m.id_number,
    name: m.name,
    relation: m.relation,
    phone: m.phone ?? '',
    disability_type: m.disability_type ?? '',
    disability_grade: m.disability_grade === null ? '' : String(m.disability_grade),
    work_ability: m.work_ability,
    health: m.health,
    school_stage: m.school_stage ?? '',
    employment: m.employment ?? '',
    categories: m.categories.map((c) => c.category).join(';'),
    category_since: m.categories.reduce((min, c) => (min === '' || c.since < min ? c.since : min), ''),
  }));
}
