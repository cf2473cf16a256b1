/**
 * /alerts — 预警处置: the alert inbox of the user's region. Filters (level, region, indicator,
 * status) and the page live in the URL, so a link or the back button brings the same list back.
 * A table on a desktop, one card per alert on a phone.
 */
import { ReloadOutlined, RightOutlined } from '@ant-design/icons';
import { Alert as Notice, Button, Card, Col, Empty, Pagination, Row, Select, Space, Spin, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect } from 'react';
import { LEVELS, STATUSES, useAlerts, useIndicatorCatalog, type Alert } from '../../api/monitoring';
import { useCurrentUser } from '../../api/session';
import { useT } from '../../i18n';
import { useIsMobile } from '../../layout/useIsMobile';
import { Link, navigate, qs, useLocation } from '../../router';
import { dateTime } from '../registry/format';
import { RegionPicker } from '../registry/RegionPicker';
import { AlertSubject, Deadline, HouseholdLink } from './AlertParts';
import { LevelTag, StatusTag, tabular, useMonitoringLabels } from './labels';

export const PAGE_SIZE = 20;

/** The inbox URL last shown (filters and page, no personal data): the detail page's way back. */
export const inboxMemory = { last: '/alerts' };

export interface InboxFilter {
  level?: string;
  region?: string;
  indicator?: string;
  status?: string;
  page: number;
}

/** The inbox's filter from the page URL (unknown levels/statuses are dropped). */
export function readFilter(query: URLSearchParams): InboxFilter {
  const pick = <T extends string>(key: string, allowed?: readonly T[]) => {
    const v = query.get(key) || undefined;
    return v && (!allowed || (allowed as readonly string[]).includes(v)) ? v : undefined;
  };
  return {
    level: pick('level', LEVELS),
    region: pick('region'),
    indicator: pick('indicator'),
    status: pick('status', STATUSES),
    page: Math.max(1, Number.parseInt(query.get('page') ?? '1', 10) || 1),
  };
}

export const inboxUrl = (f: Partial<InboxFilter>) =>
  '/alerts' + qs({ level: f.level, region: f.region, indicator: f.indicator, status: f.status, page: f.page && f.page > 1 ? f.page : undefined });

const openAlert = (id: string) => navigate(`/alerts/${encodeURIComponent(id)}`);

function AlertCards({ items }: { items: Alert[] }) {
  const { name } = useMonitoringLabels();
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
      {items.map((a) => (
        <div
          key={a.id}
          role="link"
          tabIndex={0}
          onClick={() => openAlert(a.id)}
          onKeyDown={(e) => e.key === 'Enter' && openAlert(a.id)}
          data-testid="alert-card"
          style={{ border: '1px solid #e8e8e8', borderRadius: 6, padding: '8px 12px', background: '#fff', cursor: 'pointer' }}
        >
          <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
            <LevelTag level={a.level} />
            <Typography.Text strong style={{ flex: 1, minWidth: 0 }} ellipsis>
              {name({ zh: a.indicator_zh, en: a.indicator_en })}
            </Typography.Text>
            <RightOutlined style={{ color: '#bfbfbf' }} />
          </div>
          <div style={{ margin: '6px 0' }}>
            <AlertSubject alert={a} inline />
          </div>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 12px', alignItems: 'center', fontSize: 13 }}>
            <StatusTag status={a.status} />
            <Deadline alert={a} />
            <HouseholdLink code={a.household_code} />
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {a.region_name} · {dateTime(a.created_at)}
          </Typography.Text>
        </div>
      ))}
    </div>
  );
}

export function AlertsPage() {
  const t = useT();
  const me = useCurrentUser();
  const isMobile = useIsMobile();
  const { query, search } = useLocation();
  useEffect(() => {
    inboxMemory.last = '/alerts' + search;
  }, [search]);
  const { name, level: levelName, status: statusName } = useMonitoringLabels();
  const f = readFilter(query);
  const { data: catalog } = useIndicatorCatalog();
  const { data, error, loading, refetch } = useAlerts({
    level: f.level, region: f.region, indicator: f.indicator, status: f.status, limit: PAGE_SIZE, offset: (f.page - 1) * PAGE_SIZE,
  });
  /** a new filter starts again at page 1 */
  const setFilter = (change: Partial<InboxFilter>) => navigate(inboxUrl({ ...f, ...change, page: 1 }));
  const items = error ? [] : (data?.alerts ?? []);
  const total = data?.total ?? 0;

  const columns: ColumnsType<Alert> = [
    { title: t('alerts.col.level'), dataIndex: 'level', width: 80, render: (l: string) => <LevelTag level={l} /> },
    {
      title: t('alerts.col.indicator'),
      key: 'indicator',
      width: 190,
      render: (_, a) => (
        <Link to={`/alerts/${encodeURIComponent(a.id)}`} onClick={(e) => e.stopPropagation()}>
          {name({ zh: a.indicator_zh, en: a.indicator_en })}
        </Link>
      ),
    },
    { title: t('alerts.col.person'), key: 'person', width: 190, render: (_, a) => <AlertSubject alert={a} /> },
    { title: t('alerts.col.household'), dataIndex: 'household_code', width: 170, render: (c: string | null) => <HouseholdLink code={c} /> },
    { title: t('alerts.col.region'), dataIndex: 'region_name', width: 200, ellipsis: { showTitle: true } },
    { title: t('alerts.col.deadline'), key: 'deadline', width: 150, render: (_, a) => <Deadline alert={a} /> },
    { title: t('alerts.col.status'), dataIndex: 'status', width: 90, render: (s: string) => <StatusTag status={s} /> },
    { title: t('alerts.col.createdAt'), dataIndex: 'created_at', width: 140, render: (v: string) => <span style={tabular}>{dateTime(v)}</span> },
  ];

  const filterStyle = { width: '100%' };
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small" styles={{ body: { paddingBottom: 12 } }}>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('alerts.title')}</Typography.Title>
        {!isMobile && <Typography.Text type="secondary">{t('alerts.subtitle')}</Typography.Text>}
        <Row gutter={[12, 8]} style={{ marginTop: 12 }} data-testid="alert-filters">
          <Col xs={12} md={6} xl={4}>
            <Select
              allowClear
              aria-label={t('alerts.f.level')}
              placeholder={t('alerts.f.levelAll')}
              style={filterStyle}
              value={f.level}
              onChange={(v?: string) => setFilter({ level: v })}
              options={LEVELS.map((l) => ({ value: l, label: levelName(l) }))}
            />
          </Col>
          <Col xs={12} md={6} xl={4}>
            <Select
              allowClear
              aria-label={t('alerts.f.status')}
              placeholder={t('alerts.f.statusAll')}
              style={filterStyle}
              value={f.status}
              onChange={(v?: string) => setFilter({ status: v })}
              options={STATUSES.map((s) => ({ value: s, label: statusName(s) }))}
            />
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'search' }}
              aria-label={t('alerts.f.indicator')}
              placeholder={t('alerts.f.indicatorAll')}
              style={filterStyle}
              value={f.indicator}
              onChange={(v?: string) => setFilter({ indicator: v })}
              options={(catalog?.indicators ?? []).map((i) => ({
                value: i.code,
                title: name(i.definition),
                label: name(i.definition),
                search: `${i.definition.zh} ${i.definition.en} ${i.code}`,
              }))}
            />
          </Col>
          <Col xs={24} md={12} xl={8}>
            <RegionPicker
              rootCode={me.region_code}
              value={f.region}
              onChange={(v) => setFilter({ region: v })}
              placeholder={t('alerts.f.regionAll')}
              aria-label={t('alerts.f.region')}
            />
          </Col>
        </Row>
      </Card>
      <Card
        size="small"
        title={
          <Space size={8}>
            <span>{t('alerts.list')}</span>
            {data && <Typography.Text type="secondary" style={{ fontWeight: 400 }} data-testid="alert-total">{t('alerts.count', { n: total })}</Typography.Text>}
          </Space>
        }
        extra={
          <Tooltip title={t('common.refresh')}>
            <Button size="small" icon={<ReloadOutlined />} onClick={refetch} aria-label={t('common.refresh')} />
          </Tooltip>
        }
      >
        {error && (
          <Notice
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('common.loadFailed')}
            description={error.message}
            action={<Button size="small" onClick={refetch}>{t('common.retry')}</Button>}
          />
        )}
        {isMobile ? (
          <Spin spinning={loading}>
            {items.length === 0 && !loading && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('alerts.empty')} />}
            <AlertCards items={items} />
            {total > PAGE_SIZE && (
              <Pagination
                simple
                current={f.page}
                pageSize={PAGE_SIZE}
                total={total}
                onChange={(p) => navigate(inboxUrl({ ...f, page: p }))}
                style={{ marginTop: 12, textAlign: 'center' }}
              />
            )}
          </Spin>
        ) : (
          <div data-testid="alerts-table">
            <Table<Alert>
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={items}
              loading={loading}
              scroll={{ x: 1210 }}
              locale={{ emptyText: t('alerts.empty') }}
              onRow={(a) => ({ onClick: () => openAlert(a.id), style: { cursor: 'pointer' } })}
              pagination={{
                current: f.page,
                pageSize: PAGE_SIZE,
                total,
                showSizeChanger: false,
                showTotal: (n) => t('common.total', { n }),
                size: 'small',
                hideOnSinglePage: true,
                onChange: (p) => navigate(inboxUrl({ ...f, page: p })),
              }}
            />
          </div>
        )}
      </Card>
    </Space>
  );
}
