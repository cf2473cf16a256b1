/**
 * ECharts options for the dashboard, built from the shaped data (dashboardData.ts). Only types
 * come from ECharts here: the library itself is loaded lazily by EChart.tsx.
 */
import type { LineSeriesOption, MapSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption, VisualMapComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { LEVELS, type Level } from '../../api/monitoring';
import type { MapDatum, MapSeries, Trend } from './dashboardData';

export type ChartOption = ComposeOption<
  MapSeriesOption | LineSeriesOption | TooltipComponentOption | VisualMapComponentOption | GridComponentOption | LegendComponentOption
>;

/** The name the Jilin prefecture map is registered under. */
export const JILIN_MAP = 'jilin-prefectures';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface MapLabels {
  total: string;
  levels: Record<Level, string>;
  high: string;
  low: string;
}

export function mapOption(series: MapSeries, labels: MapLabels): ChartOption {
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const d = (p as { data?: MapDatum }).data;
        if (!d) return '';
        const parts = LEVELS.map((l) => `${escape(labels.levels[l])} ${d[l]}`).join(' · ');
        return `<b>${escape(d.regionName)}</b><br/>${escape(labels.total)} ${d.value}<br/>${parts}`;
      },
    },
    visualMap: {
      type: 'continuous',
      min: 0,
      max: series.max,
      left: 8,
      bottom: 8,
      text: [labels.high, labels.low],
      calculable: false,
      itemHeight: 100,
      inRange: { color: ['#fff7e6', '#ffa940', '#cf1322'] },
    },
    series: [
      {
        type: 'map',
        map: JILIN_MAP,
        roam: false,
        selectedMode: false,
        layoutCenter: ['52%', '50%'],
        layoutSize: '95%',
        label: { show: true, fontSize: 11, color: '#262626' },
        emphasis: { label: { show: true, fontWeight: 'bold' }, itemStyle: { areaColor: '#ffd666' } },
        itemStyle: { borderColor: '#8c8c8c', borderWidth: 0.8 },
        data: series.data,
      },
    ],
  };
}

export interface TrendLabels {
  created: string;
  handled: string;
}

export function trendOption(trend: Trend, labels: TrendLabels): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: [labels.created, labels.handled], top: 0 },
    grid: { left: 40, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: trend.months, boundaryGap: false },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { type: 'line', name: labels.created, data: trend.created, smooth: true, symbolSize: 6, itemStyle: { color: '#d46b08' } },
      { type: 'line', name: labels.handled, data: trend.handled, smooth: true, symbolSize: 6, itemStyle: { color: '#389e0d' } },
    ],
  } as ChartOption;
}
