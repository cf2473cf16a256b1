import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestRuntime } from '../../../test/support/db.js';
import { newHousehold, newIdNumber, newPerson } from '../../../test/support/factories.js';
import { operatorActor } from '../access/domain/actor.js';
import type { Runtime } from '../../platform/runtime.js';

const clerk = { actor: operatorActor('test:clerk'), reason: '入户核实 home visit' };

describe.each(engines)('household service on %s', (engine) => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await openTestRuntime(engine);
  });
  afterAll(async () => rt?.close());

  it('creates a household with members and categories, and keeps the history', async () => {
    const input = newHousehold();
    input.members![0].id_number = newIdNumber('19580312');
    await rt.services.households.create(input, clerk);
    const d = await rt.services.householdReads.get(input.code, operatorActor('test:reader'));
    expect(d.region_path.map((r) => r.name)).toEqual(['吉林省', '长春市', '南关区', '南岭街道', '华阳社区']);
    expect(d.members).toHaveLength(2);
    const head = d.members.find((m) => m.relation === 'head')!;
    expect(head.sex).toBe('male');
    expect(head.birth_date).toBe('1958-03-12');
    expect(head.id_number).toMatch(/^220102\*+\d{3}[\dX]$/);
    expect(head.categories.map((c) => c.category)).toEqual(['dibao']);
    expect(d.history.map((h) => h.action)).toEqual(expect.arrayContaining(['household.create', 'person.create', 'membership.create']));
    const audit = await rt.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'household.read').execute();
    expect(audit.some((a) => a.subject === `household:${input.code}` && a.actor === 'test:reader')).toBe(true);
  });

  it('refuses a person already registered in another household, writing nothing', async () => {
    const first = newHousehold();
    await rt.services.households.create(first, clerk);
    const again = newHousehold({ members: [newPerson({ id_number: first.members![0].id_number })] });
    await expect(rt.services.households.create(again, clerk)).rejects.toMatchObject({ code: 'CONFLICT' });
    const h = await rt.database.db.selectFrom('household').select('id').where('code', '=', again.code).executeTakeFirst();
    expect(h).toBeUndefined();
  });

  it('refuses invalid input with bilingual messages', async () => {
    await expect(rt.services.households.create(newHousehold({ region_code: '2201' }), clerk)).rejects.toThrow(/村\/社区级.*village/);
    await expect(rt.services.households.create(newHousehold({ region_code: '229999999999' }), clerk)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(rt.services.households.create(newHousehold({ hukou_type: 'city' }), clerk)).rejects.toThrow(/户籍性质.*hukou_type/);
    const badId = newHousehold({ members: [newPerson({ id_number: '220102195803121230' })] });
    await expect(rt.services.households.create(badId, clerk)).rejects.toThrow(/身份证号无效.*invalid ID number/);
    const twoHeads = newHousehold({ members: [newPerson(), newPerson()] });
    await expect(rt.services.households.create(twoHeads, clerk)).rejects.toThrow(/只能有一名户主/);
  });

  it('updates with a diff in the history, and does nothing when nothing changed', async () => {
    const input = newHousehold();
    await rt.services.households.create(input, clerk);
    await rt.services.households.update(input.code, { address: '新地址 1 号', reason: '搬迁' } as never, clerk);
    await rt.services.households.update(input.code, { address: '新地址 1 号' }, clerk);
    const d = await rt.services.householdReads.get(input.code, operatorActor('test'));
    const updates = d.history.filter((h) => h.action === 'household.update');
    expect(updates).toHaveLength(1);
    expect(updates[0].changes).toMatchObject({ address: { from: input.address, to: '新地址 1 号' } });
    const person = d.members[0];
    await rt.services.households.updatePerson(person.id, { health: 'serious' }, clerk);
    const after = await rt.services.householdReads.get(input.code, operatorActor('test'));
    expect(after.members[0].health).toBe('serious');
  });

  it('moves, splits and merges households explicitly', async () => {
    const a = newHousehold();
    const b = newHousehold({ members: [newPerson({ id_number: newIdNumber('19900101') })] });
    await rt.services.households.create(a, clerk);
    await rt.services.households.create(b, clerk);
    const da = await rt.services.householdReads.get(a.code, operatorActor('test'));
    const spouse = da.members.find((m) => m.relation === 'spouse')!;
    await rt.services.households.movePerson(spouse.id, b.code, 'parent', clerk);
    expect((await rt.services.householdReads.get(b.code, operatorActor('test'))).members).toHaveLength(2);
    const newCode = `${a.code}S`;
    const head = da.members.find((m) => m.relation === 'head')!;
    await rt.services.households.split(a.code, { new_code: newCode, person_ids: [head.id], head_person_id: head.id }, clerk);
    expect((await rt.services.householdReads.get(newCode, operatorActor('test'))).members.map((m) => m.relation)).toEqual(['head']);
    await rt.services.households.merge(newCode, b.code, clerk);
    const merged = await rt.services.householdReads.get(b.code, operatorActor('test'));
    expect(merged.members).toHaveLength(3);
    expect(merged.members.filter((m) => m.relation === 'head')).toHaveLength(1);
    expect((await rt.services.householdReads.get(newCode, operatorActor('test'))).status).toBe('merged');
  });

  it('records snapshots and ends memberships without overwriting', async () => {
    const input = newHousehold();
    await rt.services.households.create(input, clerk);
    await rt.services.households.addSnapshot(input.code, { as_of: '2026-10-01', source: 'declaration', income_wage: 6000, rigid_medical: 12000 }, clerk);
    await expect(rt.services.households.addSnapshot(input.code, { as_of: '2030-01-01', source: 'x' }, clerk)).rejects.toMatchObject({ code: 'VALIDATION' });
    const d = await rt.services.householdReads.get(input.code, operatorActor('test'));
    expect(d.snapshots).toHaveLength(1);
    expect(Number(d.snapshots[0].income_wage)).toBe(6000);
    const m = d.members[0].categories[0];
    await rt.services.households.endMembership(m.id, '2026-10-31', clerk);
    await rt.services.households.addMembership(d.members[0].id, { category: '低保边缘', valid_from: '2026-11-01', source: 'manual' }, clerk);
    const after = await rt.services.householdReads.get(input.code, operatorActor('test'));
    expect(after.members[0].categories.map((c) => [c.category, c.status, c.valid_to])).toEqual([
      ['dibao', 'ended', '2026-10-31'],
      ['marginal', 'active', null],
    ]);
  });

  it('searches within a region subtree, by category, name and ID number', async () => {
    const input = newHousehold({ region_code: '220581102001' });
    await rt.services.households.create(input, clerk);
    const byRegion = await rt.services.householdReads.search({ region: '220581' }, operatorActor('test'));
    expect(byRegion.items.map((i) => i.code)).toContain(input.code);
    expect(byRegion.items.every((i) => i.region_code.startsWith('220581'))).toBe(true);
    const elsewhere = await rt.services.householdReads.search({ region: '2202' }, operatorActor('test'));
    expect(elsewhere.items.map((i) => i.code)).not.toContain(input.code);
    const byId = await rt.services.householdReads.search({ id_number: input.members![1].id_number }, operatorActor('test'));
    expect(byId.items.map((i) => i.code)).toEqual([input.code]);
    const byName = await rt.services.householdReads.search({ name: '秀兰', category: 'dibao', region: '220581102' }, operatorActor('test'));
    expect(byName.items[0]).toMatchObject({ code: input.code, head_name: '王建国', member_count: 2, categories: ['dibao'] });
    expect(byName.items[0].region_name).toContain('梅河口市');
    const page2 = await rt.services.householdReads.search({ page: 2, page_size: 1 }, operatorActor('test'));
    expect(page2.items).toHaveLength(1);
    expect(page2.total).toBeGreaterThan(1);
  });

  it('looks a person up by ID number and audits it', async () => {
    const input = newHousehold();
    await rt.services.households.create(input, clerk);
    const p = await rt.services.persons.lookup(input.members![0].id_number, operatorActor('test:lookup'));
    expect(p).toMatchObject({ household_code: input.code, relation: 'head', name: '王建国' });
    await expect(rt.services.persons.lookup(newIdNumber('19700101'), operatorActor('test:lookup'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const audit = await rt.database.db.selectFrom('audit_log').select(['subject', 'detail']).where('actor', '=', 'test:lookup').execute();
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain(input.members![0].id_number);
  });
});
