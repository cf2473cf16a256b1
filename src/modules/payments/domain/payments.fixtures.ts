/**
 * Builders for the payments domain tests: the shipped Jilin parameter defaults as a version
 * history (province 22, version 1), valid ID numbers, and household descriptions, so each test
 * shows only the facts it depends on.
 */
import { parameterCatalog } from '../../policy/domain/parameters.js';
import { checkCharacter } from '../../registry/domain/id-number.js';
import type { HouseholdDescription, MemberDescription } from '../../recognition/domain/household-description.js';
import type { Entitlement } from './entitlement.js';
import type { ParameterVersion } from './parameter-history.js';

export function jilinHistory(extra: ParameterVersion[] = []): ParameterVersion[] {
  const defaults = [...parameterCatalog().values()].flatMap((d) =>
    d.defaults.map((v) => ({ key: d.key, value: v.value, region_code: '22', valid_from: v.from, valid_to: v.to ?? null, version: 1 })),
  );
  return [...defaults, ...extra];
}

/** A new version of a key, as a province (or county) administrator would set it. */
export function version(key: string, value: unknown, validFrom: string, more: Partial<ParameterVersion> = {}): ParameterVersion {
  return { key, value, region_code: '22', valid_from: validFrom, valid_to: null, version: 1, ...more };
}

/** A valid Jilin ID number born on `birth` (YYYYMMDD), with sequence `seq`. */
export function idNumber(birth: string, seq = 123): string {
  const first17 = `220102${birth}${String(seq).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

export function member(id: string, more: Partial<MemberDescription> = {}): MemberDescription {
  return { id_number: id, relation: 'head', work_ability: 'full', disability_type: null, disability_grade: null, health: 'healthy', in_school: false, self_care: null, ...more };
}

export function description(members: MemberDescription[], more: Partial<HouseholdDescription> = {}): HouseholdDescription {
  return {
    region_code: '220102', hukou_type: 'urban', as_of: '2026-01-01', annual_income: 0, financial_assets: 0, vehicles: [], properties: 1,
    rigid_expenses_12m: { medical: 0, education: 0, rehabilitation: 0, other: 0 }, members, supporters: [], ...more,
  };
}

export function entitlement(more: Partial<Entitlement> = {}): Entitlement {
  return {
    id: 'E1', program: 'dibao_allowance', household_code: 'H220102001', payee: { id_number: idNumber('19700101'), name: '张三' },
    rule: { kind: 'dibao_gap' }, start_month: '2026-01', end_month: null, status: 'active', ...more,
  };
}
