/** What a decision reads about the household: its members, their categories, who was recognized, the amount. */
import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/schema.js';
import type { AssessmentResult } from '../../recognition/assessment.service.js';
import { TIERS } from '../../recognition/domain/categories.js';

export const CATEGORY_NAMES: Record<string, { zh: string; en: string }> = {
  tekun: { zh: '特困人员', en: 'tekun' },
  dibao: { zh: '低保', en: 'dibao' },
  marginal: { zh: '低保边缘', en: 'marginal family' },
  rigid_expense: { zh: '刚性支出困难', en: 'rigid-expenditure hardship' },
  none: { zh: '不符合', en: 'none' },
};

export async function membersOf(db: Kysely<DB>, householdId: string): Promise<string[]> {
  const rows = await db.selectFrom('person').select('id').where('household_id', '=', householdId).orderBy('id').execute();
  return rows.map((r) => r.id);
}

export interface OpenMembership {
  id: string;
  person_id: string;
  category: string;
  valid_to: string | null;
  source: string;
}

/** The household members' tier memberships current on `today` (刚性 and 渐退期 ones end later). */
export async function openTierMemberships(db: Kysely<DB>, householdId: string, today: string): Promise<OpenMembership[]> {
  return db.selectFrom('category_membership as m').innerJoin('person as p', 'p.id', 'm.person_id')
    .select(['m.id', 'm.person_id', 'm.category', 'm.valid_to', 'm.source'])
    .where('p.household_id', '=', householdId).where('m.category', 'in', [...TIERS]).where('m.status', '<>', 'ended')
    .where((eb) => eb.or([eb('m.valid_to', 'is', null), eb('m.valid_to', '>', today)]))
    .where('m.valid_from', '<=', today)
    .orderBy('m.id').execute();
}

/** The persons the assessment recognized in `category`: everybody for a household test, the person for a person test. */
export function recognizedPersons(a: AssessmentResult, category: string, members: string[]): string[] {
  const hits = a.recognitions.filter((r) => r.category === category);
  if (hits.some((r) => r.scope === 'household')) return members;
  return [...new Set(hits.map((r) => (r as { person_id?: string }).person_id).filter((id): id is string => !!id && members.includes(id)))];
}

/** The monthly amount a decision grants: the 低保 allowance (with 单人保 lines), or the 特困 support of the persons. */
export function monthlyAmount(a: AssessmentResult, category: string, persons: string[]): number | null {
  if (category === 'dibao') {
    const household = a.amounts.dibao_allowance?.total ?? 0;
    const single = a.amounts.single_person.filter((l) => persons.includes((l as { person_id?: string }).person_id ?? '')).reduce((s, l) => s + l.amount, 0);
    return round2(household + single);
  }
  if (category === 'tekun') {
    const lines = a.amounts.tekun.filter((t) => persons.includes((t as { person_id?: string }).person_id ?? ''));
    return lines.length ? round2(lines.reduce((s, t) => s + (t.support ?? 0) + (t.care ?? 0), 0)) : null;
  }
  return null;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** A new decision, a passed review or an exit settles the household's open review tasks. */
export async function settleReviewTasks(db: Kysely<DB>, householdId: string, actor: string, now: Date): Promise<number> {
  const r = await db.updateTable('review_task').set({ status: 'done', done_at: now, done_by: actor })
    .where('household_id', '=', householdId).where('status', '=', 'open').executeTakeFirst();
  return Number(r.numUpdatedRows ?? 0);
}
