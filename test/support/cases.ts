/** Helpers for case tests: actors of each role, an alert as a monitoring run raises it, a family in need. */
import type { Runtime } from '../../src/platform/runtime.js';
import type { Actor } from '../../src/modules/access/domain/actor.js';
import { DEFAULT_GRANTS, type Role } from '../../src/modules/access/domain/roles.js';
import { newHousehold, newIdNumber, newPerson } from './factories.js';
import type { HouseholdInput } from '../../src/modules/registry/household.service.js';

export function actorFor(role: Role, regionCode: string, label = `user:${role}@${regionCode}`): Actor {
  return { label, userId: null, role, regionCode, department: null, permissions: new Set(DEFAULT_GRANTS[role]) };
}

/** A two-person urban family with no category yet (a dibao family once checked: ¥6,000 a year). */
export function familyInNeed(over: Partial<HouseholdInput> = {}): HouseholdInput {
  return newHousehold({
    members: [
      newPerson({ id_number: newIdNumber('19750315'), name: '赵德明', relation: 'head', work_ability: 'partial', health: 'serious', categories: [] }),
      newPerson({ id_number: newIdNumber('19770101', 'female'), name: '钱桂芝', relation: 'spouse', work_ability: 'partial', health: 'chronic', categories: [] }),
    ],
    ...over,
  });
}

/** An open alert about a household member, as a monitoring run would raise it. */
export async function anAlert(rt: Runtime, householdCode: string, opts: { level?: 'red' | 'orange'; deadline?: string; indicator?: string } = {}): Promise<string> {
  const db = rt.database.db;
  const h = await db.selectFrom('household').select(['id', 'region_code']).where('code', '=', householdCode).executeTakeFirstOrThrow();
  const p = await db.selectFrom('person').select('id').where('household_id', '=', h.id).orderBy('id').executeTakeFirstOrThrow();
  const run = await db.insertInto('monitor_run').values({ kind: 'full', as_of: '2026-11-01', actor: 'test', status: 'finished' }).returning('id').executeTakeFirstOrThrow();
  const a = await db.insertInto('monitor_alert').values({
    indicator: opts.indicator ?? 'medical_oop_annual', indicator_version: 1, level: opts.level ?? 'red', level_rank: opts.level === 'orange' ? 3 : 4,
    subject_key: `p:${p.id}:${Math.random()}`, person_id: p.id, household_id: h.id, region_code: h.region_code, as_of: '2026-11-01',
    deadline: opts.deadline ?? '2026-11-04', action: 'medical_referral', evidence: JSON.stringify([{ fact: 'oop', operator: 'gte', threshold: 15000, value: 23800, passed: true }]), run_id: run.id,
  }).returning('id').executeTakeFirstOrThrow();
  return a.id;
}

/** A full set of economic-check figures for a poor family: ¥6,000 of income in 12 months, nothing else. */
export const POOR_CHECK = {
  scopes: ['household_registration', 'tax', 'social_insurance', 'real_estate', 'vehicles', 'banks'],
  findings: '核对未发现车辆、房产、工商登记；存款 3,200 元',
  income_wage: 6000, financial_assets: 3200, vehicle_count: 0, property_count: 1, rigid_medical: 18000,
};

export const VISIT = {
  visited_on: '2026-11-02', living_conditions: 'poor', housing_type: 'own', housing_condition: 'safe', health_notes: '户主脑梗后偏瘫',
  income_sources: ['support'], income_notes: '靠子女接济', needs: ['living', 'medical'], recommendation: '建议纳入低保并转介医疗救助',
};
