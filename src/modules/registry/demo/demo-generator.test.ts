import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { generateDemo, toRegistryRows, type DemoHousehold } from './demo-generator.js';
import { censusPopulation } from './regions.js';
import { checkIdNumber } from '../domain/id-number.js';
import { CATEGORIES, RELATIONS, DISABILITY_TYPES, SCHOOL_STAGES, EMPLOYMENT_STATES } from '../domain/vocabulary.js';

const AS_OF = '2026-11-01';

function take(households: number, seed = 1, asOf = AS_OF): DemoHousehold[] {
  return [...generateDemo({ households, seed, asOf })];
}

/** Shared sample for the shape and consistency tests. */
const sample = take(5000, 11);

function birthDate(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

function ageGap(older: string, younger: string): number {
  return (Date.parse(birthDate(younger)) - Date.parse(birthDate(older))) / (365.2425 * 86_400_000);
}

/** Age in years on the as-of date. */
function ageAt(id: string, asOf = AS_OF): number {
  return (Date.parse(asOf) - Date.parse(birthDate(id))) / (365.2425 * 86_400_000);
}

function isMale(id: string): boolean {
  return Number(id[16]) % 2 === 1;
}

function perCapitaMonthly(h: DemoHousehold): number {
  const s = h.snapshot;
  return (s.income_wage + s.income_business + s.income_property + s.income_transfer + s.income_other) / 12 / h.members.length;
}

describe('generateDemo — determinism and streaming', () => {
  it('gives identical output for the same options', () => {
    expect(JSON.stringify(take(2000, 5))).toBe(JSON.stringify(take(2000, 5)));
  });

  it('gives different output for different seeds', () => {
    const a = take(200, 1);
    const b = take(200, 2);
    expect(a.map((h) => h.code)).not.toEqual(b.map((h) => h.code));
    expect(a[0].members[0].id_number).not.toBe(b[0].members[0].id_number);
  });

  it('defaults to seed 1 and as-of 2026-11-01', () => {
    const first = generateDemo({ households: 3 }).next().value as DemoHousehold;
    expect(first).toEqual(take(1, 1)[0]);
    expect(first.snapshot.as_of).toBe(AS_OF);
  });

  it('is lazy: a huge count yields its first households at once', () => {
    const gen = generateDemo({ households: 1_000_000_000, seed: 3 });
    expect(gen.next().done).toBe(false);
    expect(gen.next().value?.members.length).toBeGreaterThan(0);
  });
});

describe('generateDemo — ID numbers and codes', () => {
  it('every ID number is valid, including against the as-of date', () => {
    for (const asOf of [AS_OF, '2024-02-29']) {
      for (const h of take(20000, 2, asOf)) {
        for (const m of h.members) {
          const check = checkIdNumber(m.id_number, asOf);
          if (!check.valid) throw new Error(`${m.id_number}: ${check.errors.map((e) => e.message).join('; ')}`);
        }
      }
    }
  });

  it('ID numbers and household codes are unique over 50,000 households', () => {
    const ids = new Set<string>();
    const codes = new Set<string>();
    const booklets = new Set<string>();
    let persons = 0;
    for (const h of generateDemo({ households: 50_000, seed: 9 })) {
      codes.add(h.code);
      booklets.add(h.hukou_booklet_no);
      for (const m of h.members) ids.add(m.id_number);
      persons += h.members.length;
    }
    expect(ids.size).toBe(persons);
    expect(codes.size).toBe(50_000);
    expect(booklets.size).toBe(50_000);
  });

  it('address codes are the county, the prefecture (development zones) or sometimes a retired code', () => {
    let retired = 0;
    let persons = 0;
    for (const h of sample) {
      for (const m of h.members) {
        persons++;
        const address = m.id_number.slice(0, 6);
        if (address !== h.region_code.slice(0, 6) && address !== `${h.region_code.slice(0, 4)}00`) retired++;
      }
    }
    expect(retired / persons).toBeGreaterThan(0.01);
    expect(retired / persons).toBeLessThan(0.05);
  });

  it('household codes are H + village code + 4-digit number; region codes are real villages', () => {
    const villages = new Set(
      readFileSync(new URL('../../../../data/divisions/jilin_villages.csv', import.meta.url), 'utf8')
        .split(/\r?\n/)
        .slice(1)
        .map((line) => line.split(',')[0]),
    );
    for (const h of sample) {
      expect(villages.has(h.region_code)).toBe(true);
      expect(h.code).toMatch(new RegExp(`^H${h.region_code}\\d{4}$`));
      expect(h.hukou_booklet_no).toMatch(/^[1-9]\d{8}$/);
    }
  });
});

describe('generateDemo — distributions', () => {
  const big = take(20000, 4);

  it('average household size is about 2.34 (1–6 persons)', () => {
    const persons = big.reduce((n, h) => n + h.members.length, 0);
    expect(persons / big.length).toBeGreaterThan(2.2);
    expect(persons / big.length).toBeLessThan(2.5);
    for (const h of big) expect(h.members.length).toBeGreaterThanOrEqual(1);
    for (const h of big) expect(h.members.length).toBeLessThanOrEqual(6);
  });

  it('prefectures follow the 2020 census shares; 长春 is the largest at ~37%', () => {
    const census = censusPopulation();
    const total = [...census.values()].reduce((a, b) => a + b, 0);
    const counts = new Map<string, number>();
    for (const h of big) counts.set(h.region_code.slice(0, 4), (counts.get(h.region_code.slice(0, 4)) ?? 0) + 1);
    for (const [code, population] of census) {
      expect(Math.abs((counts.get(code) ?? 0) / big.length - population / total)).toBeLessThan(0.015);
    }
    const changchun = (counts.get('2201') ?? 0) / big.length;
    expect(changchun).toBeGreaterThan(0.35);
    expect(changchun).toBeLessThan(0.4);
  });

  it('household categories come in roughly the intended mix', () => {
    const share = (code: string) => big.filter((h) => h.members[0].categories[0].category === code).length / big.length;
    expect(share('dibao')).toBeGreaterThan(0.4);
    expect(share('dibao')).toBeLessThan(0.5);
    expect(share('tekun')).toBeGreaterThan(0.06);
    expect(share('tekun')).toBeLessThan(0.1);
    expect(share('anti_return_poverty')).toBeGreaterThan(0.11);
    const anti = big.filter((h) => h.members[0].categories[0].category === 'anti_return_poverty');
    expect(anti.filter((h) => h.hukou_type === 'rural').length / anti.length).toBeGreaterThan(0.9);
  });

  it('about 8% of persons are disabled, with grades 1–4', () => {
    const members = big.flatMap((h) => h.members);
    const disabled = members.filter((m) => m.disability_type !== null);
    expect(disabled.length / members.length).toBeGreaterThan(0.06);
    expect(disabled.length / members.length).toBeLessThan(0.1);
    for (const m of members) expect(m.disability_type === null).toBe(m.disability_grade === null);
    for (const m of disabled) expect([1, 2, 3, 4]).toContain(m.disability_grade);
  });
});

describe('generateDemo — consistency', () => {
  it('one head per household; spouses of the opposite sex; children 20–40 years younger', () => {
    for (const h of sample) {
      expect(h.members[0].relation).toBe('head');
      expect(h.members.filter((m) => m.relation === 'head')).toHaveLength(1);
      expect(h.members.filter((m) => m.relation === 'spouse').length).toBeLessThanOrEqual(1);
      const head = h.members[0].id_number;
      for (const m of h.members) {
        if (m.relation === 'spouse') expect(isMale(m.id_number)).toBe(!isMale(head));
        if (m.relation === 'spouse') expect(Math.abs(ageGap(head, m.id_number))).toBeLessThan(8);
        // ages are whole years before the birthday is drawn, so gaps may stray by up to a year
        if (m.relation === 'child') expect(ageGap(head, m.id_number)).toBeGreaterThan(19);
        if (m.relation === 'child') expect(ageGap(head, m.id_number)).toBeLessThan(41);
        if (m.relation === 'parent') expect(ageGap(m.id_number, head)).toBeGreaterThan(19);
      }
    }
  });

  it('uses only vocabulary codes', () => {
    const codes = (v: readonly { code: string }[]) => v.map((t) => t.code);
    for (const m of sample.flatMap((h) => h.members)) {
      expect(codes(RELATIONS)).toContain(m.relation);
      if (m.disability_type) expect(codes(DISABILITY_TYPES)).toContain(m.disability_type);
      if (m.school_stage) expect(codes(SCHOOL_STAGES)).toContain(m.school_stage);
      if (m.employment) expect(codes(EMPLOYMENT_STATES)).toContain(m.employment);
      for (const c of m.categories) expect(codes(CATEGORIES)).toContain(c.category);
    }
  });

  it('categories: household-wide for 低保/边缘/刚性; 特困 persons have no work ability; since within 2015..as-of and after birth', () => {
    for (const h of sample) {
      const main = h.members[0].categories[0].category;
      if (['dibao', 'marginal', 'rigid_expense'].includes(main)) {
        for (const m of h.members) expect(m.categories.map((c) => c.category)).toContain(main);
      }
      for (const m of h.members) {
        expect(m.categories.length).toBeGreaterThan(0);
        if (m.categories.some((c) => c.category === 'tekun')) expect(m.work_ability).toBe('none');
        for (const c of m.categories) {
          expect(c.since >= '2015-01-01' && c.since <= AS_OF).toBe(true);
          expect(c.since >= birthDate(m.id_number)).toBe(true);
        }
      }
    }
  });

  it('school stages only for ages 3–22, employment only for adults, phones only for adults', () => {
    for (const m of sample.flatMap((h) => h.members)) {
      const age = ageAt(m.id_number);
      if (m.school_stage !== null) expect(age).toBeGreaterThan(2.5);
      if (m.school_stage !== null) expect(age).toBeLessThan(23.5);
      if (m.employment !== null || m.phone !== null) expect(age).toBeGreaterThan(17.5);
      if (m.phone !== null) expect(m.phone).toMatch(/^1[358]\d{9}$/);
    }
  });

  it('incomes follow the category: 低保 below the line, 边缘 below 1.5×; 刚性 spending is high', () => {
    for (const h of sample) {
      const line = h.hukou_type === 'urban' ? 500 : 380;
      const main = h.members[0].categories[0].category;
      if (main === 'dibao' || main === 'tekun') expect(perCapitaMonthly(h)).toBeLessThan(line);
      if (main === 'marginal') expect(perCapitaMonthly(h)).toBeLessThan(1.5 * line);
      if (main === 'rigid_expense') {
        const s = h.snapshot;
        const rigid = s.rigid_medical + s.rigid_education + s.rigid_rehab + s.rigid_other;
        expect(rigid).toBeGreaterThan(0.8 * perCapitaMonthly(h) * 12 * h.members.length);
      }
      for (const value of Object.values(h.snapshot)) {
        if (typeof value === 'number') expect(Math.round(value * 100) / 100).toBe(value);
      }
    }
  });
});

describe('toRegistryRows', () => {
  it('gives one row per member with the import columns, empty strings for absent values', () => {
    const h = sample.find((x) => x.members.length >= 3 && x.members.some((m) => m.phone === null))!;
    const rows = toRegistryRows(h);
    expect(rows).toHaveLength(h.members.length);
    expect(Object.keys(rows[0]).sort()).toEqual(
      ['household_code', 'region_code', 'hukou_type', 'address', 'hukou_booklet_no', 'id_number', 'name', 'relation', 'phone', 'disability_type',
        'disability_grade', 'work_ability', 'health', 'school_stage', 'employment', 'categories', 'category_since'].sort(),
    );
    rows.forEach((row, i) => {
      const m = h.members[i];
      expect(row.household_code).toBe(h.code);
      expect(row.id_number).toBe(m.id_number);
      expect(row.phone).toBe(m.phone ?? '');
      expect(row.disability_grade).toBe(m.disability_grade === null ? '' : String(m.disability_grade));
      expect(row.categories).toBe(m.categories.map((c) => c.category).join(';'));
      expect(row.category_since).toBe(m.categories.map((c) => c.since).sort()[0]);
      for (const value of Object.values(row)) expect(typeof value).toBe('string');
    });
  });

  it('joins several categories with ";" and takes the earliest since', () => {
    const h = sample.find((x) => x.members.some((m) => m.categories.length > 1))!;
    const i = h.members.findIndex((m) => m.categories.length > 1);
    const row = toRegistryRows(h)[i];
    expect(row.categories.split(';')).toHaveLength(h.members[i].categories.length);
    expect(row.category_since).toBe(h.members[i].categories.map((c) => c.since).sort()[0]);
  });
});
