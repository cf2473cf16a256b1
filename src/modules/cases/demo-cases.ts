/**
 * Demo cases, moved by the demo roles through the real services so a newcomer can follow a
 * family from discovery to the help that reached it:
 *   - full chains that began 16 days ago (a village worker's report): visit, economic check,
 *     identification, publicity, the county's decision, a referral to the medical insurance
 *     bureau and its answer with the money paid — each step on its own day (a clock that moves);
 *   - today's alerts taken into cases and left at each earlier stage (just opened, assigned, a
 *     visit in draft, an economic check, unreachable);
 *   - a report with fast relief, and an online application waiting in 待受理.
 * The demo's households are spread over the county: the demo village and township come first,
 * and the county office stands in for townships that have no demo account.
 */
import type { Runtime } from '../../platform/runtime.js';
import { manualClock } from '../../platform/clock.js';
import { DEFAULT_GRANTS, type Role } from '../access/domain/roles.js';
import type { Actor } from '../access/domain/actor.js';
import { CHECK_SCOPES } from '../access/authorization.service.js';
import { checkCharacter } from '../registry/domain/id-number.js';
import { addDays } from '../monitoring/calendar/working-days.js';
import { monthsLater } from './case-inputs.js';

export interface DemoCasesResult {
  cases: number;
  by_state: Record<string, number>;
}

type Services = Runtime['services'];
const DAY = 86_400_000;

function demoActor(role: Role, region: string, username: string, department: string | null = null): Actor {
  return { label: `user:${username}`, userId: null, role, regionCode: region, department, permissions: new Set(DEFAULT_GRANTS[role]) };
}

const EARLY_STAGES = ['check', 'draft', 'assigned', 'discovered', 'unreachable'] as const;

export async function seedDemoCases(rt: Runtime): Promise<DemoCasesResult> {
  const { db } = rt.database;
  const busiest = await db.selectFrom('household').select('region_code').groupBy('region_code').orderBy((eb) => eb.fn.countAll(), 'desc').orderBy('region_code').executeTakeFirst();
  if (!busiest) return { cases: 0, by_state: {} };
  const village = busiest.region_code;
  const who = {
    worker: demoActor('village_worker', village, 'demo_village'),
    township: demoActor('township_officer', village.slice(0, 9), 'demo_township'),
    county: demoActor('civil_affairs_officer', village.slice(0, 6), 'demo_county'),
    handler: demoActor('department_handler', village.slice(0, 6), 'demo_medical_handler', '医保局'),
  };
  const local = (region: string) => (region.startsWith(who.township.regionCode) ? who.township : who.county);
  const visitor = (region: string) => (region === village ? who.worker : local(region));
  const households = await db.selectFrom('household').select(['id', 'code', 'region_code']).where('region_code', 'like', `${village.slice(0, 6)}%`).where('status', '=', 'active')
    .orderBy((eb) => eb.case().when('region_code', '=', village).then(0).when('region_code', 'like', `${village.slice(0, 9)}%`).then(1).else(2).end()).orderBy('code').execute();
  const by_state: Record<string, number> = {};
  const count = (s: string) => (by_state[s] = (by_state[s] ?? 0) + 1);

  // Full chains, each begun 16 days ago (a chain with publicity takes 11 days), so every step
  // is in the past; the bureau answers two days ago.
  const start = addDays(rt.clock.today(), -16);
  const clock = manualClock(`${start}T09:00:00+08:00`);
  const { createServices } = await import('../../services.js');
  const past = createServices(rt.database, rt.vault, clock);
  // a report comes from the village or township (the county office takes no reports)
  const chained = households.filter((h) => h.region_code.startsWith(who.township.regionCode)).slice(0, 4);
  for (const [i, h] of chained.entries()) {
    clock.set(`${start}T09:${String(10 * i).padStart(2, '0')}:00+08:00`);
    count(await fullChain(past, clock, h, local(h.region_code), visitor(h.region_code), who.county));
  }
  clock.set(`${addDays(rt.clock.today(), -2)}T10:00:00+08:00`);
  await answerReferrals(past, who.handler);

  // Today's alerts, at each earlier stage.
  const taken = new Set(chained.map((h) => h.id));
  const alerts = await db.selectFrom('monitor_alert').select(['id', 'household_id', 'region_code']).where('region_code', 'like', `${village.slice(0, 6)}%`).where('status', '=', 'open')
    .where('household_id', 'is not', null).orderBy('level_rank', 'desc').orderBy('id').execute();
  const picked = alerts.filter((a) => !taken.has(a.household_id!) && taken.add(a.household_id!)).slice(0, EARLY_STAGES.length);
  for (const [i, a] of picked.entries()) count(await earlyStage(rt.services, rt.clock.today(), a, EARLY_STAGES[i], local(a.region_code!), visitor(a.region_code!)));

  // A report with fast relief, and an application waiting in 待受理.
  const reported = households.find((h) => !taken.has(h.id) && h.region_code.startsWith(who.township.regionCode));
  if (reported) count(await reportWithRelief(rt.services, reported, visitor(reported.region_code), local(reported.region_code)));
  await applyOnline(rt.services, village);
  return { cases: chained.length + picked.length + (reported ? 1 : 0), by_state };
}

type Household = { id: string; code: string; region_code: string };

async function fullChain(s: Services, clock: ReturnType<typeof manualClock>, h: Household, local: Actor, visitor: Actor, county: Actor): Promise<string> {
  const day = () => clock.today();
  const report = await s.reports.create({ household_code: h.code, difficulties: ['medical', 'living'], description: '户主长期患病，家中无稳定收入', urgency: 'normal', client_key: `demo-chain-${h.code}` }, local);
  const { case: c } = await s.cases.open({ report_id: report.id }, local);
  const act = (action: string, actor: Actor, data?: object, note?: string) => s.cases.act(c.id, { action, data, note }, actor);
  await act('assign', local, { to_region: h.region_code });
  clock.advance(DAY);
  const head = await s.householdReads.get(h.code, local);
  const signer = head.members.find((m) => m.relation === 'head') ?? head.members[0];
  await act('record_visit', visitor, {
    outcome: 'need_confirmed',
    visit: { visited_on: day(), living_conditions: 'poor', housing_type: 'own', housing_condition: 'safe', income_sources: ['support'], needs: ['living', 'medical'], health_notes: '家中有长期病人', recommendation: '家庭确有困难，建议核对经济状况后认定' },
    authorization: { signed_by_person_id: signer.id, scope: [...CHECK_SCOPES], signed_on: day(), expires_on: monthsLater(day(), 12) },
  });
  clock.advance(DAY);
  const snapshot = (head.snapshots[0] ?? null) as Record<string, string | number | null> | null;
  const n = (k: string) => Number(snapshot?.[k] ?? 0);
  await act('record_check', local, {
    scopes: ['household_registration', 'tax', 'social_insurance', 'real_estate', 'vehicles', 'banks'], findings: '核对结果与申报一致',
    ...Object.fromEntries(['income_wage', 'income_business', 'income_property', 'income_transfer', 'income_other', 'financial_assets', 'vehicle_count', 'vehicle_value', 'property_count', 'rigid_medical', 'rigid_education', 'rigid_rehab', 'rigid_other'].map((k) => [k, n(k)])),
  });
  const tier = (await act('assess', local)).assessment?.tier ?? 'none';
  clock.advance(DAY);
  if (tier === 'none') {
    await act('decide', county, { outcome: 'refused', reasons: '经核对，家庭人均收入高于低保边缘标准，不符合认定条件；可申请临时救助' });
    return (await act('close', local, undefined, '已书面告知不予确认的理由')).state;
  }
  if (tier === 'dibao' || tier === 'tekun') {
    await act('start_publicity', local, { category: tier });
    clock.advance(8 * DAY);
  }
  await act('decide', county, { outcome: 'approved' });
  await act('start_assistance', local);
  return (await act('refer', local, { programs: ['medical_assistance'] }, '家中有长期病人，医疗费用负担重，请予医疗救助')).state;
}

/** The medical insurance bureau answers the demo's referrals: the money reached the family. */
async function answerReferrals(s: Services, handler: Actor): Promise<void> {
  const { referrals } = await s.referrals.list({ status: 'pending', limit: 50 }, handler);
  for (const [i, r] of referrals.entries()) {
    const on = r.requested_at.slice(0, 10);
    await s.referrals.respond(r.id, { decision: 'accepted', result: '已纳入医疗救助，住院自付费用按比例救助', amount: 1200 + 300 * i, granted_on: addDays(on, 2), period_from: on, period_to: addDays(on, 2) }, handler);
  }
}

async function earlyStage(s: Services, today: string, a: { id: string; region_code: string | null }, stage: (typeof EARLY_STAGES)[number], local: Actor, visitor: Actor): Promise<string> {
  const { case: c } = await s.cases.open({ alert_id: a.id }, local);
  const act = (action: string, actor: Actor, data?: object) => s.cases.act(c.id, { action, data }, actor);
  if (stage === 'discovered') return c.state;
  let state = (await act('assign', local, { to_region: a.region_code })).state;
  if (stage === 'draft') state = (await act('save_visit', visitor, { visit: { visited_on: today, needs: ['medical'], health_notes: '户主住院治疗中' } })).state;
  if (stage === 'unreachable') state = (await act('record_visit', visitor, { outcome: 'unreachable', visit: { visited_on: today, recommendation: '三次上门未遇，邻居称外出务工，请乡镇电话联系' } })).state;
  if (stage === 'check') {
    const h = await s.householdReads.get(c.household_code!, local);
    const signer = h.members.find((m) => m.relation === 'head') ?? h.members[0];
    state = (await act('record_visit', visitor, {
      outcome: 'need_confirmed', visit: { visited_on: today, needs: ['living', 'medical'], recommendation: '确有困难，请乡镇开展经济状况核对' },
      authorization: { signed_by_person_id: signer.id, scope: [...CHECK_SCOPES], signed_on: today, expires_on: monthsLater(today, 12) },
    })).state;
  }
  return state;
}

async function reportWithRelief(s: Services, h: Household, reporter: Actor, local: Actor): Promise<string> {
  const report = await s.reports.create({ household_code: h.code, difficulties: ['medical', 'living'], description: '户主突发脑梗住院，家中无人务工', urgency: 'urgent', client_key: `demo-report-${h.code}` }, reporter.role === 'village_worker' ? reporter : local);
  const { case: c } = await s.cases.open({ report_id: report.id }, local);
  return (await s.cases.act(c.id, { action: 'fast_relief', data: { amount: 300 }, note: '户主住院，家中急需生活费（小额快救）' }, local)).state;
}

/** A family not in the registry applies online; the application waits in the township's 待受理. */
async function applyOnline(s: Services, village: string): Promise<void> {
  const id = (first17: string) => first17 + checkCharacter(first17);
  await s.applications.submit({
    region_code: village, hukou_type: 'urban', address: '本社区 12 栋 3 单元 402', phone: '13904310000',
    applicant: { name: '刘淑芬', id_number: id(`${village.slice(0, 6)}19780612042`), relation: 'head' },
    members: [{ name: '张子涵', id_number: id(`${village.slice(0, 6)}20120305031`), relation: 'child' }],
    needs: ['living', 'education'], description: '离异独自抚养孩子，失业半年，孩子上初中',
    consent: { authorize_check: true, declaration: true, signer_name: '刘淑芬' },
  });
}
