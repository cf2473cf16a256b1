/**
 * /assistance — 救助帮扶: the programs (anyone signed in) and the referrals (department
 * handlers: their inbox; officers with case.read: the region's), as tabs with their own paths.
 */
import { Card, Tabs, Typography } from 'antd';
import { useLayoutEffect } from 'react';
import { useSession } from '../../api/session';
import { useT } from '../../i18n';
import { navigate } from '../../router';
import { ProgramDetail } from './ProgramDetail';
import { ProgramsPage } from './ProgramsPage';
import { ReferralsPage } from './ReferralsPage';

export type AssistanceTab = 'programs' | 'referrals';

/** /assistance: whoever handles or reads referrals starts at them, everyone else at the programs. */
export function AssistanceIndex() {
  const { canAny } = useSession();
  const to = canAny(['referral.handle', 'case.read']) ? '/assistance/referrals' : '/assistance/programs';
  useLayoutEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

export function AssistancePage({ tab, code }: { tab: AssistanceTab; code?: string }) {
  const t = useT();
  const { canAny } = useSession();
  const tabs = [
    ...(canAny(['referral.handle', 'case.read']) ? [{ key: 'referrals', label: t('asst.tab.referrals') }] : []),
    { key: 'programs', label: t('asst.tab.programs') },
  ];
  let body;
  if (tab === 'referrals') body = <ReferralsPage />;
  else body = code ? <ProgramDetail code={code} /> : <ProgramsPage />;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <Card size="small" styles={{ body: { paddingBottom: 0 } }}>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('asst.title')}</Typography.Title>
        <Typography.Text type="secondary">{t('asst.subtitle')}</Typography.Text>
        <Tabs activeKey={tab} items={tabs} onChange={(k) => navigate(`/assistance/${k}`)} style={{ marginTop: 4 }} tabBarStyle={{ marginBottom: 0 }} data-testid="assistance-tabs" />
      </Card>
      {body}
    </div>
  );
}
