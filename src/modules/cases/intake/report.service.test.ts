import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestRuntime } from '../../../../test/support/db.js';
import { newHousehold, newIdNumber } from '../../../../test/support/factories.js';
import { newReport } from '../../../../test/support/intake.js';
import { operatorActor, type Actor } from '../../access/domain/actor.js';
import type { Permission } from '../../access/domain/roles.js';
import type { Runtime } from '../../../platform/runtime.js';

const HOME = '220102001001';
const AWAY = '220581102001';

const worker = (region: string, permissions: Permission[] = ['case.report', 'case.read'], name = 'grid'): Actor => ({
  label: `user:${name}_${region}`, userId: null, role: 'village_worker', regionCode: region, department: null, permissions: new Set(permissions),
});

describe.each(engines)("village workers' reports on %s", (engine) => {
  let rt: Runtime;
  let home: ReturnType<typeof newHousehold>;
  let away: ReturnType<typeof newHousehold>;
  beforeAll(async () => {
    rt = await openTestRuntime(engine);
    home = newHousehold({ region_code: HOME });
    away = newHousehold({ region_code: AWAY });
    await rt.services.households.create(home, { actor: operatorActor('test') });
    await rt.services.households.create(away, { actor: operatorActor('test') });
  });
  afterAll(async () => rt?.close());

  it('files a report about a household of the worker’s village, once per client_key', async () => {
    const me = worker(HOME);
    const body = newReport({ household_code: home.code });
    const r = await rt.services.reports.create(body, me);
    expect(r).toMatchObject({ household_code: home.code, head_name: '王建国', person: null, region_code: HOME, difficulties: ['medical'], urgency: 'urgent', status: 'received', reported_by: me.label, case: null });
    await expect(rt.services.reports.create(body, me)).rejects.toMatchObject({ code: 'CONFLICT', details: { report_id: r.id } });
    // another worker's form may carry the same key
    expect((await rt.services.reports.create(body, worker(HOME, undefined, 'other'))).id).not.toBe(r.id);
    const audit = await rt.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'report.create').where('subject', '=', `report:${r.id}`).executeTakeFirstOrThrow();
    expect(audit.actor).toBe(me.label);
  });

  it('keeps households and villages outside the worker’s region out', async () => {
    await expect(rt.services.reports.create(newReport({ household_code: away.code }), worker(HOME))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(rt.services.reports.create(newReport({ person: { name: '张三', id_number: newIdNumber() }, region_code: AWAY }), worker(HOME))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(rt.services.reports.create(newReport({ household_code: home.code }), worker(HOME, ['case.read']))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('stores a person not in the registry hashed, sealed and masked', async () => {
    const id = newIdNumber('19400101');
    const r = await rt.services.reports.create(newReport({ person: { name: '赵大爷', id_number: id }, region_code: HOME, address: '华阳社区平房 7 号' }), worker(HOME));
    expect(r).toMatchObject({ household_code: null, person: { name: '赵大爷', id_number_masked: `${id.slice(0, 6)}********${id.slice(-4)}` }, address: '华阳社区平房 7 号' });
    const row = await rt.database.db.selectFrom('case_report').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(id);
    expect(row.person_id_hash).toBe(rt.vault.hash(id));
    await rt.database.db.transaction().execute(async (trx) => {
      const c = await rt.services.reports.forCase(r.id, trx);
      expect(c).toMatchObject({ id: r.id, household_id: null, region_code: HOME, person: { name: '赵大爷', id_hash: rt.vault.hash(id) }, urgency: 'urgent', status: 'received' });
      expect(rt.vault.open(c.person!.id_sealed)).toBe(id);
      await rt.services.reports.markAccepted(r.id, trx);
      await expect(rt.services.reports.markAccepted(r.id, trx)).rejects.toMatchObject({ code: 'CONFLICT' });
    });
    expect((await rt.services.reports.get(r.id, worker(HOME))).status).toBe('accepted');
  });

  it('links the household when the ID number is registered in the worker’s region — and reveals nothing outside it', async () => {
    const registered = await rt.services.reports.create(newReport({ person: { name: '李秀兰', id_number: home.members![1].id_number }, region_code: HOME }), worker(HOME));
    expect(registered).toMatchObject({ household_code: home.code, person: null });
    const elsewhere = await rt.services.reports.create(newReport({ person: { name: '李秀兰', id_number: away.members![1].id_number }, region_code: HOME }), worker(HOME));
    expect(elsewhere).toMatchObject({ household_code: null, person: { name: '李秀兰' } });
  });

  it('lists reports of the region, newest first, and reads one (audited)', async () => {
    const awayReport = await rt.services.reports.create(newReport({ household_code: away.code }), worker(AWAY));
    const { reports, total } = await rt.services.reports.list({}, worker('220102001', ['case.read']));
    expect(total).toBe(reports.length);
    expect(reports.every((r) => r.region_code.startsWith('220102001'))).toBe(true);
    expect(Number(reports[0].id)).toBeGreaterThan(Number(reports[1].id));
    expect((await rt.services.reports.list({ status: 'accepted' }, worker(HOME))).reports).toHaveLength(1);
    await expect(rt.services.reports.get(awayReport.id, worker(HOME))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(rt.services.reports.get('abc', worker(HOME))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await rt.services.reports.get(reports[0].id, worker(HOME));
    const reads = await rt.database.db.selectFrom('audit_log').select('id').where('action', '=', 'report.read').where('subject', '=', `report:${reports[0].id}`).execute();
    expect(reads).toHaveLength(1);
  });
});
