/**
 * 立案 on the alert page (permission case.manage, an alert not in a case yet): POST /api/cases
 * {"alert_id"} — 201 a new case, 200 with `attached: true` when the alert joined the household's
 * open case (one household, one chain) — then the case opens. A refusal (409: the alert is in a
 * case already) is shown with its message, and a link when it names the case.
 */
import { FolderAddOutlined } from '@ant-design/icons';
import { Alert, App, Button, Space } from 'antd';
import { useRef, useState } from 'react';
import { ApiError } from '../../api/api';
import { casesApi, invalidateCases } from '../../api/cases';
import { invalidateMonitoring, type Alert as MonitorAlert } from '../../api/monitoring';
import { useSession } from '../../api/session';
import { useT } from '../../i18n';
import { Link, navigate } from '../../router';

const caseHref = (id: string) => `/cases/${encodeURIComponent(id)}`;

export function OpenCaseButton({ alert }: { alert: MonitorAlert }) {
  const t = useT();
  const { can } = useSession();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  const [error, setError] = useState<{ message: string; caseId?: string } | null>(null);

  if (alert.case_id) {
    return can('case.read') ? (
      <Link to={caseHref(alert.case_id)} data-testid="alert-case-link">{t('openCase.view', { id: alert.case_id })}</Link>
    ) : null;
  }
  if (!can('case.manage') || alert.status === 'closed') return null;

  const open = async () => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    setError(null);
    try {
      const c = await casesApi.openFromAlert(alert.id);
      invalidateCases();
      invalidateMonitoring();
      message.success(c.attached ? t('openCase.attached', { id: c.id }) : t('openCase.opened', { id: c.id }));
      navigate(caseHref(c.id));
    } catch (e) {
      const details = e instanceof ApiError ? (e.details as { case_id?: unknown } | undefined) : undefined;
      setError({ message: (e as Error).message, caseId: details?.case_id ? String(details.case_id) : undefined });
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <Button type="primary" icon={<FolderAddOutlined />} onClick={open} loading={busy} disabled={busy} data-testid="open-case">
        {t('openCase.button')}
      </Button>
      {error && (
        <Alert type="error" showIcon title={error.message} data-testid="open-case-error"
          action={error.caseId && can('case.read') ? <Link to={caseHref(error.caseId)}>{t('openCase.view', { id: error.caseId })}</Link> : undefined} />
      )}
    </Space>
  );
}
