import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { engines, openTestRuntime, TEST_TODAY } from '../../../../test/support/db.js';
import type { Runtime } from '../../../platform/runtime.js';
import { checkCharacter } from '../domain/id-number.js';
import { generateDemo, toRegistryRows } from '../demo/demo-generator.js';
import { importRegistry, type ImportOptions } from './registry-import.js';

type Row = Record<string, string>;

function demoRows(households: number, seed = 7): Row[] {
  const rows: Row[] = [];
  for (const h of generateDemo({ households, seed, asOf: TEST_TODAY })) rows.push(...(toRegistryRows(h) as unknown as Row[]));
  return rows;
}

/** A fictitious valid ID number with the Nanguan district address code. */
function idFor(n: number, birth = '19700101'): string {
  const body = `220102${birth}${String(n).padStart(3, '0')}`;
  return body + checkCharacter(body);
}

function row(over: Partial<Row>): Row {
  return {
    household_code: 'T-1', region_code: '220102001001', hukou_type: 'urban', address: '华阳社区1号', id_number: idFor(11),
    name: '张三', relation: 'head', phone: '', disability_type: '', disability_grade: '', work_ability: 'full', health: 'healthy',
    categories: 'dibao', category_since: '2024-01-01', ...over,
  };
}

describe.each(engines)('registry import on %s', (engine) => {
  let rt: Runtime;
  const opts = (over: Partial<ImportOptions> = {}): ImportOptions => ({ actor: 'test:importer', vault: rt.vault, skipInvalid: false, today: TEST_TODAY, ...over });
  const run = (rows: Row[], over: Partial<ImportOptions> = {}) => importRegistry(rt.database, rows, opts(over));

  async function counts() {
    const { rows } = await sql<{ h: string; p: string; m: string; r: string }>`
      SELECT (SELECT count(*) FROM household) AS h, (SELECT count(*) FROM person) AS p,
             (SELECT count(*) FROM category_membership) AS m, (SELECT count(*) FROM registry_history) AS r`.execute(rt.database.db);
    return { households: Number(rows[0].h), persons: Number(rows[0].p), memberships: Number(rows[0].m), history: Number(rows[0].r) };
  }

  beforeEach(async () => {
    rt = await openTestRuntime(engine);
  });
  afterEach(async () => rt?.close());

  it('imports a good file: households, persons, memberships, history, batch and audit', async () => {
    const rows = demoRows(40);
    const households = new Set(rows.map((r) => r.household_code)).size;
    const memberships = rows.reduce((n, r) => n + (r.categories ? r.categories.split(';').length : 0), 0);
    const report = await run(rows, { fileName: 'good.csv' });
    expect(report).toMatchObject({
      status: 'committed', rows_total: rows.length, accepted: rows.length, rejected: 0, unchanged: 0, error_count: 0, errors: [],
      households_created: households, persons_created: rows.length, persons_updated: 0, memberships_created: memberships,
    });
    expect(await counts()).toEqual({ households, persons: rows.length, memberships, history: households + rows.length + memberships });
    const batch = await rt.database.db.selectFrom('import_batch').selectAll().where('id', '=', String(report.batch_id)).executeTakeFirstOrThrow();
    expect(batch).toMatchObject({ status: 'committed', file_name: 'good.csv', accepted: rows.length, rows_total: rows.length });
    const audit = await rt.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'registry.import').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'test:importer', subject: `import_batch:${report.batch_id}` });
    const history = await rt.database.db.selectFrom('registry_history').select('changes').where('batch_id', '=', String(report.batch_id)).execute();
    const text = JSON.stringify(history);
    for (const r of rows.slice(0, 20)) expect(text).not.toContain(r.id_number);
    const membership = await rt.database.db.selectFrom('category_membership').selectAll().limit(1).executeTakeFirstOrThrow();
    expect(membership).toMatchObject({ source: `import:${report.batch_id}`, decided_by: null, status: 'active', valid_to: null });
    const { rows: staging } = await sql<{ n: string }>`SELECT count(*) AS n FROM registry_import_staging`.execute(rt.database.db);
    expect(Number(staging[0].n)).toBe(0);
  });

  it('re-importing the same rows changes nothing and writes no history', async () => {
    const rows = demoRows(25);
    await run(rows);
    const before = await counts();
    const again = await run(rows);
    expect(again).toMatchObject({
      status: 'committed', accepted: 0, unchanged: rows.length, rejected: 0,
      households_created: 0, households_updated: 0, persons_created: 0, persons_updated: 0, memberships_created: 0,
    });
    expect(await counts()).toEqual(before);
  });

  it('counts a changed row as accepted, records before/after, and never clears a value with an empty cell', async () => {
    const rows = [row({ phone: '13912345678' }), row({ id_number: idFor(21, '19720101'), name: '李四', relation: 'spouse' })];
    await run(rows);
    const changed = [row({ phone: '', name: '张三丰', address: '' }), rows[1]];
    const report = await run(changed);
    expect(report).toMatchObject({ accepted: 1, unchanged: 1, persons_updated: 1, households_updated: 0 });
    const p = await rt.database.db.selectFrom('person').selectAll().where('id_number_hash', '=', rt.vault.hash(idFor(11))).executeTakeFirstOrThrow();
    expect(p).toMatchObject({ name: '张三丰', phone_masked: '139****5678' });
    expect(rt.vault.open(p.phone_sealed!)).toBe('13912345678');
    expect(rt.vault.open(p.id_number_sealed)).toBe(idFor(11));
    const h = await rt.database.db.selectFrom('registry_history').selectAll().where('batch_id', '=', String(report.batch_id)).execute();
    expect(h).toHaveLength(1);
    expect(h[0]).toMatchObject({ action: 'person.update', changes: { name: { from: '张三', to: '张三丰' } } });
  });

  it('a file with errors writes nothing; with skipInvalid the valid rows are written', async () => {
    const rows = demoRows(20);
    const bad = rows.findIndex((r, i) => i > 0 && r.relation !== 'head');
    rows[bad] = { ...rows[bad], id_number: rows[bad].id_number.slice(0, 17) + (rows[bad].id_number.endsWith('1') ? '2' : '1') };
    const refused = await run(rows);
    expect(refused).toMatchObject({ status: 'refused', accepted: 0, rejected: 1, error_count: 1 });
    expect(refused.errors[0]).toMatchObject({ row: bad + 2, column: 'id_number' });
    expect(refused.errors[0].value).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    expect(refused.errors[0].reason).toMatch(/校验码.* \/ .*check character/);
    expect(await counts()).toEqual({ households: 0, persons: 0, memberships: 0, history: 0 });
    const batch = await rt.database.db.selectFrom('import_batch').select(['status', 'rejected']).where('id', '=', String(refused.batch_id)).executeTakeFirstOrThrow();
    expect(batch).toEqual({ status: 'refused', rejected: 1 });

    const skipped = await run(rows, { skipInvalid: true });
    expect(skipped).toMatchObject({ status: 'committed', accepted: rows.length - 1, rejected: 1, persons_created: rows.length - 1 });
    expect((await counts()).persons).toBe(rows.length - 1);
  });

  it('refuses a person already in another household (a move is not an import)', async () => {
    await run([row({})]);
    const report = await run([row({ household_code: 'T-2', id_number: idFor(11) })]);
    expect(report.status).toBe('refused');
    expect(report.errors[0].reason).toContain('该人员已在户 T-1 中，迁移请使用迁户操作 / person already belongs to household T-1; use a move');
    expect(report.errors[0].value).not.toContain(idFor(11));
  });

  it('refuses an unknown region code and a region code that is not village level', async () => {
    const report = await run([row({ region_code: '220102999999' }), row({ household_code: 'T-2', id_number: idFor(31), region_code: '220102' })]);
    expect(report.status).toBe('refused');
    expect(report.errors.map((e) => [e.row, e.column])).toEqual([[2, 'region_code'], [3, 'region_code']]);
    expect(report.errors[0].reason).toMatch(/不存在/);
    expect(report.errors[1].reason).toMatch(/村（社区）级.*county/);
  });

  it('refuses the same ID number twice in the file, naming both rows', async () => {
    const report = await run([row({}), row({ relation: 'child', name: '张小三' })]);
    expect(report).toMatchObject({ status: 'refused', rejected: 2 });
    expect(report.errors.every((e) => e.column === 'id_number' && e.reason.includes('第 2、3 行'))).toBe(true);
  });

  it('refuses two heads or no head; with skipInvalid only that household is rejected', async () => {
    const rows = [
      row({}), row({ id_number: idFor(41), name: '王五', relation: 'head' }),
      row({ household_code: 'T-3', id_number: idFor(51), name: '赵六', relation: 'child' }),
      row({ household_code: 'T-4', id_number: idFor(61), name: '钱七' }),
    ];
    const report = await run(rows);
    expect(report.status).toBe('refused');
    expect(report.errors.map((e) => e.row)).toEqual([2, 3, 4]);
    expect(report.errors[0].reason).toContain('将有 2 名户主');
    expect(report.errors[2].reason).toContain('没有户主');
    const skipped = await run(rows, { skipInvalid: true });
    expect(skipped).toMatchObject({ status: 'committed', accepted: 1, rejected: 3, households_created: 1 });
    expect(await rt.database.db.selectFrom('household').select('code').execute()).toEqual([{ code: 'T-4' }]);
  });

  it('with skipInvalid, a household whose head row is rejected is rejected whole', async () => {
    const rows = [
      row({ phone: '123' }), row({ id_number: idFor(42), name: '王五', relation: 'spouse' }),
      row({ household_code: 'T-5', id_number: idFor(52), name: '赵六' }),
    ];
    const refused = await run(rows);
    expect(refused.errors.map((e) => [e.row, e.column])).toEqual([[2, 'phone']]); // no cascade without skipInvalid
    const report = await run(rows, { skipInvalid: true });
    expect(report).toMatchObject({ status: 'committed', accepted: 1, rejected: 2 });
    expect(report.errors.map((e) => [e.row, e.column])).toEqual([[2, 'phone'], [3, 'relation']]);
    expect(report.errors[1].reason).toContain('没有户主');
  });

  it('refuses a value under a column without a header', async () => {
    const report = await importRegistry(rt.database, [{ ...row({}), '': 'stray' }], opts({ headers: [...Object.keys(row({})), ''] }));
    expect(report.errors).toEqual([expect.objectContaining({ row: 2, column: '', value: 'stray' })]);
  });

  it('counts the registry head: a second head for an existing household is refused', async () => {
    await run([row({})]);
    const report = await run([row({ id_number: idFor(71), name: '孙八' })]);
    expect(report.errors[0].reason).toMatch(/登记库中已有户主.*a head already in the registry/);
  });

  it('refuses rows of a household that disagree on region, hukou or address; skipInvalid drops the whole household', async () => {
    const rows = [
      row({}), row({ id_number: idFor(81), relation: 'spouse', hukou_type: 'rural', address: '别处' }),
      row({ id_number: idFor(82), relation: 'child', hukou_type: 'rural', address: '' }),
      row({ household_code: 'T-6', id_number: idFor(83) }),
    ];
    const report = await run(rows);
    expect(report.status).toBe('refused');
    expect(new Set(report.errors.map((e) => e.column))).toEqual(new Set(['hukou_type', 'address']));
    expect(new Set(report.errors.map((e) => e.row))).toEqual(new Set([2, 3, 4]));
    const skipped = await run(rows, { skipInvalid: true });
    expect(skipped).toMatchObject({ accepted: 1, rejected: 3, households_created: 1 });
  });

  it('refuses a file with unknown or missing headers before reading rows', async () => {
    const report = await importRegistry(rt.database, [{ 户编号: 'T-1', 性别: '男' }], opts());
    expect(report).toMatchObject({ status: 'refused', rows_total: 0 });
    expect(report.errors.map((e) => e.row)).toEqual(Array(report.errors.length).fill(1));
    expect(report.errors.some((e) => e.reason.includes('无法识别的列「性别」'))).toBe(true);
    expect(report.errors.some((e) => e.reason.includes('missing required column id_number'))).toBe(true);
  });

  it('refuses a file with a header and no data rows', async () => {
    const report = await importRegistry(rt.database, [{}, {}], opts({ headers: Object.keys(row({})) }));
    expect(report).toMatchObject({ status: 'refused', rows_total: 0, error_count: 1 });
    expect(report.errors[0].reason).toContain('no data rows');
  });

  it('sends every error to onError in row order', async () => {
    const seen: number[] = [];
    const rows = [row({ name: '' }), row({ household_code: 'T-2', id_number: '123' }), row({ household_code: 'T-3', id_number: idFor(91), region_code: '1' })];
    const report = await run(rows, { onError: (e) => void seen.push(e.row) });
    expect(report.error_count).toBe(3);
    expect(seen).toEqual([2, 3, 4]);
  });
});
