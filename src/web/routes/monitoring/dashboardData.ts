/**
 * Shaping GET /api/alerts/summary for the dashboard's charts: pure functions, no ECharts, so
 * they are unit-tested without a canvas.
 */
import { LEVELS, type Level, type LevelCounts, type MonthCounts, type RegionCounts } from '../../api/monitoring';

/** What the dashboard needs of a GeoJSON feature's properties (DataV: adcode 220100, name 长春市). */
export interface GeoFeatureProps {
  adcode: number | string;
  name: string;
}

export interface MapDatum extends LevelCounts {
  /** the map feature's name: ECharts joins series data to regions by it */
  name: string;
  /** our 4-digit prefecture code */
  code: string;
  /** the region's name as the server gave it (the feature's when the region has no alerts) */
  regionName: string;
  /** total alerts: what the map colours by */
  value: number;
}

export interface MapSeries {
  data: MapDatum[];
  /** the largest total (at least 1, so a scale from 0 to it is never empty) */
  max: number;
  /** regions of the summary that no map feature matched (shown in the table only) */
  unmatched: RegionCounts[];
}

/**
 * A 6-digit prefecture-level adcode (220100, 222400) → our 4-digit region code ('2201', '2224');
 * null for anything else (a county's 220102, the province's 220000).
 */
export function prefectureCode(adcode: number | string): string | null {
  const s = String(adcode).trim();
  if (!/^\d{6}$/.test(s) || !s.endsWith('00') || s.slice(2, 4) === '00') return null;
  return s.slice(0, 4);
}

/** Whether the summary's regions are prefectures of Jilin (a province-level view): then a map fits. */
export function isPrefectureLevel(byRegion: Pick<RegionCounts, 'region_code'>[]): boolean {
  return byRegion.length > 0 && byRegion.every((r) => /^22\d{2}$/.test(r.region_code));
}

const zero = (): LevelCounts => ({ red: 0, orange: 0, yellow: 0, blue: 0 });
const count = (v: unknown) => {
  const n = Number(v ?? 0);
  return Number.isFinite(n) && n > 0 ? n : 0;
};

/**
 * Alert counts by prefecture → one datum per map feature, joined on the region code (never the
 * name): every feature gets a datum (0 where there are no alerts) so the whole province is drawn.
 */
export function mapSeries(byRegion: RegionCounts[], features: GeoFeatureProps[]): MapSeries {
  const byCode = new Map(byRegion.map((r) => [r.region_code, r]));
  const used = new Set<string>();
  const data: MapDatum[] = [];
  for (const f of features) {
    const code = prefectureCode(f.adcode);
    if (!code) continue;
    const r = byCode.get(code);
    if (r) used.add(code);
    const levels = zero();
    for (const l of LEVELS) levels[l] = count(r?.[l]);
    const total = r ? count(r.total) || LEVELS.reduce((s, l) => s + levels[l], 0) : 0;
    data.push({ name: f.name, code, regionName: r?.region_name || f.name, value: total, ...levels });
  }
  return {
    data,
    max: Math.max(1, ...data.map((d) => d.value)),
    unmatched: byRegion.filter((r) => !used.has(r.region_code)),
  };
}

export interface Trend {
  months: string[];
  created: number[];
  handled: number[];
}

const nextMonth = (m: string) => {
  const [y, mo] = m.split('-').map(Number);
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
};

/**
 * Months in order from the first to the last the server reported, months without alerts filled
 * with 0 (a line over a missing month would otherwise skip it silently).
 */
export function trendSeries(byMonth: MonthCounts[]): Trend {
  const valid = byMonth.filter((m) => /^\d{4}-(0[1-9]|1[0-2])$/.test(m.month));
  if (!valid.length) return { months: [], created: [], handled: [] };
  const byKey = new Map<string, MonthCounts>();
  for (const m of valid) {
    const prev = byKey.get(m.month);
    byKey.set(m.month, { month: m.month, created: count(m.created) + count(prev?.created), handled: count(m.handled) + count(prev?.handled) });
  }
  const sorted = [...byKey.keys()].sort();
  const out: Trend = { months: [], created: [], handled: [] };
  // at most 10 years of months: a bad month from the server must not loop for ever
  for (let m = sorted[0], i = 0; m <= sorted[sorted.length - 1] && i < 120; m = nextMonth(m), i++) {
    out.months.push(m);
    out.created.push(byKey.get(m)?.created ?? 0);
    out.handled.push(byKey.get(m)?.handled ?? 0);
  }
  return out;
}

/** The handling rate (0..1) as a percentage with one decimal, clamped to 0–100. */
export function handlingPercent(rate: number | null | undefined): number {
  const r = Number(rate ?? 0);
  if (!Number.isFinite(r)) return 0;
  return Math.round(Math.min(1, Math.max(0, r)) * 1000) / 10;
}

/** The four level counts, most severe first, with 0 for a level the server left out. */
export function levelCards(byLevel: Partial<LevelCounts> | undefined): { level: Level; count: number }[] {
  return LEVELS.map((level) => ({ level, count: count(byLevel?.[level]) }));
}
