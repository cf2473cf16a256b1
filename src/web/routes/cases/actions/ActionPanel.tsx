/**
 * The case's next steps: one button per entry of the case's `actions` that the user is
 * permitted to take; each opens its form. The visit's own steps open the home-visit page.
 */
import { FormOutlined } from '@ant-design/icons';
import { App, Button, Space, Typography } from 'antd';
import { useState } from 'react';
import type { CaseActionOption, CaseDetail } from '../../../api/cases';
import { useT } from '../../../i18n';
import { useIsMobile } from '../../../layout/useIsMobile';
import { navigate } from '../../../router';
import { useCaseLabels } from '../labels';
import { ActionDialog } from './ActionDialog';
import { VISIT_ACTIONS, specOf } from './specs';

export function ActionPanel({ c, onChanged }: { c: CaseDetail; onChanged: (updated: CaseDetail) => void }) {
  const t = useT();
  const isMobile = useIsMobile();
  const { message } = App.useApp();
  const { name } = useCaseLabels();
  const [open, setOpen] = useState<CaseActionOption | null>(null);
  const permitted = (c.actions ?? []).filter((a) => a.permitted);
  const visit = permitted.some((a) => VISIT_ACTIONS.includes(a.action));
  const dialogs = permitted.filter((a) => !VISIT_ACTIONS.includes(a.action));

  if (!permitted.length) {
    return <Typography.Text type="secondary" data-testid="no-actions">{t('act.none')}</Typography.Text>;
  }
  const big = isMobile ? { minHeight: 44 } : undefined;
  return (
    <>
      <Space wrap size={8} data-testid="case-actions" style={isMobile ? { width: '100%' } : undefined}>
        {visit && (
          <Button type="primary" icon={<FormOutlined />} style={big} data-testid="open-visit"
            onClick={() => navigate(`/cases/${encodeURIComponent(c.id)}/visit`)}>
            {t('act.visitForm')}
          </Button>
        )}
        {dialogs.map((a) => (
          <Button key={a.action} danger={specOf(a.action).danger} style={big} onClick={() => setOpen(a)} data-testid={`action-${a.action}`}>
            {name(a)}
          </Button>
        ))}
      </Space>
      {open && (
        <ActionDialog
          key={open.action}
          c={c}
          option={open}
          onClose={() => setOpen(null)}
          onDone={(updated) => {
            setOpen(null);
            message.success(t('act.done', { action: name(open) }));
            onChanged(updated);
          }}
        />
      )}
    </>
  );
}
