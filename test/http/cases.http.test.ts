/**
 * Cases over HTTP with real sign-ins: a township officer opens a case from an alert (201; a
 * second alert joins it, 200), the village worker visits from a phone, the township checks and
 * assesses, the county decides; wrong role, wrong region, wrong state and missing requirements
 * are refused with 403 / 404 / 409 and change nothing; the chain and the inbox follow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { engines, openTestRuntime } from '../support/db.js';
import { signIn } from '../support/http.js';
import { anAlert, familyInNeed, POOR_CHECK, VISIT } from '../support/cases.js';
import { buildApp } from '../../src/api/app.js';
import { operatorActor } from '../../src/modules/access/domain/actor.js';
import type { Runtime } from '../../src/platform/runtime.js';

const VILLAGE = '220102001001';

describe.each(engines)('cases over HTTP on %s', (engine) => {
  let rt: Runtime;
  let app: FastifyInstance;
  const family = familyInNeed();
  const as: Record<string, Record<string, string>> = {};
  let caseId: string;

  beforeAll(async () => {
    rt = await openTestRuntime(engine);
    app = await buildApp(rt);
    await rt.services.households.create(family, { actor: operatorActor('test') });
    as.township = (await signIn(app, rt, 'township_officer', '220102001')).headers;
    as.village = (await signIn(app, rt, 'village_worker', VILLAGE)).headers;
    as.county = (await signIn(app, rt, 'civil_affairs_officer', '220102')).headers;
    as.away = (await signIn(app, rt, 'civil_affairs_officer', '220581')).headers;
    as.handler = (await signIn(app, rt, 'department_handler', '22', '医保局')).headers;
  });
  afterAll(async () => {
    await app?.close();
    await rt?.close();
  });

  const step = (who: string, action: string, data?: object, note?: string) =>
    app.inject({ method: 'POST', url: `/api/cases/${caseId}/transitions`, headers: as[who], payload: { action, data, note } });

  it('opens a case from an alert (201) and joins a second alert to it (200)', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/cases', headers: as.township, payload: { alert_id: await anAlert(rt, family.code) } });
    expect(res.statusCode, res.body).toBe(201);
    caseId = res.json().id;
    expect(res.json()).toMatchObject({ state: 'discovered', attached: false, household_code: family.code });
    const again = await app.inject({ method: 'POST', url: '/api/cases', headers: as.township, payload: { alert_id: await anAlert(rt, family.code, { level: 'orange' }) } });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: caseId, attached: true });
    const bad = await app.inject({ method: 'POST', url: '/api/cases', headers: as.township, payload: {} });
    expect(bad.statusCode).toBe(400);
  });

  it('refuses the wrong role (403), the wrong region (404) and the wrong state (409), changing nothing', async () => {
    expect((await step('village', 'assign')).statusCode).toBe(403);
    expect((await step('handler', 'assign')).statusCode).toBe(403);
    expect((await step('away', 'assign')).statusCode).toBe(404);
    const wrong = await step('township', 'decide', { outcome: 'approved' });
    expect(wrong.statusCode).toBe(403); // the township may not decide at all
    const early = await step('county', 'decide', { outcome: 'approved' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toMatch(/不能「审核确认」.*Decide/);
    const c = await app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: as.township });
    expect(c.json().state).toBe('discovered');
    expect(c.json().history).toHaveLength(2);
  });

  it('walks the path to the decision with each role', async () => {
    expect((await step('township', 'assign')).json().state).toBe('assigned');
    const village = await app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: as.village });
    expect(village.json().actions.filter((a: { permitted: boolean }) => a.permitted).map((a: { action: string }) => a.action)).toEqual(['start_visit', 'save_visit', 'record_visit']);
    expect((await step('village', 'save_visit', { visit: { visited_on: '2026-11-01' } })).statusCode).toBe(200);
    const noAuth = await step('village', 'record_visit', { outcome: 'need_confirmed', visit: { ...VISIT, visited_on: '2026-11-01' } });
    expect(noAuth.statusCode).toBe(409);
    expect(noAuth.json().error.message).toMatch(/授权书.*authorization/);
    const head = (await rt.services.householdReads.get(family.code, operatorActor('test'))).members.find((m) => m.relation === 'head')!;
    const visited = await step('village', 'record_visit', { outcome: 'need_confirmed', visit: { ...VISIT, visited_on: '2026-11-01' }, authorization: { signed_by_person_id: head.id, scope: POOR_CHECK.scopes, signed_on: '2026-11-01', expires_on: '2027-10-31' } });
    expect(visited.statusCode, visited.body).toBe(200);
    expect((await step('township', 'record_check', POOR_CHECK)).statusCode).toBe(200);
    const assessed = await step('township', 'assess');
    expect(assessed.json()).toMatchObject({ state: 'assessed', assessment: { tier: 'dibao' } });
    // the county approves a lower tier than the engine found only with a written reason
    const noReason = await step('county', 'decide', { outcome: 'approved', category: 'marginal' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.message).toMatch(/override_reason/);
    const decided = await step('county', 'decide', { outcome: 'approved', category: 'marginal', override_reason: '家庭有稳定赡养来源，按低保边缘认定' });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json().decision).toMatchObject({ category: 'marginal', engine_tier: 'dibao', override_reason: '家庭有稳定赡养来源，按低保边缘认定' });
  });

  it('serves the chain, the inbox and the papers; never a full ID number', async () => {
    const chain = await app.inject({ method: 'GET', url: `/api/households/${family.code}/timeline`, headers: as.county });
    expect(chain.statusCode).toBe(200);
    expect(chain.json().events.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['alert', 'case_opened', 'visit', 'check', 'assessment', 'decision', 'membership']));
    expect((await app.inject({ method: 'GET', url: `/api/households/${family.code}/timeline`, headers: as.away })).statusCode).toBe(404);
    const inbox = await app.inject({ method: 'GET', url: '/api/inbox', headers: as.township });
    expect(inbox.json().items).toEqual(expect.arrayContaining([expect.objectContaining({ case_id: caseId, title: expect.objectContaining({ zh: '落实救助或办结' }) })]));
    const notice = await app.inject({ method: 'GET', url: `/api/cases/${caseId}/documents/notice`, headers: as.township });
    expect(notice.json().notice).toMatchObject({ outcome: 'approved', category: 'marginal' });
    for (const res of [chain, inbox, notice]) for (const m of family.members!) expect(res.body).not.toContain(m.id_number);
  });
});
