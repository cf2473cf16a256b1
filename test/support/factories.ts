/** Test factories: valid, fictitious people and households (never the standards' example numbers). */
import { checkCharacter } from '../../src/modules/registry/domain/id-number.js';
import type { HouseholdInput } from '../../src/modules/registry/household.service.js';
import type { PersonInput } from '../../src/modules/registry/domain/person-input.js';

let seq = 0;

/**
 * A valid ID number: Changchun Nanguan address code, the given birth date (or a different one
 * each call), odd sequence for male. Unique within a test run.
 */
export function newIdNumber(birth?: string, sex: 'male' | 'female' = 'male', address = '220102'): string {
  seq++;
  const day = new Date(Date.UTC(1940, 0, 1) + (seq % 20000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const s = String((seq % 499) * 2 + (sex === 'male' ? 1 : 2)).padStart(3, '0');
  birth ??= day;
  const first17 = `${address}${birth}${s}`;
  return first17 + checkCharacter(first17);
}

export const VILLAGE = '220102001001'; // 长春市 南关区 南岭街道 华阳社区

let hh = 0;

export function newPerson(over: Partial<PersonInput> = {}): PersonInput {
  return { id_number: newIdNumber(), name: '王建国', relation: 'head', work_ability: 'partial', health: 'chronic', ...over };
}

export function newHousehold(over: Partial<HouseholdInput> = {}): HouseholdInput {
  hh++;
  return {
    code: `T${String(hh).padStart(6, '0')}${Math.floor(Math.random() * 1e6)}`,
    region_code: VILLAGE,
    hukou_type: 'urban',
    address: '南岭街道华阳社区3栋2单元101',
    members: [
      newPerson({ categories: [{ category: 'dibao', since: '2023-05-01' }] }),
      newPerson({ id_number: newIdNumber(undefined, 'female'), name: '李秀兰', relation: 'spouse', categories: [{ category: 'dibao', since: '2023-05-01' }] }),
    ],
    ...over,
  };
}
