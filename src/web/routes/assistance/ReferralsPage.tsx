/**
 * /assistance/referrals — 转介办理: a department handler's inbox (only its department's
 * referrals in its region; the server decides), or every referral of the region for officers
 * with case.read. Filters and the page live in the URL (no personal data). Each referral shows
 * the household, its head's name and masked ID, the program, why it was recommended and the
 * due date (red when overdue); a table on a desktop, one card per referral on a phone.
 */
import { ReloadOutlined, RightOutlined } from '@ant-design/icons';
import { Alert as Notice, Button, Card, Col, Empty, Pagination, Row, Select, Space, Spin, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { REFERRAL_STATUSES, usePrograms, useReferrals, type Referral, type ReferralStatus } from '../../api/assistance';
import { useCurrentUser, useSession } from '../../api/session';
import { useT } from '../../i18n';
import { useIsMobile } from '../../layout/useIsMobile';
import { navigate, qs, useLocation } from '../../router';
import { ReferralStatusTag, useAssistanceLabels } from './labels';
import { Due, RespondModal } from './RespondModal';

export const PAGE_SIZE = 20;

export interface ReferralInboxFilter {
  status?: string;
  program?: string;
  page: number;
}

/** The inbox's filter from the URL; a handler starts with the pending ones. */
export function readFilter(query: URLSearchParams): ReferralInboxFilter {
  const status = query.get('status') ?? 'pending';
  return {
    status: status === 'all' ? undefined : (REFERRAL_STATUSES as readonly string[]).includes(status) ? status : 'pending',
    program: query.get('program') || undefined,
    page: Math.max(1, Number.parseInt(query.get('page') ?? '1', 10) || 1),
  };
}

const inboxUrl = (f: ReferralInboxFilter) =>
  '/assistance/referrals' + qs({ status: f.status ?? 'all', program: f.program, page: f.page > 1 ? f.page : undefined });

function ReferralCards({ items, onOpen }: { items: Referral[]; onOpen: (r: Referral) => void }) {
  const { name, bilingualText } = useAssistanceLabels();
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
      {items.map((r) => (
        <div
          key={r.id}
          role="button"
          tabIndex={0}
          onClick={() => onOpen(r)}
          onKeyDown={(e) => e.key === 'Enter' && onOpen(r)}
          data-testid="referral-card"
          style={{ border: '1px solid #e8e8e8', borderRadius: 6, padding: '8px 12px', background: '#fff', cursor: 'pointer' }}
        >
          <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
            <Typography.Text strong style={{ flex: 1, minWidth: 0 }} ellipsis>{name(r.program)}</Typography.Text>
            <ReferralStatusTag status={r.status} />
            <RightOutlined style={{ color: '#bfbfbf' }} />
          </div>
          <div style={{ margin: '4px 0' }}>{r.head ? `${r.head.name} ${r.head.id_number_masked}` : '—'} · {r.household_code}</div>
          <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ fontSize: 12, marginBottom: 4 }}>{bilingualText(r.reason)}</Typography.Paragraph>
          <div style={{ fontSize: 13 }}><Due r={r} /> · {r.region_name ?? r.region_code}</div>
        </div>
      ))}
    </div>
  );
}

export function ReferralsPage() {
  const t = useT();
  const me = useCurrentUser();
  const { can } = useSession();
  const isMobile = useIsMobile();
  const { query } = useLocation();
  const f = readFilter(query);
  const { data: catalog } = usePrograms();
  const { name, bilingualText, status: statusName } = useAssistanceLabels(catalog);
  const { data, error, loading, refetch } = useReferrals({ status: f.status, program: f.program, limit: PAGE_SIZE, offset: (f.page - 1) * PAGE_SIZE });
  const [open, setOpen] = useState<Referral | null>(null);
  const setFilter = (change: Partial<ReferralInboxFilter>) => navigate(inboxUrl({ ...f, ...change, page: 1 }));
  const items = error ? [] : (data?.referrals ?? []);
  const total = data?.total ?? 0;
  const handler = can('referral.handle') && !!me.department && !can('case.read');
  const myPrograms = (catalog?.programs ?? []).filter((p) => !handler || p.department.code === me.department || p.department.zh === me.department);

  const columns: ColumnsType<Referral> = [
    { title: t('asst.ref.col.program'), key: 'program', width: 150, render: (_, r) => name(r.program) },
    { title: t('asst.ref.col.household'), dataIndex: 'household_code', width: 170 },
    { title: t('asst.ref.col.head'), key: 'head', width: 200, render: (_, r) => (r.head ? `${r.head.name} ${r.head.id_number_masked}` : '—') },
    { title: t('asst.ref.col.reason'), key: 'reason', ellipsis: { showTitle: true }, render: (_, r) => bilingualText(r.reason) },
    { title: t('asst.ref.col.due'), key: 'due', width: 150, render: (_, r) => <Due r={r} /> },
    { title: t('asst.ref.col.status'), dataIndex: 'status', width: 100, render: (s: string) => <ReferralStatusTag status={s} /> },
    {
      title: t('common.actions'), key: 'action', width: 90,
      render: (_, r) => <Button size="small" type={r.status === 'pending' && can('referral.handle') ? 'primary' : 'default'} onClick={(e) => { e.stopPropagation(); setOpen(r); }}>{r.status === 'pending' && can('referral.handle') ? t('asst.ref.respond') : t('asst.ref.view')}</Button>,
    },
  ];

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small">
        <Typography.Text type="secondary">{handler ? t('asst.ref.subtitleHandler', { dept: me.department ?? '' }) : t('asst.ref.subtitle')}</Typography.Text>
        <Row gutter={[12, 8]} style={{ marginTop: 8 }} data-testid="referral-filters">
          <Col xs={12} md={6}>
            <Select
              aria-label={t('asst.ref.f.status')}
              style={{ width: '100%' }}
              value={f.status ?? 'all'}
              onChange={(v: string) => setFilter({ status: v === 'all' ? undefined : v })}
              options={[{ value: 'all', label: t('asst.ref.f.statusAll') }, ...REFERRAL_STATUSES.map((s: ReferralStatus) => ({ value: s, label: statusName(s) }))]}
            />
          </Col>
          <Col xs={12} md={8}>
            <Select
              allowClear
              aria-label={t('asst.ref.f.program')}
              placeholder={t('asst.ref.f.programAll')}
              style={{ width: '100%' }}
              value={f.program}
              onChange={(v?: string) => setFilter({ program: v })}
              options={myPrograms.map((p) => ({ value: p.code, label: name(p.definition) }))}
            />
          </Col>
        </Row>
      </Card>
      <Card
        size="small"
        title={<Space size={8}><span>{t('asst.ref.list')}</span>{data && <Typography.Text type="secondary" style={{ fontWeight: 400 }} data-testid="referral-total">{t('asst.ref.count', { n: total })}</Typography.Text>}</Space>}
        extra={<Tooltip title={t('common.refresh')}><Button size="small" icon={<ReloadOutlined />} onClick={refetch} aria-label={t('common.refresh')} /></Tooltip>}
      >
        {error && <Notice type="error" showIcon style={{ marginBottom: 12 }} title={t('common.loadFailed')} description={error.message} action={<Button size="small" onClick={refetch}>{t('common.retry')}</Button>} />}
        {isMobile ? (
          <Spin spinning={loading}>
            {items.length === 0 && !loading && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('asst.ref.empty')} />}
            <ReferralCards items={items} onOpen={setOpen} />
            {total > PAGE_SIZE && <Pagination simple current={f.page} pageSize={PAGE_SIZE} total={total} onChange={(p) => navigate(inboxUrl({ ...f, page: p }))} style={{ marginTop: 12, textAlign: 'center' }} />}
          </Spin>
        ) : (
          <div data-testid="referrals-table">
            <Table<Referral>
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={items}
              loading={loading}
              scroll={{ x: 1000 }}
              locale={{ emptyText: t('asst.ref.empty') }}
              onRow={(r) => ({ onClick: () => setOpen(r), style: { cursor: 'pointer' } })}
              pagination={{ current: f.page, pageSize: PAGE_SIZE, total, showSizeChanger: false, hideOnSinglePage: true, size: 'small', onChange: (p) => navigate(inboxUrl({ ...f, page: p })) }}
            />
          </div>
        )}
      </Card>
      {open && <RespondModal referral={open} onClose={(answered) => { setOpen(null); if (answered) refetch(); }} />}
    </Space>
  );
}
