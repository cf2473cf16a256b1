/**
 * /alerts/:id — one alert: its level, indicator, status, deadline and suggested action, the
 * evidence that raised it, and (with alert.handle) the buttons to verify and close it.
 */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert as Notice, Button, Card, Descriptions, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { ApiError } from '../../api/api';
import { useAlert, useIndicatorCatalog } from '../../api/monitoring';
import { useT } from '../../i18n';
import { Link } from '../../router';
import { OpenCaseButton } from '../cases/OpenCaseButton';
import { dateTime } from '../registry/format';
import { AlertSubject, Deadline, HouseholdLink } from './AlertParts';
import { inboxMemory } from './AlertsPage';
import { EvidenceTable } from './EvidenceTable';
import { HandleAlert } from './HandleAlert';
import { LevelTag, StatusTag, mono, useMonitoringLabels } from './labels';

export function AlertDetail({ id }: { id: string }) {
  const t = useT();
  const { name, outcome } = useMonitoringLabels();
  const { data: a, error, loading, refetch } = useAlert(id);
  const { data: catalog } = useIndicatorCatalog();
  // back to the inbox as it was left, filters and page included
  const back = (
    <Link to={inboxMemory.last} data-testid="alert-back">
      <ArrowLeftOutlined /> {t('alert.back')}
    </Link>
  );

  if (error && !a) {
    const notFound = error instanceof ApiError && error.status === 404;
    return (
      <Card size="small" title={back}>
        {notFound ? (
          <Result status="404" title={t('notFound.title')} subTitle={error.message} />
        ) : (
          <Notice type="error" showIcon title={t('common.loadFailed')} description={error.message} action={<Button size="small" onClick={refetch}>{t('common.retry')}</Button>} />
        )}
      </Card>
    );
  }
  if (!a || (loading && a.id !== id)) {
    return (
      <Card size="small" title={back}>
        <Skeleton active paragraph={{ rows: 6 }} />
      </Card>
    );
  }

  const closed = a.status === 'closed';
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small" title={back}>
        <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, marginBottom: 12 }}>
          <LevelTag level={a.level} />
          <Typography.Title level={4} style={{ margin: 0, flex: '1 1 240px' }} data-testid="alert-title">
            {a.indicator_zh} <Typography.Text type="secondary" style={{ fontWeight: 400, fontSize: 14 }}>{a.indicator_en}</Typography.Text>{' '}
            <Tag style={{ ...mono, fontWeight: 400 }}>{a.indicator}</Tag>
          </Typography.Title>
          <StatusTag status={a.status} />
        </div>
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, sm: 1, md: 2 }}
          styles={{ label: { whiteSpace: 'nowrap', width: 110 } }}
          items={[
            { key: 'person', label: t('alert.person'), children: <AlertSubject alert={a} inline /> },
            { key: 'household', label: t('alert.household'), children: <HouseholdLink code={a.household_code} /> },
            { key: 'region', label: t('alert.region'), children: a.region_name || a.region_code },
            { key: 'deadline', label: t('alert.deadline'), children: <Deadline alert={a} /> },
            {
              key: 'action',
              label: t('alert.action'),
              span: 'filled',
              children: <span data-testid="alert-action">{name({ zh: a.action_zh, en: a.action_en }) || a.action}</span>,
            },
            { key: 'asOf', label: t('alert.asOf'), children: a.as_of },
            { key: 'created', label: t('alert.createdAt'), children: dateTime(a.created_at) },
            ...(closed || a.outcome
              ? [{ key: 'outcome', label: t('alert.outcome'), children: <span data-testid="alert-outcome">{outcome(a.outcome)}</span> }]
              : []),
            ...(a.handled_by || a.handled_at
              ? [{ key: 'handled', label: t('alert.handled'), children: [a.handled_by, dateTime(a.handled_at)].filter(Boolean).join(' · ') }]
              : []),
            ...(a.note ? [{ key: 'note', label: t('alert.note'), span: 'filled' as const, children: a.note }] : []),
          ]}
        />
        <div style={{ marginTop: 12, display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'flex-start' }}>
          <OpenCaseButton alert={a} />
          <HandleAlert alert={a} onChanged={refetch} />
        </div>
      </Card>
      <Card size="small" title={t('alert.evidence')}>
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>{t('alert.evidenceHint')}</Typography.Paragraph>
        <EvidenceTable evidence={a.evidence ?? []} operators={catalog?.operators} />
      </Card>
    </Space>
  );
}
