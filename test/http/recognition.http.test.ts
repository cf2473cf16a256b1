/** Assessments over HTTP: the same answer as the CLI and the service, errors that name the field. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { engines, openTestRuntime } from '../support/db.js';
import { newHousehold, newIdNumber, newPerson } from '../support/factories.js';
import { buildApp } from '../../src/api/app.js';
import { signIn } from '../support/http.js';
import { operatorActor } from '../../src/modules/access/domain/actor.js';
import type { Runtime } from '../../src/platform/runtime.js';

const description = () => ({
  region_code: '220102001001', hukou_type: 'urban', as_of: '2025-03-01', annual_income: 29988, financial_assets: 0, vehicles: [], properties: 1,
  members: [
    { id_number: newIdNumber('19800312'), relation: 'head', work_ability: 'full' },
    { id_number: newIdNumber('19820620', 'female'), relation: 'spouse', work_ability: 'full' },
    { id_number: newIdNumber('20120101'), relation: 'child', in_school: true },
  ],
});

describe.each(engines)('assessments over HTTP on %s', (engine) => {
  let rt: Runtime;
  let app: FastifyInstance;
  let headers: Record<string, string>;
  const household = newHousehold({ members: [newPerson({ id_number: newIdNumber('19800101'), relation: 'head', work_ability: 'full', health: 'healthy' }), newPerson({ id_number: newIdNumber('19850101', 'female'), relation: 'spouse', work_ability: 'full' })] });

  beforeAll(async () => {
    rt = await openTestRuntime(engine);
    app = await buildApp(rt);
    await rt.services.households.create(household, { actor: operatorActor('test') });
    await rt.services.households.addSnapshot(household.code, { as_of: '2026-09-01', source: 'economic_check', income_wage: 500 * 12 * 2 }, { actor: operatorActor('test') });
    headers = (await signIn(app, rt, 'township_officer', '220102001')).headers;
  });
  afterAll(async () => {
    await app?.close();
    await rt?.close();
  });

  it('assesses a description and explains it in both languages', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/assessments', headers, payload: description() });
    expect(res.statusCode).toBe(200);
    const a = res.json();
    expect(a).toMatchObject({ id: null, tier: 'marginal', recognitions: [{ category: 'marginal', scope: 'household' }] });
    expect(a.summary.zh).toContain('低保边缘：人均月收入 ¥833 低于 1.5 × ¥643 = ¥964.5');
    expect(a.summary.en).toContain('per-capita income ¥833/month is below 1.5 × ¥643 = ¥964.5');
  });

  it('answers bad input with 400 naming the field', async () => {
    const bad = { ...description(), financial_assets: -10 };
    const res = await app.inject({ method: 'POST', url: '/api/assessments', headers, payload: bad });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION', details: { field: 'financial_assets' } });
    expect(res.json().error.message).toMatch(/financial_assets.*不能为负数.*must not be negative/);
  });

  it('assesses a registered household, stores it, lists it and replays it', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/assessments', headers, payload: { household_code: household.code, on: '2026-11-01' } });
    expect(res.statusCode).toBe(201);
    const a = res.json();
    expect(a.tier).toBe('dibao');
    expect(a.amounts.dibao_allowance).toMatchObject({ gap: 286, total: 286 }); // (643 − 500) × 2
    const list = await app.inject({ method: 'GET', url: `/api/households/${household.code}/assessments`, headers });
    expect(list.json().items[0].id).toBe(a.id);
    const one = await app.inject({ method: 'GET', url: `/api/assessments/${a.id}`, headers });
    expect(one.json().summary).toEqual(a.summary);
    const replay = await app.inject({ method: 'GET', url: `/api/assessments/${a.id}/replay`, headers });
    expect(replay.json()).toMatchObject({ identical: true, differences: [] });
    for (const m of household.members!) expect(res.body + list.body + one.body + replay.body).not.toContain(m.id_number);
  });

  it('says that a replay differs when the stored result no longer matches its inputs', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/assessments', headers, payload: { household_code: household.code, on: '2026-11-01' } });
    const id = res.json().id as string;
    const stored = await rt.database.db.selectFrom('assessment').select('parameters').where('id', '=', id).executeTakeFirstOrThrow();
    const tampered = (stored.parameters as { key: string; value: unknown }[]).map((p) => (p.key === 'dibao.standard.urban' ? { ...p, value: 400 } : p));
    await rt.database.db.updateTable('assessment').set({ parameters: JSON.stringify(tampered) }).where('id', '=', id).execute();
    const replay = (await app.inject({ method: 'GET', url: `/api/assessments/${id}/replay`, headers })).json();
    expect(replay.identical).toBe(false);
    expect(replay.differences).toEqual(expect.arrayContaining(['tier', 'figures']));
  });

  it('answers 404 for an unknown assessment and a malformed id alike', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/assessments/999999', headers })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/assessments/abc', headers })).statusCode).toBe(404);
  });
});
