/** The tests of an assessment, condition by condition, and the policy parameters it used. */
import { CheckCircleTwoTone, CloseCircleTwoTone, MinusCircleOutlined } from '@ant-design/icons';
import { Collapse, Table, Tag, Typography } from 'antd';
import type { CategoryTest, Condition, ParameterUsed } from '../../api/recognition';
import { useLang, useT } from '../../i18n';
import { useIsMobile } from '../../layout/useIsMobile';
import { formatValue } from '../policy/PolicyPage';
import { maskId } from './format';

const GREEN = '#52c41a';
const RED = '#ff4d4f';
const mono = { fontFamily: 'ui-monospace, Menlo, Consolas, monospace' };

function ConditionLine({ c }: { c: Condition }) {
  const { lang } = useLang();
  return (
    <div data-testid="condition" data-passed={c.passed} style={{ display: 'flex', gap: 8, alignItems: 'flex-start', padding: '3px 0' }}>
      {c.passed ? <CheckCircleTwoTone twoToneColor={GREEN} style={{ marginTop: 4 }} /> : <CloseCircleTwoTone twoToneColor={RED} style={{ marginTop: 4 }} />}
      <span style={{ wordBreak: 'break-word' }}>{c[lang]}</span>
    </div>
  );
}

function TestLabel({ test }: { test: CategoryTest }) {
  const t = useT();
  const icon = !test.tested ? <MinusCircleOutlined style={{ color: '#bfbfbf' }} />
    : test.passed ? <CheckCircleTwoTone twoToneColor={GREEN} /> : <CloseCircleTwoTone twoToneColor={RED} />;
  const state = !test.tested ? t('assess.untested') : test.passed ? t('assess.passed') : t('assess.failed');
  return (
    <span style={{ display: 'inline-flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
      {icon}
      <Typography.Text strong={test.passed} type={test.tested ? undefined : 'secondary'}>{t(`tier.${test.category}`)}</Typography.Text>
      {test.scope === 'person' && test.id_number && <span style={{ ...mono, fontSize: 12, color: '#8c8c8c' }}>{maskId(test.id_number)}</span>}
      <Tag color={!test.tested ? 'default' : test.passed ? 'success' : 'error'} style={{ marginInlineEnd: 0 }}>{state}</Tag>
    </span>
  );
}

/** One collapsible section per test; an untested one is greyed and says why. The recognized ones start open. */
export function AssessmentTests({ tests }: { tests: CategoryTest[] }) {
  const { lang } = useLang();
  const open = tests.flatMap((test, i) => (test.passed ? [String(i)] : []));
  return (
    <Collapse
      size="small"
      defaultActiveKey={open}
      data-testid="assessment-tests"
      items={tests.map((test, i) => ({
        key: String(i),
        forceRender: true,
        label: (
          <div data-testid="assessment-test" data-tested={test.tested} data-passed={test.passed}>
            <TestLabel test={test} />
            {!test.tested && <div style={{ color: '#8c8c8c', fontSize: 13, marginTop: 2 }}>{test[lang]}</div>}
          </div>
        ),
        collapsible: test.tested ? undefined : 'disabled',
        showArrow: test.tested,
        children: test.conditions.map((c, j) => <ConditionLine key={j} c={c} />),
      }))}
    />
  );
}

/** The parameter values used, collapsed: a small table on a desktop, one line each on a phone. */
export function ParametersUsed({ parameters }: { parameters: ParameterUsed[] }) {
  const t = useT();
  const isMobile = useIsMobile();
  const body = isMobile ? (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
      {parameters.map((p, i) => (
        <div key={i} style={{ fontSize: 12, lineHeight: 1.4 }}>
          <div style={{ ...mono, wordBreak: 'break-all' }}>{p.key} = <b>{formatValue(p.value)}</b></div>
          <div style={{ color: '#8c8c8c' }}>{p.on} · {p.region_code} · {p.valid_from} · v{p.version}</div>
        </div>
      ))}
    </div>
  ) : (
    <Table<ParameterUsed>
      size="small"
      rowKey={(p) => `${p.key}@${p.on}`}
      pagination={false}
      dataSource={parameters}
      columns={[
        { title: t('assess.p.key'), dataIndex: 'key', render: (k: string) => <span style={mono}>{k}</span> },
        { title: t('assess.p.on'), dataIndex: 'on', width: 110 },
        { title: t('assess.p.value'), dataIndex: 'value', render: (v: unknown) => <span style={{ ...mono, wordBreak: 'break-all' }}>{formatValue(v)}</span> },
        { title: t('assess.p.region'), dataIndex: 'region_code', width: 90, render: (c: string) => <span style={mono}>{c}</span> },
        { title: t('assess.p.from'), dataIndex: 'valid_from', width: 110 },
        { title: t('assess.p.version'), dataIndex: 'version', width: 70, render: (v: number) => `v${v}` },
      ]}
    />
  );
  return (
    <Collapse
      size="small"
      ghost
      data-testid="assessment-parameters"
      items={[{ key: 'p', label: t('assess.parameters', { n: parameters.length }), children: body }]}
    />
  );
}
