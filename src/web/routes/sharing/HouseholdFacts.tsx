/**
 * The household page's 部门数据比对 card: per dataset, the departments' rows about the members
 * (masked ID number, the event date, the other fields with units). Sensitive text the reader
 * may not see arrives as null with `hidden` and shows as a muted 需授权查看.
 */
import { Alert, Button, Card, Descriptions, Empty, Skeleton, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCatalog, useHouseholdFacts, type FactDataset, type FactField } from '../../api/sharing';
import { useT } from '../../i18n';
import { useIsMobile } from '../../layout/useIsMobile';
import { mono, useSharingLabels } from './labels';

type FactRow = FactDataset['rows'][number] & { key: number };

function Hidden() {
  const t = useT();
  return (
    <Tooltip title={t('facts.hiddenTip')}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="fact-hidden">{t('facts.hidden')}</Typography.Text>
    </Tooltip>
  );
}

function useCell(dataset: FactDataset) {
  const { value } = useSharingLabels();
  const { data: catalog } = useCatalog();
  const def = catalog?.datasets.find((d) => d.code === dataset.code);
  return (f: FactField, row: FactRow) => {
    if (f.hidden) return <Hidden />;
    return value(f.type, row.values[f.code], def?.fields.find((x) => x.code === f.code)?.values);
  };
}

function DatasetFacts({ dataset, names }: { dataset: FactDataset; names: Map<string, string> }) {
  const t = useT();
  const isMobile = useIsMobile();
  const { name, fieldTitle } = useSharingLabels();
  const cell = useCell(dataset);
  const event = dataset.fields.find((f) => f.code === dataset.event_field);
  const others = dataset.fields.filter((f) => f.code !== dataset.event_field);
  const ordered = event ? [event, ...others] : others;
  const rows: FactRow[] = dataset.rows.map((r, i) => ({ ...r, key: i }));
  const member = (r: FactRow) => (
    <div style={{ lineHeight: 1.3 }}>
      <div>{names.get(String(r.person_id)) ?? '—'}</div>
      <div style={{ ...mono, fontSize: 11, color: '#8c8c8c' }}>{r.id_number_masked}</div>
    </div>
  );
  const heading = (
    <Typography.Text strong>
      {name(dataset)} <Typography.Text type="secondary" style={{ fontWeight: 400 }}>· {name(dataset.department)} · {t('facts.rowsN', { n: rows.length })}</Typography.Text>
    </Typography.Text>
  );

  if (isMobile) {
    return (
      <div data-testid={`facts-${dataset.code}`}>
        {heading}
        {rows.map((r) => (
          <div key={r.key} data-testid="fact-card" style={{ border: '1px solid #e8e8e8', borderRadius: 6, padding: '6px 10px', marginTop: 6 }}>
            {member(r)}
            <Descriptions
              size="small"
              column={1}
              styles={{ label: { color: '#8c8c8c', whiteSpace: 'nowrap' } }}
              items={ordered.map((f) => ({ key: f.code, label: fieldTitle(f), children: cell(f, r) }))}
            />
          </div>
        ))}
      </div>
    );
  }
  const columns: ColumnsType<FactRow> = [
    { title: t('facts.member'), key: 'member', width: 170, fixed: 'left', render: (_, r) => member(r) },
    ...ordered.map((f) => ({
      title: fieldTitle(f),
      key: f.code,
      align: (['amount', 'number', 'integer'].includes(f.type) ? 'right' : 'left') as 'right' | 'left',
      render: (_: unknown, r: FactRow) => cell(f, r),
    })),
    { title: t('facts.batch'), dataIndex: 'batch_id', width: 70, align: 'right', render: (b: string) => <span style={mono}>{b}</span> },
  ];
  return (
    <div data-testid={`facts-${dataset.code}`}>
      <div style={{ marginBottom: 6 }}>{heading}</div>
      <Table<FactRow> size="small" bordered columns={columns} dataSource={rows} pagination={rows.length > 10 ? { pageSize: 10, size: 'small' } : false} scroll={{ x: 'max-content' }} />
    </div>
  );
}

export function HouseholdFacts({ code, members }: { code: string; members: { id: string | number; name: string }[] }) {
  const t = useT();
  const { data, error, loading, refetch } = useHouseholdFacts(code);
  const names = new Map(members.map((m) => [String(m.id), m.name]));
  let body;
  if (error && !data) {
    body = <Alert type="error" showIcon title={t('common.loadFailed')} description={error.message} action={<Button size="small" onClick={refetch}>{t('common.retry')}</Button>} />;
  } else if (!data || (loading && data.household_code !== code)) {
    body = <Skeleton active paragraph={{ rows: 2 }} />;
  } else if (!data.datasets.length) {
    body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('facts.empty')} />;
  } else {
    body = (
      <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('facts.hint')}</Typography.Text>
        {data.datasets.map((d) => <DatasetFacts key={d.code} dataset={d} names={names} />)}
      </div>
    );
  }
  return (
    <Card
      size="small"
      title={t('facts.card')}
      data-testid="household-facts"
    >
      {body}
    </Card>
  );
}
