import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { engines, openTestRuntime } from '../../../test/support/db.js';
import { manualClock } from '../../platform/clock.js';
import type { Runtime } from '../../platform/runtime.js';
import { operatorActor } from './domain/actor.js';
import { passwordProblems, hashPassword, verifyPassword } from './domain/password.js';

const admin = operatorActor('test:admin');
const PW = 'Str0ng-Password';

describe('passwords', () => {
  it('hashes with scrypt and a salt, and verifies', async () => {
    const a = await hashPassword(PW);
    const b = await hashPassword(PW);
    expect(a).toMatch(/^scrypt\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(PW, a)).toBe(true);
    expect(await verifyPassword('wrong', a)).toBe(false);
  });
  it('applies the password rules', () => {
    expect(passwordProblems('short', 'u')).not.toHaveLength(0);
    expect(passwordProblems('alllowercaseletters', 'u')).not.toHaveLength(0);
    expect(passwordProblems('Has-alice-1234', 'alice')).not.toHaveLength(0);
    expect(passwordProblems(PW, 'bob')).toEqual([]);
  });
});

describe.each(engines)('access on %s', (engine) => {
  let rt: Runtime;
  const clock = manualClock('2026-11-01T09:00:00+08:00');
  beforeAll(async () => {
    rt = await openTestRuntime(engine, clock);
  });
  afterAll(async () => rt?.close());

  it('creates users with rules, and refuses bad roles, regions and passwords', async () => {
    const u = await rt.services.users.add({ username: 'clerk1', password: PW, role: 'township_officer', region: '220102001000' }, admin);
    expect(u).toMatchObject({ username: 'clerk1', role: 'township_officer', region_code: '220102001', status: 'active' });
    await expect(rt.services.users.add({ username: 'clerk1', password: PW, role: 'township_officer', region: '22' }, admin)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(rt.services.users.add({ username: 'xx2', password: PW, role: 'king', region: '22' }, admin)).rejects.toThrow(/角色.*unknown role/);
    await expect(rt.services.users.add({ username: 'xx3', password: 'weak', role: 'auditor', region: '22' }, admin)).rejects.toThrow(/密码不符合要求/);
    const row = await rt.database.db.selectFrom('app_user').select('password_hash').where('username', '=', 'clerk1').executeTakeFirstOrThrow();
    expect(row.password_hash).not.toContain(PW);
  });

  it('signs in, keeps the session alive while used, and closes it after 30 idle minutes', async () => {
    const grant = await rt.services.auth.login('clerk1', PW);
    expect(grant.actor).toMatchObject({ label: 'user:clerk1', regionCode: '220102001' });
    expect(grant.actor.permissions.has('registry.read')).toBe(true);
    expect(grant.actor.permissions.has('users.manage')).toBe(false);
    const stored = await rt.database.db.selectFrom('user_session').select('id').execute();
    expect(stored.map((s) => s.id)).not.toContain(grant.token);
    clock.advance(20 * 60_000);
    await rt.services.auth.session(grant.token);
    clock.advance(20 * 60_000);
    await expect(rt.services.auth.session(grant.token)).resolves.toBeTruthy();
    clock.advance(31 * 60_000);
    await expect(rt.services.auth.session(grant.token)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('locks an account after five wrong passwords, even against the right one', async () => {
    await rt.services.users.add({ username: 'clerk2', password: PW, role: 'village_worker', region: '220102001001' }, admin);
    for (let i = 0; i < 5; i++) await expect(rt.services.auth.login('clerk2', 'Wrong-passw0rd')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(rt.services.auth.login('clerk2', PW)).rejects.toThrow(/锁定.*locked/);
    clock.advance(16 * 60_000);
    await expect(rt.services.auth.login('clerk2', PW)).resolves.toBeTruthy();
    const audit = await rt.database.db.selectFrom('audit_log').select('action').where('actor', '=', 'user:clerk2').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['auth.login_failed', 'auth.locked', 'auth.login']));
  });

  it('refuses disabled users, their sessions and their tokens', async () => {
    await rt.services.users.add({ username: 'dept1', password: PW, role: 'civil_affairs_officer', region: '2201' }, admin);
    const grant = await rt.services.auth.login('dept1', PW);
    const { token } = await rt.services.auth.createToken('dept1', { region: '220102', permissions: ['registry.read'] }, admin);
    const scoped = await rt.services.auth.token(token);
    expect(scoped.regionCode).toBe('220102');
    expect([...scoped.permissions]).toEqual(['registry.read']);
    const hashed = await rt.database.db.selectFrom('api_token').select('token_hash').execute();
    expect(hashed.map((h) => h.token_hash)).not.toContain(token);
    await expect(rt.services.auth.createToken('dept1', { region: '2202' }, admin)).rejects.toMatchObject({ code: 'VALIDATION' });
    await rt.services.users.disable('dept1', admin);
    await expect(rt.services.auth.session(grant.token)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(rt.services.auth.token(token)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(rt.services.auth.login('dept1', PW)).rejects.toThrow(/停用.*disabled/);
  });

  it('records authorizations and refuses an economic check without a valid one', async () => {
    const { newHousehold } = await import('../../../test/support/factories.js');
    const h = newHousehold();
    await rt.services.households.create(h, { actor: admin });
    const d = await rt.services.householdReads.get(h.code, admin);
    const head = d.members[0];
    const hh = await rt.database.db.selectFrom('household').select('id').where('code', '=', h.code).executeTakeFirstOrThrow();
    await expect(rt.services.authorizations.requireValid(hh.id, 'tax')).rejects.toThrow(/授权书.*authorization/);
    await expect(rt.services.authorizations.record(h.code, { signed_by_person_id: head.id, scope: ['horoscope'], signed_on: '2026-10-01', expires_on: '2027-01-01' }, admin)).rejects.toMatchObject({ code: 'VALIDATION' });
    const { id } = await rt.services.authorizations.record(h.code, { signed_by_person_id: head.id, scope: ['tax', 'banks'], signed_on: '2026-10-01', expires_on: '2027-09-30', file_ref: 'scan/001.pdf' }, admin);
    expect(await rt.services.authorizations.requireValid(hh.id, 'tax')).toBe(id);
    await expect(rt.services.authorizations.requireValid(hh.id, 'real_estate')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(rt.services.authorizations.requireValid(hh.id, 'tax', '2027-10-01')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await rt.services.authorizations.revoke(id, '本人撤回', admin);
    await expect(rt.services.authorizations.requireValid(hh.id, 'tax')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await rt.services.authorizations.list(h.code, admin))[0]).toMatchObject({ valid: false, scope: ['tax', 'banks'] });
  });

  describe('the audit chain', () => {
    const tamper = async (statement: ReturnType<typeof sql>) => {
      await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_append_only`.execute(rt.database.db);
      await statement.execute(rt.database.db);
      await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_append_only`.execute(rt.database.db);
    };

    it('is intact after normal use, and refuses updates and deletes', async () => {
      const r = await rt.services.audit.verify();
      expect(r).toMatchObject({ ok: true, first_broken: null });
      expect(r.checked).toBeGreaterThan(5);
      await expect(sql`DELETE FROM audit_log`.execute(rt.database.db)).rejects.toThrow(/append-only/);
    });

    it('detects an edited entry', async () => {
      const target = await sql<{ id: string }>`SELECT id FROM audit_log ORDER BY id LIMIT 1 OFFSET 2`.execute(rt.database.db);
      const id = target.rows[0].id;
      await tamper(sql`UPDATE audit_log SET actor = 'someone-else' WHERE id = ${id}`);
      expect(await rt.services.audit.verify()).toMatchObject({ ok: false, first_broken: id });
    });
  });
});

describe.each(engines)('audit chain deletions and insertions on %s', (engine) => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await openTestRuntime(engine);
    for (let i = 0; i < 6; i++) await rt.services.audit.record({ actor: 'test', action: `t.${i}` });
  });
  afterAll(async () => rt?.close());
  const raw = async (q: ReturnType<typeof sql>) => {
    await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(rt.database.db);
    await q.execute(rt.database.db);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER USER`.execute(rt.database.db);
  };

  it('detects a deleted entry, then an inserted one', async () => {
    const ids = (await sql<{ id: string }>`SELECT id FROM audit_log ORDER BY id`.execute(rt.database.db)).rows.map((r) => r.id);
    await raw(sql`DELETE FROM audit_log WHERE id = ${ids[2]}`);
    expect(await rt.services.audit.verify()).toMatchObject({ ok: false, first_broken: ids[3] });
    await raw(sql`INSERT INTO audit_log (id, actor, action, prev_hash, hash) VALUES (${ids[2]}, 'forger', 't.x', 'x', 'y')`);
    const r = await rt.services.audit.verify();
    expect(r.ok).toBe(false);
    expect(r.first_broken).toBe(ids[2]);
  });
});
