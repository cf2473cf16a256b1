/**
 * One ECharts chart, small on purpose: ECharts (and the map) load on first use, the option comes
 * from a pure builder, and the chart follows its box's size. Where no canvas exists (jsdom) or
 * the library fails to load, a short notice replaces the chart: the tables beside it still hold
 * every figure.
 */
import { Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n';
import type { ChartOption } from './chartOptions';
import type { GeoFeatureProps } from './dashboardData';

export interface ChartLib {
  /** the Jilin prefecture map's features (adcode, name) */
  jilinFeatures: GeoFeatureProps[];
}

type Loaded = typeof import('./echartsSetup');
let loading: Promise<Loaded> | null = null;
const loadECharts = () => (loading ??= import('./echartsSetup').catch((e: unknown) => {
  loading = null;
  throw e;
}));

export interface EChartProps {
  /** builds the option once ECharts is loaded; a new function (useCallback deps) redraws */
  build: (lib: ChartLib) => ChartOption;
  height: number;
  'aria-label': string;
  /** a click on a data item (a prefecture on the map) */
  onItemClick?: (data: unknown) => void;
  'data-testid'?: string;
}

export function EChart({ build, height, onItemClick, 'aria-label': ariaLabel, 'data-testid': testId }: EChartProps) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<Loaded['init']> | null>(null);
  const lib = useRef<Loaded | null>(null);
  const click = useRef(onItemClick);
  click.current = onItemClick;
  const [failed, setFailed] = useState(false);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let active = true;
    let observer: ResizeObserver | undefined;
    loadECharts().then(
      (m) => {
        if (!active || !box.current) return;
        try {
          lib.current = m;
          const c = m.init(box.current, undefined, { renderer: 'canvas' });
          c.on('click', (p) => click.current?.((p as { data?: unknown }).data));
          chart.current = c;
          observer = new ResizeObserver(() => c.resize());
          observer.observe(box.current);
          setReady(true);
        } catch {
          setFailed(true);
        }
      },
      () => active && setFailed(true),
    );
    return () => {
      active = false;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (!ready || !chart.current || !lib.current) return;
    try {
      chart.current.setOption(build({ jilinFeatures: lib.current.jilinFeatures }), true);
    } catch {
      setFailed(true);
    }
  }, [ready, build]);

  return (
    <div style={{ position: 'relative', height }} data-testid={testId}>
      <div ref={box} role="img" aria-label={ariaLabel} style={{ position: 'absolute', inset: 0 }} />
      {failed && (
        <div style={{ position: 'absolute', inset: 0, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
          <Typography.Text type="secondary">{t('dash.chartFailed')}</Typography.Text>
        </div>
      )}
    </div>
  );
}
