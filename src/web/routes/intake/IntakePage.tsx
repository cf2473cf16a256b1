/**
 * /intake — 待受理, for township officers (case.read): the online applications and the grid
 * workers' reports of their region still waiting, newest first, one card each (a phone shows
 * the same cards). 受理（立案） (case.manage) opens a case — POST /api/cases with
 * {application_id} or {report_id} — and goes to it.
 */
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Badge, Button, Card, Empty, Popconfirm, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { intakeApi, invalidateIntake, localMessage, useApplication, useApplications, useReports, type Application, type Report } from '../../api/intake';
import { useSession } from '../../api/session';
import { useLabels } from '../../api/vocabulary';
import { hasMessage, useLang, useT } from '../../i18n';
import { navigate } from '../../router';
import { dateTime } from '../registry/format';

const WAITING = { status: 'received', limit: 100 } as const;

function Needs({ codes }: { codes: string[] }) {
  const t = useT();
  return <>{codes.map((c) => { const k = `intake.need.${c}`; return <Tag key={c} color="blue">{hasMessage(k) ? t(k) : c}</Tag>; })}</>;
}

function AcceptButton({ source }: { source: { application_id: string } | { report_id: string } }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const accept = async () => {
    setBusy(true);
    try {
      const c = await intakeApi.openCase(source);
      invalidateIntake();
      navigate(`/cases/${encodeURIComponent(c.id)}`);
    } catch (e) {
      message.error(localMessage((e as Error).message, lang));
      setBusy(false);
    }
  };
  return (
    <Popconfirm title={t('intake.confirmAccept')} onConfirm={accept} okText={t('common.ok')} cancelText={t('common.cancel')}>
      <Button type="primary" loading={busy} data-testid="accept">{t('intake.accept')}</Button>
    </Popconfirm>
  );
}

function Item({ title, extra, children, footer }: { title: ReactNode; extra?: ReactNode; children: ReactNode; footer: ReactNode }) {
  return (
    <div style={{ border: '1px solid #e8e8e8', borderRadius: 6, padding: '10px 12px', background: '#fff' }} data-testid="intake-item">
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        <div style={{ flex: 1, minWidth: 0 }}>{title}</div>
        {extra}
      </div>
      <div style={{ margin: '6px 0' }}>{children}</div>
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>{footer}</div>
    </div>
  );
}

function Members({ id }: { id: string }) {
  const t = useT();
  const { label } = useLabels();
  const { data, loading } = useApplication(id);
  if (loading) return <Spin size="small" />;
  return (
    <ul style={{ margin: '4px 0', paddingInlineStart: 18 }} data-testid="members">
      {(data?.members ?? []).map((m, i) => <li key={i}>{m.name} · {label('relations', m.relation)} · <Typography.Text code>{m.id_number_masked}</Typography.Text></li>)}
      {!data?.members?.length && <li>{t('common.none')}</li>}
    </ul>
  );
}

function ApplicationItem({ a, canAccept }: { a: Application; canAccept: boolean }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <Item
      title={<><Typography.Text strong>{a.applicant.name}</Typography.Text> <Typography.Text code>{a.applicant.id_number_masked}</Typography.Text></>}
      extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{a.reference}</Typography.Text>}
      footer={<>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('intake.receivedAt', { at: dateTime(a.received_at) })}</Typography.Text>
        {canAccept && <AcceptButton source={{ application_id: a.id }} />}
      </>}
    >
      <div style={{ fontSize: 13, color: '#595959' }}>{a.region_name} · {a.address} · {a.phone_masked}</div>
      <div style={{ margin: '4px 0' }}><Needs codes={a.needs} /><Tag>{t('intake.membersCount', { n: a.member_count })}</Tag></div>
      {a.description && <Typography.Paragraph style={{ marginBottom: 4 }} ellipsis={{ rows: 3, expandable: true }}>{a.description}</Typography.Paragraph>}
      {open ? <Members id={a.id} /> : <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpen(true)}>{t('intake.showMembers')}</Button>}
    </Item>
  );
}

function ReportItem({ r, canAccept }: { r: Report; canAccept: boolean }) {
  const t = useT();
  const { lang } = useLang();
  const who = r.person ? <><Typography.Text strong>{r.person.name}</Typography.Text> <Typography.Text code>{r.person.id_number_masked}</Typography.Text> <Tag>{t('intake.notRegistered')}</Tag></> : <><Typography.Text strong>{r.head_name ?? ''}</Typography.Text> <Typography.Text type="secondary">{t('intake.household', { code: r.household_code ?? '' })}</Typography.Text></>;
  return (
    <Item
      title={who}
      extra={r.urgency === 'urgent' ? <Tag color="red">{lang === 'zh' ? r.urgency_zh : r.urgency_en}</Tag> : undefined}
      footer={<>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{dateTime(r.created_at)} · {t('intake.reportedBy', { who: r.reported_by.replace(/^user:/, '') })}</Typography.Text>
        {canAccept && <AcceptButton source={{ report_id: r.id }} />}
      </>}
    >
      <div style={{ fontSize: 13, color: '#595959' }}>{r.region_name}{r.address ? ` · ${r.address}` : ''}</div>
      <div style={{ margin: '4px 0' }}><Needs codes={r.difficulties} /></div>
      <Typography.Paragraph style={{ marginBottom: 0 }} ellipsis={{ rows: 3, expandable: true }}>{r.description}</Typography.Paragraph>
    </Item>
  );
}

function ListOf<T>({ q, render }: { q: { data?: T[]; loading: boolean; error?: Error; refetch: () => void }; render: (x: T) => ReactNode }) {
  const t = useT();
  if (q.error) return <Alert type="error" showIcon title={t('common.loadFailed')} description={q.error.message} action={<Button size="small" onClick={q.refetch}>{t('common.retry')}</Button>} />;
  return (
    <Spin spinning={q.loading}>
      {!q.loading && !q.data?.length && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('intake.empty')} />}
      <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>{(q.data ?? []).map(render)}</div>
    </Spin>
  );
}

export function IntakePage() {
  const t = useT();
  const { can } = useSession();
  const apps = useApplications(WAITING);
  const reports = useReports(WAITING);
  const canAccept = can('case.manage');
  const count = (n: number | undefined) => <Badge count={n ?? 0} showZero={false} size="small" offset={[6, -2]} />;
  return (
    <Card
      styles={{ body: { padding: '12px 14px' } }}
      title={<Space orientation="vertical" size={0}><span>{t('intake.title')}</span><Typography.Text type="secondary" style={{ fontWeight: 400, fontSize: 12, whiteSpace: 'normal' }}>{t('intake.subtitle')}</Typography.Text></Space>}
      extra={<Button size="small" icon={<ReloadOutlined />} aria-label={t('common.refresh')} onClick={() => { apps.refetch(); reports.refetch(); }} />}
    >
      <Tabs
        items={[
          { key: 'applications', label: <span data-testid="tab-applications">{t('intake.tab.applications')}{count(apps.data?.total)}</span>, children: <ListOf q={{ ...apps, data: apps.data?.applications }} render={(a: Application) => <ApplicationItem key={a.id} a={a} canAccept={canAccept} />} /> },
          { key: 'reports', label: <span data-testid="tab-reports">{t('intake.tab.reports')}{count(reports.data?.total)}</span>, children: <ListOf q={{ ...reports, data: reports.data?.reports }} render={(r: Report) => <ReportItem key={r.id} r={r} canAccept={canAccept} />} /> },
        ]}
      />
    </Card>
  );
}
