/**
 * /monitoring/indicators — 预警指标: the warning indicators as data (everyone signed in may read
 * them: they say when and why a person is flagged). Editing needs monitor.manage.
 */
import { ReloadOutlined } from '@ant-design/icons';
import { Alert as Notice, Button, Card, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useIndicatorCatalog, type Indicator } from '../../api/monitoring';
import { useSession } from '../../api/session';
import { useT } from '../../i18n';
import { Link, navigate } from '../../router';
import { dateTime } from '../registry/format';
import { LevelTag, mono, useMonitoringLabels } from './labels';

export const indicatorUrl = (code: string) => `/monitoring/indicators/${encodeURIComponent(code)}`;

export function IndicatorsPage() {
  const t = useT();
  const { can } = useSession();
  const { name, subject, kind, population } = useMonitoringLabels();
  const { data, error, loading, refetch } = useIndicatorCatalog();

  const columns: ColumnsType<Indicator> = [
    { title: t('ind.col.code'), dataIndex: 'code', width: 190, render: (c: string) => <Link to={indicatorUrl(c)} style={mono} onClick={(e) => e.stopPropagation()}>{c}</Link> },
    {
      title: t('ind.col.name'),
      key: 'name',
      width: 200,
      render: (_, i) => (
        <div style={{ lineHeight: 1.3 }}>
          <div>{name(i.definition)}</div>
          <div style={{ fontSize: 12, color: '#8c8c8c' }}>{kind(i.definition.kind)}</div>
        </div>
      ),
    },
    { title: t('ind.col.level'), key: 'level', width: 80, render: (_, i) => <LevelTag level={i.definition.level} /> },
    { title: t('ind.col.subject'), key: 'subject', width: 80, render: (_, i) => subject(i.definition.subject) },
    { title: t('ind.col.population'), key: 'population', width: 200, render: (_, i) => population(i.definition.population) },
    { title: t('ind.col.version'), dataIndex: 'version', width: 70, align: 'right', render: (v: number) => <span style={mono}>v{v}</span> },
    {
      title: t('ind.col.active'),
      dataIndex: 'active',
      width: 80,
      render: (a: boolean, i) => <Switch size="small" checked={a} disabled aria-label={`${i.code} ${t('ind.col.active')}`} />,
    },
    {
      title: t('ind.col.updated'),
      key: 'updated',
      width: 170,
      render: (_, i) => (
        <div style={{ lineHeight: 1.3, fontSize: 12 }}>
          <div style={mono}>{i.updated_by}</div>
          <div style={{ color: '#8c8c8c' }}>{dateTime(i.updated_at)}</div>
        </div>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small">
        <Typography.Title level={4} style={{ margin: 0 }}>{t('ind.title')}</Typography.Title>
        <Typography.Text type="secondary">{t('ind.subtitle')}</Typography.Text>
        {!can('monitor.manage') && <Notice type="info" showIcon title={t('ind.readOnly')} style={{ marginTop: 12 }} />}
      </Card>
      <Card
        size="small"
        title={
          <Space size={8}>
            <span>{t('ind.list')}</span>
            {data && <Tag>{data.indicators.length}</Tag>}
          </Space>
        }
        extra={
          <Tooltip title={t('common.refresh')}>
            <Button size="small" icon={<ReloadOutlined />} onClick={refetch} aria-label={t('common.refresh')} />
          </Tooltip>
        }
      >
        {error && (
          <Notice type="error" showIcon style={{ marginBottom: 12 }} title={t('common.loadFailed')} description={error.message} action={<Button size="small" onClick={refetch}>{t('common.retry')}</Button>} />
        )}
        <div data-testid="indicators-table">
          <Table<Indicator>
            rowKey="code"
            size="small"
            columns={columns}
            dataSource={error ? [] : (data?.indicators ?? [])}
            loading={loading}
            scroll={{ x: 1070 }}
            pagination={false}
            locale={{ emptyText: t('ind.empty') }}
            onRow={(i) => ({ onClick: () => navigate(indicatorUrl(i.code)), style: { cursor: 'pointer', opacity: i.active ? 1 : 0.6 } })}
          />
        </div>
      </Card>
    </Space>
  );
}
