/**
 * The region data the demo generator draws from: every Jilin village (12-digit NBS code) with
 * its township and county names, grouped by prefecture and weighted by the 2020 census
 * population, plus the retired GB/T 2260 codes of each prefecture (for older ID numbers).
 * Loaded once, synchronously, from the shipped CSVs.
 */
import { readFileSync } from 'node:fs';
import { jilinCodeHistory } from '../domain/address-codes.js';

const DATA_DIR = new URL('../../../../data/', import.meta.url);

export interface DemoVillage {
  code: string; // 12 digits
  /** '<county><township><village>' with NBS annotations removed. */
  place: string;
  /** 'street' for a 街道 (township digits 001–099), 'town_community' for a 社区 in a 镇/乡, else 'village'. */
  setting: 'street' | 'town_community' | 'village';
  /** The county's code when it is a GB/T 2260 unit, else the prefecture's 6-digit code. */
  id_address_code: string;
}

export interface RetiredCode {
  code: string;
  end_year: number;
}

export interface DemoPrefecture {
  code: string; // 4 digits
  population: number;
  villages: DemoVillage[];
  retired_codes: RetiredCode[];
}

export interface DemoRegions {
  prefectures: DemoPrefecture[];
  village_count: number;
}

let cache: DemoRegions | undefined;

function readCsv(relativePath: string): string[][] {
  const text = readFileSync(new URL(relativePath, DATA_DIR), 'utf8').replace(/^\uFEFF/, '');
  return text
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => line.split(','));
}

/** Drop NBS annotations such as '（合隆经济开发区）（省级）' and committee suffixes for an address. */
export function addressName(name: string): string {
  return name
    .replace(/（[^）]*）|\([^)]*\)/g, '')
    .replace(/村民委员会$|村委会$/, '村')
    .replace(/居民委员会$|居委会$/, '社区')
    .trim();
}

export function loadDemoRegions(): DemoRegions {
  if (!cache) cache = buildRegions();
  return cache;
}

function buildRegions(): DemoRegions {
  const counties = new Map(readCsv('divisions/jilin_counties.csv').map((r) => [r[0], { name: r[2], inGbt: r[5] === 'yes' }]));
  const townships = new Map(readCsv('divisions/jilin_townships.csv').map((r) => [r[0], r[2]]));
  const prefectures = new Map<string, DemoPrefecture>();
  for (const [code, population] of censusPopulation()) {
    prefectures.set(code, { code, population, villages: [], retired_codes: [] });
  }
  let count = 0;
  for (const row of readCsv('divisions/jilin_villages.csv')) {
    const village = toVillage(row, counties, townships);
    const prefecture = prefectures.get(village.code.slice(0, 4));
    if (!prefecture) throw new Error(`village ${village.code} has no census prefecture`);
    prefecture.villages.push(village);
    count++;
  }
  for (const [code4, codes] of retiredCodesByPrefecture()) prefectures.get(code4)?.retired_codes.push(...codes);
  const list = [...prefectures.values()].filter((p) => p.villages.length > 0);
  list.sort((a, b) => a.code.localeCompare(b.code));
  return { prefectures: list, village_count: count };
}

function toVillage(
  row: string[],
  counties: Map<string, { name: string; inGbt: boolean }>,
  townships: Map<string, string>,
): DemoVillage {
  // code,name,parent_code,level — a name could in theory hold a comma: take the middle fields.
  const code = row[0];
  const name = row.slice(1, row.length - 2).join(',');
  const county = counties.get(code.slice(0, 6));
  const township = townships.get(code.slice(0, 9));
  if (!county || !township) throw new Error(`village ${code}: county or township missing`);
  const townshipNumber = Number(code.slice(6, 9));
  const setting = townshipNumber < 100 ? 'street' : /(社区|居委会|居民委员会)/.test(name) ? 'town_community' : 'village';
  return {
    code,
    place: addressName(county.name) + addressName(township) + addressName(name),
    setting,
    id_address_code: county.inGbt ? code.slice(0, 6) : `${code.slice(0, 4)}00`,
  };
}

/**
 * 2020 census population per prefecture (4-digit code). Rows for county-level units reported
 * separately (梅河口市 220581) are added to their prefecture, whose villages they are; rows
 * without a code (长白山管委会) are skipped.
 */
export function censusPopulation(): Map<string, number> {
  const population = new Map<string, number>();
  for (const row of readCsv('stats/jilin_census2020_population_by_prefecture.csv')) {
    const code = row[0].trim();
    const persons = Number(row[2]);
    if (!/^22\d{4}$/.test(code) || !Number.isFinite(persons)) continue;
    const prefecture = code.slice(0, 4);
    population.set(prefecture, (population.get(prefecture) ?? 0) + persons);
  }
  return population;
}

/**
 * County-level codes no longer in use, each assigned to the prefecture of the code that
 * replaced it (following new_code until a code in use is reached).
 */
function retiredCodesByPrefecture(): Map<string, RetiredCode[]> {
  const history = jilinCodeHistory();
  const inUse = new Set(history.filter((r) => r.status === '在用').map((r) => r.code));
  const successor = new Map<string, string>();
  for (const r of history) {
    if (r.status !== '在用' && r.new_code && !successor.has(r.code)) successor.set(r.code, firstSuccessor(r.new_code));
  }
  const result = new Map<string, RetiredCode[]>();
  const seen = new Set<string>();
  for (const r of history) {
    if (r.level !== '县级' || inUse.has(r.code) || seen.has(r.code) || r.end_year === null) continue;
    const current = followSuccessors(r.code, successor, inUse);
    if (!current) continue;
    seen.add(r.code);
    const list = result.get(current.slice(0, 4)) ?? [];
    list.push({ code: r.code, end_year: latestEndYear(r.code) });
    result.set(current.slice(0, 4), list);
  }
  return result;
}

/** '220105[2005];220113' → '220113': the first successor without a partial-transfer year. */
function firstSuccessor(newCode: string): string {
  const parts = newCode.split(';');
  return (parts.find((p) => !p.includes('[')) ?? parts[0]).replace(/\[.*$/, '');
}

function followSuccessors(code: string, successor: Map<string, string>, inUse: Set<string>): string | undefined {
  let current = code;
  for (let step = 0; step < 10 && !inUse.has(current); step++) {
    const next = successor.get(current);
    if (!next) return undefined;
    current = next;
  }
  return inUse.has(current) ? current : undefined;
}

function latestEndYear(code: string): number {
  return Math.max(...jilinCodeHistory().filter((r) => r.code === code).map((r) => r.end_year ?? 0));
}
