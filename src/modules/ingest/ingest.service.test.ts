import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { engines, openTestRuntime } from '../../../test/support/db.js';
import { newHousehold, newIdNumber, newPerson } from '../../../test/support/factories.js';
import { MEDICAL_HEADER, medicalRow, tempDir, writeCsv } from '../../../test/support/dataset-files.js';
import { operatorActor, type Actor } from '../access/domain/actor.js';
import type { Permission } from '../access/domain/roles.js';
import type { Runtime } from '../../platform/runtime.js';

const op = operatorActor('test');
const provider = (department: string): Actor => ({ label: 'user:p', userId: '9', role: 'department_data_provider', regionCode: '22', department, permissions: new Set<Permission>(['dataset.upload']) });

describe.each(engines)('ingestion on %s', (engine) => {
  let rt: Runtime;
  let dir: string;
  const registered = newPerson({ id_number: newIdNumber('19600101'), relation: 'head' });
  const household = newHousehold({ members: [registered] });
  const rowsIn = async (table: string, batch: string) => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)} WHERE batch_id = ${batch}`.execute(rt.database.db)).rows[0].n);

  beforeAll(async () => {
    rt = await openTestRuntime(engine);
    dir = tempDir();
    await rt.services.households.create(household, { actor: op });
  });
  afterAll(async () => {
    await rt?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('loads a clean file, matches it to the registry and queues a monitoring run', async () => {
    const file = writeCsv(dir, 'clean.csv', MEDICAL_HEADER, [medicalRow(registered.id_number), medicalRow(newIdNumber(), { visit_type: '门诊', admission_date: '', discharge_date: '' }), medicalRow(newIdNumber())]);
    const r = await rt.services.ingest.ingest({ dataset: 'medical_settlement', file }, op);
    expect(r).toMatchObject({ status: 'committed', rows: 3, accepted: 3, rejected: 0, matched: 1, unmatched: 2, errors: [] });
    expect(await rowsIn('ds_medical_settlement', r.batch_id)).toBe(3);
    const stored = await sql<{ id_hash: string; id_masked: string; visit_type: string; oop_cost: string; settle_date: string }>`SELECT * FROM ds_medical_settlement WHERE batch_id = ${r.batch_id} ORDER BY row_no`.execute(rt.database.db);
    expect(stored.rows[0]).toMatchObject({ id_hash: rt.vault.hash(registered.id_number), visit_type: 'inpatient', settle_date: '2026-09-15' });
    expect(Number(stored.rows[0].oop_cost)).toBe(9000);
    expect(stored.rows[1].visit_type).toBe('outpatient');
    const job = await rt.database.db.selectFrom('job_outbox').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(job).toMatchObject({ kind: 'monitor.incremental', payload: { batch_id: r.batch_id, dataset: 'medical_settlement' } });
  });

  it('recognizes the same file sent twice and loads it once', async () => {
    const file = writeCsv(dir, 'twice.csv', MEDICAL_HEADER, [medicalRow(newIdNumber())]);
    const first = await rt.services.ingest.ingest({ dataset: 'medical_settlement', file }, op);
    const second = await rt.services.ingest.ingest({ dataset: 'medical_settlement', file }, op);
    expect(second).toMatchObject({ status: 'duplicate', accepted: 0, duplicate_of: first.batch_id });
  });

  it('changes nothing when a row is invalid, and reports every bad row', async () => {
    const wrongCheck = (() => { const id = newIdNumber(); return id.slice(0, 17) + (id[17] === '0' ? '1' : '0'); })();
    const file = writeCsv(dir, 'bad.csv', MEDICAL_HEADER, [
      medicalRow(newIdNumber()),
      medicalRow(wrongCheck),
      medicalRow(newIdNumber(), { settle_date: '2024-02-30' }),
      medicalRow(newIdNumber(), { oop_cost: -5 }),
      medicalRow('2.20102E+17'),
      medicalRow(newIdNumber(), { visit_type: '急诊' }),
      medicalRow(newIdNumber(), { oop_cost: '' }),
    ]);
    const before = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ds_medical_settlement`.execute(rt.database.db)).rows[0].n);
    const r = await rt.services.ingest.ingest({ dataset: 'medical_settlement', file }, op);
    expect(r).toMatchObject({ status: 'rejected', rows: 7, accepted: 0, errors_total: 6 });
    expect(r.errors.map((e) => [e.row, e.field])).toEqual([[3, 'id_number'], [4, 'settle_date'], [5, 'oop_cost'], [6, 'id_number'], [7, 'visit_type'], [8, 'oop_cost']]);
    expect(r.errors[0].reason).toMatch(/校验码.*check/);
    expect(r.errors[0].value).toMatch(/^\d{6}\*+/);
    expect(r.errors[1].reason).toMatch(/不是有效日期.*not a valid date/);
    expect(r.errors[2].reason).toMatch(/不能为负数.*must not be negative/);
    expect(r.errors[3].reason).toMatch(/科学计数法.*scientific notation/);
    expect(r.errors[5].reason).toMatch(/必填.*required/);
    const after = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ds_medical_settlement`.execute(rt.database.db)).rows[0].n);
    expect(after).toBe(before);
    const batch = await rt.database.db.selectFrom('ingest_batch').selectAll().where('id', '=', r.batch_id).executeTakeFirstOrThrow();
    expect(batch).toMatchObject({ status: 'rejected', rows_total: 7, errors_total: 6 });
    expect(await rt.database.db.selectFrom('ingest_error').select('row_no').where('batch_id', '=', r.batch_id).execute()).toHaveLength(6);
  });

  it('keeps the valid rows with skipInvalid and reports the rest', async () => {
    const file = writeCsv(dir, 'skip.csv', MEDICAL_HEADER, [medicalRow(newIdNumber()), medicalRow(newIdNumber(), { oop_cost: 'abc' }), medicalRow(newIdNumber())]);
    const r = await rt.services.ingest.ingest({ dataset: 'medical_settlement', file, skipInvalid: true }, op);
    expect(r).toMatchObject({ status: 'committed', rows: 3, accepted: 2, rejected: 1, errors_total: 1 });
    expect(await rowsIn('ds_medical_settlement', r.batch_id)).toBe(2);
  });

  it('reads GBK with Chinese headers and values, a BOM, blank lines and quoted newlines', async () => {
    const text = ['身份证号,结算日期,就诊类型,个人自付费用,医疗机构编码', `${newIdNumber()},2026/09/01,住院,"1,200.50","H1\n分院"`, '', `${newIdNumber()},2026-09-02,门诊,80,H2`, ''].join('\r\n');
    const gbk = path.join(dir, 'gbk.csv');
    fs.writeFileSync(gbk, iconv.encode(text, 'gbk'));
    const r = await rt.services.ingest.ingest({ dataset: 'medical_settlement', file: gbk }, op);
    expect(r).toMatchObject({ status: 'committed', rows: 2, accepted: 2 });
    const stored = await sql<{ oop_cost: string; hospital_code: string; visit_type: string }>`SELECT oop_cost, hospital_code, visit_type FROM ds_medical_settlement WHERE batch_id = ${r.batch_id} ORDER BY row_no`.execute(rt.database.db);
    expect(stored.rows.map((x) => [Number(x.oop_cost), x.hospital_code, x.visit_type])).toEqual([[1200.5, 'H1\n分院', 'inpatient'], [80, 'H2', 'outpatient']]);
    const bom = writeCsv(dir, 'bom.csv', MEDICAL_HEADER, [medicalRow(newIdNumber())], { bom: true });
    expect((await rt.services.ingest.ingest({ dataset: 'medical_settlement', file: bom }, op)).status).toBe('committed');
  });

  it('reads JSON Lines, and refuses a truncated one without writing anything', async () => {
    const a = newIdNumber();
    const good = path.join(dir, 'feed.jsonl');
    fs.writeFileSync(good, [JSON.stringify({ id_number: a, death_date: '2026-10-01' }), '', JSON.stringify({ id_number: newIdNumber(), death_date: '2026/10/02' })].join('\n') + '\n');
    const r = await rt.services.ingest.ingest({ dataset: 'death_record', file: good }, op);
    expect(r).toMatchObject({ status: 'committed', rows: 2, accepted: 2 });
    const cut = path.join(dir, 'cut.jsonl');
    fs.writeFileSync(cut, JSON.stringify({ id_number: newIdNumber(), death_date: '2026-10-01' }) + '\n{"id_number": "2201');
    await expect(rt.services.ingest.ingest({ dataset: 'death_record', file: cut }, op)).rejects.toThrow(/第 2 行不是有效的 JSON.*truncated/);
  });

  it('refuses a truncated CSV (an unclosed quote) and writes nothing', async () => {
    const file = path.join(dir, 'cut.csv');
    fs.writeFileSync(file, `${MEDICAL_HEADER.join(',')}\n${medicalRow(newIdNumber()).join(',')}\n${newIdNumber()},2026-09-01,inpatient,,,100,50,50,"H1`);
    const before = await rt.database.db.selectFrom('ingest_batch').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    await expect(rt.services.ingest.ingest({ dataset: 'medical_settlement', file }, op)).rejects.toThrow(/引号没有闭合.*never closed/);
    const after = await rt.database.db.selectFrom('ingest_batch').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it.each([
    ['an unknown dataset', { dataset: 'medical_bills' }, /未知的数据集「medical_bills」.*unknown dataset/],
  ])('refuses %s with a clear message', async (_l, over, message) => {
    const file = writeCsv(dir, 'x.csv', MEDICAL_HEADER, [medicalRow(newIdNumber())]);
    await expect(rt.services.ingest.ingest(Object.assign({ dataset: 'medical_settlement', file }, over), op)).rejects.toThrow(message);
  });

  it('refuses a file whose headers do not fit, naming what is missing and unknown', async () => {
    const file = writeCsv(dir, 'headers.csv', ['身份证号', '结算日期', '自付'], [[newIdNumber(), '2026-09-01', 10]]);
    const err = await rt.services.ingest.ingest({ dataset: 'medical_settlement', file }, op).catch((e: Error) => e);
    expect(String(err)).toMatch(/缺少必填列：oop_cost（个人自付费用）.*无法识别的列：自付/);
  });

  it('lets a department send only its own datasets', async () => {
    const file = writeCsv(dir, 'dept.csv', MEDICAL_HEADER, [medicalRow(newIdNumber())]);
    await expect(rt.services.ingest.ingest({ dataset: 'medical_settlement', file }, provider('教育厅'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const r = await rt.services.ingest.ingest({ dataset: 'medical_settlement', file }, provider('医保局'));
    expect(r.status).toBe('committed');
  });

  it('supersedes a batch with a corrected file', async () => {
    const first = await rt.services.ingest.ingest({ dataset: 'medical_settlement', file: writeCsv(dir, 'v1.csv', MEDICAL_HEADER, [medicalRow(newIdNumber()), medicalRow(newIdNumber())]) }, op);
    const second = await rt.services.ingest.ingest({ dataset: 'medical_settlement', file: writeCsv(dir, 'v2.csv', MEDICAL_HEADER, [medicalRow(newIdNumber())]), supersede: first.batch_id }, op);
    expect(second).toMatchObject({ status: 'committed', supersedes: first.batch_id });
    expect(await rowsIn('ds_medical_settlement', first.batch_id)).toBe(0);
    const old = await rt.database.db.selectFrom('ingest_batch').selectAll().where('id', '=', first.batch_id).executeTakeFirstOrThrow();
    expect(old).toMatchObject({ status: 'superseded', superseded_by: second.batch_id });
    await expect(rt.services.ingest.ingest({ dataset: 'medical_settlement', file: writeCsv(dir, 'v3.csv', MEDICAL_HEADER, [medicalRow(newIdNumber())]), supersede: first.batch_id }, op)).rejects.toMatchObject({ details: { field: 'supersede' } });
  });

  it('opens and ends the anti_return_poverty membership from monitoring data', async () => {
    const header = ['id_number', 'kind', 'since', 'status'];
    const opened = await rt.services.ingest.ingest({ dataset: 'anti_poverty_monitoring', file: writeCsv(dir, 'apm1.csv', header, [[registered.id_number, 'edge', '2026-06-01', 'active'], [newIdNumber(), 'sudden', '2026-07-01', 'active']]) }, op);
    expect(opened).toMatchObject({ status: 'committed', matched: 1 });
    const d = await rt.services.householdReads.get(household.code, op);
    const m = d.members[0].categories.find((c) => c.category === 'anti_return_poverty');
    expect(m).toMatchObject({ status: 'active', valid_from: '2026-06-01', valid_to: null, source: `ingest:${opened.batch_id}` });
    await rt.services.ingest.ingest({ dataset: 'anti_poverty_monitoring', file: writeCsv(dir, 'apm2.csv', header, [[registered.id_number, 'edge', '2026-10-01', 'ended']]) }, op);
    const after = (await rt.services.householdReads.get(household.code, op)).members[0].categories.find((c) => c.category === 'anti_return_poverty');
    expect(after).toMatchObject({ status: 'ended', valid_to: '2026-10-01' });
  });

  it('writes the same rows whether the file is checked on worker threads or inline', async () => {
    const rows = Array.from({ length: 6000 }, (_, i) => medicalRow(i % 3 === 0 ? registered.id_number : newIdNumber(), { hospital_code: i % 7 === 0 ? 'H,"引号"\n分院' : `H${i}`, oop_cost: (i % 1000) + 0.5 }));
    rows.splice(2500, 0, ['', '', '', '', '', '', '', '', '', '']);
    const fileA = writeCsv(dir, 'inline.csv', MEDICAL_HEADER, rows, { eol: '\r\n' });
    const fileB = path.join(dir, 'workers.csv');
    fs.writeFileSync(fileB, fs.readFileSync(fileA, 'utf8') + '\r\n');
    const inline = await rt.services.ingest.ingest({ dataset: 'medical_settlement', file: fileA }, op);
    process.env.SAFETYNET_INGEST_WORKERS_FROM_BYTES = '1';
    try {
      const workers = await rt.services.ingest.ingest({ dataset: 'medical_settlement', file: fileB }, op);
      expect(workers).toMatchObject({ status: 'committed', rows: 6000, accepted: 6000, matched: inline.matched });
    } finally {
      delete process.env.SAFETYNET_INGEST_WORKERS_FROM_BYTES;
    }
    const dump = async (batch: string) =>
      (await sql<Record<string, unknown>>`SELECT row_no, id_hash, id_masked, settle_date, visit_type, oop_cost::text AS oop, hospital_code FROM ds_medical_settlement WHERE batch_id = ${batch} ORDER BY row_no`.execute(rt.database.db)).rows;
    const b = await rt.database.db.selectFrom('ingest_batch').select('id').where('file_name', '=', 'workers.csv').executeTakeFirstOrThrow();
    const a = await dump(inline.batch_id);
    expect(a).toHaveLength(6000);
    expect(await dump(b.id)).toEqual(a);
    expect(a.filter((r) => r.hospital_code === 'H,"引号"\n分院')).toHaveLength(858);
    expect(a.some((r) => r.row_no === 2502)).toBe(false); // the blank line
  });

  it('leaves no partial batch when the load fails midway', async () => {
    const rows = Array.from({ length: 3000 }, () => medicalRow(newIdNumber()));
    const file = writeCsv(dir, 'crash.csv', MEDICAL_HEADER, rows);
    const before = await rt.database.db.selectFrom('ingest_batch').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    // The database refuses a row midway (a check added for this test stands in for a crash).
    await sql`ALTER TABLE ds_medical_settlement ADD CONSTRAINT crash_test CHECK (row_no <> 2500) NOT VALID`.execute(rt.database.db);
    await expect(rt.services.ingest.ingest({ dataset: 'medical_settlement', file }, op)).rejects.toThrow();
    await sql`ALTER TABLE ds_medical_settlement DROP CONSTRAINT crash_test`.execute(rt.database.db);
    const after = await rt.database.db.selectFrom('ingest_batch').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    const again = await rt.services.ingest.ingest({ dataset: 'medical_settlement', file }, op);
    expect(again).toMatchObject({ status: 'committed', accepted: 3000 });
  });
});
