/** Department uploads over HTTP: the file as the body, the report back, errors as a download. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { engines, openTestRuntime } from '../support/db.js';
import { newIdNumber } from '../support/factories.js';
import { MEDICAL_HEADER, medicalRow } from '../support/dataset-files.js';
import { buildApp } from '../../src/api/app.js';
import { signIn } from '../support/http.js';
import type { Runtime } from '../../src/platform/runtime.js';

const csv = (rows: (string | number)[][]) => [MEDICAL_HEADER, ...rows].map((r) => r.join(',')).join('\n') + '\n';

describe.each(engines)('department uploads on %s', (engine) => {
  let rt: Runtime;
  let app: FastifyInstance;
  let medical: Record<string, string>;
  let education: Record<string, string>;
  let officer: Record<string, string>;

  beforeAll(async () => {
    rt = await openTestRuntime(engine);
    app = await buildApp(rt);
    medical = (await signIn(app, rt, 'department_data_provider', '22', '医保局')).headers;
    education = (await signIn(app, rt, 'department_data_provider', '22', '教育厅')).headers;
    officer = (await signIn(app, rt, 'civil_affairs_officer', '2201')).headers;
  });
  afterAll(async () => {
    await app?.close();
    await rt?.close();
  });

  const upload = (headers: Record<string, string>, body: string, query = '', dataset = 'medical_settlement') =>
    app.inject({ method: 'POST', url: `/api/ingest/${dataset}${query}`, headers: { ...headers, 'content-type': 'text/csv', 'x-file-name': encodeURIComponent('9月结算.csv') }, payload: body });

  it('loads an uploaded file and answers with the report; the same file again is recognized', async () => {
    const body = csv([medicalRow(newIdNumber()), medicalRow(newIdNumber())]);
    const res = await upload(medical, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'committed', rows: 2, accepted: 2, dataset: 'medical_settlement' });
    const again = await upload(medical, body);
    expect(again.json()).toMatchObject({ status: 'duplicate', accepted: 0, duplicate_of: res.json().batch_id });
    const batch = (await app.inject({ method: 'GET', url: `/api/ingest/batches/${res.json().batch_id}`, headers: medical })).json();
    expect(batch).toMatchObject({ file_name: '9月结算.csv', status: 'committed', department: '医保局' });
  });

  it('refuses a file with bad rows (422) and serves the error report', async () => {
    const res = await upload(medical, csv([medicalRow(newIdNumber()), medicalRow(newIdNumber(), { settle_date: '2024-02-30' })]));
    expect(res.statusCode).toBe(422);
    const report = res.json().error.details;
    expect(report).toMatchObject({ status: 'rejected', errors_total: 1 });
    const file = await app.inject({ method: 'GET', url: `/api/ingest/batches/${report.batch_id}/errors.csv`, headers: officer });
    expect(file.headers['content-type']).toMatch(/text\/csv/);
    expect(file.body).toContain('3,settle_date,2024-02-30,"不是有效日期');
  });

  it('follows an asynchronous upload to its report', async () => {
    const res = await upload(medical, csv([medicalRow(newIdNumber())]), '?async=true');
    expect(res.statusCode).toBe(202);
    const id = res.json().upload_id;
    let job = (await app.inject({ method: 'GET', url: `/api/ingest/uploads/${id}`, headers: medical })).json();
    for (let i = 0; i < 100 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = (await app.inject({ method: 'GET', url: `/api/ingest/uploads/${id}`, headers: medical })).json();
    }
    expect(job).toMatchObject({ status: 'done', report: { status: 'committed', accepted: 1 }, file_name: '9月结算.csv' });
    expect((await app.inject({ method: 'GET', url: `/api/ingest/uploads/${id}`, headers: education })).statusCode).toBe(404);
  });

  it('refuses a user whose department is not in the catalog', async () => {
    const { operatorActor } = await import('../../src/modules/access/domain/actor.js');
    await expect(rt.services.users.add({ username: 'typo_dept', password: 'Another-Passw0rd', role: 'department_data_provider', region: '22', department: '医疗局' }, operatorActor('test')))
      .rejects.toMatchObject({ code: 'VALIDATION', details: { field: 'department' } });
  });

  it('lets a department upload only its own datasets, and see only its own batches', async () => {
    const res = await upload(education, csv([medicalRow(newIdNumber())]));
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toMatch(/医保局.*cannot upload/);
    const theirs = (await app.inject({ method: 'GET', url: '/api/ingest/batches', headers: education })).json().items;
    expect(theirs).toEqual([]);
    const all = (await app.inject({ method: 'GET', url: '/api/ingest/batches', headers: officer })).json().items;
    expect(all.length).toBeGreaterThan(0);
  });

  it('shows a household the facts matched to its members, hiding diagnoses from readers without pii.reveal', async () => {
    const { newHousehold, newPerson } = await import('../support/factories.js');
    const { operatorActor } = await import('../../src/modules/access/domain/actor.js');
    const member = newPerson({ id_number: newIdNumber('19620303'), relation: 'head' });
    const h = newHousehold({ members: [member] });
    await rt.services.households.create(h, { actor: operatorActor('test') });
    await upload(medical, csv([medicalRow(member.id_number, { oop_cost: 12000, diagnosis_code: 'C34.9' }), medicalRow(newIdNumber())]));
    const village = (await signIn(app, rt, 'village_worker', '220102001001')).headers;
    const facts = (await app.inject({ method: 'GET', url: `/api/households/${h.code}/facts`, headers: village })).json();
    const medicalFacts = facts.datasets.find((d: { code: string }) => d.code === 'medical_settlement');
    expect(medicalFacts.rows).toHaveLength(1);
    expect(medicalFacts.rows[0]).toMatchObject({ id_number_masked: expect.stringMatching(/^\d{6}\*+/), values: { oop_cost: '12000.00', diagnosis_code: null, visit_type: 'inpatient' } });
    expect(JSON.stringify(facts)).not.toContain(member.id_number);
    const township = (await signIn(app, rt, 'township_officer', '220102001')).headers;
    const revealed = (await app.inject({ method: 'GET', url: `/api/households/${h.code}/facts`, headers: township })).json();
    expect(revealed.datasets.find((d: { code: string }) => d.code === 'medical_settlement').rows[0].values.diagnosis_code).toBe('C34.9');
  });

  it('names an unknown dataset and refuses an empty body', async () => {
    const unknown = await upload(medical, csv([medicalRow(newIdNumber())]), '', 'medical_bills');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toMatch(/未知的数据集「medical_bills」/);
    const empty = await upload(medical, '');
    expect(empty.statusCode).toBe(400);
  });

  it('serves the catalog to anyone signed in, and lets only catalog.manage change it', async () => {
    const cat = (await app.inject({ method: 'GET', url: '/api/catalog', headers: education })).json();
    expect(cat.datasets.map((d: { code: string }) => d.code)).toEqual(expect.arrayContaining(['medical_settlement', 'death_record', 'utility_usage', 'household_economy']));
    const def = (await app.inject({ method: 'GET', url: '/api/catalog/datasets/death_record', headers: officer })).json();
    expect(def).toMatchObject({ code: 'death_record', department: 'public_security', event_field: 'death_date', version: 1 });
    const change = { ...def, fields: [...def.fields, { code: 'place', zh: '死亡地点', en: 'Place of death', type: 'text', required: false, pii: 'sensitive' }] };
    expect((await app.inject({ method: 'PUT', url: '/api/catalog/datasets/death_record', headers: officer, payload: change })).statusCode).toBe(403);
    const admin = (await signIn(app, rt, 'province_admin', '22')).headers;
    const saved = await app.inject({ method: 'PUT', url: '/api/catalog/datasets/death_record', headers: admin, payload: change });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ version: 2 });
    const badType = { ...change, fields: change.fields.map((f: { code: string }) => (f.code === 'death_date' ? { ...f, type: 'text' } : f)) };
    const refused = await app.inject({ method: 'PUT', url: '/api/catalog/datasets/death_record', headers: admin, payload: badType });
    expect(refused.statusCode).toBe(400);
  });
});
