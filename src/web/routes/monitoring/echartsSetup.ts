/**
 * The part of ECharts the dashboard uses, and the Jilin prefecture map (data/geo, see its
 * SOURCE.md). Loaded only through a dynamic import from EChart.tsx, so neither ends up in the
 * main bundle.
 */
import { LineChart, MapChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { init, registerMap, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import geoText from '../../../../data/geo/jilin_prefectures.geojson?raw';
import { JILIN_MAP } from './chartOptions';
import type { GeoFeatureProps } from './dashboardData';

use([MapChart, LineChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

const geo: unknown = JSON.parse(geoText);
registerMap(JILIN_MAP, geo as Parameters<typeof registerMap>[1]);

/** The prefectures of the map (adcode and name), for joining alert counts to them. */
export const jilinFeatures: GeoFeatureProps[] = (geo as { features: { properties: GeoFeatureProps }[] }).features.map((f) => ({
  adcode: f.properties.adcode,
  name: f.properties.name,
}));

export { init };
