/**
 * A registered household as the engine's description: its members (ID numbers opened from the
 * vault, in memory only), and its latest economic snapshot on or before the date.
 */
import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { PiiVault } from '../../platform/crypto/pii-vault.js';
import { AppError } from '../../platform/errors.js';
import { maskIdNumber } from '../registry/domain/id-number.js';
import type { HouseholdDescription, MemberDescription, Relation } from './domain/household-description.js';
import type { PersonRef } from './domain/masking.js';

export interface RegistryDescription {
  household: { id: string; code: string; region_code: string };
  snapshot: { id: string; as_of: string; source: string };
  description: HouseholdDescription;
  people: Map<string, PersonRef>;
  notes: { zh: string; en: string }[];
}

const NOT_IN_SCHOOL = new Set(['none']);

export async function describeRegisteredHousehold(db: Kysely<DB>, vault: PiiVault, household: { id: string; code: string; region_code: string; hukou_type: string }, on: string): Promise<RegistryDescription> {
  const snapshot = await db
    .selectFrom('economic_snapshot')
    .selectAll()
    .where('household_id', '=', household.id)
    .where('as_of', '<=', on)
    .orderBy('as_of', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!snapshot) {
    throw new AppError('VALIDATION', {
      zh: `户「${household.code}」在 ${on} 及以前没有家庭经济状况记录，无法测算`,
      en: `household "${household.code}" has no economic snapshot on or before ${on}; nothing to assess`,
    }, { field: 'on' });
  }
  const persons = await db.selectFrom('person').selectAll().where('household_id', '=', household.id).orderBy('id').execute();
  if (persons.length === 0) {
    throw new AppError('VALIDATION', { zh: `户「${household.code}」没有成员`, en: `household "${household.code}" has no members` }, { field: 'household_code' });
  }
  const people = new Map<string, PersonRef>();
  const opened = persons.map((p) => {
    const id = vault.open(p.id_number_sealed);
    people.set(id, { id_number_masked: maskIdNumber(id), person_id: p.id });
    return { ...p, id_number: id };
  });
  const notes = [
    { zh: '登记库不记录户外法定义务人；如有，请在入户核查时补充后按描述文件测算', en: 'the registry does not record legal supporters outside the household; if there are any, add them in a description and assess that' },
  ];
  if (snapshot.vehicle_count > 0) notes.push({ zh: '登记的车辆未注明用途，全部按生活用车计入', en: 'registered vehicles carry no purpose and are all counted as private vehicles' });
  return {
    household,
    snapshot: { id: snapshot.id, as_of: snapshot.as_of, source: snapshot.source },
    people,
    notes,
    description: toDescription(household, snapshot, opened, on),
  };
}

type SnapshotRow = Selectable<DB['economic_snapshot']>;
type MemberRow = Pick<Selectable<DB['person']>, 'relation' | 'work_ability' | 'disability_type' | 'disability_grade' | 'health' | 'school_stage'> & { id_number: string };

/** A household, its economic snapshot and its members (ID numbers opened) as the engine's description on `on`. */
export function toDescription(household: { region_code: string; hukou_type: string }, snapshot: SnapshotRow, persons: MemberRow[], on: string): HouseholdDescription {
  const n = (v: string | number) => Number(v);
  const annual = n(snapshot.income_wage) + n(snapshot.income_business) + n(snapshot.income_property) + n(snapshot.income_transfer) + n(snapshot.income_other);
  return {
    region_code: household.region_code,
    hukou_type: household.hukou_type as 'urban' | 'rural',
    as_of: on,
    annual_income: Math.round(annual * 100) / 100,
    financial_assets: n(snapshot.financial_assets),
    vehicles: snapshot.vehicle_count > 0 ? [{ purpose: 'private', value: n(snapshot.vehicle_value) }] : [],
    properties: snapshot.property_count,
    rigid_expenses_12m: { medical: n(snapshot.rigid_medical), education: n(snapshot.rigid_education), rehabilitation: n(snapshot.rigid_rehab), other: n(snapshot.rigid_other) },
    members: persons.map((p) => ({
      id_number: p.id_number,
      relation: p.relation as Relation,
      work_ability: (p.work_ability ?? null) as MemberDescription['work_ability'],
      disability_type: (p.disability_type ?? null) as MemberDescription['disability_type'],
      disability_grade: p.disability_grade ?? null,
      health: (p.health ?? null) as MemberDescription['health'],
      in_school: p.school_stage !== null && !NOT_IN_SCHOOL.has(p.school_stage),
      self_care: null,
    })),
    supporters: [],
  };
}
