/**
 * Demo cases: the alerts of the demo village taken into cases and moved, through the real
 * services and by the demo roles, to every stage of the flowchart — just opened, assigned, a
 * visit in draft, an economic check, a publicity, decided and assisted (with a referral the
 * department answered), refused, unreachable — so a newcomer can follow a red alert to the help
 * that reached the family. Deterministic for the demo data; dates are the demo's today.
 */
import type { Runtime } from '../../platform/runtime.js';
import { DEFAULT_GRANTS, type Role } from '../access/domain/roles.js';
import type { Actor } from '../access/domain/actor.js';
import { CHECK_SCOPES } from '../access/authorization.service.js';
import { monthsLater } from './case-inputs.js';

export interface DemoCasesResult {
  cases: number;
  by_state: Record<string, number>;
}

function demoActor(role: Role, region: string, username: string): Actor {
  return { label: `user:${username}`, userId: null, role, regionCode: region, department: null, permissions: new Set(DEFAULT_GRANTS[role]) };
}

/** How far each demo case goes, in order of the alerts (most urgent first). */
const STAGES = ['full', 'full', 'full', 'full', 'check', 'draft', 'assigned', 'discovered', 'unreachable', 'full'] as const;

export async function seedDemoCases(rt: Runtime): Promise<DemoCasesResult> {
  const { db } = rt.database;
  const busiest = await db.selectFrom('household').select('region_code').groupBy('region_code').orderBy((eb) => eb.fn.countAll(), 'desc').orderBy('region_code').executeTakeFirst();
  if (!busiest) return { cases: 0, by_state: {} };
  const village = busiest.region_code;
  const township = demoActor('township_officer', village.slice(0, 9), 'demo_township');
  const worker = demoActor('village_worker', village, 'demo_village');
  const county = demoActor('civil_affairs_officer', village.slice(0, 6), 'demo_county');
  const alerts = await db.selectFrom('monitor_alert as a').innerJoin('household as h', 'h.id', 'a.household_id')
    .select(['a.id', 'a.household_id', 'h.code']).where('a.region_code', 'like', `${village.slice(0, 9)}%`).where('a.status', '=', 'open')
    .orderBy('a.level_rank', 'desc').orderBy('a.id').execute();
  const seen = new Set<string>();
  const picked = alerts.filter((a) => !seen.has(a.household_id!) && seen.add(a.household_id!)).slice(0, STAGES.length);
  const today = rt.clock.today();
  const by_state: Record<string, number> = {};
  for (const [i, a] of picked.entries()) {
    const stage = STAGES[i];
    const { case: opened } = await rt.services.cases.open({ alert_id: a.id }, township);
    const act = (action: string, actor: Actor, data?: object, note?: string) => rt.services.cases.act(opened.id, { action, data, note }, actor);
    let state = opened.state;
    if (stage !== 'discovered') state = (await act('assign', township, { to_region: (await householdRegion(rt, a.code)) })).state;
    if (stage === 'draft') state = (await act('save_visit', worker, { visit: { visited_on: today, needs: ['medical'], health_notes: '户主住院治疗中' } })).state;
    if (stage === 'unreachable') state = (await act('record_visit', worker, { outcome: 'unreachable', visit: { visited_on: today, recommendation: '三次上门未遇，邻居称外出务工，请乡镇电话联系' } })).state;
    if (stage === 'check' || stage === 'full') {
      const head = await db.selectFrom('person').select('id').where('household_id', '=', a.household_id!).where('relation', '=', 'head').executeTakeFirstOrThrow();
      state = (await act('record_visit', worker, {
        outcome: 'need_confirmed',
        visit: { visited_on: today, living_conditions: 'poor', housing_type: 'own', housing_condition: 'safe', income_sources: ['support'], needs: ['living', 'medical'], health_notes: '家中有长期病人', recommendation: '家庭确有困难，建议核对经济状况后认定' },
        authorization: { signed_by_person_id: head.id, scope: [...CHECK_SCOPES], signed_on: today, expires_on: monthsLater(today, 12) },
      })).state;
    }
    if (stage === 'full') state = await fullPath(rt, a.household_id!, act, township, county);
    by_state[state] = (by_state[state] ?? 0) + 1;
  }
  return { cases: picked.length, by_state };
}

async function householdRegion(rt: Runtime, code: string): Promise<string> {
  return (await rt.database.db.selectFrom('household').select('region_code').where('code', '=', code).executeTakeFirstOrThrow()).region_code;
}

type Act = (action: string, actor: Actor, data?: object, note?: string) => Promise<{ state: string; assessment: { tier: string } | null }>;

/** The economic check confirms the declared figures; the tier decides the rest of the way. */
async function fullPath(rt: Runtime, householdId: string, act: Act, township: Actor, county: Actor): Promise<string> {
  const s = await rt.database.db.selectFrom('economic_snapshot').selectAll().where('household_id', '=', householdId).orderBy('as_of', 'desc').executeTakeFirst();
  const n = (v: string | number | undefined | null) => Number(v ?? 0);
  await act('record_check', township, {
    scopes: ['household_registration', 'tax', 'social_insurance', 'real_estate', 'vehicles', 'banks'], findings: '核对结果与申报一致 / the check confirms the declaration',
    income_wage: n(s?.income_wage), income_business: n(s?.income_business), income_property: n(s?.income_property), income_transfer: n(s?.income_transfer), income_other: n(s?.income_other),
    financial_assets: n(s?.financial_assets), vehicle_count: n(s?.vehicle_count), vehicle_value: n(s?.vehicle_value), property_count: n(s?.property_count),
    rigid_medical: n(s?.rigid_medical), rigid_education: n(s?.rigid_education), rigid_rehab: n(s?.rigid_rehab), rigid_other: n(s?.rigid_other),
  });
  const assessed = await act('assess', township);
  const tier = assessed.assessment?.tier ?? 'none';
  if (tier === 'dibao' || tier === 'tekun') return (await act('start_publicity', township, { category: tier })).state;
  if (tier === 'none') {
    await act('decide', county, { outcome: 'refused', reasons: '经核对，家庭人均收入高于低保边缘标准，不符合认定条件；可申请临时救助' });
    return (await act('close', township, undefined, '已书面告知不予确认理由')).state;
  }
  await act('decide', county, { outcome: 'approved' });
  return (await act('start_assistance', township)).state;
}
