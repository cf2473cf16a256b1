/**
 * /cases — 救助案件: the cases of the user's region (GET /api/cases). Filters (state, region,
 * overdue, escalated) and the page live in the URL — no personal data there. A table on a
 * desktop, one card per case on a phone.
 */
import { PrinterOutlined, ReloadOutlined, RightOutlined } from '@ant-design/icons';
import { Alert as Notice, Button, Card, Checkbox, Col, Empty, Pagination, Row, Select, Space, Spin, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect } from 'react';
import { CASE_STATES, useCases, type CaseSummary } from '../../api/cases';
import { useCurrentUser } from '../../api/session';
import { useT } from '../../i18n';
import { useIsMobile } from '../../layout/useIsMobile';
import { Link, navigate, qs, useLocation } from '../../router';
import { HouseholdLink } from '../monitoring/AlertParts';
import { dateTime } from '../registry/format';
import { RegionPicker } from '../registry/RegionPicker';
import { CasePerson, CaseStateTag, DueDate, EscalationTag, tabular, useCaseLabels } from './labels';

export const CASES_PAGE_SIZE = 20;

/** The list URL last shown (filters and page, no personal data): the case page's way back. */
export const casesMemory = { last: '/cases' };

export interface CasesFilter {
  state?: string;
  region?: string;
  overdue?: boolean;
  escalated?: boolean;
  page: number;
}

export function readCasesFilter(query: URLSearchParams): CasesFilter {
  const state = query.get('state') || undefined;
  return {
    state: state && (CASE_STATES as readonly string[]).includes(state) ? state : undefined,
    region: query.get('region') || undefined,
    overdue: query.get('overdue') === 'true' || undefined,
    escalated: query.get('escalated') === 'true' || undefined,
    page: Math.max(1, Number.parseInt(query.get('page') ?? '1', 10) || 1),
  };
}

export const casesUrl = (f: Partial<CasesFilter>) =>
  '/cases' + qs({
    state: f.state, region: f.region, overdue: f.overdue ? 'true' : undefined, escalated: f.escalated ? 'true' : undefined,
    page: f.page && f.page > 1 ? f.page : undefined,
  });

const caseHref = (id: string) => `/cases/${encodeURIComponent(id)}`;

function CaseCards({ items }: { items: CaseSummary[] }) {
  const t = useT();
  const { optional } = useCaseLabels();
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
      {items.map((c) => {
        const overdue = !!(c.deadlines?.step?.overdue || c.deadlines?.total?.overdue);
        return (
          <div
            key={c.id}
            role="link"
            tabIndex={0}
            onClick={() => navigate(caseHref(c.id))}
            onKeyDown={(e) => e.key === 'Enter' && navigate(caseHref(c.id))}
            data-testid="case-card"
            style={{ border: `1px solid ${overdue ? '#ffa39e' : '#e8e8e8'}`, borderRadius: 6, padding: '10px 12px', background: '#fff', cursor: 'pointer' }}
          >
            <div style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
              <CaseStateTag state={c.state} />
              <EscalationTag code={c.escalated_to} />
              <Typography.Text strong style={{ flex: 1, minWidth: 0 }}>{t('cases.caseNo', { id: c.id })}</Typography.Text>
              <RightOutlined style={{ color: '#bfbfbf' }} />
            </div>
            <div style={{ margin: '6px 0' }}>
              <CasePerson head={c.head} subject={c.subject} />
            </div>
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 12px', fontSize: 13 }}>
              <span>{t('cases.stepDue')}{t('common.colon')}<DueDate due={c.deadlines?.step?.due} overdue={c.deadlines?.step?.overdue} /></span>
              <span>{optional('caseSource', c.source?.kind)}</span>
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{c.region_name} · {dateTime(c.created_at)}</Typography.Text>
          </div>
        );
      })}
    </div>
  );
}

export function CasesPage() {
  const t = useT();
  const me = useCurrentUser();
  const isMobile = useIsMobile();
  const { query, search } = useLocation();
  useEffect(() => {
    casesMemory.last = '/cases' + search;
  }, [search]);
  const { state: stateName, optional } = useCaseLabels();
  const f = readCasesFilter(query);
  const { data, error, loading, refetch } = useCases({
    state: f.state, region: f.region, overdue: f.overdue, escalated: f.escalated, limit: CASES_PAGE_SIZE, offset: (f.page - 1) * CASES_PAGE_SIZE,
  });
  const setFilter = (change: Partial<CasesFilter>) => navigate(casesUrl({ ...f, ...change, page: 1 }));
  const items = error ? [] : (data?.cases ?? []);
  const total = data?.total ?? 0;

  const columns: ColumnsType<CaseSummary> = [
    { title: t('cases.col.id'), dataIndex: 'id', width: 90, render: (id: string) => <Link to={caseHref(id)} onClick={(e) => e.stopPropagation()}>{id}</Link> },
    { title: t('cases.col.state'), dataIndex: 'state', width: 120, render: (s: string) => <CaseStateTag state={s} /> },
    { title: t('cases.col.person'), key: 'person', width: 200, render: (_, c) => <CasePerson head={c.head} subject={c.subject} inline={false} /> },
    { title: t('cases.col.household'), dataIndex: 'household_code', width: 170, render: (code: string | null) => <HouseholdLink code={code} /> },
    { title: t('cases.col.region'), dataIndex: 'region_name', width: 160, ellipsis: { showTitle: true } },
    { title: t('cases.col.source'), key: 'source', width: 100, render: (_, c) => optional('caseSource', c.source?.kind) },
    { title: t('cases.col.stepDue'), key: 'step', width: 130, render: (_, c) => <DueDate due={c.deadlines?.step?.due} overdue={c.deadlines?.step?.overdue} /> },
    { title: t('cases.col.totalDue'), key: 'total', width: 130, render: (_, c) => <DueDate due={c.deadlines?.total?.due} overdue={c.deadlines?.total?.overdue} /> },
    { title: t('cases.col.escalated'), dataIndex: 'escalated_to', width: 100, render: (e: CaseSummary['escalated_to']) => (e ? <EscalationTag code={e} /> : '—') },
    { title: t('cases.col.createdAt'), dataIndex: 'created_at', width: 140, render: (v: string) => <span style={tabular}>{dateTime(v)}</span> },
  ];

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small">
        <Typography.Title level={4} style={{ margin: 0 }}>{t('cases.title')}</Typography.Title>
        {!isMobile && <Typography.Text type="secondary">{t('cases.subtitle')}</Typography.Text>}
        <Row gutter={[12, 8]} style={{ marginTop: 12 }} data-testid="case-filters">
          <Col xs={24} md={6}>
            <Select allowClear aria-label={t('cases.f.state')} placeholder={t('cases.f.stateAll')} style={{ width: '100%' }} value={f.state}
              onChange={(v?: string) => setFilter({ state: v })} options={CASE_STATES.map((s) => ({ value: s, label: stateName(s) }))} />
          </Col>
          <Col xs={24} md={10}>
            <RegionPicker rootCode={me.region_code} value={f.region} onChange={(v) => setFilter({ region: v })}
              placeholder={t('cases.f.regionAll')} aria-label={t('cases.f.region')} />
          </Col>
          <Col xs={24} md={8} style={{ display: 'flex', alignItems: 'center', gap: 16 }}>
            <Checkbox checked={!!f.overdue} onChange={(e) => setFilter({ overdue: e.target.checked || undefined })} data-testid="f-overdue">
              {t('cases.f.overdue')}
            </Checkbox>
            <Checkbox checked={!!f.escalated} onChange={(e) => setFilter({ escalated: e.target.checked || undefined })} data-testid="f-escalated">
              {t('cases.f.escalated')}
            </Checkbox>
          </Col>
        </Row>
      </Card>
      <Card
        size="small"
        title={<Space size={8}><span>{t('cases.list')}</span>{data && <Typography.Text type="secondary" style={{ fontWeight: 400 }} data-testid="case-total">{t('common.total', { n: total })}</Typography.Text>}</Space>}
        extra={
          <Space size={12}>
            <a href={`/print/publicity${f.region ? `?region=${encodeURIComponent(f.region)}` : ''}`} target="_blank" rel="noopener noreferrer" data-testid="print-publicity-list">
              <PrinterOutlined /> {t('print.publicityList')}
            </a>
            <Tooltip title={t('common.refresh')}><Button size="small" icon={<ReloadOutlined />} onClick={refetch} aria-label={t('common.refresh')} /></Tooltip>
          </Space>
        }
      >
        {error && (
          <Notice type="error" showIcon style={{ marginBottom: 12 }} title={t('common.loadFailed')} description={error.message}
            action={<Button size="small" onClick={refetch}>{t('common.retry')}</Button>} />
        )}
        {isMobile ? (
          <Spin spinning={loading}>
            {items.length === 0 && !loading && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.empty')} />}
            <CaseCards items={items} />
            {total > CASES_PAGE_SIZE && (
              <Pagination simple current={f.page} pageSize={CASES_PAGE_SIZE} total={total} onChange={(p) => navigate(casesUrl({ ...f, page: p }))}
                style={{ marginTop: 12, textAlign: 'center' }} />
            )}
          </Spin>
        ) : (
          <div data-testid="cases-table">
            <Table<CaseSummary>
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={items}
              loading={loading}
              scroll={{ x: 1340 }}
              locale={{ emptyText: t('cases.empty') }}
              onRow={(c) => ({ onClick: () => navigate(caseHref(c.id)), style: { cursor: 'pointer' } })}
              pagination={{
                current: f.page, pageSize: CASES_PAGE_SIZE, total, showSizeChanger: false, size: 'small', hideOnSinglePage: true,
                showTotal: (n) => t('common.total', { n }), onChange: (p) => navigate(casesUrl({ ...f, page: p })),
              }}
            />
          </div>
        )}
      </Card>
    </Space>
  );
}
