/**
 * /sharing — 数据共享: the catalog (anyone signed in), uploads (dataset.upload) and the batches
 * on record (dataset.read or dataset.upload), as tabs with their own paths.
 */
import { Card, Tabs, Typography } from 'antd';
import { useLayoutEffect } from 'react';
import { useSession } from '../../api/session';
import { useT } from '../../i18n';
import { navigate } from '../../router';
import { BatchesTable } from './BatchesTable';
import { CatalogBrowser } from './CatalogBrowser';
import { DatasetDetail } from './DatasetDetail';
import { UploadPanel } from './UploadPanel';

export type SharingTab = 'catalog' | 'upload' | 'batches';

/** /sharing: uploaders start at the upload form, everyone else at the catalog. */
export function SharingIndex() {
  const { can } = useSession();
  const to = can('dataset.upload') ? '/sharing/upload' : '/sharing/catalog';
  useLayoutEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

export function SharingPage({ tab, code }: { tab: SharingTab; code?: string }) {
  const t = useT();
  const { can, canAny } = useSession();
  const tabs = [
    { key: 'catalog', label: t('share.tab.catalog') },
    ...(can('dataset.upload') ? [{ key: 'upload', label: t('share.tab.upload') }] : []),
    ...(canAny(['dataset.read', 'dataset.upload']) ? [{ key: 'batches', label: t('share.tab.batches') }] : []),
  ];
  let body;
  if (tab === 'upload') body = <UploadPanel />;
  else if (tab === 'batches') body = <BatchesTable />;
  else body = code ? <DatasetDetail code={code} /> : <CatalogBrowser />;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <Card size="small" styles={{ body: { paddingBottom: 0 } }}>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('share.title')}</Typography.Title>
        <Typography.Text type="secondary">{t('share.subtitle')}</Typography.Text>
        <Tabs
          activeKey={tab}
          items={tabs}
          onChange={(k) => navigate(`/sharing/${k}`)}
          style={{ marginTop: 4 }}
          tabBarStyle={{ marginBottom: 0 }}
          data-testid="sharing-tabs"
        />
      </Card>
      {body}
    </div>
  );
}
