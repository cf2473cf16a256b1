/**
 * Migrated recipients on a real database: a clean file creates fixed-amount entitlements that
 * the next roll pays; a file with bad rows writes nothing and names every row; GBK CSV and XLSX
 * read like UTF-8; an account number failing its check digit is an error shown masked; no full
 * ID or account number in any result.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestRuntime } from '../../../test/support/db.js';
import { actorFor } from '../../../test/support/cases.js';
import { newHousehold, newIdNumber, newPerson } from '../../../test/support/factories.js';
import { operatorActor } from '../access/domain/actor.js';
import { manualClock } from '../../platform/clock.js';
import type { Runtime } from '../../platform/runtime.js';
import { isRefused, parseAmountFen, type EntitlementImportResult, type EntitlementImportRefused } from './entitlement-import.js';
import { withLuhnDigit } from './domain/account.js';

const op = operatorActor('test');
const clerk = actorFor('civil_affairs_officer', '220102', 'user:clerk');
const HEADER = ['household_code', 'id_number', 'program', 'monthly_amount', 'start_month', 'account_number'];

/** A 19-digit card number passing Luhn, from an 18-digit body. */
const card = withLuhnDigit;

const csv = (rows: string[][], header = HEADER) => [header, ...rows].map((r) => r.join(',')).join('\r\n') + '\r\n';

function refused(r: EntitlementImportResult): EntitlementImportRefused {
  if (!isRefused(r)) throw new Error(`expected a refusal: ${JSON.stringify(r)}`);
  return r;
}

describe('parseAmountFen', () => {
  it('reads yuan with up to 2 decimals as whole fen, and refuses the rest', () => {
    expect(parseAmountFen('1170.5')).toEqual({ fen: 117050 });
    expect(parseAmountFen('0.01')).toEqual({ fen: 1 });
    expect(parseAmountFen('835.90')).toEqual({ fen: 83590 });
    expect(parseAmountFen('600')).toEqual({ fen: 60000 });
    for (const bad of ['0', '0.00', '1.234', '-5', '¥600', '1,170.00', 'abc', '100000']) expect('fen' in parseAmountFen(bad)).toBe(false);
  });
});

describe.each(engines)('import entitlements on %s', (engine) => {
  let rt: Runtime;
  const clock = manualClock('2026-05-20T09:00:00+08:00');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ent-import-'));
  const write = (name: string, content: string | Buffer) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, content);
    return f;
  };
  // a 低保 family, a 特困 elder, and a family for the GBK/XLSX files
  const headId = newIdNumber('19700315');
  const spouseId = newIdNumber('19720401', 'female');
  const family = newHousehold({ members: [newPerson({ id_number: headId, name: '刘长海', relation: 'head' }), newPerson({ id_number: spouseId, name: '陈桂芝', relation: 'spouse' })] });
  const elderId = newIdNumber('19420210');
  const elder = newHousehold({ members: [newPerson({ id_number: elderId, name: '孙玉兰', relation: 'head', work_ability: 'none' })] });
  const thirdId = newIdNumber('19650808');
  const third = newHousehold({ members: [newPerson({ id_number: thirdId, name: '周国庆', relation: 'head' })] });
  const fourthId = newIdNumber('19600101');
  const fourth = newHousehold({ members: [newPerson({ id_number: fourthId, name: '吴淑珍', relation: 'head' })] });
  const account = card('622202123456789012');

  beforeAll(async () => {
    rt = await openTestRuntime(engine, clock);
    for (const h of [family, elder, third, fourth]) await rt.services.households.create(h, { actor: op });
  }, 120_000);
  afterAll(async () => {
    await rt?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const count = async () => Number((await rt.database.db.selectFrom('payment_entitlement').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('creates the entitlements of a clean file, and the next roll pays the fixed amounts', async () => {
    const file = write('migrated.csv', '\uFEFF' + csv([
      [family.code, headId, 'dibao_allowance', '1170.50', '2026-05', account.replace(/(\d{4})/g, '$1 ').trim()],
      [elder.code, elderId, 'tekun_support', '835.9', '2026-01', ''],
      [elder.code, elderId, 'heating', '200', '2026-06', ''],
    ]));
    const r = await rt.services.entitlementImport.importFile(file, op);
    expect(r).toEqual({
      file, rows: 3, created: 3,
      by_program: { dibao_allowance: 1, tekun_support: 1, tekun_care: 0, temporary: 0, heating: 1 },
    });
    const rows = await rt.database.db.selectFrom('payment_entitlement').selectAll().orderBy('id').execute();
    expect(rows.map((e) => [e.program, e.rule, e.start_month, e.status, e.source, e.created_by])).toEqual([
      ['dibao_allowance', { kind: 'fixed', amount_fen: 117050 }, '2026-05', 'active', 'import:migrated.csv', 'test'],
      ['tekun_support', { kind: 'fixed', amount_fen: 83590 }, '2026-01', 'active', 'import:migrated.csv', 'test'],
      ['heating', { kind: 'fixed', amount_fen: 20000 }, '2026-06', 'active', 'import:migrated.csv', 'test'],
    ]);
    expect(rows[0].account_masked).toBe(`6222${'*'.repeat(11)}${account.slice(-4)}`);
    expect(rows[0].account_sealed).not.toContain(account);
    expect(rt.vault.open(rows[0].account_sealed!)).toBe(account);
    expect(rows[1].account_sealed).toBeNull();
    const audit = await rt.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'payment.entitlements_import').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'test', subject: 'import:migrated.csv', detail: { status: 'committed', rows: 3, created: 3, file: 'migrated.csv' } });
    expect(JSON.stringify(audit)).not.toContain(account);

    clock.set('2026-06-02T09:00:00+08:00');
    const june = await rt.services.rolls.prepare({ month: '2026-06', region: '220102' }, clerk);
    const line = (code: string, program: string) => june.lines.find((l) => l.household_code === code && l.program === program && l.kind === 'regular');
    expect(line(family.code, 'dibao_allowance')).toMatchObject({ status: 'payable', change: 'new', amount: 1170.5, payee: { name: '刘长海' } });
    expect(line(elder.code, 'tekun_support')).toMatchObject({ status: 'payable', change: 'new', amount: 835.9 });
    expect(line(elder.code, 'heating')).toMatchObject({ status: 'payable', amount: 200 });
    // migrated: paid from the first roll here, no back pay for the months before
    expect(june.lines.filter((l) => l.kind === 'adjustment')).toEqual([]);
    expect(june.total).toBeCloseTo(1170.5 + 835.9 + 200, 2);
  });

  it('refuses a file with bad rows: nothing is written, every row is named, numbers masked', async () => {
    const before = await count();
    const strangerId = newIdNumber('19800101');
    const badCheck = thirdId.slice(0, 17) + (thirdId.endsWith('1') ? '2' : '1');
    const file = write('bad.csv', csv([
      [third.code, thirdId, 'temporary', '500', '2026-06', ''], // row 2: fine on its own
      ['NO-SUCH-HH', thirdId, 'temporary', '500', '2026-06', ''], // 3: unknown household
      [third.code, badCheck, 'temporary', '500', '2026-06', ''], // 4: check character
      [third.code, strangerId, 'temporary', '500', '2026-06', ''], // 5: not in the registry
      [third.code, elderId, 'tekun_care', '300', '2026-06', ''], // 6: in another household
      [third.code, thirdId, 'pension', '500', '2026-06', ''], // 7: unknown program
      [third.code, thirdId, 'heating', '0', '2026/06', ''], // 8: amount 0, month format
      [third.code, thirdId, 'tekun_care', '12.345', '2026-06', ''], // 9: 3 decimals
      [third.code, thirdId, 'temporary', '600', '2026-07', ''], // 10: duplicates row 2
      [family.code, spouseId, 'dibao_allowance', '900', '2026-06', ''], // 11: the household already has an open 低保金
      [elder.code, elderId, 'tekun_support', '835.9', '2026-06', ''], // 12: the payee already has it
    ]));
    const r = refused(await rt.services.entitlementImport.importFile(file, op));
    expect(await count()).toBe(before);
    expect(r).toMatchObject({ file, rows: 11, created: 0 });
    expect(r.error_count).toBe(r.errors.length);
    const by = (row: number) => r.errors.filter((e) => e.row === row);
    expect(by(2).map((e) => e.field)).toEqual(['id_number']); // the duplicate of row 10
    expect(by(2)[0].zh).toContain('第 10 行');
    expect(by(10)[0].zh).toContain('第 2 行');
    expect(by(10)[0].en).toContain('rows 2, 10');
    expect(by(3)).toEqual([expect.objectContaining({ field: 'household_code', value: 'NO-SUCH-HH', en: expect.stringContaining('not in the registry') })]);
    expect(by(4)).toEqual([expect.objectContaining({ field: 'id_number', value: `${thirdId.slice(0, 6)}********${badCheck.slice(-4)}`, en: expect.stringContaining('check character') })]);
    expect(by(5)[0]).toMatchObject({ field: 'id_number', zh: '登记库中没有该身份证号的人员' });
    expect(by(6)[0]).toMatchObject({ field: 'id_number', en: expect.stringContaining(`registered in household ${elder.code}`) });
    expect(by(7)[0]).toMatchObject({ field: 'program', value: 'pension' });
    expect(by(8).map((e) => e.field)).toEqual(['monthly_amount', 'start_month']);
    expect(by(9)[0]).toMatchObject({ field: 'monthly_amount', en: expect.stringContaining('at most 2 decimals') });
    const existing = await rt.database.db.selectFrom('payment_entitlement').select(['id', 'program']).orderBy('id').execute();
    expect(by(11)[0]).toMatchObject({ field: 'id_number', en: expect.stringContaining(`household ${family.code} (payee ${headId.slice(0, 6)}`) });
    expect(by(11)[0].zh).toContain(`待遇 #${existing.find((e) => e.program === 'dibao_allowance')!.id}`);
    expect(by(12)[0].en).toContain(`the payee already has an open Tekun basic-living support entitlement: #${existing.find((e) => e.program === 'tekun_support')!.id}`);
    for (const e of r.errors) expect(Object.keys(e)).toEqual(['row', 'field', 'value', 'zh', 'en']);
    const json = JSON.stringify(r);
    for (const id of [thirdId, badCheck, strangerId, elderId, spouseId, headId]) expect(json).not.toContain(id);
    expect(json).not.toMatch(/\d{17}[\dX]/);
    const audit = await rt.database.db.selectFrom('audit_log').select('detail').where('action', '=', 'payment.entitlements_import').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ status: 'refused', rows: 11, error_count: r.error_count });
  });

  it('refuses an account number that fails the Luhn check, shown masked', async () => {
    const bad = account.slice(0, 18) + String((Number(account[18]) + 1) % 10);
    const file = write('luhn.csv', csv([[third.code, thirdId, 'temporary', '500', '2026-06', bad]]));
    const r = refused(await rt.services.entitlementImport.importFile(file, op));
    expect(r.errors).toEqual([{
      row: 2, field: 'account_number', value: `6222${'*'.repeat(11)}${bad.slice(-4)}`,
      zh: expect.stringContaining('校验位错误'), en: expect.stringContaining('Luhn'),
    }]);
    expect(JSON.stringify(r)).not.toContain(bad);
    expect(JSON.stringify(r)).not.toContain(thirdId);
  });

  it('refuses a file whose headers are wrong before reading any row', async () => {
    const file = write('headers.csv', csv([[third.code, thirdId, 'x']], ['household_code', 'id_number', 'colour']));
    const r = refused(await rt.services.entitlementImport.importFile(file, op));
    expect(r.errors.map((e) => [e.row, e.field])).toEqual([[1, 'colour'], [1, 'program'], [1, 'monthly_amount'], [1, 'start_month']]);
    // a file with no header row: its first data row is not echoed in full
    const headless = write('headless.csv', csv([[third.code, thirdId, 'temporary', '500', '2026-06']], [third.code, thirdId, 'temporary', '500', '2026-06']));
    const h = refused(await rt.services.entitlementImport.importFile(headless, op));
    expect(JSON.stringify(h)).not.toContain(thirdId);
  });

  it('reads a GBK CSV with Chinese headers and program names', async () => {
    const text = csv([[third.code, thirdId, '临时救助金', '1500', '2026-06', '']], ['户编号', '身份证号', '救助项目', '月发放金额', '起始月份', '银行账号']);
    const file = write('gbk.csv', iconv.encode(text, 'gbk'));
    const r = await rt.services.entitlementImport.importFile(file, op);
    expect(r).toMatchObject({ rows: 1, created: 1, by_program: { temporary: 1 } });
  });

  it('reads an XLSX with number cells for amounts and a date cell for the month', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('待遇');
    ws.addRow(['户编号 household_code', '身份证号 id_number', '救助项目 program', '月发放金额 monthly_amount', '起始月份 start_month', '银行账号 account_number']);
    ws.addRow([fourth.code, fourthId, 'tekun_care', 412.5, new Date(Date.UTC(2026, 5, 1)), account]);
    ws.addRow([fourth.code, fourthId, 'heating', 150, '2026-07', '']);
    const file = path.join(dir, 'migrated.xlsx');
    await wb.xlsx.writeFile(file);
    const r = await rt.services.entitlementImport.importFile(file, op);
    expect(r).toMatchObject({ rows: 2, created: 2, by_program: { tekun_care: 1, heating: 1 } });
    const rows = await rt.database.db.selectFrom('payment_entitlement').select(['program', 'rule', 'start_month', 'account_masked', 'source']).where('source', '=', 'import:migrated.xlsx').orderBy('id').execute();
    expect(rows).toEqual([
      { program: 'tekun_care', rule: { kind: 'fixed', amount_fen: 41250 }, start_month: '2026-06', account_masked: `6222${'*'.repeat(11)}${account.slice(-4)}`, source: 'import:migrated.xlsx' },
      { program: 'heating', rule: { kind: 'fixed', amount_fen: 15000 }, start_month: '2026-07', account_masked: null, source: 'import:migrated.xlsx' },
    ]);
  });

  it('needs the permission to prepare payments, and keeps to the actor\'s area', async () => {
    const file = write('scope.csv', csv([[third.code, thirdId, 'tekun_care', '100', '2026-06', '']]));
    await expect(rt.services.entitlementImport.importFile(file, actorFor('auditor', '22'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const r = refused(await rt.services.entitlementImport.importFile(file, actorFor('civil_affairs_officer', '220581', 'user:elsewhere')));
    expect(r.errors[0]).toMatchObject({ field: 'household_code', en: expect.stringContaining('outside your area') });
  });
});
