import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestRuntime, TEST_TODAY } from '../../../test/support/db.js';
import { newHousehold, newIdNumber, newPerson } from '../../../test/support/factories.js';
import { operatorActor, type Actor } from '../access/domain/actor.js';
import { PERMISSIONS, type Permission } from '../access/domain/roles.js';
import type { Runtime } from '../../platform/runtime.js';

const op = operatorActor('test');

function townshipOfficer(region: string): Actor {
  const perms: Permission[] = ['registry.read', 'recognition.assess'];
  return { label: 'user:t', userId: '1', role: 'township_officer', regionCode: region, department: null, permissions: new Set(perms) };
}

/** A 3-person urban description with the given monthly per-capita income. */
function description(over: Record<string, unknown> = {}, monthly = 833) {
  return {
    region_code: '220102', hukou_type: 'urban', as_of: '2025-03-01', annual_income: monthly * 12 * 3, financial_assets: 0, vehicles: [], properties: 1,
    members: [
      { id_number: newIdNumber('19800312'), relation: 'head', work_ability: 'full' },
      { id_number: newIdNumber('19820620', 'female'), relation: 'spouse', work_ability: 'full' },
      { id_number: newIdNumber('20120101'), relation: 'child', in_school: true },
    ],
    ...over,
  };
}

describe.each(engines)('assessments on %s', (engine) => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await openTestRuntime(engine);
  });
  afterAll(async () => rt?.close());

  it('assesses a description with the parameters in force and explains the result', async () => {
    const a = await rt.services.assessments.assessDescription(description(), op);
    expect(a.tier).toBe('marginal');
    expect(a.summary.en).toContain('低保边缘 (marginal family): per-capita income ¥833/month is below 1.5 × ¥643 = ¥964.5');
    expect(a.parameters.find((p) => p.key === 'dibao.standard.urban' && p.on === '2025-03-01')).toMatchObject({ value: 643, region_code: '22', valid_from: '2024-07-01' });
    expect(a.id).toBeNull();
    const d = description();
    const masked = await rt.services.assessments.assessDescription(d, op);
    for (const m of d.members) expect(JSON.stringify(masked)).not.toContain(m.id_number);
  });

  it('judges a 2024 date by the 2024 standard and a 2025 date by the 2025 one', async () => {
    const in2024 = await rt.services.assessments.assessDescription(description({ as_of: '2024-03-01' }, 620), op);
    const in2025 = await rt.services.assessments.assessDescription(description({ as_of: '2025-03-01' }, 620), op);
    expect([in2024.figures.dibao_standard, in2024.tier]).toEqual([612, 'marginal']);
    expect([in2025.figures.dibao_standard, in2025.tier]).toEqual([643, 'dibao']);
  });

  it('lets a county standard beat the province, only in that county', async () => {
    await rt.services.policy.set({ key: 'dibao.standard.urban', value: 850, region: '220104', from: '2025-01-01', source: '朝阳区 2025 年标准（测试）' }, op);
    const county = await rt.services.assessments.assessDescription(description({ region_code: '220104001' }), op);
    const other = await rt.services.assessments.assessDescription(description({ region_code: '220102' }), op);
    expect(county.figures.dibao_standard).toBe(850);
    expect(county.tier).toBe('dibao'); // ¥833 < ¥850
    expect(county.parameters.find((p) => p.key === 'dibao.standard.urban' && p.on === '2025-03-01')?.region_code).toBe('220104');
    expect(other.figures.dibao_standard).toBe(643);
  });

  it.each([
    ['an unknown region', { region_code: '229999' }, 'region_code'],
    ['an invalid ID number', { members: [{ id_number: '220102198003120000', relation: 'head' }] }, 'members[0].id_number'],
    ['a negative income', { annual_income: -1 }, 'annual_income'],
  ])('refuses %s and names the field', async (_l, over, field) => {
    await expect(rt.services.assessments.assessDescription(description(over), op)).rejects.toMatchObject({ code: 'VALIDATION', details: { field } });
  });

  it('refuses a date with no parameter in force, naming the parameter', async () => {
    await expect(rt.services.assessments.assessDescription(description({ as_of: '2020-01-01' }), op)).rejects.toMatchObject({
      code: 'NOT_FOUND', details: { key: 'dibao.standard.urban', on: '2020-01-01' },
    });
  });

  it('refuses a description outside the officer\'s area', async () => {
    await expect(rt.services.assessments.assessDescription(description({ region_code: '220581' }), townshipOfficer('220102001'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  describe('a registered household', () => {
    const household = newHousehold({
      members: [newPerson({ relation: 'head', work_ability: 'full', health: 'healthy' }), newPerson({ id_number: newIdNumber('19850101', 'female'), relation: 'spouse', work_ability: 'full', health: 'serious' })],
    });

    beforeAll(async () => {
      await rt.services.households.create(household, { actor: op });
      // ¥800 per person per month: marginal in 220102 (standard ¥643)
      await rt.services.households.addSnapshot(household.code, { as_of: '2026-09-01', source: 'declaration', income_wage: 800 * 12 * 2, financial_assets: 1000 }, { actor: op });
    });

    it('is assessed from its latest snapshot, stored with masked ID numbers and the parameters used', async () => {
      const a = await rt.services.assessments.assessHousehold(household.code, TEST_TODAY, op);
      expect(a.id).not.toBeNull();
      expect(a.snapshot).toEqual({ as_of: '2026-09-01', source: 'declaration' });
      expect(a.tier).toBe('dibao'); // 单人保 for the seriously ill spouse
      expect(a.recognitions.map((r) => `${r.category}:${r.scope}`).sort()).toEqual(['dibao:person', 'marginal:household']);
      const single = a.recognitions.find((r) => r.scope === 'person') as unknown as { id_number: string; person_id: string };
      expect(single.id_number).toMatch(/^220102\*{8}\d{3}[\dX]$/);
      expect(single.person_id).toMatch(/^\d+$/);
      expect(JSON.stringify(a)).not.toContain(household.members![1].id_number);
      expect(a.notes.map((n) => n.en).join(' ')).toContain('legal supporters outside the household');

      const again = await rt.services.assessments.get(a.id!, op);
      expect(again.summary).toEqual(a.summary);
      expect(again.parameters).toEqual(a.parameters);
      const list = await rt.services.assessments.listForHousehold(household.code, op);
      expect(list[0].id).toBe(a.id);
    });

    it('replays with the values it used, even after the standard changes', async () => {
      const first = await rt.services.assessments.assessHousehold(household.code, TEST_TODAY, op);
      await rt.services.policy.set({ key: 'dibao.standard.urban', value: 900, region: '220102', from: '2026-01-01', source: '提标（测试）' }, op);
      const replay = await rt.services.assessments.replay(first.id!, op);
      expect(replay).toMatchObject({ identical: true, differences: [] });
      expect(replay.replayed.figures.dibao_standard).toBe(643);
      const now = await rt.services.assessments.assessHousehold(household.code, TEST_TODAY, op);
      expect(now.figures.dibao_standard).toBe(900);
      expect(now.tier).toBe('dibao');
      expect(now.recognitions).toEqual([{ category: 'dibao', scope: 'household' }]);
    });

    it.each([['2026-02-30'], ['2099-01-01'], ['soon']])('refuses the date %s, naming the field', async (on) => {
      await expect(rt.services.assessments.assessHousehold(household.code, on, op)).rejects.toMatchObject({ code: 'VALIDATION', details: { field: 'on' } });
    });

    it('needs an economic snapshot on or before the date', async () => {
      await expect(rt.services.assessments.assessHousehold(household.code, '2026-08-01', op)).rejects.toMatchObject({ code: 'VALIDATION', details: { field: 'on' } });
    });

    it('is not found outside the officer\'s area, and needs the permission', async () => {
      await expect(rt.services.assessments.assessHousehold(household.code, TEST_TODAY, townshipOfficer('220581102'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const reader: Actor = { ...townshipOfficer('22'), permissions: new Set<Permission>(['registry.read']) };
      await expect(rt.services.assessments.assessHousehold(household.code, TEST_TODAY, reader)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(Object.keys(PERMISSIONS)).toContain('recognition.assess');
    });

    it('writes an audit entry for every assessment and read', async () => {
      const rows = await rt.database.db.selectFrom('audit_log').select(['action', 'subject']).where('subject', '=', `household:${household.code}`).execute();
      const actions = new Set(rows.map((r) => r.action));
      for (const a of ['assessment.create', 'assessment.read', 'assessment.list', 'assessment.replay']) expect(actions.has(a), a).toBe(true);
    });
  });
});
