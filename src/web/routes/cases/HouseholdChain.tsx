/**
 * The household page's 救助链 card (一户一条救助链): every alert, case step, visit, check,
 * assessment, decision, membership, referral and its answer, grant and review of the household,
 * from every department, newest first (GET /api/households/{code}/timeline; case.read or
 * registry.read), and, with case.read, a link to the household's open case
 * (GET /api/cases?household=CODE).
 */
import { Alert, Button, Card, Empty, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useCases, useTimeline, type CaseState, type TimelineEvent } from '../../api/cases';
import { useSession } from '../../api/session';
import { useT } from '../../i18n';
import { Link } from '../../router';
import { dateTime } from '../registry/format';
import { CaseStateTag, tabular, useCaseLabels } from './labels';

export const KIND_COLORS: Record<string, string> = {
  alert: 'red', case_opened: '#1456c8', case_step: 'blue', visit: '#13c2c2', check: '#722ed1', assessment: '#2f54eb',
  decision: 'green', membership: '#d48806', referral: '#fa8c16', referral_answer: '#d4380d', grant: '#389e0d', review: '#eb2f96',
};
const FINISHED: readonly CaseState[] = ['closed', 'exited', 'unreachable', 'no_need'];

function OpenCase({ code }: { code: string }) {
  const t = useT();
  const { data } = useCases({ household: code, limit: 10, offset: 0 });
  const open = data?.cases.find((c) => !FINISHED.includes(c.state));
  if (!open) return null;
  return (
    <Space size={6} wrap data-testid="open-case">
      <Link to={`/cases/${encodeURIComponent(open.id)}`}>{t('chain.openCase', { id: open.id })}</Link>
      <CaseStateTag state={open.state} />
    </Space>
  );
}

function Event({ e }: { e: TimelineEvent }) {
  const t = useT();
  const { name, optional } = useCaseLabels();
  return (
    <div data-testid="chain-event" data-kind={e.kind}>
      <Space size={8} wrap>
        <Typography.Text type="secondary" style={tabular}>{dateTime(e.at)}</Typography.Text>
        <Tag color={KIND_COLORS[e.kind] ?? 'default'} style={{ marginInlineEnd: 0 }}>{optional('chainKind', e.kind)}</Tag>
        {e.case_id && <Link to={`/cases/${encodeURIComponent(e.case_id)}`} style={{ fontSize: 12 }}>{t('cases.caseNo', { id: e.case_id })}</Link>}
      </Space>
      <div style={{ wordBreak: 'break-word' }}>{name(e)}</div>
      {(e.actor || e.department) && (
        <div style={{ color: '#8c8c8c', fontSize: 12 }}>{[e.actor, e.department].filter(Boolean).join(' · ')}</div>
      )}
    </div>
  );
}

export function HouseholdChain({ code }: { code: string }) {
  const t = useT();
  const { can } = useSession();
  const { data, error, loading, refetch } = useTimeline(code);
  const events = [...(data?.events ?? [])].sort((a, b) => String(b.at).localeCompare(String(a.at)));
  let body;
  if (error && !data) {
    body = <Alert type="error" showIcon title={t('common.loadFailed')} description={error.message} action={<Button size="small" onClick={refetch}>{t('common.retry')}</Button>} />;
  } else if (!data && loading) {
    body = <Skeleton active paragraph={{ rows: 3 }} />;
  } else if (!events.length) {
    body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('chain.empty')} />;
  } else {
    body = (
      <Timeline
        data-testid="household-chain"
        items={events.map((e, i) => ({ key: `${e.at}-${i}`, color: KIND_COLORS[e.kind] ?? 'gray', content: <Event e={e} /> }))}
      />
    );
  }
  return (
    <Card size="small" title={t('chain.title')} extra={can('case.read') ? <OpenCase code={code} /> : undefined} data-testid="household-chain-card">
      {body}
    </Card>
  );
}
