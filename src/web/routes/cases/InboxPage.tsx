/**
 * /inbox — 我的待办: the signed-in user's work (GET /api/inbox): case steps waiting for them,
 * escalated cases (督办), review tasks and, for a department handler, referrals. Overdue first,
 * in red; each opens its case.
 */
import { ReloadOutlined, RightOutlined } from '@ant-design/icons';
import { Alert as Notice, Button, Card, Empty, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { useInbox, type InboxItem } from '../../api/cases';
import { useSession } from '../../api/session';
import { useT } from '../../i18n';
import { navigate } from '../../router';
import { CaseStateTag, DueDate, EscalationTag, mono, useCaseLabels } from './labels';

/** Overdue first, then by due date (no date last); the server's order otherwise. */
export function inboxOrder(items: InboxItem[]): InboxItem[] {
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => {
      if (a.item.overdue !== b.item.overdue) return a.item.overdue ? -1 : 1;
      const da = a.item.due ?? '9999', db = b.item.due ?? '9999';
      return da < db ? -1 : da > db ? 1 : a.i - b.i;
    })
    .map((x) => x.item);
}

/** Where an item leads: its case; a review task without a case, its household. */
function targetOf(item: InboxItem, can: (p: 'case.read' | 'registry.read') => boolean): string | null {
  if (item.case_id && can('case.read')) return `/cases/${encodeURIComponent(item.case_id)}`;
  if (item.household_code && can('registry.read')) return `/households/${encodeURIComponent(item.household_code)}`;
  return null;
}

function InboxCard({ item }: { item: InboxItem }) {
  const t = useT();
  const { can } = useSession();
  const { name, optional } = useCaseLabels();
  const to = targetOf(item, can);
  const open = () => to && navigate(to);
  const escalated = item.kind === 'escalated' || !!item.escalated_to;
  return (
    <div
      role={to ? 'link' : undefined}
      tabIndex={to ? 0 : undefined}
      onClick={open}
      onKeyDown={(e) => e.key === 'Enter' && open()}
      data-testid="inbox-item"
      data-overdue={item.overdue ? 'true' : 'false'}
      style={{
        border: `1px solid ${item.overdue ? '#ffa39e' : '#e8e8e8'}`, borderLeft: `4px solid ${item.overdue ? '#cf1322' : '#1456c8'}`,
        borderRadius: 6, padding: '10px 12px', background: item.overdue ? '#fff1f0' : '#fff', cursor: to ? 'pointer' : 'default', minHeight: 48,
      }}
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        <Tag style={{ marginInlineEnd: 0 }}>{optional('inboxKind', item.kind)}</Tag>
        {escalated && (item.escalated_to ? <EscalationTag code={item.escalated_to} /> : <Tag color="red" data-testid="escalation">{t('inbox.escalated')}</Tag>)}
        <Typography.Text strong style={{ flex: 1, minWidth: 160, color: item.overdue ? '#cf1322' : undefined }} data-testid="inbox-title">
          {name(item.title)}
        </Typography.Text>
        {to && <RightOutlined style={{ color: '#bfbfbf' }} />}
      </div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 12px', alignItems: 'center', marginTop: 6, fontSize: 13 }}>
        {item.state && <CaseStateTag state={item.state} />}
        <span>
          {t('inbox.due')}{t('common.colon')}<DueDate due={item.due} overdue={item.overdue} />
        </span>
        {item.head_name && <span>{item.head_name}</span>}
        {item.household_code && <span style={{ ...mono, color: '#8c8c8c' }}>{item.household_code}</span>}
        {item.case_id && <span style={{ color: '#8c8c8c' }}>{t('cases.caseNo', { id: item.case_id })}</span>}
      </div>
    </div>
  );
}

export function InboxPage() {
  const t = useT();
  const { data, error, loading, refetch } = useInbox();
  const items = inboxOrder(data?.items ?? []);
  return (
    <Card
      size="small"
      title={
        <Space size={8} wrap>
          <span>{t('inbox.title')}</span>
          {data && (
            <Typography.Text type="secondary" style={{ fontWeight: 400 }} data-testid="inbox-counts">
              {t('inbox.counts', { total: data.counts.total, overdue: data.counts.overdue })}
            </Typography.Text>
          )}
        </Space>
      }
      extra={
        <Tooltip title={t('common.refresh')}>
          <Button size="small" icon={<ReloadOutlined />} onClick={refetch} aria-label={t('common.refresh')} />
        </Tooltip>
      }
    >
      {error && (
        <Notice type="error" showIcon style={{ marginBottom: 12 }} title={t('common.loadFailed')} description={error.message}
          action={<Button size="small" onClick={refetch}>{t('common.retry')}</Button>} />
      )}
      <Spin spinning={loading}>
        {!loading && !error && items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inbox.empty')} />}
        <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }} data-testid="inbox-list">
          {items.map((item, i) => (
            <InboxCard key={`${item.kind}-${item.case_id ?? item.referral_id ?? item.review_task_id ?? i}`} item={item} />
          ))}
        </div>
      </Spin>
    </Card>
  );
}
