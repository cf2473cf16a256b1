/** 数据目录: the departments, then their datasets; a dataset's name opens its definition. */
import { Alert, Button, Card, Input, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useCatalog, type Dataset } from '../../api/sharing';
import { useT } from '../../i18n';
import { useIsMobile } from '../../layout/useIsMobile';
import { Link, navigate, qs, useLocation } from '../../router';
import { mono, useSharingLabels } from './labels';

const datasetPath = (code: string) => `/sharing/catalog/${encodeURIComponent(code)}`;

function DatasetName({ d }: { d: Dataset }) {
  const { name } = useSharingLabels();
  return (
    <div style={{ lineHeight: 1.3 }}>
      <Link to={datasetPath(d.code)} data-testid={`dataset-${d.code}`}>{name(d)}</Link>
      <div style={{ ...mono, fontSize: 11, color: '#8c8c8c' }}>{d.code}</div>
    </div>
  );
}

function DatasetCards({ datasets }: { datasets: Dataset[] }) {
  const t = useT();
  const { frequency, name } = useSharingLabels();
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
      {datasets.map((d) => (
        <div key={d.code} data-testid="dataset-card" style={{ border: '1px solid #e8e8e8', borderRadius: 6, padding: '8px 12px' }}>
          <DatasetName d={d} />
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {name(d.department_name)} · {frequency(d.frequency)} · {t('catalog.days', { n: d.retention_days })}
          </Typography.Text>
          <div style={{ fontSize: 13, marginTop: 2 }}>{d.purpose}</div>
        </div>
      ))}
    </div>
  );
}

export function CatalogBrowser() {
  const t = useT();
  const isMobile = useIsMobile();
  const { query } = useLocation();
  const department = query.get('department') ?? '';
  const { frequency, name } = useSharingLabels();
  const { data, error, loading, refetch } = useCatalog();
  const [text, setText] = useState('');

  const counts = useMemo(() => {
    const m = new Map<string, number>();
    for (const d of data?.datasets ?? []) m.set(d.department, (m.get(d.department) ?? 0) + 1);
    return m;
  }, [data]);
  const needle = text.trim().toLowerCase();
  const shown = (data?.datasets ?? []).filter(
    (d) => (!department || d.department === department) && (!needle || `${d.code} ${d.zh} ${d.en}`.toLowerCase().includes(needle)),
  );
  const pick = (code: string) => navigate('/sharing/catalog' + qs({ department: code }), { replace: true });

  const columns: ColumnsType<Dataset> = [
    { title: t('catalog.col.dataset'), key: 'name', width: 220, render: (_, d) => <DatasetName d={d} /> },
    { title: t('catalog.col.department'), key: 'department', width: 120, render: (_, d) => name(d.department_name) },
    { title: t('catalog.purpose'), dataIndex: 'purpose', render: (p: string) => <Typography.Text style={{ fontSize: 13 }}>{p}</Typography.Text> },
    { title: t('catalog.col.frequency'), dataIndex: 'frequency', width: 100, render: frequency },
    { title: t('catalog.col.fields'), key: 'fields', width: 70, align: 'right', render: (_, d) => d.fields.length },
    { title: t('catalog.col.retention'), dataIndex: 'retention_days', width: 90, align: 'right', render: (n: number) => t('catalog.days', { n }) },
  ];

  if (error && !data) {
    return <Alert type="error" showIcon title={t('common.loadFailed')} description={error.message} action={<Button size="small" onClick={refetch}>{t('common.retry')}</Button>} />;
  }
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small" title={t('catalog.departments')}>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }} data-testid="departments">
          <Tag.CheckableTag checked={!department} onChange={() => pick('')}>
            {t('catalog.allDepartments')} ({data?.datasets.length ?? 0})
          </Tag.CheckableTag>
          {(data?.departments ?? []).map((d) => (
            <Tag.CheckableTag key={d.code} checked={department === d.code} onChange={() => pick(department === d.code ? '' : d.code)}>
              <span title={d.full_name}>{name(d)}</span> ({counts.get(d.code) ?? 0})
            </Tag.CheckableTag>
          ))}
        </div>
      </Card>
      <Card
        size="small"
        title={t('catalog.datasetsN', { n: shown.length })}
        extra={<Input.Search allowClear size="small" placeholder={t('catalog.search')} aria-label={t('catalog.search')} onChange={(e) => setText(e.target.value)} style={{ width: isMobile ? 160 : 240 }} />}
      >
        {isMobile ? (
          <DatasetCards datasets={shown} />
        ) : (
          <div data-testid="catalog-table">
            <Table<Dataset> rowKey="code" size="small" columns={columns} dataSource={shown} loading={loading} pagination={false} scroll={{ x: 900 }} locale={{ emptyText: t('catalog.empty') }} />
          </div>
        )}
      </Card>
    </Space>
  );
}
