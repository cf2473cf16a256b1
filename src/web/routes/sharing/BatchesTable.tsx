/** 批次记录: the batches on record, newest first, with a filter by dataset and their error reports. */
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useBatches, useCatalog, type Batch } from '../../api/sharing';
import { useT } from '../../i18n';
import { navigate, qs, useLocation } from '../../router';
import { dateTime } from '../registry/format';
import { fileSize, mono, useSharingLabels } from './labels';
import { ErrorReportLink } from './UploadResult';

const STATUS_COLORS: Record<string, string> = { committed: 'green', rejected: 'red', superseded: 'default' };
const num = { fontVariantNumeric: 'tabular-nums' } as const;

export function BatchesTable() {
  const t = useT();
  const { query } = useLocation();
  const dataset = query.get('dataset') || undefined;
  const { name } = useSharingLabels();
  const { data: catalog } = useCatalog();
  const { data, error, loading, refetch } = useBatches(dataset);
  const datasetName = (code: string) => {
    const d = catalog?.datasets.find((x) => x.code === code);
    return d ? name(d) : code;
  };
  const statusLabel = (s: string) => (s in STATUS_COLORS ? t(`batches.status.${s as Batch['status']}`) : s);

  const columns: ColumnsType<Batch> = [
    { title: t('batches.col.id'), dataIndex: 'id', width: 70, align: 'right', render: (id: string) => <span style={mono}>{id}</span> },
    {
      title: t('batches.col.dataset'),
      dataIndex: 'dataset',
      width: 150,
      render: (c: string) => (
        <div style={{ lineHeight: 1.3 }}>
          <div>{datasetName(c)}</div>
          <div style={{ ...mono, fontSize: 11, color: '#8c8c8c' }}>{c}</div>
        </div>
      ),
    },
    {
      title: t('batches.col.file'),
      dataIndex: 'file_name',
      width: 180,
      render: (f: string | null, b) => (
        <div style={{ lineHeight: 1.3, wordBreak: 'break-all' }}>
          <div>{f || '—'}</div>
          <div style={{ fontSize: 11, color: '#8c8c8c' }}>{fileSize(b.file_bytes)}</div>
        </div>
      ),
    },
    {
      title: t('batches.col.sentBy'),
      dataIndex: 'sent_by',
      width: 150,
      render: (s: string, b) => (
        <div style={{ lineHeight: 1.3 }}>
          <div style={mono}>{s}</div>
          {b.department && <div style={{ fontSize: 11, color: '#8c8c8c' }}>{b.department}</div>}
        </div>
      ),
    },
    { title: t('batches.col.receivedAt'), dataIndex: 'received_at', width: 140, render: (v: string) => <span style={num}>{dateTime(v)}</span> },
    {
      title: t('batches.col.status'),
      dataIndex: 'status',
      width: 110,
      render: (s: string, b) => (
        <div style={{ lineHeight: 1.6 }}>
          <Tag color={STATUS_COLORS[s] ?? 'default'} data-testid="batch-status">{statusLabel(s)}</Tag>
          {b.superseded_by && <div style={{ fontSize: 11, color: '#8c8c8c' }}>{t('batches.supersededBy', { id: b.superseded_by })}</div>}
          {b.supersedes && <div style={{ fontSize: 11, color: '#8c8c8c' }}>{t('batches.supersedes', { id: b.supersedes })}</div>}
          {b.skip_invalid && <div style={{ fontSize: 11, color: '#8c8c8c' }}>{t('batches.skipInvalid')}</div>}
        </div>
      ),
    },
    { title: t('batches.col.rows'), dataIndex: 'rows_total', width: 60, align: 'right', render: (n: number) => <span style={num}>{n}</span> },
    { title: t('batches.col.accepted'), dataIndex: 'accepted', width: 60, align: 'right', render: (n: number) => <span style={num}>{n}</span> },
    { title: t('batches.col.matched'), key: 'matched', width: 100, align: 'right', render: (_, b) => <span style={num}>{b.matched} / {b.unmatched}</span> },
    {
      title: t('batches.col.errors'),
      dataIndex: 'errors_total',
      width: 130,
      render: (n: number, b) =>
        n > 0 ? (
          <Space size={6} wrap>
            <Typography.Text type="danger" style={num}>{n}</Typography.Text>
            <ErrorReportLink batchId={b.id} short />
          </Space>
        ) : (
          <span style={num}>0</span>
        ),
    },
  ];

  return (
    <Card
      size="small"
      title={
        <Space size={8}>
          <span>{t('share.tab.batches')}</span>
          {data && (
            <Typography.Text type="secondary" style={{ fontWeight: 400 }}>
              {t(data.length >= 100 ? 'batches.latest' : 'batches.count', { n: data.length })}
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
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'search' }}
        aria-label={t('batches.col.dataset')}
        data-testid="batches-filter"
        placeholder={t('batches.filter')}
        style={{ width: '100%', maxWidth: 280, marginBottom: 12 }}
        value={dataset}
        onChange={(v?: string) => navigate('/sharing/batches' + qs({ dataset: v }), { replace: true })}
        options={(catalog?.datasets ?? []).map((d) => ({ value: d.code, title: name(d), label: name(d), search: `${d.zh} ${d.en} ${d.code}` }))}
      />
      {error && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t('common.loadFailed')} description={error.message} action={<Button size="small" onClick={refetch}>{t('common.retry')}</Button>} />
      )}
      <div data-testid="batches-table">
        <Table<Batch>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={error ? [] : (data ?? [])}
          loading={loading}
          scroll={{ x: 1150 }}
          pagination={{ pageSize: 20, size: 'small', showSizeChanger: false, hideOnSinglePage: true }}
          locale={{ emptyText: t('batches.empty') }}
        />
      </div>
    </Card>
  );
}
