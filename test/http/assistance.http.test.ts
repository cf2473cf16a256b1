/**
 * Assistance over HTTP, as the pages use it: an administrator edits a program (refused with the
 * part named, then saved as a new version); a township officer reads a household's recommended
 * programs with the reasons; 医保局's handler finds the referral in its inbox, answers it with an
 * amount, and is warned — and asked for a reason — before a second payment for the same month.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { engines, openTestRuntime } from '../support/db.js';
import { newHousehold, newIdNumber, newPerson } from '../support/factories.js';
import { signIn } from '../support/http.js';
import { buildApp } from '../../src/api/app.js';
import { operatorActor } from '../../src/modules/access/domain/actor.js';
import type { Runtime } from '../../src/platform/runtime.js';

describe.each(engines)('assistance over HTTP on %s', (engine) => {
  let rt: Runtime;
  let app: FastifyInstance;
  let admin: Record<string, string>;
  let township: Record<string, string>;
  let handler: Record<string, string>;
  const head = newPerson({ id_number: newIdNumber('19600101'), relation: 'head', health: 'serious', categories: [{ category: 'marginal', since: '2025-01-01' }] });
  const household = newHousehold({ members: [head] });
  let householdId: string;

  const refer = (programs: string[]) => rt.database.db.transaction().execute((trx) =>
    rt.services.referrals.create(trx, { case_id: null, household_id: householdId, region_code: household.region_code, programs, note: '户主住院' }, operatorActor('test')));

  beforeAll(async () => {
    rt = await openTestRuntime(engine);
    app = await buildApp(rt);
    await rt.services.households.create(household, { actor: operatorActor('test') });
    householdId = (await rt.database.db.selectFrom('household').select('id').where('code', '=', household.code!).executeTakeFirstOrThrow()).id;
    admin = (await signIn(app, rt, 'province_admin', '22')).headers;
    township = (await signIn(app, rt, 'township_officer', '220102001')).headers;
    handler = (await signIn(app, rt, 'department_handler', '220102', '医保局')).headers;
  });
  afterAll(async () => {
    await app?.close();
    await rt?.close();
  });

  it('lists the programs with the editor vocabularies, and one with its versions', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/programs', headers: handler });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.programs).toHaveLength(12);
    expect(body.types.map((t: { code: string }) => t.code)).toContain('special_medical');
    expect(body.facts.map((f: { code: string }) => f.code)).toContain('medical_oop_12m');
    const one = (await app.inject({ method: 'GET', url: '/api/programs/heating', headers: handler })).json();
    expect(one).toMatchObject({ code: 'heating', version: 1, department: { zh: '民政厅' }, versions: [{ version: 1, updated_by: 'system:defaults' }] });
    expect((await app.inject({ method: 'GET', url: '/api/programs/nope', headers: handler })).statusCode).toBe(404);
  });

  it('refuses a bad program naming the part, and saves a good one as a new version', async () => {
    const current = (await app.inject({ method: 'GET', url: '/api/programs/heating', headers: admin })).json();
    const bad = { ...current.definition, amount: { kind: 'fixed', amount: -800, per: 'household', period: 'season' } };
    const refused = await app.inject({ method: 'PUT', url: '/api/programs/heating', headers: admin, payload: { definition: bad } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'VALIDATION', details: { field: 'amount.amount' } });
    expect(refused.json().error.message).toMatch(/amount\.amount.*不能为负数 \/ .*must not be negative/);
    const saved = await app.inject({ method: 'PUT', url: '/api/programs/heating', headers: admin, payload: { definition: { ...current.definition, amount: { ...current.definition.amount, amount: 1000 } } } });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ version: 2, updated_by: expect.stringMatching(/^user:/) });
    expect((await app.inject({ method: 'PUT', url: '/api/programs/heating', headers: township, payload: { definition: current.definition } })).statusCode).toBe(403);
  });

  it('recommends programs for a household, saying why, in the reader’s region only', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/households/${household.code}/recommendations`, headers: township });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ household_code: household.code, tier: 'marginal', tier_source: 'registry' });
    const medical = body.recommendations.find((r: { program: { code: string } }) => r.program.code === 'medical_assistance');
    expect(medical).toMatchObject({ recommended: true, program: { department: { code: 'medical_insurance' } } });
    expect(medical.reasons.map((r: { zh: string }) => r.zh)).toContain('有大病患者：是（要求 = 是）');
    const dibao = body.recommendations.find((r: { program: { code: string } }) => r.program.code === 'dibao_allowance');
    expect(dibao.recommended).toBe(false);
    expect(res.body).not.toContain(head.id_number);
    const asTekun = (await app.inject({ method: 'GET', url: `/api/households/${household.code}/recommendations?tier=tekun`, headers: township })).json();
    expect(asTekun.tier).toBe('tekun');
    const away = (await signIn(app, rt, 'township_officer', '220581102')).headers;
    expect((await app.inject({ method: 'GET', url: `/api/households/${household.code}/recommendations`, headers: away })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/households/${household.code}/recommendations?tier=rich`, headers: township })).statusCode).toBe(400);
  });

  it('lets the handler answer its referral, and asks before a second payment for the same month', async () => {
    const [first] = await refer(['medical_assistance', 'education_assistance']);
    const inbox = (await app.inject({ method: 'GET', url: '/api/referrals?status=pending', headers: handler })).json();
    expect(inbox.referrals.map((r: { program: { code: string } }) => r.program.code)).toEqual(['medical_assistance']);
    expect(inbox.referrals[0]).toMatchObject({ household_code: household.code, head: { name: head.name, id_number_masked: expect.stringContaining('****') }, due: expect.any(String), overdue: false });
    expect(JSON.stringify(inbox)).not.toContain(head.id_number);

    const declineBare = await app.inject({ method: 'POST', url: `/api/referrals/${first.id}/respond`, headers: handler, payload: { decision: 'declined' } });
    expect(declineBare.statusCode).toBe(400);
    const ok = await app.inject({ method: 'POST', url: `/api/referrals/${first.id}/respond`, headers: handler, payload: { decision: 'accepted', result: '一站式结算救助', amount: 500, granted_on: '2026-10-20', period_from: '2026-10-01', period_to: '2026-10-31' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'accepted', amount: 500, grant: { amount: 500, program: { code: 'medical_assistance' } } });

    const [second] = await refer(['medical_assistance']);
    const body = { decision: 'accepted', result: '再次住院', amount: 200, granted_on: '2026-10-30', period_from: '2026-10-01', period_to: '2026-10-31' };
    const warned = await app.inject({ method: 'POST', url: `/api/referrals/${second.id}/respond`, headers: handler, payload: body });
    expect(warned.statusCode).toBe(409);
    expect(warned.json().error).toMatchObject({ code: 'CONFLICT', details: { field: 'confirm_duplicate', duplicate_of: ok.json().grant.id } });
    expect(warned.json().error.message).toContain(`该户 2026-10 已获得医疗救助 ¥500（转介 #${first.id}）；确需再次发放请确认并说明理由`);
    const confirmed = await app.inject({ method: 'POST', url: `/api/referrals/${second.id}/respond`, headers: handler, payload: { ...body, confirm_duplicate: true, duplicate_reason: '第二次住院，经县医保局核定' } });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().grant).toMatchObject({ duplicate_of: ok.json().grant.id, warning: { zh: expect.stringContaining('已获得医疗救助') } });

    const all = (await app.inject({ method: 'GET', url: `/api/referrals?household=${household.code}`, headers: township })).json();
    expect(all.total).toBe(3);
    expect((await app.inject({ method: 'GET', url: '/api/referrals?status=open', headers: township })).statusCode).toBe(400);
    const audit = await rt.database.db.selectFrom('audit_log').select(['action', 'subject', 'detail']).where('action', 'like', 'referral.%').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['referral.create', 'referral.list', 'referral.respond']));
    expect(JSON.stringify(audit)).not.toContain(head.name);
  });
});
