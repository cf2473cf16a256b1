import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestRuntime } from '../../../test/support/db.js';
import type { Runtime } from '../../platform/runtime.js';
import { operatorActor } from '../access/domain/actor.js';
import { parameterCatalog } from './domain/parameters.js';

const admin = operatorActor('test:admin');

describe.each(engines)('policy parameters on %s', (engine) => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await openTestRuntime(engine);
  });
  afterAll(async () => rt?.close());

  it('seeds a Jilin default, with its source, for every catalogued key', async () => {
    for (const key of parameterCatalog().keys()) {
      const v = await rt.services.policy.get(key, '220102001001', '2025-06-01');
      expect(v.region_code, key).toBe('22');
      expect(v.source, key).toBeTruthy();
    }
  });

  it('answers by date: the 2024 and 2025 standards', async () => {
    expect((await rt.services.policy.get('dibao.standard.urban', '22', '2024-03-01')).value).toBe(612);
    expect((await rt.services.policy.get('dibao.standard.urban', '22', '2025-03-01')).value).toBe(643);
    expect((await rt.services.policy.get('dibao.standard.rural', '2201', '2024-06-30')).value).toBe(445);
    expect((await rt.services.policy.get('dibao.standard.rural', '2201', '2024-07-01')).value).toBe(483);
    await expect(rt.services.policy.get('dibao.standard.urban', '22', '2020-01-01')).rejects.toThrow(/没有生效的值.*no value of dibao.standard.urban is in force/);
  });

  it('lets a county override the province, for its own subtree only', async () => {
    await rt.services.policy.set({ key: 'dibao.standard.urban', value: '700', region: '220102000000', from: '2025-01-01', source: '南关区文件' }, admin);
    expect((await rt.services.policy.get('dibao.standard.urban', '220102001001', '2025-03-01')).value).toBe(700);
    expect((await rt.services.policy.get('dibao.standard.urban', '220103', '2025-03-01')).value).toBe(643);
    expect((await rt.services.policy.get('dibao.standard.urban', '220102', '2024-12-31')).value).toBe(643);
  });

  it('keeps history: setting the same key, region and start again is a new version', async () => {
    await rt.services.policy.set({ key: 'marginal.income_multiplier', value: 1.6, region: '2202', from: '2025-01-01' }, admin);
    const v2 = await rt.services.policy.set({ key: 'marginal.income_multiplier', value: 1.7, region: '2202', from: '2025-01-01' }, admin);
    expect(v2.version).toBe(2);
    expect((await rt.services.policy.get('marginal.income_multiplier', '220202', '2025-05-01')).value).toBe(1.7);
    const history = await rt.services.policy.history('marginal.income_multiplier');
    expect(history.filter((h) => h.region_code === '2202').map((h) => [h.value, h.version, h.current])).toEqual([[1.7, 2, true], [1.6, 1, false]]);
  });

  it('refuses unknown keys, bad values, villages and bad dates, naming the field', async () => {
    await expect(rt.services.policy.set({ key: 'no.such', value: 1, region: '22', from: '2025-01-01' }, admin)).rejects.toThrow(/未知的政策参数/);
    await expect(rt.services.policy.set({ key: 'dibao.standard.urban', value: '-5', region: '22', from: '2025-01-01' }, admin)).rejects.toMatchObject({ details: { field: 'value' } });
    await expect(rt.services.policy.set({ key: 'tekun.elderly_age', value: '60.5', region: '22', from: '2025-01-01' }, admin)).rejects.toMatchObject({ details: { field: 'value' } });
    await expect(rt.services.policy.set({ key: 'dibao.standard.urban', value: 1, region: '220102001', from: '2025-01-01' }, admin)).rejects.toMatchObject({ details: { field: 'region' } });
    await expect(rt.services.policy.set({ key: 'dibao.standard.urban', value: 1, region: '22', from: '2025-02-30x' }, admin)).rejects.toMatchObject({ details: { field: 'from' } });
    await expect(rt.services.policy.set({ key: 'dibao.standard.urban', value: 1, region: '22', from: '2025-02-01', to: '2025-01-01' }, admin)).rejects.toMatchObject({ details: { field: 'to' } });
    const county = { ...admin, regionCode: '220102', label: 'user:county' };
    await expect(rt.services.policy.set({ key: 'dibao.standard.urban', value: 1, region: '2202', from: '2025-01-01' }, county)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
