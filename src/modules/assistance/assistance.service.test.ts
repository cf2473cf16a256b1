import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestRuntime, TEST_TODAY } from '../../../test/support/db.js';
import { newHousehold, newIdNumber, newPerson } from '../../../test/support/factories.js';
import { MEDICAL_HEADER, medicalRow, tempDir, writeCsv } from '../../../test/support/dataset-files.js';
import { operatorActor, type Actor } from '../access/domain/actor.js';
import type { Permission } from '../access/domain/roles.js';
import type { Runtime } from '../../platform/runtime.js';

const op = operatorActor('test');
const actor = (role: string, regionCode: string, permissions: Permission[], department: string | null = null): Actor =>
  ({ label: `user:${role}`, userId: null, role, regionCode, department, permissions: new Set(permissions) });
const township = actor('township_officer', '220102001', ['registry.read', 'case.read', 'case.manage']);
const medical = actor('department_handler', '2201', ['referral.handle'], '医保局');
const education = actor('department_handler', '2201', ['referral.handle'], 'education');
const farAway = actor('department_handler', '2202', ['referral.handle'], 'medical_insurance');

async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string; details: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; message: string; details: Record<string, unknown> };
  }
  throw new Error('expected a refusal');
}

describe.each(engines)('assistance on %s', (engine) => {
  let rt: Runtime;
  let dir: string;
  // A dibao household: the head seriously ill with medical costs, a daughter starting senior school.
  const head = newPerson({ id_number: newIdNumber('19700101'), relation: 'head', health: 'serious', work_ability: 'partial', employment: 'unemployed', categories: [{ category: 'dibao', since: '2023-05-01' }] });
  const daughter = newPerson({ id_number: newIdNumber('20100301', 'female'), name: '王小红', relation: 'child', health: 'healthy', work_ability: undefined, categories: [{ category: 'dibao', since: '2023-05-01' }] });
  const household = newHousehold({ members: [head, daughter] });
  let householdId: string;

  const inTx = <T>(fn: (trx: Runtime['database']['db']) => Promise<T>) => rt.database.db.transaction().execute(fn);
  const refer = (programs: string[], caseId: string | null = null) =>
    inTx((trx) => rt.services.referrals.create(trx, { case_id: caseId, household_id: householdId, region_code: household.region_code, programs, note: '入户核实：户主住院', reason_by_program: { medical_assistance: [{ zh: '有大病患者：是', en: 'seriously ill: yes', passed: true }] } }, township));

  beforeAll(async () => {
    rt = await openTestRuntime(engine);
    dir = tempDir('sn-assist-');
    await rt.services.households.create(household, { actor: op });
    householdId = (await rt.database.db.selectFrom('household').select('id').where('code', '=', household.code!).executeTakeFirstOrThrow()).id;
    const med = writeCsv(dir, 'med.csv', MEDICAL_HEADER, [medicalRow(head.id_number, { oop_cost: 9000, settle_date: '2026-09-15' }), medicalRow(head.id_number, { oop_cost: 50000, settle_date: '2025-06-01' })]);
    await rt.services.ingest.ingest({ dataset: 'medical_settlement', file: med }, op);
    const school = writeCsv(dir, 'school.csv', ['id_number', 'enroll_date', 'stage'], [[daughter.id_number, '2026-09-01', 'senior']]);
    await rt.services.ingest.ingest({ dataset: 'school_enrollment', file: school }, op);
  });
  afterAll(async () => {
    await rt?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('seeds the programs once and keeps every saved version', async () => {
    const list = await rt.services.programs.list();
    expect(list.map((p) => p.code)).toEqual(expect.arrayContaining(['dibao_allowance', 'heating', 'medical_assistance', 'charity']));
    expect(list.find((p) => p.code === 'medical_assistance')!.department).toEqual({ code: 'medical_insurance', zh: '医保局', en: 'Healthcare Security Administration' });
    const heating = await rt.services.programs.get('heating');
    const saved = await rt.services.programs.save('heating', { definition: { ...heating.definition, amount: { kind: 'fixed', amount: 900, per: 'household', period: 'season' } } }, op);
    expect(saved.version).toBe(2);
    expect((await rt.services.programs.get('heating')).versions.map((v) => v.version)).toEqual([2, 1]);
    const bad = await refusal(rt.services.programs.save('heating', { definition: { ...heating.definition, condition: { all: [{ fact: 'has_student', operator: 'eq', value: true }, { fact: 'wealth', operator: 'eq', value: 1 }] } } }, op));
    expect(bad).toMatchObject({ code: 'VALIDATION', details: { field: 'condition.all[1].fact' } });
    const county = actor('civil_affairs_officer', '220102', ['program.manage']);
    expect((await refusal(rt.services.programs.save('heating', { definition: heating.definition }, county))).code).toBe('FORBIDDEN');
    expect((await refusal(rt.services.programs.save('heating', { definition: heating.definition }, township))).code).toBe('FORBIDDEN');
  });

  it('recommends programs from the registry and the departments’ data, with the reasons', async () => {
    const r = await rt.services.recommendations.forHouseholdCode(household.code!, undefined, TEST_TODAY, township);
    expect(r).toMatchObject({ tier: 'dibao', tier_source: 'registry', dibao_standard: 643 });
    const facts = Object.fromEntries(r.facts.map((f) => [f.code, f.value]));
    expect(facts).toMatchObject({ household_size: 2, has_serious_illness: true, medical_oop_12m: 9000, has_senior_student: true, has_minor: true, has_unemployed: true });
    const recommended = r.recommendations.filter((x) => x.recommended).map((x) => x.program.code);
    expect(recommended).toEqual(expect.arrayContaining(['dibao_allowance', 'heating', 'medical_assistance', 'education_assistance']));
    expect(recommended).not.toContain('temporary');
    const med = r.recommendations.find((x) => x.program.code === 'medical_assistance')!;
    expect(med.program.department.zh).toBe('医保局');
    expect(med.reasons.map((x) => x.zh)).toContain('近12个月医疗个人自付（元）：9000（要求 > 0）');
    const marginal = await rt.services.recommendations.recommendForHousehold(householdId, 'marginal', TEST_TODAY, township);
    expect(marginal.recommendations.filter((x) => x.recommended).map((x) => x.program.code)).toContain('temporary');
    const audit = await rt.database.db.selectFrom('audit_log').select(['action', 'subject']).where('action', '=', 'assistance.recommend').execute();
    expect(audit.every((a) => a.subject === `household:${household.code}`)).toBe(true);
    const away = actor('township_officer', '220581102', ['registry.read']);
    expect((await refusal(rt.services.recommendations.forHouseholdCode(household.code!, undefined, TEST_TODAY, away))).code).toBe('NOT_FOUND');
    expect((await refusal(rt.services.recommendations.forHouseholdCode(household.code!, 'poor', TEST_TODAY, township))).details.field).toBe('tier');
  });

  it('refers to each program’s department with a working-day deadline, once per open referral', async () => {
    const created = await refer(['medical_assistance', 'education_assistance']);
    expect(created.map((r) => [r.program.code, r.department.code, r.status])).toEqual([['medical_assistance', 'medical_insurance', 'pending'], ['education_assistance', 'education', 'pending']]);
    // 10 working days from Sunday 2026-11-01
    expect(created[0].due).toBe('2026-11-13');
    expect(created[0]).toMatchObject({ head: { name: head.name }, household_code: household.code, reason: '有大病患者：是 / seriously ill: yes', overdue: false });
    expect(JSON.stringify(created)).not.toContain(head.id_number);
    const again = await refusal(refer(['housing_assistance', 'medical_assistance']));
    expect(again).toMatchObject({ code: 'CONFLICT', details: { field: 'programs[1]', referral_id: created[0].id } });
    expect(again.message).toContain(`转介 #${created[0].id}`);
    expect((await rt.services.referrals.listForHousehold(householdId)).length).toBe(2);
    expect((await refusal(refer(['no_such']))).details.field).toBe('programs[0]');
  });

  it('shows a department handler only its own department’s referrals in its region', async () => {
    const mine = await rt.services.referrals.list({}, medical);
    expect(mine.referrals.map((r) => r.program.code)).toEqual(['medical_assistance']);
    expect((await rt.services.referrals.list({}, education)).referrals.map((r) => r.program.code)).toEqual(['education_assistance']);
    expect((await rt.services.referrals.list({}, farAway)).total).toBe(0);
    expect((await rt.services.referrals.list({}, township)).total).toBe(2);
    const other = (await rt.services.referrals.list({ program: 'education_assistance' }, township)).referrals[0];
    expect((await refusal(rt.services.referrals.get(other.id, medical))).code).toBe('NOT_FOUND');
    expect((await refusal(rt.services.referrals.respond(other.id, { decision: 'declined', result: '不属于本部门' }, medical))).code).toBe('NOT_FOUND');
    const provider = actor('department_data_provider', '22', ['dataset.upload'], '医保局');
    expect((await refusal(rt.services.referrals.list({}, provider))).code).toBe('FORBIDDEN');
  });

  it('takes the department’s answer, records the grant and warns before paying twice', async () => {
    const [med] = (await rt.services.referrals.list({ status: 'pending' }, medical)).referrals;
    expect((await refusal(rt.services.referrals.respond(med.id, { decision: 'declined' }, medical))).details.field).toBe('result');
    const accepted = await rt.services.referrals.respond(med.id, { decision: 'accepted', result: '已救助', amount: 500, granted_on: '2026-10-28', period_from: '2026-10-01', period_to: '2026-10-31' }, medical);
    expect(accepted).toMatchObject({ status: 'accepted', amount: 500, responded_by: 'user:department_handler', grant: { amount: 500, referral_id: med.id, program: { code: 'medical_assistance' }, department: { code: 'medical_insurance' } } });
    expect(accepted.grant_id).toBe(accepted.grant!.id);
    expect((await refusal(rt.services.referrals.respond(med.id, { decision: 'declined', result: 'x' }, medical))).code).toBe('CONFLICT');

    const [second] = await refer(['medical_assistance']);
    const twice = await refusal(rt.services.referrals.respond(second.id, { decision: 'accepted', amount: 300, period_from: '2026-10-15', period_to: '2026-11-14' }, medical));
    expect(twice.code).toBe('CONFLICT');
    expect(twice.message).toBe(`该户 2026-10 已获得医疗救助 ¥500（转介 #${med.id}）；确需再次发放请确认并说明理由 / the household already received Medical assistance ¥500 for 2026-10 (referral #${med.id}); to pay again, confirm and give the reason`);
    expect((await rt.services.referrals.get(second.id, medical)).status).toBe('pending');
    expect((await refusal(rt.services.referrals.respond(second.id, { decision: 'accepted', amount: 300, period_from: '2026-10-15', period_to: '2026-11-14', confirm_duplicate: true }, medical))).details.field).toBe('reason');
    const confirmed = await rt.services.referrals.respond(second.id, { decision: 'accepted', amount: 300, period_from: '2026-10-15', period_to: '2026-11-14', confirm_duplicate: true, duplicate_reason: '二次住院，另行救助' }, medical);
    expect(confirmed.grant).toMatchObject({ duplicate_of: accepted.grant!.id, reason: '二次住院，另行救助', warning: { zh: expect.stringContaining('已获得医疗救助 ¥500') } });
    expect((await rt.services.grants.listForHousehold(householdId)).map((g) => g.amount)).toEqual([300, 500]);
  });

  it('records the case flow’s own grants under the same rule', async () => {
    const c = await rt.database.db.insertInto('assistance_case').values({ household_id: householdId, region_code: household.region_code, source_kind: 'report', state: 'assisting', created_by: 'test' }).returning('id').executeTakeFirstOrThrow();
    const grant = (over: object = {}, opts = {}) => inTx((trx) => rt.services.grants.record(trx, { household_id: householdId, case_id: c.id, program_code: 'temporary', amount: 643, period_from: '2026-10-30', period_to: '2026-10-30', granted_on: '2026-10-30', fast: true, reason: '小额快救', ...over }, township, opts));
    const first = await grant();
    expect(first).toMatchObject({ fast: true, case_id: c.id, program: { code: 'temporary' }, duplicate_of: null });
    const dup = await refusal(grant({ period_from: '2026-10-01', period_to: '2026-10-31' }));
    expect(dup.message).toContain(`该户 2026-10-30 已获得临时救助 ¥643（案件 #${c.id}）`);
    expect((await grant({ period_from: '2026-11-01', period_to: '2026-11-01', granted_on: '2026-11-01' })).duplicate_of).toBeNull();
    expect((await refusal(grant({ granted_on: '2026-11-02' }))).details.field).toBe('granted_on');
    expect((await refusal(grant({ amount: -1 }))).details.field).toBe('amount');
    expect((await refusal(grant({ period_to: '2026-10-01' }))).details.field).toBe('period_to');
    expect((await refusal(inTx((trx) => rt.services.grants.record(trx, { household_id: householdId, program_code: 'temporary', amount: 1, period_from: '2026-01-01', period_to: '2026-01-01', granted_on: '2026-01-01' }, actor('auditor', '22', ['case.read']))))).code).toBe('FORBIDDEN');
    expect((await rt.services.grants.listForCase(c.id)).length).toBe(2);
    const [r] = await refer(['housing_assistance'], c.id);
    expect((await rt.services.referrals.listForCase(c.id)).map((x) => x.id)).toEqual([r.id]);
  });
});
