/**
 * The head of a case: its number and state as a step bar over the main path (discovered → …
 * → assisting; under review, closed, exited, unreachable and no-need shown plainly beside it),
 * the household or the not-yet-registered subject, the deadlines (red when overdue, with the
 * escalation level) and the alerts the case answers.
 */
import { Descriptions, Space, Steps, Tag, Typography } from 'antd';
import { MAIN_PATH, SIDE_STATES, type CaseDetail, type CaseState } from '../../api/cases';
import { useSession } from '../../api/session';
import { useT } from '../../i18n';
import { useIsMobile } from '../../layout/useIsMobile';
import { Link } from '../../router';
import { HouseholdLink } from '../monitoring/AlertParts';
import { LevelTag } from '../monitoring/labels';
import { dateTime } from '../registry/format';
import { CasePerson, CaseStateTag, DueDate, EscalationTag, useCaseLabels } from './labels';

type StepStatus = 'wait' | 'process' | 'finish' | 'error';

/** Where the step bar stands: the state itself on the main path, else the last main-path state the history left. */
export function stepPosition(c: Pick<CaseDetail, 'state' | 'history'>): { current: number; status: StepStatus } {
  const at = MAIN_PATH.indexOf(c.state);
  if (at >= 0) return { current: at, status: 'process' };
  if (c.state === 'under_review') return { current: MAIN_PATH.indexOf('assisting'), status: 'process' };
  const left = [...(c.history ?? [])].reverse().find((e) => MAIN_PATH.includes(e.from as CaseState));
  const current = left ? MAIN_PATH.indexOf(left.from as CaseState) : 0;
  return { current, status: c.state === 'unreachable' ? 'error' : 'finish' };
}

function StepBar({ c }: { c: CaseDetail }) {
  const t = useT();
  const isMobile = useIsMobile();
  const { state } = useCaseLabels();
  const { current, status } = stepPosition(c);
  // 边缘 and 刚性 are decided without publicity (谁救助谁公示): say so on the step
  const skippedPublicity = (c.history ?? []).some((e) => e.from === 'assessed' && e.to === 'decided');
  return (
    <Steps
      size="small"
      orientation={isMobile ? 'vertical' : 'horizontal'}
      current={current}
      status={status}
      data-testid="case-steps"
      items={MAIN_PATH.map((s, i) => ({
        title: state(s),
        content: s === 'publicity' && skippedPublicity && i < current ? t('case.noPublicity') : undefined,
      }))}
    />
  );
}

function Alerts({ c }: { c: CaseDetail }) {
  const { can } = useSession();
  const { name } = useCaseLabels();
  if (!c.alerts?.length) return <span>—</span>;
  return (
    <Space size={[8, 4]} wrap data-testid="case-alerts">
      {c.alerts.map((a) => {
        const label = a.indicator_zh ? name({ zh: a.indicator_zh, en: a.indicator_en ?? a.indicator_zh }) : a.indicator;
        return (
          <span key={a.id} style={{ display: 'inline-flex', gap: 4, alignItems: 'center' }}>
            <LevelTag level={a.level} />
            {can('alert.read') ? <Link to={`/alerts/${encodeURIComponent(a.id)}`} data-testid="case-alert-link">{label}</Link> : label}
          </span>
        );
      })}
    </Space>
  );
}

export function CaseHeader({ c }: { c: CaseDetail }) {
  const t = useT();
  const { optional, state } = useCaseLabels();
  const side = SIDE_STATES.includes(c.state);
  const step = c.deadlines?.step;
  const total = c.deadlines?.total;
  const who = c.head ? t('case.head') : t('case.subject');
  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="case-title">{t('cases.caseNo', { id: c.id })}</Typography.Title>
        <CaseStateTag state={c.state} />
        <EscalationTag code={c.escalated_to} />
        {side && <Typography.Text type="secondary" data-testid="side-state">{t('case.sideState', { state: state(c.state) })}</Typography.Text>}
      </div>
      <StepBar c={c} />
      <Descriptions
        bordered
        size="small"
        style={{ marginTop: 12 }}
        column={{ xs: 1, sm: 1, md: 2 }}
        styles={{ label: { whiteSpace: 'nowrap', width: 110 } }}
        items={[
          { key: 'person', label: who, children: <CasePerson head={c.head} subject={c.subject} /> },
          {
            key: 'household',
            label: t('case.household'),
            children: c.household_code ? <HouseholdLink code={c.household_code} /> : <Tag color="purple" style={{ marginInlineEnd: 0 }}>{t('case.notRegistered')}</Tag>,
          },
          { key: 'region', label: t('case.region'), children: c.region_name || c.region_code },
          { key: 'source', label: t('case.source'), children: `${optional('caseSource', c.source?.kind)}${c.source?.id ? ` · ${c.source.id}` : ''}` },
          {
            key: 'step',
            label: t('case.stepDue'),
            children: (
              <Space size={6} wrap data-testid="step-due">
                <DueDate due={step?.due} overdue={step?.overdue} />
                <EscalationTag code={c.escalated_to} />
              </Space>
            ),
          },
          {
            key: 'total',
            label: t('case.totalDue'),
            children: (
              <Space size={6} wrap data-testid="total-due">
                <DueDate due={total?.due} overdue={total?.overdue} />
                {total?.extended && <Tag style={{ marginInlineEnd: 0 }}>{t('case.extended')}</Tag>}
              </Space>
            ),
          },
          {
            key: 'assignee',
            label: t('case.assignee'),
            children: c.assignee?.region_code || c.assignee?.username
              ? <span>{[c.assignee?.region_name ?? c.assignee?.region_code, c.assignee?.username].filter(Boolean).join(' · ')}</span>
              : '—',
          },
          { key: 'created', label: t('case.createdAt'), children: dateTime(c.created_at) },
          ...(c.proposed_category ? [{ key: 'proposed', label: t('case.proposed'), children: optional('tier', c.proposed_category) }] : []),
          ...(c.publicity ? [{ key: 'publicity', label: t('case.publicity'), children: `${c.publicity.from} ~ ${c.publicity.until}` }] : []),
          { key: 'alerts', label: t('case.alerts'), span: 'filled' as const, children: <Alerts c={c} /> },
        ]}
      />
    </>
  );
}
