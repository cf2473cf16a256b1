/**
 * /monitoring — 监测总览: alerts of the user's region (or a region chosen below it) by level, on
 * the map of Jilin's prefectures, by month (raised vs handled), and how many are handled. Users
 * with monitor.manage run the monitoring from here.
 */
import { ReloadOutlined } from '@ant-design/icons';
import { Alert as Notice, Button, Card, Col, Empty, Progress, Row, Skeleton, Space, Statistic, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useMemo } from 'react';
import { LEVELS, useAlertSummary, type RegionCounts } from '../../api/monitoring';
import { useCurrentUser, useSession } from '../../api/session';
import { useT } from '../../i18n';
import { useIsMobile } from '../../layout/useIsMobile';
import { Link, navigate, qs, useLocation } from '../../router';
import { RegionPicker } from '../registry/RegionPicker';
import { inboxUrl } from './AlertsPage';
import { mapOption, trendOption } from './chartOptions';
import { handlingPercent, isPrefectureLevel, levelCards, mapSeries, trendSeries, type MapDatum } from './dashboardData';
import { EChart, type ChartLib } from './EChart';
import { LEVEL_COLORS, tabular, useMonitoringLabels } from './labels';
import { RunMonitoring } from './RunMonitoring';

function RegionTable({ rows, region }: { rows: RegionCounts[]; region?: string }) {
  const t = useT();
  const { level } = useMonitoringLabels();
  const n = (v: number) => <span style={tabular}>{v}</span>;
  const columns: ColumnsType<RegionCounts> = [
    {
      title: t('dash.col.region'),
      dataIndex: 'region_name',
      width: 150,
      render: (name: string, r) => <Link to={inboxUrl({ region: r.region_code })}>{name || r.region_code}</Link>,
    },
    ...LEVELS.map((l) => ({ title: level(l), dataIndex: l, width: 64, align: 'right' as const, render: n })),
    { title: t('dash.col.total'), dataIndex: 'total', width: 70, align: 'right', render: (v: number) => <b style={tabular}>{v}</b> },
  ];
  return (
    <div data-testid="region-table">
      <Table<RegionCounts>
        rowKey="region_code"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 480 }}
        locale={{ emptyText: region ? t('dash.noRegions') : t('dash.noData') }}
      />
    </div>
  );
}

export function DashboardPage() {
  const t = useT();
  const me = useCurrentUser();
  const { can } = useSession();
  const isMobile = useIsMobile();
  const { query } = useLocation();
  const region = query.get('region') || undefined;
  const { level } = useMonitoringLabels();
  const { data, error, loading, refetch } = useAlertSummary(region);

  const byRegion = useMemo(() => data?.by_region ?? [], [data]);
  const trend = useMemo(() => trendSeries(data?.by_month ?? []), [data]);
  const showMap = isPrefectureLevel(byRegion);
  const levels = useMemo(() => Object.fromEntries(LEVELS.map((l) => [l, level(l)])) as Record<(typeof LEVELS)[number], string>, [level]);

  const buildMap = useCallback(
    (lib: ChartLib) => mapOption(mapSeries(byRegion, lib.jilinFeatures), { total: t('dash.col.total'), levels, high: t('dash.high'), low: t('dash.low') }),
    [byRegion, levels, t],
  );
  const buildTrend = useCallback(() => trendOption(trend, { created: t('dash.created'), handled: t('dash.handled') }), [trend, t]);
  const onPrefecture = useCallback((d: unknown) => {
    const code = (d as MapDatum | undefined)?.code;
    if (code) navigate(inboxUrl({ region: code }));
  }, []);

  const header = (
    <Card size="small">
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 12 }}>
        <div style={{ flex: '1 1 260px' }}>
          <Typography.Title level={4} style={{ margin: 0 }}>{t('dash.title')}</Typography.Title>
          {!isMobile && <Typography.Text type="secondary">{t('dash.subtitle')}</Typography.Text>}
        </div>
        <div style={{ flex: '0 1 320px', minWidth: 220 }}>
          <RegionPicker
            rootCode={me.region_code}
            value={region}
            onChange={(v) => navigate('/monitoring' + qs({ region: v }))}
            placeholder={t('dash.regionAll')}
            aria-label={t('dash.region')}
          />
        </div>
        <Tooltip title={t('common.refresh')}>
          <Button icon={<ReloadOutlined />} onClick={refetch} aria-label={t('common.refresh')} />
        </Tooltip>
      </div>
    </Card>
  );

  if (error && !data) {
    return (
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {header}
        <Notice type="error" showIcon title={t('common.loadFailed')} description={error.message} action={<Button size="small" onClick={refetch}>{t('common.retry')}</Button>} />
        {can('monitor.manage') && <RunMonitoring onDone={refetch} />}
      </Space>
    );
  }

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {header}
      <Row gutter={[12, 12]}>
        {levelCards(data?.by_level).map(({ level: l, count }) => (
          <Col xs={12} md={6} key={l}>
            <Card
              size="small"
              hoverable
              onClick={() => navigate(inboxUrl({ level: l, region }))}
              data-testid={`level-card-${l}`}
              styles={{ body: { borderInlineStart: `4px solid ${LEVEL_COLORS[l]}`, borderRadius: 4 } }}
            >
              <Statistic title={t('dash.levelCard', { level: level(l) })} value={count} loading={loading && !data} styles={{ content: { color: LEVEL_COLORS[l] } }} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={15}>
          <Card size="small" title={showMap ? t('dash.map') : t('dash.byRegion')}>
            {!data ? (
              <Skeleton active />
            ) : (
              <>
                {showMap && (
                  <>
                    <EChart build={buildMap} height={isMobile ? 300 : 400} aria-label={t('dash.map')} onItemClick={onPrefecture} data-testid="map-chart" />
                    <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 12px' }}>{t('dash.mapHint')}</Typography.Paragraph>
                  </>
                )}
                <RegionTable rows={byRegion} region={region} />
              </>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <Card size="small" title={t('dash.handling')}>
              {!data ? (
                <Skeleton active />
              ) : (
                <div style={{ display: 'flex', alignItems: 'center', gap: 24, flexWrap: 'wrap' }}>
                  <Progress type="dashboard" percent={handlingPercent(data.handling_rate)} size={120} format={(p) => `${p}%`} data-testid="handling-rate" />
                  <Space orientation="vertical" size={4}>
                    <Typography.Text type="secondary">{t('dash.handlingRate')}</Typography.Text>
                    <Statistic title={t('dash.open')} value={data.open} />
                    <Statistic title={t('dash.closed')} value={data.closed} />
                  </Space>
                </div>
              )}
            </Card>
            <Card size="small" title={t('dash.trend')}>
              {!data ? (
                <Skeleton active />
              ) : trend.months.length ? (
                <EChart build={buildTrend} height={260} aria-label={t('dash.trend')} data-testid="trend-chart" />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dash.noData')} />
              )}
            </Card>
          </Space>
        </Col>
      </Row>
      {can('monitor.manage') && <RunMonitoring onDone={refetch} />}
    </Space>
  );
}
