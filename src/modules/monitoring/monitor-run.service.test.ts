import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { engines, openTestRuntime, TEST_TODAY } from '../../../test/support/db.js';
import { newHousehold, newIdNumber, newPerson } from '../../../test/support/factories.js';
import { MEDICAL_HEADER, medicalRow, tempDir, writeCsv } from '../../../test/support/dataset-files.js';
import { operatorActor } from '../access/domain/actor.js';
import type { Runtime } from '../../platform/runtime.js';

const op = operatorActor('test');

describe.each(engines)('monitoring runs on %s', (engine) => {
  let rt: Runtime;
  let dir: string;
  // A dibao household: the head paid ¥6,000 out of pocket this year (≥ ¥5,000 for dibao).
  const dibaoHead = newPerson({ id_number: newIdNumber('19700101'), relation: 'head', categories: [{ category: 'dibao', since: '2023-05-01' }] });
  const dibaoSpouse = newPerson({ id_number: newIdNumber('19720101', 'female'), name: '李秀兰', relation: 'spouse', categories: [{ category: 'dibao', since: '2023-05-01' }] });
  const dibao = newHousehold({ members: [dibaoHead, dibaoSpouse] });
  // A registered person with no category: ¥6,000 is below everyone else's ¥15,000.
  const plain = newPerson({ id_number: newIdNumber('19800101'), relation: 'head', categories: [] });
  const plainHousehold = newHousehold({ members: [plain] });
  // Someone not in the registry, from Jilin City (220202): ¥16,000 → a lead for that county.
  const stranger = newIdNumber('19900101', 'male', '220202');

  const alerts = async (indicator?: string) =>
    (await rt.services.alerts.list({ indicator, limit: 500 }, op)).alerts;

  beforeAll(async () => {
    rt = await openTestRuntime(engine);
    dir = tempDir('sn-monitor-');
    await rt.services.households.create(dibao, { actor: op });
    await rt.services.households.create(plainHousehold, { actor: op });
  });
  afterAll(async () => {
    await rt?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('raises nothing over a database without departmental data', async () => {
    const r = await rt.services.monitorRuns.run(op, { on: TEST_TODAY });
    expect(r.alerts_created).toBe(0);
    expect(Object.keys(r.by_indicator)).toContain('medical_oop_annual');
    expect(Object.values(r.by_indicator).every((n) => n === 0)).toBe(true);
  });

  it('raises status-dependent medical alerts with their evidence, routed by region', async () => {
    const file = writeCsv(dir, 'med.csv', MEDICAL_HEADER, [
      medicalRow(dibaoHead.id_number, { oop_cost: 3500, settle_date: '2026-03-10' }),
      medicalRow(dibaoHead.id_number, { oop_cost: 2500, settle_date: '2026-08-10', visit_type: 'outpatient', admission_date: '', discharge_date: '' }),
      medicalRow(dibaoHead.id_number, { oop_cost: 99999, settle_date: '2025-06-01' }), // outside 12 months
      medicalRow(plain.id_number, { oop_cost: 6000 }),
      medicalRow(stranger, { oop_cost: 16000 }),
    ]);
    const batch = await rt.services.ingest.ingest({ dataset: 'medical_settlement', file }, op);
    expect(batch.status).toBe('committed');
    const r = await rt.services.monitorRuns.run(op, { on: TEST_TODAY });
    expect(r.by_indicator.medical_oop_annual).toBe(2);
    const annual = await alerts('medical_oop_annual');
    const head = annual.find((a) => a.household_code === dibao.code)!;
    expect(head).toMatchObject({ level: 'orange', status: 'open', person: { name: dibaoHead.name }, region_code: dibao.region_code, lead: false });
    expect(head.person!.id_number_masked).not.toContain(dibaoHead.id_number.slice(6, 14));
    // Every leaf is reported: the dibao branch (¥6,000 ≥ ¥5,000) is the one that holds.
    expect(head.evidence.find((e) => e.fact === 'categories' && e.threshold === 'dibao')!.passed).toBe(true);
    const oop = head.evidence.find((e) => e.fact === 'oop' && Number(e.threshold) === 5000)!;
    expect(oop).toMatchObject({ passed: true, zh: '近12个月个人自付医疗费用' });
    expect(Number(oop.value)).toBe(6000);
    expect(oop.source).toMatchObject({ dataset: 'medical_settlement', rows: 2, batches: [batch.batch_id], months: 12, to: TEST_TODAY });
    const lead = annual.find((a) => a.lead)!;
    expect(lead).toMatchObject({ person: null, household_code: null, region_code: '220202' });
    expect(lead.id_masked).toMatch(/^220202\*+\d{3}[\dX]$/);
    // Deadlines count working days: orange is 7 working days after Sunday 2026-11-01.
    expect(head.deadline).toBe('2026-11-10');
    // The single inpatient stay of ¥6,000 is not above ¥6,000; the stranger's ¥16,000 is above ¥10,000.
    expect((await alerts('hospital_stay_oop')).map((a) => a.lead)).toEqual([true]);
  });

  it('is idempotent: the same date again raises nothing new', async () => {
    const before = (await alerts()).length;
    const r = await rt.services.monitorRuns.run(op, { on: TEST_TODAY });
    expect(r.alerts_created).toBe(0);
    expect((await alerts()).length).toBe(before);
  });

  it('suppresses a second alert within the window, and raises again after it', async () => {
    const within = await rt.services.monitorRuns.run(op, { on: '2026-11-20' });
    expect(within.by_indicator.medical_oop_annual).toBe(0);
    const after = await rt.services.monitorRuns.run(op, { on: '2027-02-15' });
    // 90 days later the dibao head's March costs are still within 12 months: ¥6,000 again.
    expect(after.by_indicator.medical_oop_annual).toBeGreaterThanOrEqual(1);
  });

  it('runs incrementally over the people of one batch', async () => {
    const person = newPerson({ id_number: newIdNumber('19650101'), relation: 'head', categories: [{ category: 'tekun', since: '2020-01-01' }] });
    const household = newHousehold({ members: [person] });
    await rt.services.households.create(household, { actor: op });
    const file = writeCsv(dir, 'med2.csv', MEDICAL_HEADER, [medicalRow(person.id_number, { oop_cost: 1200 })]);
    const batch = await rt.services.ingest.ingest({ dataset: 'medical_settlement', file }, op);
    const r = await rt.services.monitorRuns.incremental(batch.batch_id, 'medical_settlement', 'system:test', { on: TEST_TODAY });
    expect(r.kind).toBe('incremental');
    expect(r.subjects).toBe(1);
    expect(r.by_indicator.medical_oop_annual).toBe(1);
    const mine = (await rt.services.alerts.list({ household: household.code }, op)).alerts;
    expect(mine.map((a) => a.indicator)).toEqual(['medical_oop_annual']);
  });

  it('raises reverse checks for recipients and household alerts for a member who died', async () => {
    const death = writeCsv(dir, 'death.csv', ['id_number', 'death_date'], [[dibaoSpouse.id_number, '2026-10-03']]);
    const cars = writeCsv(dir, 'cars.csv', ['id_number', 'reg_date', 'vehicle_type', 'purchase_price', 'status'], [[dibaoHead.id_number, '2026-09-01', '小型轿车', 85000, 'normal'], [plain.id_number, '2026-09-01', '小型轿车', 85000, 'normal']]);
    await rt.services.ingest.ingest({ dataset: 'death_record', file: death }, op);
    await rt.services.ingest.ingest({ dataset: 'vehicle_reg', file: cars }, op);
    const r = await rt.services.monitorRuns.run(op, { on: TEST_TODAY });
    expect(r.by_indicator).toMatchObject({ recipient_death: 1, member_death: 1, asset_vehicle_new: 1 });
    const member = (await alerts('member_death'))[0];
    expect(member).toMatchObject({ household_code: dibao.code, person: { name: dibaoHead.name }, level: 'orange' });
    expect(member.evidence[0].source).toMatchObject({ dataset: 'death_record', rows: 1 });
    const car = (await alerts('asset_vehicle_new'))[0];
    expect(car).toMatchObject({ household_code: dibao.code, action: 'eligibility_review', level: 'yellow' });
  });

  it('raises a hardship alert one level for someone who left dibao within the monitoring period', async () => {
    const left = newPerson({ id_number: newIdNumber('19750101'), relation: 'head', categories: [] });
    const household = newHousehold({ members: [left] });
    await rt.services.households.create(household, { actor: op });
    const p = await rt.database.db.selectFrom('person').select('id').where('id_number_hash', '=', rt.vault.hash(left.id_number)).executeTakeFirstOrThrow();
    await rt.database.db.insertInto('category_membership').values({ person_id: p.id, category: 'dibao', status: 'ended', valid_from: '2022-01-01', valid_to: '2026-01-31', source: 'test' }).execute();
    const file = writeCsv(dir, 'disaster.csv', ['id_number', 'event_date', 'disaster_type', 'loss_level', 'house_damaged'], [[left.id_number, '2026-08-01', 'flood', 'major', 'true']]);
    const ill = writeCsv(dir, 'ill.csv', ['id_number', 'diagnosis_date', 'disease_code', 'disease_name'], [[left.id_number, '2026-07-01', 'C34', '肺癌']]);
    await rt.services.ingest.ingest({ dataset: 'disaster_victim', file }, op);
    await rt.services.ingest.ingest({ dataset: 'serious_illness', file: ill }, op);
    await rt.services.monitorRuns.run(op, { on: TEST_TODAY });
    const mine = (await rt.services.alerts.list({ household: household.code }, op)).alerts;
    const illness = mine.find((a) => a.indicator === 'serious_illness_new')!;
    expect(illness.level).toBe('red'); // orange raised one level
    expect(illness.evidence.find((e) => e.modifier)).toMatchObject({ passed: true, modifier: { code: 'post_exit_hardship', raise: 1 } });
    expect(mine.find((a) => a.indicator === 'disaster_victim')!.level).toBe('red'); // already red
  });

  it('routes alerts to the region: an officer elsewhere sees none of them', async () => {
    const elsewhere = { ...op, label: 'user:x', regionCode: '220581' };
    expect((await rt.services.alerts.list({}, elsewhere)).total).toBe(0);
    const one = (await alerts('medical_oop_annual'))[0];
    await expect(rt.services.alerts.get(one.id, elsewhere)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('records each read of an alert in the audit log, without names or ID numbers', async () => {
    const one = (await alerts('medical_oop_annual')).find((a) => !a.lead)!;
    await rt.services.alerts.get(one.id, op);
    const entry = await rt.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'alert.read').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(entry.subject).toBe(`alert:${one.id}`);
    expect(JSON.stringify(entry.detail)).not.toContain(dibaoHead.name);
  });

  it('moves an alert through verifying to closed with an outcome', async () => {
    const one = (await alerts('medical_oop_annual'))[0];
    await expect(rt.services.alerts.setStatus(one.id, { status: 'closed' }, op)).rejects.toMatchObject({ code: 'VALIDATION' });
    expect((await rt.services.alerts.setStatus(one.id, { status: 'verifying' }, op)).status).toBe('verifying');
    const closed = await rt.services.alerts.setStatus(one.id, { status: 'closed', outcome: 'need_confirmed', note: '已入户' }, op);
    expect(closed).toMatchObject({ status: 'closed', outcome: 'need_confirmed' });
    const s = await rt.services.alerts.summary(op);
    expect(s.closed).toBeGreaterThanOrEqual(1);
    expect(s.by_region.find((x) => x.region_code === '2201')!.total).toBeGreaterThan(0);
  });

  it('keeps the run record with its parameters and counts', async () => {
    const runs = await rt.services.monitorRuns.list(op);
    expect(runs[0]).toMatchObject({ status: 'finished' });
    const stored = await sql<{ parameters: Record<string, unknown> }>`SELECT parameters FROM monitor_run ORDER BY id LIMIT 1`.execute(rt.database.db);
    expect(stored.rows[0].parameters['monitor.medical_oop.dibao']).toBe(5000);
  });
});
