/** Small pieces of an alert shown in the inbox (table and phone cards) and on the detail page. */
import { Space, Tag, Typography } from 'antd';
import type { MouseEvent } from 'react';
import type { Alert } from '../../api/monitoring';
import { useSession } from '../../api/session';
import { useT } from '../../i18n';
import { Link } from '../../router';
import { mono, tabular } from './labels';

/** The person (name and masked ID number), or a "not in the registry" lead with the masked ID. */
export function AlertSubject({ alert, inline = false }: { alert: Pick<Alert, 'person' | 'id_masked' | 'lead'>; inline?: boolean }) {
  const t = useT();
  if (alert.person) {
    return (
      <Space size={inline ? 6 : 0} orientation={inline ? 'horizontal' : 'vertical'} wrap style={{ lineHeight: 1.3 }} data-testid="alert-subject">
        <span>{alert.person.name}</span>
        <span style={{ ...mono, fontSize: 12, color: '#8c8c8c' }}>{alert.person.id_number_masked}</span>
      </Space>
    );
  }
  return (
    <Space size={6} wrap style={{ lineHeight: 1.3 }} data-testid="alert-subject">
      <Tag color="purple" style={{ marginInlineEnd: 0 }} data-testid="lead-tag">{t('alerts.lead')}</Tag>
      <span style={{ ...mono, fontSize: 12, color: '#595959' }}>{alert.id_masked ?? '—'}</span>
    </Space>
  );
}

/** The household code, a link to the household for users who may read the registry. */
export function HouseholdLink({ code }: { code: string | null }) {
  const { can } = useSession();
  if (!code) return <span>—</span>;
  if (!can('registry.read')) return <span style={mono}>{code}</span>;
  // inside a clickable row: opening the household must not also open the alert
  const stop = (e: MouseEvent) => e.stopPropagation();
  return (
    <Link to={`/households/${encodeURIComponent(code)}`} style={mono} onClick={stop} data-testid="household-link">
      {code}
    </Link>
  );
}

/** The deadline, red with 已逾期 when it has passed. */
export function Deadline({ alert }: { alert: Pick<Alert, 'deadline' | 'overdue'> }) {
  const t = useT();
  if (!alert.overdue) return <span style={tabular}>{alert.deadline}</span>;
  return (
    <Typography.Text type="danger" style={tabular} data-testid="overdue">
      {alert.deadline} <span style={{ fontSize: 12 }}>{t('alerts.overdue')}</span>
    </Typography.Text>
  );
}
