// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../i18n';
import { setupWebTest } from '../../test-utils';
import { mapOption } from './chartOptions';
import { mapSeries } from './dashboardData';
import { EChart, type ChartLib } from './EChart';

setupWebTest();

describe('EChart', () => {
  it('loads ECharts and the Jilin map on demand, and says so where it cannot draw (no canvas in jsdom)', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {}); // "[ECharts] Can't get DOM width or height"
    let features: ChartLib['jilinFeatures'] = [];
    const build = (lib: ChartLib) => {
      features = lib.jilinFeatures;
      return mapOption(mapSeries([], lib.jilinFeatures), { total: '合计', levels: { red: '红', orange: '橙', yellow: '黄', blue: '蓝' }, high: '多', low: '少' });
    };
    render(
      <I18nProvider initialLang="zh">
        <EChart build={build} height={300} aria-label="地图" data-testid="chart" />
      </I18nProvider>,
    );
    expect(screen.getByRole('img', { name: '地图' })).toBeTruthy();
    expect(await screen.findByText('图表暂时无法显示，数据见表格')).toBeTruthy();
    expect(features).toHaveLength(9);
    expect(features).toContainEqual({ adcode: 220100, name: '长春市' });
  });
});
