import { RightOutlined } from '@ant-design/icons';
import { Empty, Pagination, Spin, Typography } from 'antd';
import type { HouseholdRow } from '../../api/registry';
import { useLabels } from '../../api/vocabulary';
import { useT } from '../../i18n';
import { Link } from '../../router';
import { CategoryTags } from './CategoryTags';

export interface ResultListProps {
  items: HouseholdRow[];
  loading: boolean;
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
}

/** Search results on a phone: one tappable card per household instead of a wide table. */
export function ResultList({ items, loading, page, pageSize, total, onPage }: ResultListProps) {
  const t = useT();
  const { label } = useLabels();
  return (
    <Spin spinning={loading}>
      {items.length === 0 && !loading && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('registry.empty')} />}
      <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
        {items.map((r) => (
          <Link
            key={r.code}
            to={`/households/${encodeURIComponent(r.code)}`}
            data-testid="result-item"
            style={{ display: 'block', border: '1px solid #e8e8e8', borderRadius: 6, padding: '8px 12px', color: 'inherit', background: '#fff' }}
          >
            <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
              <Typography.Text strong style={{ flex: 1, color: '#1456c8', fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}>
                {r.code}
              </Typography.Text>
              <RightOutlined style={{ color: '#bfbfbf' }} />
            </div>
            <div style={{ margin: '4px 0' }}>
              <Typography.Text>
                {t('registry.col.head')}{t('common.colon')}{r.head_name ?? '—'}　{t('registry.col.members')}{t('common.colon')}
                {r.member_count}　{label('hukou_types', r.hukou_type)}
              </Typography.Text>
            </div>
            <div style={{ marginBottom: 4 }}>
              <CategoryTags codes={r.categories ?? []} />
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {r.region_name}
              {r.address ? ` · ${r.address}` : ''}
            </Typography.Text>
          </Link>
        ))}
      </div>
      {total > pageSize && (
        <Pagination simple current={page} pageSize={pageSize} total={total} onChange={onPage} style={{ marginTop: 12, textAlign: 'center' }} />
      )}
    </Spin>
  );
}
