/** No plain ID number or phone sits in any table, whichever path wrote the person. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { engines, openTestRuntime, TEST_TODAY } from './support/db.js';
import { newHousehold, newIdNumber, newPerson } from './support/factories.js';
import { operatorActor } from '../src/modules/access/domain/actor.js';
import { importRegistry } from '../src/modules/registry/import/registry-import.js';
import type { Runtime } from '../src/platform/runtime.js';
import { resealAll } from '../src/platform/crypto/key-rotation.js';
import { PiiVault } from '../src/platform/crypto/pii-vault.js';
import { testKeyring } from '../src/platform/crypto/keyring.js';
import { tempDir, writeCsv } from './support/dataset-files.js';
import { newApplication, newReport } from './support/intake.js';

describe.each(engines)('identifiers at rest on %s', (engine) => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await openTestRuntime(engine);
  });
  afterAll(async () => rt?.close());

  it('stores ID numbers and phones only hashed, sealed and masked', async () => {
    const viaApi = newHousehold({ members: [newPerson({ phone: '13912340001' })] });
    await rt.services.households.create(viaApi, { actor: operatorActor('test') });
    await rt.services.households.addSnapshot(viaApi.code, { as_of: '2026-10-01', source: 'declaration', income_wage: 6000 }, { actor: operatorActor('test') });
    const assessed = await rt.services.assessments.assessHousehold(viaApi.code, TEST_TODAY, operatorActor('test'));
    expect(JSON.stringify(assessed)).not.toContain(viaApi.members![0].id_number);
    const household = await rt.database.db.selectFrom('household').select('id').where('code', '=', viaApi.code!).executeTakeFirstOrThrow();
    const [referral] = await rt.database.db.transaction().execute((trx) =>
      rt.services.referrals.create(trx, { case_id: null, household_id: household.id, region_code: viaApi.region_code, programs: ['charity'], note: '隐私检查' }, operatorActor('test')));
    const answered = await rt.services.referrals.respond(referral.id, { decision: 'accepted', result: '已帮扶', amount: 100 }, operatorActor('test'));
    const recommended = await rt.services.recommendations.forHouseholdCode(viaApi.code!, undefined, TEST_TODAY, operatorActor('test'));
    expect(JSON.stringify([answered, recommended])).not.toContain(viaApi.members![0].id_number);
    const importedId = newIdNumber('19700505', 'female');
    const report = await importRegistry(rt.database, [{
      household_code: 'PRIV-1', region_code: '220102001001', hukou_type: 'urban', id_number: importedId, name: '赵敏', relation: 'head', phone: '13912340002',
    }], { actor: 'test', vault: rt.vault, skipInvalid: false, today: TEST_TODAY });
    expect(report.status).toBe('committed');
    const department = newIdNumber('19550505');
    const dir = tempDir();
    const ingested = await rt.services.ingest.ingest({ dataset: 'death_record', file: writeCsv(dir, 'deaths.csv', ['id_number', 'death_date'], [[department, '2026-10-01'], [importedId, '2026-10-02']]) }, operatorActor('test'));
    expect(ingested.status).toBe('committed');
    const applied = newApplication({ phone: '13912340003' });
    await rt.services.applications.submit(applied);
    const reported = newIdNumber('19450505');
    await rt.services.reports.create(newReport({ person: { name: '赵大爷', id_number: reported }, region_code: '220102001001' }), operatorActor('test'));
    const secrets = [viaApi.members![0].id_number, importedId, '13912340001', '13912340002', department, applied.applicant.id_number, applied.members[0].id_number, '13912340003', reported];
    const tables = await sql<{ table_name: string }>`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(rt.database.db);
    for (const { table_name } of tables.rows) {
      const dump = await sql<{ t: string }>`SELECT t::text AS t FROM ${sql.table(table_name)} t`.execute(rt.database.db);
      const text = dump.rows.map((r) => r.t).join('\n');
      for (const s of secrets) expect(text.includes(s), `${table_name} holds a plain identifier`).toBe(false);
    }
    const found = await rt.services.persons.lookup(importedId, operatorActor('test'));
    expect(found.id_number).toBe(`${importedId.slice(0, 6)}********${importedId.slice(-4)}`);
    expect((await rt.services.persons.reveal(found.id, 'id_number', '核对身份信息', operatorActor('test'))).value).toBe(importedId);
  });

  it('seals on worker threads for big files, with the same result as this thread', async () => {
    const { generateDemo, toRegistryRows } = await import('../src/modules/registry/demo/demo-generator.js');
    const rows = [...generateDemo({ households: 1500, seed: 42, asOf: TEST_TODAY })].flatMap((h) => toRegistryRows(h)) as unknown as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(3000);
    const report = await importRegistry(rt.database, rows, { actor: 'test', vault: rt.vault, skipInvalid: false, today: TEST_TODAY });
    expect(report).toMatchObject({ status: 'committed', persons_created: rows.length });
    for (const r of [rows[0], rows[2500], rows[rows.length - 1]]) {
      const p = await rt.database.db.selectFrom('person').selectAll().where('id_number_hash', '=', rt.vault.hash(r.id_number)).executeTakeFirstOrThrow();
      expect(rt.vault.open(p.id_number_sealed)).toBe(r.id_number);
      if (r.phone) expect(p.phone_hash).toBe(rt.vault.hashPhone(r.phone));
    }
  });

  it('re-seals every identifier under a new key, readable without the old one', async () => {
    const old = testKeyring();
    const fresh = { id: 'k2', key: Buffer.alloc(32, 3) };
    const n = await resealAll(rt.database.db, new PiiVault({ keys: [fresh, ...old.keys], hmac: old.hmac }));
    expect(n).toBeGreaterThan(0);
    const onlyNew = new PiiVault({ keys: [fresh], hmac: old.hmac });
    const deaths = await sql<{ id_sealed: string; id_hash: string }>`SELECT id_sealed, id_hash FROM ds_death_record`.execute(rt.database.db);
    expect(deaths.rows.length).toBeGreaterThan(0);
    for (const d of deaths.rows) expect(onlyNew.openBlockSealed(d.id_sealed, d.id_hash)).toMatch(/^\d{17}[\dX]$/);
    for (const a of await rt.database.db.selectFrom('assessment').select('description_sealed').execute()) {
      expect(JSON.parse(onlyNew.open(a.description_sealed))).toHaveProperty('members');
    }
    const rows = await rt.database.db.selectFrom('person').select(['id_number_sealed', 'phone_sealed']).execute();
    for (const r of rows) {
      expect(onlyNew.open(r.id_number_sealed)).toMatch(/^\d{17}[\dX]$/);
      if (r.phone_sealed) expect(onlyNew.open(r.phone_sealed)).toMatch(/^1\d{10}$/);
    }
    expect(await resealAll(rt.database.db, new PiiVault({ keys: [fresh, ...old.keys], hmac: old.hmac }))).toBe(0);
  });
});
