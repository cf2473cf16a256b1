/**
 * One assessment in plain words: the tier, the sentence a clerk reads to the family, the key
 * figures and amounts, notes, each test condition by condition, and the parameters used.
 */
import { Alert, Descriptions, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { AssessmentResult } from '../../api/recognition';
import { useLang, useT } from '../../i18n';
import { dateTime } from '../registry/format';
import { AssessmentTests, ParametersUsed } from './AssessmentTests';
import { maskId, percent, tierColor, yuan } from './format';

const section = { marginTop: 16, marginBottom: 8 } as const;

function Lines({ lines }: { lines: { zh: string; en: string }[] }) {
  const { lang } = useLang();
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      {lines.map((l, i) => (
        <div key={i} style={{ wordBreak: 'break-word' }}>{l[lang]}</div>
      ))}
    </div>
  );
}

function Meta({ r }: { r: AssessmentResult }) {
  const t = useT();
  const items: [string, ReactNode][] = [
    [t('assess.asOf'), r.as_of],
    [t('assess.hukou'), t(r.hukou_type === 'urban' ? 'assess.urban' : 'assess.rural')],
    [t('assess.region'), r.region_code],
  ];
  if (r.snapshot) items.push([t('assess.snapshot'), `${r.snapshot.as_of}（${r.snapshot.source}）`]);
  if (r.created_by) items.push([t('assess.by'), r.created_by]);
  if (r.created_at) items.push([t('assess.at'), dateTime(r.created_at)]);
  items.push([t('assess.engine'), r.engine_version]);
  return (
    <Space size={[16, 2]} wrap style={{ fontSize: 13, color: '#595959' }} data-testid="assessment-meta">
      {items.map(([k, v]) => (
        <span key={k}>
          <span style={{ color: '#8c8c8c' }}>{k}{t('common.colon')}</span>
          {v}
        </span>
      ))}
    </Space>
  );
}

export function AssessmentView({ result: r }: { result: AssessmentResult }) {
  const t = useT();
  const { lang } = useLang();
  const f = r.figures;
  const a = r.amounts;
  const others = r.recognitions.filter((x) => x.scope === 'person' || x.category !== r.tier);

  type Item = { key: string; label: string; children: ReactNode };
  const amountItems = ([
    a.dibao_allowance && {
      key: 'dibao',
      label: t('assess.a.dibao'),
      children: (
        <div>
          <Typography.Text strong>{t('assess.a.total', { v: yuan(a.dibao_allowance.total) })}</Typography.Text>
          <Lines lines={a.dibao_allowance.lines} />
        </div>
      ),
    },
    a.single_person.length > 0 && { key: 'single', label: t('assess.a.single'), children: <Lines lines={a.single_person} /> },
    a.tekun.length > 0 && { key: 'tekun', label: t('assess.a.tekun'), children: <Lines lines={a.tekun} /> },
    { key: 'fast', label: t('assess.a.fastRelief'), children: yuan(a.fast_relief_cap) },
  ] as (Item | null | false)[]).filter((x): x is Item => !!x);

  return (
    <div data-testid="assessment-view">
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap', marginBottom: 8 }}>
        <Tag color={tierColor(r.tier)} style={{ fontSize: 15, padding: '2px 10px', marginInlineEnd: 0 }} data-testid="assessment-tier">
          {t(`tier.${r.tier}`)}
        </Tag>
        {others.map((x, i) => (
          <Tag key={i} color={tierColor(x.category)} variant="filled">
            {t(`tier.${x.category}`)}
            {x.scope === 'person' ? ` · ${maskId(x.id_number)}` : ` · ${t('assess.household')}`}
          </Tag>
        ))}
      </div>
      <div
        data-testid="assessment-summary"
        style={{ fontSize: 16, lineHeight: 1.7, padding: '10px 14px', background: '#f6f8fc', borderLeft: '4px solid #1456c8', borderRadius: 4, wordBreak: 'break-word' }}
      >
        {r.summary[lang]}
      </div>
      <div style={{ marginTop: 8 }}>
        <Meta r={r} />
      </div>

      <Typography.Title level={5} style={section}>{t('assess.figures')}</Typography.Title>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        data-testid="assessment-figures"
        items={[
          { key: 'size', label: t('assess.f.size'), children: t('assess.f.sizeN', { n: f.household_size }) },
          { key: 'income', label: t('assess.f.perCapita'), children: t('assess.perMonth', { v: yuan(f.per_capita_monthly_income) }) },
          { key: 'standard', label: t('assess.f.standard'), children: t('assess.perMonth', { v: yuan(f.dibao_standard) }) },
          { key: 'marginal', label: t('assess.f.marginalLine'), children: t('assess.perMonth', { v: yuan(f.marginal_line) }) },
          { key: 'annual', label: t('assess.f.annualIncome'), children: yuan(f.annual_income) },
          { key: 'financial', label: t('assess.f.financial'), children: yuan(f.financial_assets_per_capita) },
          { key: 'rigid', label: t('assess.f.rigidTotal'), children: yuan(f.rigid_expenses_total) },
          { key: 'share', label: t('assess.f.rigidShare'), children: percent(f.rigid_expense_share) },
        ]}
      />

      <Typography.Title level={5} style={section}>{t('assess.amounts')}</Typography.Title>
      <Descriptions bordered size="small" column={1} items={amountItems} data-testid="assessment-amounts" styles={{ label: { width: 130 } }} />

      {r.notes.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 16 }}
          title={t('assess.notes')}
          description={<Lines lines={r.notes} />}
          data-testid="assessment-notes"
        />
      )}

      <Typography.Title level={5} style={section}>{t('assess.tests')}</Typography.Title>
      <AssessmentTests tests={r.tests} />
      <div style={{ marginTop: 8 }}>
        <ParametersUsed parameters={r.parameters} />
      </div>
    </div>
  );
}
