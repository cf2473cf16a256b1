import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestRuntime } from '../../../../test/support/db.js';
import { newApplication as application } from '../../../../test/support/intake.js';
import { operatorActor, type Actor } from '../../access/domain/actor.js';
import type { Permission } from '../../access/domain/roles.js';
import type { Runtime } from '../../../platform/runtime.js';

const officer = (region: string, permissions: Permission[] = ['case.read']): Actor => ({ label: `user:officer_${region}`, userId: null, role: 'township_officer', regionCode: region, department: null, permissions: new Set(permissions) });

describe.each(engines)('self-applications on %s', (engine) => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await openTestRuntime(engine);
  });
  afterAll(async () => rt?.close());

  it('stores an application with identifiers only hashed, sealed and masked, and numbers references by day', async () => {
    const a = application();
    const first = await rt.services.applications.submit(a);
    const second = await rt.services.applications.submit(application());
    expect(first.reference).toBe('SQ20261101000001');
    expect(second.reference).toBe('SQ20261101000002');
    const row = await rt.database.db.selectFrom('case_application').selectAll().where('reference', '=', first.reference).executeTakeFirstOrThrow();
    const text = JSON.stringify(row);
    for (const secret of [a.applicant.id_number, a.members[0].id_number, a.phone]) expect(text).not.toContain(secret);
    expect(row).toMatchObject({ applicant_id_hash: rt.vault.hash(a.applicant.id_number), applicant_id_masked: `${a.applicant.id_number.slice(0, 6)}********${a.applicant.id_number.slice(-4)}`, phone_masked: '138****5678', member_count: 2, status: 'received', channel: 'online' });
    expect(row.consent).toMatchObject({ signer_name: '王建国', signed_on: '2026-11-01', declaration: true, scope: expect.arrayContaining(['tax', 'banks', 'real_estate']) });
    const audit = await rt.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'application.submit').where('subject', '=', `application:${row.id}`).executeTakeFirstOrThrow();
    expect(audit.actor).toBe('public:online');
    expect(JSON.stringify(audit)).not.toContain('王建国');
  });

  it('refuses a second application of the same applicant while one is handled, saying nothing more', async () => {
    const a = application();
    await rt.services.applications.submit(a);
    const again = application({ applicant: a.applicant });
    await expect(rt.services.applications.submit(again)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.not.stringContaining('SQ') });
  });

  it('takes submissions one at a time: distinct references, and one of two simultaneous ones by the same applicant', async () => {
    const refs = await Promise.all(Array.from({ length: 5 }, () => rt.services.applications.submit(application())));
    expect(new Set(refs.map((r) => r.reference)).size).toBe(5);
    const a = application();
    const both = await Promise.allSettled([rt.services.applications.submit(a), rt.services.applications.submit(application({ applicant: a.applicant }))]);
    expect(both.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((both.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses an unknown village, naming the field', async () => {
    await expect(rt.services.applications.submit(application({ region_code: '220102001999' }))).rejects.toMatchObject({ code: 'VALIDATION', details: { field: 'region_code' } });
  });

  it('tells the applicant where it stands only when reference and ID number both match', async () => {
    const a = application();
    const { reference } = await rt.services.applications.submit(a);
    const answer = await rt.services.applications.status({ reference, id_number: a.applicant.id_number });
    expect(answer).toMatchObject({ reference, status: 'received', status_zh: '已收到，待受理', case: null });
    const wrongId = rt.services.applications.status({ reference, id_number: a.members[0].id_number }).catch((e: Error) => e.message);
    const wrongRef = rt.services.applications.status({ reference: 'SQ20261101999999', id_number: a.applicant.id_number }).catch((e: Error) => e.message);
    expect(await wrongId).toBe(await wrongRef);
    await expect(rt.services.applications.status({ reference: 'X1', id_number: '1' })).rejects.toMatchObject({ code: 'VALIDATION', details: { field: 'reference' } });
  });

  it('lists the applications of the officer’s region, masked, newest first, and audits reads', async () => {
    const away = application({ region_code: '220581102001' });
    await rt.services.applications.submit(away);
    const home = application();
    const { reference } = await rt.services.applications.submit(home);
    const township = officer('220102001');
    const { applications, total } = await rt.services.applications.list({ status: 'received' }, township);
    expect(total).toBeGreaterThan(0);
    expect(applications.every((x) => x.region_code.startsWith('220102001'))).toBe(true);
    expect(applications[0].reference).toBe(reference);
    expect(applications[0].region_name).toBe('长春市 南关区 南岭街道 华阳社区');
    const id = applications[0].id;
    const detail = await rt.services.applications.get(id, township);
    expect(detail.members).toEqual([
      { name: '王建国', id_number_masked: `${home.applicant.id_number.slice(0, 6)}********${home.applicant.id_number.slice(-4)}`, relation: 'head' },
      { name: '李秀兰', id_number_masked: expect.stringMatching(/^220102\*{8}/), relation: 'spouse' },
    ]);
    expect(JSON.stringify(detail)).not.toContain(home.applicant.id_number);
    const awayId = (await rt.services.applications.list({}, operatorActor('test'))).applications.find((x) => x.region_code === '220581102001')!.id;
    await expect(rt.services.applications.get(awayId, township)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(rt.services.applications.list({}, officer('220102001', []))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(rt.services.applications.list({ status: 'lost' }, township)).rejects.toMatchObject({ code: 'VALIDATION' });
    const read = await rt.database.db.selectFrom('audit_log').select('actor').where('action', '=', 'application.read').where('subject', '=', `application:${id}`).execute();
    expect(read).toHaveLength(1);
  });

  it('gives the case service the application, its opened members, and marks it accepted once', async () => {
    const a = application();
    const { reference } = await rt.services.applications.submit(a);
    const { id } = await rt.database.db.selectFrom('case_application').select('id').where('reference', '=', reference).executeTakeFirstOrThrow();
    await rt.database.db.transaction().execute(async (trx) => {
      const forCase = await rt.services.applications.forCase(id, trx);
      expect(forCase).toMatchObject({ id, region_code: '220102001001', hukou_type: 'urban', member_count: 2, needs: ['living', 'medical'], status: 'received', applicant: { name: '王建国', id_hash: rt.vault.hash(a.applicant.id_number) } });
      expect(rt.vault.open(forCase.applicant.id_sealed)).toBe(a.applicant.id_number);
      expect(forCase.consent.scope).toContain('household_registration');
      expect(await rt.services.applications.members(id, trx)).toEqual([
        { name: '王建国', id_number: a.applicant.id_number, relation: 'head' },
        { name: '李秀兰', id_number: a.members[0].id_number, relation: 'spouse' },
      ]);
      await rt.services.applications.markAccepted(id, trx);
      await expect(rt.services.applications.markAccepted(id, trx)).rejects.toMatchObject({ code: 'CONFLICT' });
    });
    const status = await rt.services.applications.status({ reference, id_number: a.applicant.id_number });
    expect(status.status).toBe('accepted');
    await expect(rt.database.db.transaction().execute((trx) => rt.services.applications.forCase('999999', trx))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
