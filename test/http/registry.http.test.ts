import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { engines, openTestRuntime } from '../support/db.js';
import { newHousehold, newIdNumber } from '../support/factories.js';
import { buildApp } from '../../src/api/app.js';
import { signIn } from '../support/http.js';
import { operatorActor } from '../../src/modules/access/domain/actor.js';
import type { Runtime } from '../../src/platform/runtime.js';

describe.each(engines)('HTTP API on %s', (engine) => {
  let rt: Runtime;
  let app: FastifyInstance;
  let headers: Record<string, string>;
  const call = (opts: { method: 'GET' | 'POST'; url: string; payload?: object }) => app.inject({ ...opts, headers });
  const household = newHousehold({ region_code: '220202001001' });

  beforeAll(async () => {
    rt = await openTestRuntime(engine);
    app = await buildApp(rt);
    await rt.services.households.create(household, { actor: operatorActor('test') });
    headers = (await signIn(app, rt, 'province_admin', '22')).headers;
  });
  afterAll(async () => {
    await app?.close();
    await rt?.close();
  });

  it('reports health with the engine', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: engine, version: '0.1.0' });
  });

  it('serves the OpenAPI document and the docs page', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/regions/{code}/children', '/api/households/search', '/api/persons/lookup']));
    expect((await app.inject({ method: 'GET', url: '/api/docs' })).statusCode).toBeLessThan(400);
  });

  it('returns region children in any code form', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/regions/220100000000/children' });
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.find((i: { code: string }) => i.code === '220102')).toMatchObject({ name: '南关区', level: 'county', has_children: true });
    const bad = await app.inject({ method: 'GET', url: '/api/regions/999/children' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION' });
    expect(bad.json().error.message).toMatch(/行政区划代码.*region code/);
  });

  it('searches with names and ID numbers in the body only', async () => {
    const res = await call({ method: 'POST', url: '/api/households/search', payload: { region: '2202', id_number: household.members![0].id_number } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ total: 1, page: 1, items: [{ code: household.code, member_count: 2, categories: ['dibao'] }] });
    const list = await call({ method: 'GET', url: '/api/households?region=2202&category=dibao' });
    expect(list.json().items.map((i: { code: string }) => i.code)).toContain(household.code);
    const tooBig = await call({ method: 'POST', url: '/api/households/search', payload: { page_size: 5000 } });
    expect(tooBig.statusCode).toBe(400);
  });

  it('shows a household with masked ID numbers and phones', async () => {
    const res = await call({ method: 'GET', url: `/api/households/${household.code}` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.members).toHaveLength(2);
    expect(JSON.stringify(body)).not.toContain(household.members![0].id_number);
    const missing = await call({ method: 'GET', url: '/api/households/NOPE' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('NOT_FOUND');
  });

  it('creates a household (201) and refuses bad input with a named field', async () => {
    const input = newHousehold();
    const res = await call({ method: 'POST', url: '/api/households', payload: input });
    expect(res.statusCode).toBe(201);
    expect(res.json().code).toBe(input.code);
    const dup = await call({ method: 'POST', url: '/api/households', payload: input });
    expect(dup.statusCode).toBe(409);
    const bad = await call({ method: 'POST', url: '/api/households', payload: { ...newHousehold(), hukou_type: 'mars' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/户籍性质/);
  });

  it('looks up a person by ID number in the body, and checks ID numbers', async () => {
    const res = await call({ method: 'POST', url: '/api/persons/lookup', payload: { id_number: household.members![1].id_number } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ household_code: household.code, relation: 'spouse', sex: 'female' });
    const check = await call({ method: 'POST', url: '/api/id/check', payload: { id_number: newIdNumber('19991231', 'female') } });
    expect(check.json()).toMatchObject({ valid: true, birth_date: '1999-12-31', sex: 'female', address_code: '220102' });
  });

  it('exports the search result as a real XLSX', async () => {
    const res = await call({ method: 'POST', url: '/api/households/export', payload: { region: '2202' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(String(ws.getRow(1).getCell(1).value)).toContain('户编号');
    const codes = ws.getColumn(1).values.slice(2).map(String);
    expect(codes).toContain(household.code);
    const one = await call({ method: 'GET', url: `/api/households/${household.code}/export` });
    expect(one.statusCode).toBe(200);
  });

  it('refuses requests without a session, and cookie requests without the CSRF token', async () => {
    const anon = await app.inject({ method: 'POST', url: '/api/households/search', payload: {} });
    expect(anon.statusCode).toBe(401);
    expect(anon.json().error.message).toMatch(/请先登录.*sign in/);
    const noCsrf = await app.inject({ method: 'POST', url: '/api/households/search', payload: {}, headers: { cookie: headers.cookie } });
    expect(noCsrf.statusCode).toBe(403);
    const forged = await app.inject({ method: 'GET', url: '/api/households', headers: { cookie: 'sn_session=sns_forged' } });
    expect(forged.statusCode).toBe(401);
  });

  it('serves the import template without a session', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/templates/registry' });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toContain('说明');
  });

  it('treats SQL in search fields as text, and refuses oversized bodies with 413', async () => {
    const sqlish = await call({ method: 'POST', url: '/api/households/search', payload: { name: "'; DROP TABLE person; --" } });
    expect(sqlish.statusCode).toBe(200);
    expect(sqlish.json().total).toBe(0);
    expect((await call({ method: 'POST', url: '/api/households/search', payload: { name: '%' } })).json().total).toBe(0);
    const big = await app.inject({ method: 'POST', url: '/api/households/search', payload: { name: 'x'.repeat(3 * 1024 * 1024) }, headers });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers unknown endpoints with the error shape', async () => {
    const res = await call({ method: 'GET', url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});
