/**
 * 运行监测 (monitor.manage): run every active indicator as of a date (today by default), show
 * how many alerts each raised, and list the recent runs.
 */
import { PlayCircleOutlined } from '@ant-design/icons';
import { Alert as Notice, Button, Card, DatePicker, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { invalidateMonitoring, monitoringApi, useIndicatorCatalog, useRuns, type RunResult } from '../../api/monitoring';
import { hasMessage, useT } from '../../i18n';
import { dateTime } from '../registry/format';
import { mono, tabular, useMonitoringLabels } from './labels';

const RUN_STATUS_COLORS: Record<string, string> = { running: 'processing', finished: 'success', failed: 'error' };

/** How many alerts each indicator raised, by the indicator's name. */
function ByIndicator({ counts }: { counts: Record<string, number> }) {
  const t = useT();
  const { data: catalog } = useIndicatorCatalog();
  const { name } = useMonitoringLabels();
  const entries = Object.entries(counts ?? {}).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  if (!entries.length) return <Typography.Text type="secondary">{t('dash.runNone')}</Typography.Text>;
  const label = (code: string) => {
    const i = catalog?.indicators.find((x) => x.code === code);
    return i ? name(i.definition) : code;
  };
  return (
    <Space size={[4, 4]} wrap data-testid="run-by-indicator">
      {entries.map(([code, n]) => (
        <Tag key={code}>
          {label(code)} <b style={tabular}>{n}</b>
        </Tag>
      ))}
    </Space>
  );
}

export function RunMonitoring({ onDone }: { onDone: () => void }) {
  const t = useT();
  const [on, setOn] = useState<Dayjs>(() => dayjs());
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<(RunResult & { on: string }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const runs = useRuns();

  const run = async () => {
    setRunning(true);
    setError(null);
    setResult(null);
    const date = on.format('YYYY-MM-DD');
    try {
      const r = await monitoringApi.run(date);
      setResult({ ...r, on: date });
      invalidateMonitoring();
      runs.refetch();
      onDone();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setRunning(false);
    }
  };
  const optional = (key: string, code: string) => (hasMessage(key) ? t(key) : code);
  const runStatus = (s: string) => optional(`runStatus.${s}`, s);
  const runKind = (k: string) => optional(`runKind.${k}`, k);

  return (
    <Card size="small" title={t('dash.run')} data-testid="run-card">
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>{t('dash.runHint')}</Typography.Paragraph>
      <Space wrap>
        <DatePicker
          value={on}
          onChange={(d) => d && setOn(d)}
          allowClear={false}
          aria-label={t('dash.runOn')}
          disabledDate={(d) => d.isAfter(dayjs(), 'day')}
        />
        <Button type="primary" icon={<PlayCircleOutlined />} loading={running} onClick={run} data-testid="run-monitoring">
          {t('dash.run')}
        </Button>
      </Space>
      {error && <Notice type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="run-error" />}
      {result && (
        <Notice
          type="success"
          showIcon
          style={{ marginTop: 12 }}
          data-testid="run-result"
          title={t('dash.runDone', { on: result.on, n: result.alerts_created, s: result.seconds.toFixed(1) })}
          description={<ByIndicator counts={result.by_indicator} />}
        />
      )}
      {!!runs.data?.length && (
        <>
          <Typography.Text strong style={{ display: 'block', margin: '12px 0 4px' }}>{t('dash.runs')}</Typography.Text>
          <div data-testid="runs-list">
            {runs.data.slice(0, 5).map((r) => (
              <div key={r.id} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0', lineHeight: 1.5 }}>
                <Space size={6} wrap>
                  <span style={{ ...mono, color: '#8c8c8c' }}>#{r.id}</span>
                  <span style={tabular}>{r.as_of}</span>
                  <Tag>{runKind(r.kind)}</Tag>
                  <Tag color={RUN_STATUS_COLORS[r.status] ?? 'default'}>{runStatus(r.status)}</Tag>
                  <span>{t('dash.runCreated', { n: r.alerts_created })}</span>
                </Space>
                <div style={{ fontSize: 12, color: '#8c8c8c' }}>
                  <span style={mono}>{r.actor}</span> · {dateTime(r.started_at)}
                </div>
              </div>
            ))}
          </div>
        </>
      )}
    </Card>
  );
}
