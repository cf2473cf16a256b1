/**
 * 预警依据: why an alert was raised. Each item is one check of the indicator's condition — the
 * fact's actual value, the operator and the threshold, whether it held — and where the value
 * came from (dataset, field, aggregate, window, batches, rows). A table on a desktop, cards on a phone.
 */
import { Empty, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Evidence, Term } from '../../api/monitoring';
import { useLang, useT, type TFunction } from '../../i18n';
import { useIsMobile } from '../../layout/useIsMobile';
import { mono, tabular, useMonitoringLabels } from './labels';

const SYMBOLS: Record<string, string> = { eq: '=', ne: '≠', gt: '>', gte: '≥', lt: '<', lte: '≤' };

/** A value or threshold for reading: numbers grouped, lists joined, parameters named. */
export function formatValue(v: unknown, t: TFunction, lang: 'zh' | 'en' = 'zh'): string {
  if (v === null || v === undefined || v === '') return t('ev.empty');
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  if (typeof v === 'number') return v.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
  if (Array.isArray(v)) return v.map((x) => formatValue(x, t, lang)).join(lang === 'zh' ? '、' : ', ');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.param === 'string') return t('ev.param', { key: o.param });
    if (typeof o.fact === 'string') return o.times !== undefined ? `${o.fact} × ${formatValue(o.times, t, lang)}` : o.fact;
    return JSON.stringify(v);
  }
  return String(v);
}

function Passed({ passed }: { passed: boolean }) {
  const t = useT();
  return passed ? (
    <span style={{ color: '#389e0d', whiteSpace: 'nowrap' }} data-testid="ev-passed">
      ✓ {t('ev.passedYes')}
    </span>
  ) : (
    <span style={{ color: '#8c8c8c', whiteSpace: 'nowrap' }} data-testid="ev-passed">
      ✗ {t('ev.passedNo')}
    </span>
  );
}

/** Where the value came from: dataset · field · aggregate, the window, the batches and rows. */
function Source({ e }: { e: Evidence }) {
  const t = useT();
  const { agg } = useMonitoringLabels();
  const s = e.source;
  if (!s) return <Typography.Text type="secondary">{t('ev.registry')}</Typography.Text>;
  return (
    <div style={{ lineHeight: 1.5, fontSize: 13 }} data-testid="ev-source">
      <div>
        {s.dataset_zh} <span style={{ ...mono, fontSize: 12, color: '#8c8c8c' }}>{s.dataset}</span>
        {s.field && <> · <span style={mono}>{s.field}</span></>}
        {s.agg && <> · {agg(s.agg)}</>}
      </div>
      <div style={tabular}>{t('ev.window', { from: s.from, to: s.to, months: s.months })}</div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {s.batches.length ? t('ev.batches', { ids: s.batches.join(', ') }) : t('ev.noBatches')} · {t('ev.rows', { n: s.rows })}
      </Typography.Text>
    </div>
  );
}

export function EvidenceTable({ evidence, operators }: { evidence: Evidence[]; operators?: Term[] }) {
  const t = useT();
  const { lang } = useLang();
  const isMobile = useIsMobile();
  const { name, term } = useMonitoringLabels();
  const op = (code: string) => {
    const label = term(operators, code);
    return label === code && SYMBOLS[code] ? SYMBOLS[code] : label;
  };
  const value = (v: unknown) => formatValue(v, t, lang);

  if (!evidence.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ev.none')} />;

  if (isMobile) {
    return (
      <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="evidence-list">
        {evidence.map((e, i) => (
          <div key={`${e.fact}-${i}`} data-testid="evidence-item" style={{ border: '1px solid #e8e8e8', borderRadius: 6, padding: '8px 12px', background: e.passed ? '#f6ffed' : '#fafafa' }}>
            <div style={{ display: 'flex', gap: 8, alignItems: 'baseline' }}>
              <Typography.Text strong style={{ flex: 1 }}>{name(e)}</Typography.Text>
              <Passed passed={e.passed} />
            </div>
            <div style={{ margin: '4px 0', ...tabular }}>
              <span style={{ fontWeight: 600 }}>{value(e.value)}</span> {op(e.operator)} {value(e.threshold)}
            </div>
            <Source e={e} />
          </div>
        ))}
      </Space>
    );
  }

  const columns: ColumnsType<Evidence> = [
    {
      title: t('ev.fact'),
      key: 'fact',
      width: 180,
      render: (_, e) => (
        <div style={{ lineHeight: 1.3 }}>
          <div>{name(e)}</div>
          <div style={{ ...mono, fontSize: 11, color: '#8c8c8c' }}>{e.fact}</div>
        </div>
      ),
    },
    { title: t('ev.value'), dataIndex: 'value', width: 120, align: 'right', render: (v: unknown) => <span style={{ ...tabular, fontWeight: 600 }}>{value(v)}</span> },
    { title: t('ev.operator'), dataIndex: 'operator', width: 90, align: 'center', render: op },
    { title: t('ev.threshold'), dataIndex: 'threshold', width: 120, render: (v: unknown) => <span style={tabular}>{value(v)}</span> },
    { title: t('ev.passed'), dataIndex: 'passed', width: 90, render: (p: boolean) => <Passed passed={p} /> },
    { title: t('ev.source'), key: 'source', render: (_, e) => <Source e={e} /> },
  ];
  return (
    <div data-testid="evidence-table">
      <Table<Evidence>
        rowKey={(e) => e.fact + ':' + evidence.indexOf(e)}
        size="small"
        bordered
        columns={columns}
        dataSource={evidence}
        pagination={false}
        scroll={{ x: 960 }}
      />
    </div>
  );
}
