import { describe, expect, it } from 'vitest';
import prefecturesCsv from '../../../../data/divisions/jilin_province_prefectures.csv?raw';
import geoText from '../../../../data/geo/jilin_prefectures.geojson?raw';
import type { RegionCounts } from '../../api/monitoring';
import { JILIN_MAP, mapOption, trendOption } from './chartOptions';
import { handlingPercent, isPrefectureLevel, levelCards, mapSeries, prefectureCode, trendSeries, type GeoFeatureProps } from './dashboardData';

const geo = JSON.parse(geoText) as { features: { properties: GeoFeatureProps }[] };
const FEATURES = geo.features.map((f) => ({ adcode: f.properties.adcode, name: f.properties.name }));
/** code → name of Jilin's prefectures, from the divisions we ship */
const PREFECTURES = new Map(
  prefecturesCsv
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','))
    .filter((c) => c[4] === 'prefecture')
    .map((c) => [c[0], c[2]] as const),
);

const region = (code: string, name: string, red = 0, orange = 0, yellow = 0, blue = 0): RegionCounts => ({
  region_code: code, region_name: name, red, orange, yellow, blue, total: red + orange + yellow + blue,
});

describe('the Jilin prefecture map and our region codes', () => {
  it('maps 6-digit prefecture adcodes to our 4-digit codes, and nothing else', () => {
    expect(prefectureCode(220100)).toBe('2201');
    expect(prefectureCode('222400')).toBe('2224');
    expect(prefectureCode(220000)).toBeNull(); // the province
    expect(prefectureCode(220102)).toBeNull(); // a district
    expect(prefectureCode('2201')).toBeNull();
  });

  it('joins every map feature to a prefecture of data/divisions with the same name', () => {
    expect(FEATURES).toHaveLength(9);
    expect(PREFECTURES.size).toBe(9);
    for (const f of FEATURES) {
      const code = prefectureCode(f.adcode);
      expect(code, `${f.adcode}`).not.toBeNull();
      expect(PREFECTURES.get(code!)).toBe(f.name);
    }
  });
});

describe('alerts by prefecture → map series', () => {
  it('joins on the code (not the name), fills prefectures without alerts, and keeps the rest aside', () => {
    const byRegion = [
      region('2201', '长春', 2, 8, 10, 3),
      { ...region('2224', '延边州', 0, 0, 4, 0), total: 4 },
      region('220102', '南关区', 1), // a county: not on this map
    ];
    const s = mapSeries(byRegion, FEATURES);
    expect(s.data).toHaveLength(9);
    const changchun = s.data.find((d) => d.code === '2201')!;
    expect(changchun).toEqual({ name: '长春市', code: '2201', regionName: '长春', value: 23, red: 2, orange: 8, yellow: 10, blue: 3 });
    expect(s.data.find((d) => d.code === '2224')).toMatchObject({ name: '延边朝鲜族自治州', value: 4, yellow: 4 });
    expect(s.data.find((d) => d.code === '2206')).toEqual({ name: '白山市', code: '2206', regionName: '白山市', value: 0, red: 0, orange: 0, yellow: 0, blue: 0 });
    expect(s.max).toBe(23);
    expect(s.unmatched.map((r) => r.region_code)).toEqual(['220102']);
  });

  it('never makes an empty colour scale, and reads odd counts as 0', () => {
    const s = mapSeries([{ ...region('2202', '吉林市'), red: -1, total: Number.NaN }], FEATURES);
    expect(s.max).toBe(1);
    expect(s.data.find((d) => d.code === '2202')).toMatchObject({ value: 0, red: 0 });
  });

  it('tells a province view (prefectures) from a lower one', () => {
    expect(isPrefectureLevel([region('2201', '长春市'), region('2224', '延边朝鲜族自治州')])).toBe(true);
    expect(isPrefectureLevel([region('220102', '南关区')])).toBe(false);
    expect(isPrefectureLevel([])).toBe(false);
  });

  it('builds the map option on the registered map, with an escaped tooltip', () => {
    const s = mapSeries([region('2201', '长春<市>', 1, 2, 3, 4)], FEATURES);
    const option = mapOption(s, { total: '合计', levels: { red: '红色', orange: '橙色', yellow: '黄色', blue: '蓝色' }, high: '多', low: '少' });
    const series = (option.series as { type: string; map: string; data: unknown[] }[])[0];
    expect(series).toMatchObject({ type: 'map', map: JILIN_MAP });
    expect(series.data).toBe(s.data);
    expect(option.visualMap).toMatchObject({ min: 0, max: 10 });
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    expect(formatter({ data: s.data.find((d) => d.code === '2201') })).toBe('<b>长春&#60;市&#62;</b><br/>合计 10<br/>红色 1 · 橙色 2 · 黄色 3 · 蓝色 4');
  });
});

describe('month trend', () => {
  it('orders months, fills the gaps with 0 across a year end, and merges repeats', () => {
    const t = trendSeries([
      { month: '2026-02', created: 4, handled: 1 },
      { month: '2025-11', created: 10, handled: 2 },
      { month: '2026-02', created: 1, handled: 1 },
      { month: '2026-13', created: 99, handled: 99 },
    ]);
    expect(t.months).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(t.created).toEqual([10, 0, 0, 5]);
    expect(t.handled).toEqual([2, 0, 0, 2]);
    expect(trendSeries([])).toEqual({ months: [], created: [], handled: [] });
  });

  it('draws raised and handled as two lines', () => {
    const option = trendOption(trendSeries([{ month: '2026-10', created: 15, handled: 9 }]), { created: '新发现', handled: '已办结' });
    expect((option.xAxis as { data: string[] }).data).toEqual(['2026-10']);
    expect((option.series as { name: string; data: number[] }[]).map((s) => [s.name, s.data])).toEqual([
      ['新发现', [15]],
      ['已办结', [9]],
    ]);
  });
});

describe('handling rate and level cards', () => {
  it('shows the rate as a clamped percentage with one decimal', () => {
    expect(handlingPercent(0.875)).toBe(87.5);
    expect(handlingPercent(0.12345)).toBe(12.3);
    expect(handlingPercent(1.2)).toBe(100);
    expect(handlingPercent(null)).toBe(0);
    expect(handlingPercent(Number.NaN)).toBe(0);
  });

  it('lists the four levels, most severe first, 0 where missing', () => {
    expect(levelCards({ red: 3, yellow: 20 })).toEqual([
      { level: 'red', count: 3 },
      { level: 'orange', count: 0 },
      { level: 'yellow', count: 20 },
      { level: 'blue', count: 0 },
    ]);
  });
});
