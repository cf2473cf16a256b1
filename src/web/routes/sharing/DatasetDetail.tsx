/** One dataset of the catalog: why it is collected, how long it is kept, and its fields. */
import { ArrowLeftOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Result, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ApiError } from '../../api/api';
import { useCurrentUser, useSession } from '../../api/session';
import { sendsDataset, useDataset, type CatalogField } from '../../api/sharing';
import { useT } from '../../i18n';
import { Link, navigate, qs } from '../../router';
import { dateTime } from '../registry/format';
import { mono, useSharingLabels } from './labels';

const PII_COLORS: Record<string, string> = { identifier: 'red', sensitive: 'orange' };

function FieldsTable({ fields }: { fields: CatalogField[] }) {
  const t = useT();
  const { fieldType, pii } = useSharingLabels();
  const columns: ColumnsType<CatalogField> = [
    {
      title: t('catalog.f.code'),
      dataIndex: 'code',
      width: 170,
      render: (c: string, f) => (
        <span style={mono}>
          {c}
          {f.required && <span style={{ color: '#cf1322', marginInlineStart: 2 }} aria-label="required">*</span>}
        </span>
      ),
    },
    { title: t('catalog.f.zh'), dataIndex: 'zh', width: 130 },
    { title: t('catalog.f.en'), dataIndex: 'en', width: 170 },
    { title: t('catalog.f.type'), dataIndex: 'type', width: 100, render: fieldType },
    { title: t('catalog.f.unit'), dataIndex: 'unit', width: 70, render: (u?: string) => u || '—' },
    {
      title: t('catalog.f.pii'),
      dataIndex: 'pii',
      width: 100,
      render: (p?: string) => <Tag color={PII_COLORS[p ?? 'none'] ?? 'default'}>{pii(p)}</Tag>,
    },
    {
      title: t('catalog.f.values'),
      key: 'values',
      width: 220,
      render: (_, f) => {
        const parts = (f.values ?? []).map((v) => `${v.code} ${v.zh}`);
        if (f.min !== undefined || f.max !== undefined) parts.push(`${f.min ?? ''}–${f.max ?? ''}`);
        return parts.length ? parts.join('、') : '—';
      },
    },
    { title: t('catalog.f.aliases'), dataIndex: 'aliases', render: (a?: string[]) => (a?.length ? a.join('、') : '—') },
  ];
  return (
    <div data-testid="fields-table">
      <Table<CatalogField> rowKey="code" size="small" bordered columns={columns} dataSource={fields} pagination={false} scroll={{ x: 1100 }} />
    </div>
  );
}

export function DatasetDetail({ code }: { code: string }) {
  const t = useT();
  const me = useCurrentUser();
  const { can } = useSession();
  const { frequency, name } = useSharingLabels();
  const { data: d, error, loading, refetch } = useDataset(code);
  const back = (
    <Link to="/sharing/catalog">
      <ArrowLeftOutlined /> {t('catalog.back')}
    </Link>
  );

  if (error && !d) {
    const notFound = error instanceof ApiError && (error.status === 404 || error.status === 400);
    return (
      <Card size="small" title={back}>
        {notFound ? (
          <Result status="404" title={t('notFound.title')} subTitle={error.message} />
        ) : (
          <Alert type="error" showIcon title={t('common.loadFailed')} description={error.message} action={<Button size="small" onClick={refetch}>{t('common.retry')}</Button>} />
        )}
      </Card>
    );
  }
  if (!d || (loading && d.code !== code)) {
    return (
      <Card size="small" title={back}>
        <Skeleton active paragraph={{ rows: 6 }} />
      </Card>
    );
  }
  const mayUpload = can('dataset.upload') && sendsDataset(me.department, d);
  const key = d.fields.find((f) => f.code === d.key_field);
  const event = d.fields.find((f) => f.code === d.event_field);
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small">
        <div style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
          {back}
          <Typography.Title level={5} style={{ margin: 0, flex: 1, minWidth: 200 }}>
            {d.zh} <Typography.Text type="secondary" style={{ fontWeight: 400 }}>{d.en}</Typography.Text> <Tag style={mono}>{d.code}</Tag>
          </Typography.Title>
          {mayUpload && (
            <Button type="primary" icon={<UploadOutlined />} onClick={() => navigate('/sharing/upload' + qs({ dataset: d.code }))} data-testid="upload-this">
              {t('catalog.uploadThis')}
            </Button>
          )}
        </div>
      </Card>
      <Card size="small">
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, sm: 1, md: 2 }}
          styles={{ label: { whiteSpace: 'nowrap', width: 120 } }}
          items={[
            { key: 'department', label: t('catalog.col.department'), children: name(d.department_name) },
            { key: 'frequency', label: t('catalog.col.frequency'), children: frequency(d.frequency) },
            { key: 'purpose', label: t('catalog.purpose'), children: d.purpose, span: 'filled' },
            { key: 'legal', label: t('catalog.legalBasis'), children: d.legal_basis, span: 'filled' },
            {
              key: 'retention',
              label: t('catalog.col.retention'),
              span: 'filled',
              children: (
                <div data-testid="retention">
                  <div>{t('catalog.days', { n: d.retention_days })}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('catalog.retentionNote')}</Typography.Text>
                </div>
              ),
            },
            { key: 'unit', label: t('catalog.responsible'), children: d.responsible_unit },
            { key: 'key', label: t('catalog.keyField'), children: <span><span style={mono}>{d.key_field}</span> {key ? name(key) : ''}</span> },
            { key: 'event', label: t('catalog.eventField'), children: <span><span style={mono}>{d.event_field}</span> {event ? name(event) : ''}</span> },
            {
              key: 'version',
              label: t('catalog.version'),
              children: (
                <span>
                  {t('catalog.versionBy', { v: d.version, by: d.updated_by, at: dateTime(d.updated_at) })}
                  {d.versions?.length > 1 && <Typography.Text type="secondary"> · {t('catalog.versionsN', { n: d.versions.length })}</Typography.Text>}
                </span>
              ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('catalog.fields', { n: d.fields.length })}>
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>{t('catalog.requiredNote')}</Typography.Paragraph>
        <FieldsTable fields={d.fields} />
      </Card>
    </Space>
  );
}
