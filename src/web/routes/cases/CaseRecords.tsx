/** What a case has recorded: the decision, the visits, the economic checks, referrals and grants. */
import { Descriptions, Empty, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import {
  CHECK_AMOUNTS, CHECK_COUNTS, type CaseCheck, type CaseDecision, type CaseGrant, type CaseReferral, type CaseVisit,
} from '../../api/cases';
import { useT } from '../../i18n';
import { dateTime } from '../registry/format';
import { cny, useCaseLabels } from './labels';

const box = { border: '1px solid #f0f0f0', borderRadius: 6, padding: '8px 12px' } as const;

function None() {
  const t = useT();
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('case.nothingYet')} style={{ margin: '8px 0' }} />;
}

function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 2 }}
      colon
      styles={{ label: { color: '#8c8c8c', whiteSpace: 'nowrap' } }}
      items={items.filter(([, v]) => v !== null && v !== undefined && v !== '').map(([label, children], i) => ({ key: i, label, children }))}
    />
  );
}

export function DecisionRecord({ d }: { d: CaseDecision | null }) {
  const t = useT();
  const { optional } = useCaseLabels();
  if (!d) return <None />;
  const color = d.outcome === 'approved' ? 'green' : d.outcome === 'refused' ? 'red' : 'default';
  return (
    <div style={box} data-testid="case-decision">
      <Space size={8} wrap style={{ marginBottom: 4 }}>
        <Tag color={color} style={{ marginInlineEnd: 0 }}>{optional('decisionOutcome', d.outcome)}</Tag>
        {d.category && <Tag style={{ marginInlineEnd: 0 }}>{optional('tier', d.category)}</Tag>}
      </Space>
      <Facts
        items={[
          [t('rec.engineTier'), d.engine_tier ? optional('tier', d.engine_tier) : null],
          [t('rec.overrideReason'), d.override_reason],
          [t('rec.reasons'), d.reasons],
          [t('rec.validity'), d.valid_from ? `${d.valid_from} ~ ${d.valid_to ?? t('rec.openEnded')}` : null],
          [t('rec.monthly'), d.monthly_amount !== null && d.monthly_amount !== undefined ? cny(d.monthly_amount) : null],
          [t('rec.by'), `${d.decided_by} · ${dateTime(d.decided_at)}`],
        ]}
      />
    </div>
  );
}

export function VisitRecords({ visits }: { visits: CaseVisit[] }) {
  const t = useT();
  const { optional } = useCaseLabels();
  if (!visits?.length) return <None />;
  const list = (prefix: string, codes?: string[]) => (codes?.length ? codes.map((c) => optional(prefix, c)).join('、') : null);
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      {visits.map((v) => (
        <div key={v.id} style={box} data-testid="case-visit">
          <Space size={8} wrap style={{ marginBottom: 4 }}>
            <Tag color={v.status === 'draft' ? 'gold' : 'blue'} style={{ marginInlineEnd: 0 }}>{optional('visitStatus', v.status)}</Tag>
            {v.outcome && <Tag style={{ marginInlineEnd: 0 }}>{optional('outcome', v.outcome)}</Tag>}
            <Typography.Text type="secondary">{v.visitor} · {dateTime(v.submitted_at ?? v.saved_at)}</Typography.Text>
          </Space>
          <Facts
            items={[
              [t('visit.visitedOn'), v.visited_on ?? v.form?.visited_on],
              [t('visit.living'), v.form?.living_conditions ? optional('living', v.form.living_conditions) : null],
              [t('visit.housingType'), v.form?.housing_type ? optional('housingType', v.form.housing_type) : null],
              [t('visit.housingCondition'), v.form?.housing_condition ? optional('housingCond', v.form.housing_condition) : null],
              [t('visit.incomeSources'), list('incomeSource', v.form?.income_sources)],
              [t('visit.needs'), list('need', v.form?.needs)],
              [t('visit.health'), v.form?.health_notes],
              [t('visit.recommendation'), v.form?.recommendation],
            ]}
          />
        </div>
      ))}
    </Space>
  );
}

/** The check's figures: flat on the record or under `figures` (docs/cases.md does not say). */
function figuresOf(c: CaseCheck): [string, number | string][] {
  const src = (c.figures ?? c) as Record<string, unknown>;
  return [...CHECK_AMOUNTS, ...CHECK_COUNTS]
    .filter((k) => src[k] !== null && src[k] !== undefined && src[k] !== '')
    .map((k) => [k, src[k] as number | string]);
}

export function CheckRecords({ checks }: { checks: CaseCheck[] }) {
  const t = useT();
  const { optional } = useCaseLabels();
  if (!checks?.length) return <None />;
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      {checks.map((c) => (
        <div key={c.id} style={box} data-testid="case-check">
          <Facts
            items={[
              [t('check.checkedOn'), c.checked_on],
              [t('check.scopes'), (c.scopes ?? []).map((s) => optional('scope', s)).join('、')],
              [t('check.findings'), c.findings],
              ...figuresOf(c).map(([k, v]): [string, ReactNode] => [optional('fig', k), k.endsWith('_count') ? String(v) : cny(v)]),
              [t('rec.by'), c.recorded_by],
            ]}
          />
        </div>
      ))}
    </Space>
  );
}

export function ReferralRecords({ referrals }: { referrals: CaseReferral[] }) {
  const t = useT();
  const { optional, name } = useCaseLabels();
  if (!referrals?.length) return <None />;
  const color: Record<string, string> = { pending: 'processing', accepted: 'green', declined: 'red', withdrawn: 'default' };
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      {referrals.map((r) => (
        <div key={r.id} style={box} data-testid="case-referral">
          <Space size={8} wrap style={{ marginBottom: 4 }}>
            <Typography.Text strong>{r.program_zh ? name({ zh: r.program_zh, en: r.program_en ?? r.program_zh }) : r.program_code}</Typography.Text>
            <Tag color={color[r.status] ?? 'default'} style={{ marginInlineEnd: 0 }}>{optional('referralStatus', r.status)}</Tag>
            <Typography.Text type="secondary">{r.department}</Typography.Text>
          </Space>
          <Facts
            items={[
              [t('ref.requested'), `${r.requested_by} · ${dateTime(r.requested_at)}`],
              [t('ref.due'), r.due],
              [t('ref.reason'), r.reason],
              [t('ref.result'), r.result],
              [t('ref.amount'), r.amount !== null && r.amount !== undefined ? cny(r.amount) : null],
              [t('ref.grantedOn'), r.granted_on],
            ]}
          />
        </div>
      ))}
    </Space>
  );
}

export function GrantRecords({ grants }: { grants: CaseGrant[] }) {
  const t = useT();
  const { name } = useCaseLabels();
  if (!grants?.length) return <None />;
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      {grants.map((g) => (
        <div key={g.id} style={box} data-testid="case-grant">
          <Space size={8} wrap style={{ marginBottom: 4 }}>
            <Typography.Text strong>{g.program_zh ? name({ zh: g.program_zh, en: g.program_en ?? g.program_zh }) : g.program_code}</Typography.Text>
            <Typography.Text>{cny(g.amount)}</Typography.Text>
            {g.fast && <Tag color="orange" style={{ marginInlineEnd: 0 }}>{t('grant.fast')}</Tag>}
            {g.duplicate_of && <Tag color="red" style={{ marginInlineEnd: 0 }} data-testid="grant-duplicate">{t('grant.duplicate', { id: g.duplicate_of })}</Tag>}
          </Space>
          <Facts
            items={[
              [t('grant.period'), `${g.period_from} ~ ${g.period_to}`],
              [t('grant.grantedOn'), g.granted_on],
              [t('grant.department'), g.department],
              [t('grant.reason'), g.reason],
              [t('rec.by'), g.recorded_by],
            ]}
          />
        </div>
      ))}
    </Space>
  );
}
