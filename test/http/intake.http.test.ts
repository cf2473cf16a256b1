/**
 * The discovery channels over HTTP, as the pages use them: a family applies without an account
 * and follows its application; the public routes are rate-limited per client address; a grid
 * worker reports from a phone (a double tap files once); the township officer sees both. No
 * response and no audit entry carries a full ID number.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { engines, openTestRuntime } from '../support/db.js';
import { newHousehold, newIdNumber } from '../support/factories.js';
import { newApplication, newReport } from '../support/intake.js';
import { signIn } from '../support/http.js';
import { buildApp } from '../../src/api/app.js';
import { checkCharacter } from '../../src/modules/registry/domain/id-number.js';
import { operatorActor } from '../../src/modules/access/domain/actor.js';
import type { Runtime } from '../../src/platform/runtime.js';

describe.each(engines)('intake over HTTP on %s', (engine) => {
  let rt: Runtime;
  let app: FastifyInstance;
  let worker: Record<string, string>;
  let township: Record<string, string>;
  const ids: string[] = [];
  const household = newHousehold();
  const track = <T extends ReturnType<typeof newApplication>>(a: T) => {
    ids.push(a.applicant.id_number, ...a.members.map((m) => m.id_number));
    return a;
  };
  const apply = (payload: unknown, headers: Record<string, string> = {}) => app.inject({ method: 'POST', url: '/api/public/applications', payload: payload as object, headers });

  beforeAll(async () => {
    rt = await openTestRuntime(engine);
    app = await buildApp(rt, { publicLimits: { submitPerHour: 1000, statusPerHour: 1000 } });
    await rt.services.households.create(household, { actor: operatorActor('test') });
    ids.push(...household.members!.map((m) => m.id_number));
    worker = (await signIn(app, rt, 'village_worker', '220102001001')).headers;
    township = (await signIn(app, rt, 'township_officer', '220102001')).headers;
  });
  afterAll(async () => {
    await app?.close();
    await rt?.close();
  });

  it('takes an application without an account and answers with the reference only', async () => {
    const res = await apply(track(newApplication()));
    expect(res.statusCode).toBe(201);
    expect(Object.keys(res.json()).sort()).toEqual(['received_at', 'reference']);
    expect(res.json().reference).toMatch(/^SQ20261101\d{6}$/);
    // a signed-in browser without the CSRF header may apply too (the route is public)
    const withCookie = await apply(track(newApplication()), { cookie: worker.cookie });
    expect(withCookie.statusCode).toBe(201);
  });

  it('refuses bad fields naming them, without echoing an ID number', async () => {
    const a = newApplication();
    const first17 = a.members[0].id_number.slice(0, 17);
    const wrong = first17 + (checkCharacter(first17) === '0' ? '1' : '0');
    const res = await apply({ ...a, members: [{ ...a.members[0], id_number: wrong }], consent: { authorize_check: true, declaration: false } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('members[0].id_number: 身份证号校验位错误 / check digit wrong');
    expect(res.json().error.details.errors.map((e: { field: string }) => e.field)).toEqual(['members[0].id_number', 'consent.declaration']);
    expect(res.body).not.toContain(first17);
    const county = await apply({ ...newApplication(), region_code: '220102' });
    expect(county.json().error.details.field).toBe('region_code');
    expect((await apply('not json at all', { 'content-type': 'text/plain' })).statusCode).toBeGreaterThanOrEqual(400);
    expect((await apply({ ...newApplication(), description: 'x'.repeat(70_000) })).statusCode).toBe(413);
  });

  it('refuses a second application of the same applicant with 409, saying nothing more', async () => {
    const a = track(newApplication());
    expect((await apply(a)).statusCode).toBe(201);
    const again = await apply({ ...newApplication(), applicant: a.applicant });
    expect(again.statusCode).toBe(409);
    expect(again.body).not.toMatch(/SQ\d/);
  });

  it('tells the applicant where it stands, and the same "not found" for any mismatch', async () => {
    const a = track(newApplication());
    const { reference } = (await apply(a)).json();
    const ok = await app.inject({ method: 'POST', url: '/api/public/applications/status', payload: { reference, id_number: a.applicant.id_number } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ reference, status: 'received', case: null });
    const wrongId = await app.inject({ method: 'POST', url: '/api/public/applications/status', payload: { reference, id_number: a.members[0].id_number } });
    const wrongRef = await app.inject({ method: 'POST', url: '/api/public/applications/status', payload: { reference: 'SQ20261101999999', id_number: a.applicant.id_number } });
    expect(wrongId.statusCode).toBe(404);
    expect(wrongId.body).toBe(wrongRef.body);
  });

  it('rate-limits both public routes per client address with 429 and Retry-After', async () => {
    const small = await buildApp(rt, { publicLimits: { submitPerHour: 2, statusPerHour: 3 } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 3; i++) codes.push((await small.inject({ method: 'POST', url: '/api/public/applications', payload: {} })).statusCode);
      expect(codes).toEqual([400, 400, 429]);
      const limited = await small.inject({ method: 'POST', url: '/api/public/applications', payload: track(newApplication()) });
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error.code).toBe('TOO_MANY_REQUESTS');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      const other = await small.inject({ method: 'POST', url: '/api/public/applications', payload: {}, remoteAddress: '10.0.0.9' });
      expect(other.statusCode).toBe(400);
      const status: number[] = [];
      for (let i = 0; i < 4; i++) status.push((await small.inject({ method: 'POST', url: '/api/public/applications/status', payload: {} })).statusCode);
      expect(status).toEqual([400, 400, 400, 429]);
    } finally {
      await small.close();
    }
  });

  it("files a worker's report once per form, and shows it and the applications to the township", async () => {
    const report = newReport({ household_code: household.code });
    const filed = await app.inject({ method: 'POST', url: '/api/reports', headers: worker, payload: report });
    expect(filed.statusCode).toBe(201);
    expect(filed.json()).toMatchObject({ household_code: household.code, status: 'received', urgency: 'urgent' });
    const twice = await app.inject({ method: 'POST', url: '/api/reports', headers: worker, payload: report });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.details.report_id).toBe(filed.json().id);
    const someone = newIdNumber('19450101');
    ids.push(someone);
    const unregistered = await app.inject({ method: 'POST', url: '/api/reports', headers: worker, payload: newReport({ person: { name: '赵大爷', id_number: someone }, region_code: '220102001001' }) });
    expect(unregistered.statusCode).toBe(201);
    const bad = await app.inject({ method: 'POST', url: '/api/reports', headers: worker, payload: newReport({ person: { name: '赵大爷', id_number: someone.slice(0, 17) + 'Y' }, region_code: '220102001001' }) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.field).toBe('person.id_number');

    const reports = await app.inject({ method: 'GET', url: '/api/reports?status=received', headers: township });
    expect(reports.json().reports.map((r: { id: string }) => r.id)).toEqual([unregistered.json().id, filed.json().id]);
    const apps = await app.inject({ method: 'GET', url: '/api/applications?status=received&limit=5', headers: township });
    expect(apps.statusCode).toBe(200);
    expect(apps.json().applications.length).toBeGreaterThan(0);
    const one = await app.inject({ method: 'GET', url: `/api/applications/${apps.json().applications[0].id}`, headers: township });
    expect(one.json().members.length).toBeGreaterThan(0);
    for (const res of [reports, apps, one, filed, unregistered]) for (const id of ids) expect(res.body.includes(id)).toBe(false);
    expect((await app.inject({ method: 'GET', url: '/api/reports?status=gone', headers: township })).statusCode).toBe(400);
  });

  it('writes no full ID number, phone or name into the audit log', async () => {
    const rows = await rt.database.db.selectFrom('audit_log').selectAll().where('action', 'like', 'application.%').execute();
    const reportRows = await rt.database.db.selectFrom('audit_log').selectAll().where('action', 'like', 'report.%').execute();
    expect(rows.length).toBeGreaterThan(3);
    expect(reportRows.length).toBeGreaterThan(2);
    const text = JSON.stringify([...rows, ...reportRows]);
    for (const id of ids) expect(text.includes(id)).toBe(false);
    expect(text).not.toContain('13812345678');
    expect(text).not.toContain('王建国');
  });

  it('documents the routes under the cases tag', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/public/applications'].post.tags).toEqual(['cases']);
    expect(doc.paths['/api/reports'].post.requestBody).toBeTruthy();
  });
});
