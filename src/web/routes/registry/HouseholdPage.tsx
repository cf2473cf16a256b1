import { ArrowLeftOutlined, FileExcelOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Empty, Result, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/api';
import { registryApi, useHousehold, type Household } from '../../api/registry';
import { useLabels } from '../../api/vocabulary';
import { hasMessage, useT } from '../../i18n';
import { useIsMobile } from '../../layout/useIsMobile';
import { Link } from '../../router';
import { HouseholdChain } from '../cases/HouseholdChain';
import { HouseholdAssessments } from '../recognition/HouseholdAssessments';
import { HouseholdFacts } from '../sharing/HouseholdFacts';
import { CategoryHistoryTable, MembersTable, SnapshotsTable } from './HouseholdTables';
import { MemberCards } from './MemberCards';
import { dateTime } from './format';
import { searchMemory } from './searchState';

function HistoryTimeline({ household }: { household: Household }) {
  const t = useT();
  const names = new Map(household.members.map((m) => [String(m.id), m.name]));
  const entries = [...household.history].sort((a, b) => String(b.at).localeCompare(String(a.at)));
  if (!entries.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('household.noHistory')} />;
  const actionLabel = (a: string) => {
    const key = `action.${a}`;
    return hasMessage(key) ? t(key) : a;
  };
  return (
    <Timeline
      items={entries.map((h, i) => ({
        key: i,
        color: h.action.endsWith('.end') ? 'gray' : 'blue',
        content: (
          <div>
            <Space size={8} wrap>
              <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {dateTime(h.at)}
              </Typography.Text>
              <Typography.Text strong>{actionLabel(h.action)}</Typography.Text>
              {h.person_id !== null && h.person_id !== undefined && names.get(String(h.person_id)) && (
                <Tag>{names.get(String(h.person_id))}</Tag>
              )}
            </Space>
            <div style={{ color: '#595959', fontSize: 13 }}>
              {t('hist.actor')}{t('common.colon')}{h.actor || '—'}
              {h.reason ? `　${t('hist.reason')}${t('common.colon')}${h.reason}` : ''}
            </div>
          </div>
        ),
      }))}
    />
  );
}

/** /households/:code — one household with members, categories, economic snapshots and history. */
export function HouseholdPage({ code }: { code: string }) {
  const t = useT();
  const { message } = App.useApp();
  const { label } = useLabels();
  const { data: h, error, loading, refetch } = useHousehold(code);
  const [exporting, setExporting] = useState(false);
  const isMobile = useIsMobile();
  const backTo = '/registry' + searchMemory.lastSearch;

  const onExport = async () => {
    setExporting(true);
    try {
      await registryApi.exportHousehold(code);
      message.success(t('common.exportDone'));
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setExporting(false);
    }
  };
  const statusLabel = (s: string) => (s === 'active' || s === 'merged' || s === 'dissolved' ? t(`status.${s}`) : s);

  const header = (
    <Card size="small">
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
        <Link to={backTo}>
          <ArrowLeftOutlined /> {t('household.backToSearch')}
        </Link>
        <Typography.Title level={4} style={{ margin: 0, flex: 1, minWidth: 200 }}>
          {t('household.title')} <Typography.Text type="secondary" style={{ fontSize: 16, fontWeight: 400 }}>{code}</Typography.Text>
        </Typography.Title>
        <Button icon={<FileExcelOutlined />} loading={exporting} onClick={onExport} disabled={!h}>
          {t('household.exportAll')}
        </Button>
      </div>
    </Card>
  );

  if (error && !h) {
    const notFound = error instanceof ApiError && error.status === 404;
    return (
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {header}
        <Card>
          {notFound ? (
            <Result status="404" title={t('notFound.title')} subTitle={error.message} />
          ) : (
            <Alert type="error" showIcon title={t('common.loadFailed')} description={error.message} action={<Button size="small" onClick={refetch}>{t('common.retry')}</Button>} />
          )}
        </Card>
      </Space>
    );
  }
  if (!h || (loading && h.code !== code)) {
    return (
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {header}
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      </Space>
    );
  }

  const regionPath = h.region_path.map((r) => r.name).join(' / ');
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {header}
      <Card size="small" title={t('household.basic')}>
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          styles={{ label: { whiteSpace: 'nowrap', width: 110 } }}
          items={[
            { key: 'code', label: t('household.code'), children: h.code },
            { key: 'hukou', label: t('household.hukou'), children: label('hukou_types', h.hukou_type) },
            {
              key: 'status',
              label: t('household.status'),
              children: <Tag color={h.status === 'active' ? 'green' : 'default'}>{statusLabel(h.status)}</Tag>,
            },
            { key: 'region', label: t('household.region'), children: regionPath, span: 'filled' },
            { key: 'booklet', label: t('household.booklet'), children: h.hukou_booklet_no || '—' },
            { key: 'members', label: t('household.memberCount'), children: h.members.length },
            { key: 'address', label: t('household.address'), children: h.address || '—', span: 'filled' },
          ]}
        />
      </Card>
      <Card size="small" title={t('household.membersN', { n: h.members.length })}>
        {isMobile ? <MemberCards members={h.members} /> : <MembersTable members={h.members} />}
      </Card>
      <Card size="small" title={t('household.categoryHistory')}>
        <CategoryHistoryTable members={h.members} />
      </Card>
      <Card size="small" title={t('household.snapshots')}>
        <SnapshotsTable snapshots={h.snapshots} memberCount={h.members.length} />
      </Card>
      <HouseholdChain key={`chain-${h.code}`} code={h.code} />
      <HouseholdAssessments key={h.code} code={h.code} />
      <HouseholdFacts key={`facts-${h.code}`} code={h.code} members={h.members} />
      <Card size="small" title={t('household.history')}>
        <HistoryTimeline household={h} />
      </Card>
    </Space>
  );
}
