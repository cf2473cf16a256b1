/**
 * The monthly roll on a real database: a 低保 family recognized through a case is paid from the
 * next month at the amount its decision stated; a migrated 特困 recipient who dies in mid-June
 * is paid for June and stopped in July; the province's raise announced in July and backdated to
 * June shows on the July roll as June's back pay and July's new amount; the preparer cannot
 * approve; an approved roll cannot change; a month is never paid twice.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestRuntime } from '../../../test/support/db.js';
import { actorFor, anAlert, familyInNeed, POOR_CHECK, VISIT } from '../../../test/support/cases.js';
import { newHousehold, newIdNumber, newPerson } from '../../../test/support/factories.js';
import { writeCsv } from '../../../test/support/dataset-files.js';
import { operatorActor } from '../access/domain/actor.js';
import { manualClock } from '../../platform/clock.js';
import type { Runtime } from '../../platform/runtime.js';
import type { RollView } from './roll.service.js';
import ExcelJS from 'exceljs';
import { maskAccountNumber, withLuhnDigit } from './domain/account.js';


const VILLAGE = '220102001001';
const township = actorFor('township_officer', '220102001');
const village = actorFor('village_worker', VILLAGE);
const county = actorFor('civil_affairs_officer', '220102');
const clerk = actorFor('civil_affairs_officer', '220102', 'user:clerk');
const chief = actorFor('civil_affairs_officer', '220102', 'user:chief');
const otherCounty = actorFor('civil_affairs_officer', '220581', 'user:elsewhere');
const op = operatorActor('test');
const DAY = 86_400_000;

describe.each(engines)('the monthly roll on %s', (engine) => {
  let rt: Runtime;
  const clock = manualClock('2026-05-04T09:00:00+08:00');
  const family = familyInNeed();
  const elderId = newIdNumber('19400302');
  const elder = newHousehold({ members: [newPerson({ id_number: elderId, name: '孙玉兰', relation: 'head', work_ability: 'none', health: 'chronic', categories: [{ category: 'tekun', since: '2020-01-01' }] })] });
  let decidedAmount = 0;
  const dir = mkdtempSync(path.join(tmpdir(), 'roll-'));

  beforeAll(async () => {
    rt = await openTestRuntime(engine, clock);
    for (const h of [family, elder]) await rt.services.households.create(h, { actor: op });
    // the family: a case from an alert to the county's approval as 低保 (May 2026)
    const { case: c } = await rt.services.cases.open({ alert_id: await anAlert(rt, family.code) }, township);
    const act = (action: string, actor: typeof township, data?: object) => rt.services.cases.act(c.id, { action, data }, actor);
    await act('assign', township, { to_region: VILLAGE });
    const head = (await rt.services.householdReads.get(family.code, township)).members.find((m) => m.relation === 'head')!;
    await act('record_visit', village, { outcome: 'need_confirmed', visit: { ...VISIT, visited_on: '2026-05-04' }, authorization: { signed_by_person_id: head.id, scope: POOR_CHECK.scopes, signed_on: '2026-05-04', expires_on: '2027-05-03' } });
    await act('record_check', township, POOR_CHECK);
    expect((await act('assess', township)).assessment?.tier).toBe('dibao');
    await act('start_publicity', township, { category: 'dibao' });
    clock.advance(8 * DAY);
    const decided = await act('decide', county, { outcome: 'approved' });
    decidedAmount = Number(decided.decision!.monthly_amount);
    expect(decidedAmount).toBeGreaterThan(0);
    // the elder: a 特困 recipient migrated from the earlier system, paid the support standard
    await rt.services.households.addSnapshot(elder.code, { as_of: '2026-01-01', source: 'migration', income_transfer: 1200 }, { actor: op });
    const h = await rt.database.db.selectFrom('household').select('id').where('code', '=', elder.code).executeTakeFirstOrThrow();
    const p = await rt.database.db.selectFrom('person').select('id').where('household_id', '=', h.id).executeTakeFirstOrThrow();
    await rt.database.db.insertInto('payment_entitlement').values({
      program: 'tekun_support', household_id: h.id, payee_person_id: p.id, rule: JSON.stringify({ kind: 'tekun_support' }), start_month: '2026-01', source: 'import:test', created_by: 'test',
    }).execute();
  }, 120_000);
  afterAll(async () => rt?.close());

  const line = (r: RollView, code: string, kind = 'regular', month?: string) =>
    r.lines.find((l) => l.household_code === code && l.kind === kind && (!month || l.for_month === month));

  it('prepares June: the family is paid from the month after its decision, at the decided amount', async () => {
    clock.set('2026-06-03T09:00:00+08:00');
    const june = await rt.services.rolls.prepare({ month: '2026-06', region: '220102' }, clerk);
    expect(june).toMatchObject({ month: '2026-06', region: '220102', status: 'draft', prepared_by: 'user:clerk' });
    expect(line(june, family.code)).toMatchObject({ program: 'dibao_allowance', change: 'new', status: 'payable', amount: decidedAmount, payee: { name: '赵德明' } });
    expect(line(june, family.code)!.payee.id_number_masked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    // 特困 support: 1.3 × the previous year's urban standard (¥643 on 2025-12-31) = ¥835.90
    expect(line(june, elder.code)).toMatchObject({ program: 'tekun_support', change: 'new', amount: 835.9 });
    // the migrated recipient's earlier months are not recalculated: no back pay before its first roll here
    expect(june.lines.filter((l) => l.kind === 'adjustment')).toEqual([]);
    expect(june.total).toBeCloseTo(decidedAmount + 835.9, 2);
    expect(JSON.stringify(june)).not.toMatch(/\d{17}[\dX]/);
  });

  it('is approved by someone other than its preparer, and is frozen afterwards', async () => {
    await expect(rt.services.rolls.approve({ month: '2026-06', region: '220102' }, clerk)).rejects.toMatchObject({ code: 'FORBIDDEN', details: { field: 'approved_by' } });
    await expect(rt.services.rolls.prepare({ month: '2026-06', region: '220102' }, otherCounty)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(rt.services.rolls.prepare({ month: '2026-6', region: '220102' }, clerk)).rejects.toMatchObject({ code: 'VALIDATION', details: { field: 'month' } });
    await expect(rt.services.rolls.prepare({ month: '2026-06', region: '220102001' }, clerk)).rejects.toMatchObject({ code: 'VALIDATION', details: { field: 'region' } });
    const approved = await rt.services.rolls.approve({ month: '2026-06', region: '220102' }, chief);
    expect(approved).toMatchObject({ status: 'approved', approved_by: 'user:chief' });
    await expect(rt.services.rolls.prepare({ month: '2026-06', region: '220102' }, clerk)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(rt.services.rolls.approve({ month: '2026-06', region: '220102' }, chief)).rejects.toMatchObject({ code: 'CONFLICT' });
    const again = await rt.services.rolls.show({ month: '2026-06', region: '220102' }, chief);
    expect(again.lines).toEqual(approved.lines);
  });

  it('exports the approved roll: the bank file only with every account valid, and the XLSX a county submits', async () => {
    const db = rt.database.db;
    const refused = rt.services.rollExports.bankFile({ month: '2026-06', region: '220102' }, clerk);
    await expect(refused).rejects.toMatchObject({ code: 'VALIDATION', details: { field: 'account_number' } });
    await expect(refused).rejects.toThrow(/第 1 条.*缺少|第 1 条.*账号/);
    const account = withLuhnDigit('622202020000123456');
    for (const e of await db.selectFrom('payment_entitlement').select('id').execute()) {
      await db.updateTable('payment_entitlement').set({ account_sealed: rt.vault.seal(account), account_masked: maskAccountNumber(account) }).where('id', '=', e.id).execute();
    }
    const file = await rt.services.rollExports.bankFile({ month: '2026-06', region: '220102' }, clerk);
    const text = file.body.toString('utf8').replace(/^\ufeff/, '');
    const records = text.trim().split('\r\n');
    expect(records[0]).toBe('序号,账号,户名,身份证号,金额,项目,所属月份,业务参考号');
    expect(records).toHaveLength(3);
    expect(records[1]).toContain(account);
    expect(file.count).toBe(2);
    expect(file.total).toBeCloseTo(decidedAmount + 835.9, 2);
    await expect(rt.services.rollExports.bankFile({ month: '2026-06', region: '220102' }, actorFor('auditor', '2201', 'user:auditor'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const { stream } = await rt.services.rollExports.xlsx({ month: '2026-06', region: '220102' }, chief);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.read(stream);
    const ws = wb.getWorksheet('发放花名册')!;
    expect(String(ws.getCell('A1').value)).toContain('2026-06 社会救助资金发放花名册');
    expect(ws.getRow(3).values).toContain('身份证号');
    const rows = [4, 5].map((n) => (ws.getRow(n).values as unknown[]).map(String).join('|'));
    expect(rows.some((r) => r.includes('赵德明') && r.includes(String(decidedAmount)))).toBe(true);
    expect(rows.join('')).not.toMatch(/\d{17}[\dX]/);
    expect(String(ws.getCell('A6').value)).toBe('合计');
  });

  it('takes the bank\'s return file: all rows must match, and a returned payment no longer counts as paid', async () => {
    const file = await rt.services.rollExports.bankFile({ month: '2026-06', region: '220102' }, clerk);
    const sent = file.body.toString('utf8').replace(/^\ufeff/, '').trim().split('\r\n').slice(1).map((r) => r.split(','));
    const elderRow = sent.find((r) => r[2] === '孙玉兰')!;
    const familyRow = sent.find((r) => r[2] === '赵德明')!;
    const header = '业务参考号,账号,金额,状态,原因';
    const bad = [header, `${familyRow[7]},${familyRow[1]},${familyRow[4]},成功,`, `999-2026-06-R,${elderRow[1]},${elderRow[4]},退回,账户已销户`].join('\r\n');
    await expect(rt.services.rollExports.applyReturns({ month: '2026-06', region: '220102', text: bad }, clerk)).rejects.toMatchObject({ code: 'VALIDATION', details: { field: 'file' } });
    expect(await rt.database.db.selectFrom('payment_line').select('bank_status').where('bank_status', '<>', 'pending').execute()).toEqual([]);
    const good = [header, `${familyRow[7]},${familyRow[1]},${familyRow[4]},成功,`, `${elderRow[7]},${elderRow[1]},${elderRow[4]},退回,账户已销户`].join('\r\n');
    expect(await rt.services.rollExports.applyReturns({ month: '2026-06', region: '220102', text: good }, clerk)).toEqual({ rows: 2, paid: 1, returned: 1 });
    await expect(rt.services.rollExports.applyReturns({ month: '2026-06', region: '220102', text: good }, clerk)).rejects.toThrow(/已在此前的回盘中退回/);
  });

  it('never pays a month twice', async () => {
    const db = rt.database.db;
    const paid = await db.selectFrom('payment_line').selectAll().where('kind', '=', 'regular').executeTakeFirstOrThrow();
    const { id: _id, bank_status: _b, ...copy } = paid;
    await expect(db.insertInto('payment_line').values({ ...copy, reason: JSON.stringify(copy.reason), change_reason: JSON.stringify(copy.change_reason), basis: JSON.stringify(copy.basis) }).execute()).rejects.toThrow();
  });

  it('stops July for the recipient who died in mid-June, and pays the raise backdated to June as back pay', async () => {
    clock.set('2026-07-02T09:00:00+08:00');
    // the death is reported by the public security bureau's monthly file
    const death = await rt.services.ingest.ingest({ dataset: 'death_record', file: writeCsv(dir, 'death.csv', ['id_number', 'death_date'], [[elderId, '2026-06-15']]) }, op);
    expect(death.status).toBe('committed');
    // in July the province raises the urban standard from ¥643 to ¥700, in force from 1 June
    await rt.services.policy.set({ key: 'dibao.standard.urban', value: 700, region: '22', from: '2026-06-01', source: '吉林省民政厅提标通知（测试）' }, op);
    const july = await rt.services.rolls.prepare({ month: '2026-07', region: '220102' }, clerk);
    const juneAmount = decidedAmount;
    const gone = line(july, elder.code)!;
    expect(gone).toMatchObject({ change: 'stopped', status: 'stopped', amount: 0, previous_amount: 835.9 });
    expect(gone.reason).toContain('2026-06-15');
    expect(gone.reason).toContain('自 2026-07 起停发');
    // June was his (paid through the month of death), but the bank returned it (the account was
    // closed): the money is owed to his heirs and held for that decision, never sent to his account
    const owed = line(july, elder.code, 'adjustment', '2026-06')!;
    expect(owed).toMatchObject({ change: 'back_pay', status: 'held', amount: 0 });
    expect(owed.reason).toContain('继承人');
    expect(july.lines.filter((l) => l.household_code === elder.code)).toHaveLength(2);
    const regular = line(july, family.code)!;
    expect(regular.change).toBe('changed');
    expect(regular.previous_amount).toBe(juneAmount);
    // two members, gap and top-ups both follow the standard: at least (700 − 643) × 2 more
    expect(regular.amount).toBeGreaterThanOrEqual(juneAmount + 114);
    expect(regular.reason).toContain('643');
    expect(regular.reason).toContain('700');
    const back = line(july, family.code, 'adjustment', '2026-06')!;
    expect(back).toMatchObject({ change: 'back_pay', status: 'payable' });
    expect(back.amount).toBeCloseTo(regular.amount - juneAmount, 2);
    expect(back.reason).toContain('补发 2026-06');
    expect(july.total).toBeCloseTo(regular.amount + back.amount, 2);
    // re-preparing the draft recomputes it, with the same result and no second back pay
    const again = await rt.services.rolls.prepare({ month: '2026-07', region: '220102' }, clerk);
    expect(again.lines.map((l) => [l.household_code, l.kind, l.for_month, l.amount])).toEqual(july.lines.map((l) => [l.household_code, l.kind, l.for_month, l.amount]));
  });

  it('stops the family in the month after its exit decision, naming the case', async () => {
    const db = rt.database.db;
    const c = await db.selectFrom('assistance_case as c').innerJoin('household as h', 'h.id', 'c.household_id').select('c.id').where('h.code', '=', family.code).executeTakeFirstOrThrow();
    const act = (action: string, actor: typeof township, note?: string) => rt.services.cases.act(c.id, { action, note }, actor);
    await rt.services.rolls.approve({ month: '2026-07', region: '220102' }, chief);
    await act('start_assistance', township);
    await act('start_review', township);
    await act('exit', county, '户主子女务工，家庭人均收入超过低保标准');
    const august = await rt.services.rolls.prepare({ month: '2026-08', region: '220102' }, clerk);
    const stop = line(august, family.code)!;
    expect(stop).toMatchObject({ change: 'stopped', status: 'stopped', amount: 0 });
    expect(stop.reason).toContain(`退出决定（案件 #${c.id}）`);
    expect(stop.reason).toContain('2026-07');
  });
});
