/**
 * Monitoring over HTTP, as the pages use it: an administrator edits an indicator (refused with
 * the part named, then saved as a new version), previews it, runs monitoring; a township
 * officer sees the alerts of their township with the facts behind each and handles one.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { engines, openTestRuntime } from '../support/db.js';
import { newHousehold, newIdNumber, newPerson } from '../support/factories.js';
import { MEDICAL_HEADER, medicalRow, tempDir, writeCsv } from '../support/dataset-files.js';
import { signIn } from '../support/http.js';
import { buildApp } from '../../src/api/app.js';
import { operatorActor } from '../../src/modules/access/domain/actor.js';
import type { Runtime } from '../../src/platform/runtime.js';

describe.each(engines)('monitoring over HTTP on %s', (engine) => {
  let rt: Runtime;
  let app: FastifyInstance;
  let admin: Record<string, string>;
  let township: Record<string, string>;
  let dir: string;
  const head = newPerson({ id_number: newIdNumber('19500101'), relation: 'head', categories: [{ category: 'tekun', since: '2020-01-01' }] });
  const household = newHousehold({ members: [head] });

  beforeAll(async () => {
    rt = await openTestRuntime(engine);
    app = await buildApp(rt);
    dir = tempDir('sn-monitor-http-');
    await rt.services.households.create(household, { actor: operatorActor('test') });
    const file = writeCsv(dir, 'med.csv', MEDICAL_HEADER, [medicalRow(head.id_number, { oop_cost: 1500 })]);
    await rt.services.ingest.ingest({ dataset: 'medical_settlement', file }, operatorActor('test'));
    admin = (await signIn(app, rt, 'province_admin', '22')).headers;
    township = (await signIn(app, rt, 'township_officer', '220102001')).headers;
  });
  afterAll(async () => {
    await app?.close();
    await rt?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists the default indicators with the editor vocabularies', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/monitoring/indicators', headers: township });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.indicators).toHaveLength(18);
    expect(body.operators.map((o: { code: string }) => o.code)).toContain('contains_any');
    expect(body.actions.map((o: { code: string }) => o.code)).toContain('eligibility_review');
  });

  it('refuses a bad definition naming the part, and saves a good one as a new version', async () => {
    const current = (await app.inject({ method: 'GET', url: '/api/monitoring/indicators/hospital_stay_oop', headers: admin })).json();
    const bad = { ...current.definition, facts: { ...current.definition.facts, stay: { ...current.definition.facts.stay, months: 0 } } };
    const refused = await app.inject({ method: 'PUT', url: '/api/monitoring/indicators/hospital_stay_oop', headers: admin, payload: { definition: bad } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'VALIDATION', details: { field: 'facts.stay.months' } });
    expect(refused.json().error.message).toMatch(/facts\.stay\.months.*\/.*facts\.stay\.months/);

    const good = { ...current.definition, level: 'red', suppress_days: 60 };
    const saved = await app.inject({ method: 'PUT', url: '/api/monitoring/indicators/hospital_stay_oop', headers: admin, payload: { definition: good, active: true } });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ code: 'hospital_stay_oop', version: 2, active: true, definition: { level: 'red' } });
    const versions = (await app.inject({ method: 'GET', url: '/api/monitoring/indicators/hospital_stay_oop', headers: township })).json().versions;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);

    const forbidden = await app.inject({ method: 'PUT', url: '/api/monitoring/indicators/hospital_stay_oop', headers: township, payload: { definition: good } });
    expect(forbidden.statusCode).toBe(403);
  });

  it('previews how many people a definition would fire for, writing nothing', async () => {
    const current = (await app.inject({ method: 'GET', url: '/api/monitoring/indicators/medical_oop_annual', headers: admin })).json();
    const res = await app.inject({ method: 'POST', url: '/api/monitoring/indicators/medical_oop_annual/preview', headers: admin, payload: { definition: current.definition, on: '2026-11-01' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ count: 1, on: '2026-11-01' });
    const stricter = { ...current.definition, condition: { fact: 'oop', operator: 'gte', value: 2000 } };
    expect((await app.inject({ method: 'POST', url: '/api/monitoring/indicators/medical_oop_annual/preview', headers: admin, payload: { definition: stricter, on: '2026-11-01' } })).json().count).toBe(0);
    expect((await app.inject({ method: 'GET', url: '/api/alerts', headers: admin })).json().total).toBe(0);
  });

  it('runs monitoring; the township officer sees the alert with its evidence and handles it', async () => {
    const run = await app.inject({ method: 'POST', url: '/api/monitoring/runs', headers: admin, payload: { on: '2026-11-01' } });
    expect(run.statusCode).toBe(200);
    expect(run.json()).toMatchObject({ alerts_created: 1, by_indicator: { medical_oop_annual: 1 } });

    const list = await app.inject({ method: 'GET', url: '/api/alerts?level=orange&status=open', headers: township });
    expect(list.statusCode).toBe(200);
    const [alert] = list.json().alerts;
    expect(alert).toMatchObject({ indicator: 'medical_oop_annual', level: 'orange', status: 'open', household_code: household.code, person: { name: head.name }, region_code: household.region_code, deadline: '2026-11-10' });
    expect(alert.evidence.some((e: { fact: string; passed: boolean; threshold: number }) => e.fact === 'oop' && e.passed && Number(e.threshold) === 1000)).toBe(true);
    expect(list.body).not.toContain(head.id_number);

    const detail = await app.inject({ method: 'GET', url: `/api/alerts/${alert.id}`, headers: township });
    expect(detail.json().evidence.find((e: { fact: string }) => e.fact === 'oop').source).toMatchObject({ dataset: 'medical_settlement', rows: 1 });

    const bad = await app.inject({ method: 'POST', url: `/api/alerts/${alert.id}/status`, headers: township, payload: { status: 'closed', outcome: 'maybe' } });
    expect(bad.statusCode).toBe(400);
    const closed = await app.inject({ method: 'POST', url: `/api/alerts/${alert.id}/status`, headers: township, payload: { status: 'closed', outcome: 'need_confirmed', note: '已入户核实' } });
    expect(closed.json()).toMatchObject({ status: 'closed', outcome: 'need_confirmed' });

    const summary = (await app.inject({ method: 'GET', url: '/api/alerts/summary', headers: admin })).json();
    expect(summary).toMatchObject({ by_level: { orange: 1 }, closed: 1, handling_rate: 1 });
    expect(summary.by_region.find((r: { region_code: string }) => r.region_code === '2201')).toMatchObject({ orange: 1, total: 1 });
    expect(summary.by_month.at(-1)).toMatchObject({ month: '2026-11', created: 1 });
  });
});
