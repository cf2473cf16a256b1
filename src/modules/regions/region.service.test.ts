import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestRuntime } from '../../../test/support/db.js';
import type { Runtime } from '../../platform/runtime.js';

describe.each(engines)('regions on %s', (engine) => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await openTestRuntime(engine);
  });
  afterAll(async () => rt?.close());

  it('holds all of Jilin from the NBS 2023 divisions', async () => {
    const counts = await rt.database.db
      .selectFrom('region')
      .select(['level', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('level')
      .execute();
    const byLevel = Object.fromEntries(counts.map((c) => [c.level, Number(c.n)]));
    expect(byLevel).toEqual({ province: 1, prefecture: 9, county: 69, township: 1075, village: 11860 });
  });

  it('lists children and the path, accepting every code form', async () => {
    const prefectures = await rt.services.regions.children('22');
    expect(prefectures).toHaveLength(9);
    expect(prefectures[0]).toMatchObject({ code: '2201', name: '长春市', level: 'prefecture', has_children: true });
    const villages = await rt.services.regions.children('220102001000');
    expect(villages.every((v) => v.level === 'village' && !v.has_children)).toBe(true);
    const r = await rt.services.regions.get('220102001001');
    expect(r.path.map((p) => p.name)).toEqual(['吉林省', '长春市', '南关区', '南岭街道', '华阳社区']);
    expect((await rt.services.regions.get('220100')).code).toBe('2201');
  });

  it('explains unknown and malformed codes', async () => {
    await expect(rt.services.regions.get('229999')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(rt.services.regions.get('22x')).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('loads the reference data once', async () => {
    const { loadReferenceData } = await import('../../reference-data.js');
    await loadReferenceData(rt.database);
    const n = await rt.database.db.selectFrom('region').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(13014);
  });
});
