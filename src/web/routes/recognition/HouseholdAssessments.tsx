/**
 * The household page's 分层认定测算 card: the latest stored assessment (or one picked from the
 * earlier ones), a 测算 button with a date for users with recognition.assess, and 重算核验.
 */
import { CalculatorOutlined, HistoryOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Empty, Skeleton, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { recognitionApi, useHouseholdAssessments, type AssessmentResult, type Replay } from '../../api/recognition';
import { useSession } from '../../api/session';
import { useT } from '../../i18n';
import { dateTime } from '../registry/format';
import { AssessmentView } from './AssessmentView';
import { chinaToday, tierColor } from './format';

function Records({ items, current, onPick }: { items: AssessmentResult[]; current: AssessmentResult; onPick: (id: string) => void }) {
  const t = useT();
  return (
    <div data-testid="assessment-records" style={{ marginBottom: 12 }}>
      <Typography.Text type="secondary">{t('assess.records', { n: items.length })}</Typography.Text>
      <div style={{ maxHeight: 180, overflowY: 'auto', marginTop: 4, border: '1px solid #f0f0f0', borderRadius: 4 }}>
        {items.map((a, i) => {
          const active = a.id === current.id;
          return (
            <div
              key={a.id ?? i}
              role="button"
              tabIndex={0}
              aria-pressed={active}
              data-testid="assessment-record"
              onClick={() => a.id && onPick(a.id)}
              onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && a.id && onPick(a.id)}
              style={{
                display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap', padding: '4px 10px', cursor: 'pointer',
                background: active ? '#e6f0ff' : undefined, borderBottom: i < items.length - 1 ? '1px solid #f0f0f0' : undefined,
              }}
            >
              <span style={{ fontVariantNumeric: 'tabular-nums' }}>{a.as_of}</span>
              <Tag color={tierColor(a.tier)} style={{ marginInlineEnd: 0 }}>{t(`tier.${a.tier}`)}</Tag>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {a.created_by ?? ''} {dateTime(a.created_at)}
              </Typography.Text>
              {i === 0 && <Tag variant="filled">{t('assess.latest')}</Tag>}
            </div>
          );
        })}
      </div>
    </div>
  );
}

function ReplayResult({ replay }: { replay: Replay }) {
  const t = useT();
  const { engine_version: v } = replay;
  const engine = v.stored !== v.current ? t('assess.replayEngine', { stored: v.stored, current: v.current }) : null;
  if (replay.identical) {
    return <Alert type="success" showIcon data-testid="replay-result" style={{ marginBottom: 12 }} title={t('assess.replayIdentical')} description={engine} />;
  }
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="replay-result"
      style={{ marginBottom: 12 }}
      title={t('assess.replayDiffers')}
      description={
        <div>
          <div>{t('assess.replayFields', { fields: replay.differences.join(', ') })}</div>
          {engine && <div>{engine}</div>}
        </div>
      }
    />
  );
}

export function HouseholdAssessments({ code }: { code: string }) {
  const t = useT();
  const { message } = App.useApp();
  const { can } = useSession();
  const canAssess = can('recognition.assess');
  const { data, error, loading, refetch } = useHouseholdAssessments(code);
  /** results of 测算 made here, shown before the list is loaded again */
  const [added, setAdded] = useState<AssessmentResult[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [on, setOn] = useState<Dayjs>(() => dayjs(chinaToday()));
  const [running, setRunning] = useState(false);
  const [runError, setRunError] = useState<string | null>(null);
  const [replay, setReplay] = useState<{ id: string; result?: Replay; error?: string } | null>(null);
  const [replaying, setReplaying] = useState(false);

  const items = [...added.filter((a) => !data?.some((d) => d.id === a.id)), ...(data ?? [])];
  const current = items.find((a) => a.id === selected) ?? items[0];

  const run = async () => {
    setRunning(true);
    setRunError(null);
    try {
      const result = await recognitionApi.assessHousehold(code, on.format('YYYY-MM-DD'));
      setAdded((prev) => [result, ...prev]);
      setSelected(result.id);
      message.success(t('assess.done', { tier: t(`tier.${result.tier}`) }));
      refetch();
    } catch (e) {
      setRunError((e as Error).message);
    } finally {
      setRunning(false);
    }
  };

  const runReplay = async (id: string) => {
    setReplaying(true);
    try {
      setReplay({ id, result: await recognitionApi.replay(id) });
    } catch (e) {
      setReplay({ id, error: (e as Error).message });
    } finally {
      setReplaying(false);
    }
  };

  const controls = (
    <Space wrap size={8} style={{ marginBottom: 12 }}>
      {canAssess && (
        <>
          <DatePicker
            value={on}
            onChange={(d) => d && setOn(d)}
            allowClear={false}
            disabledDate={(d) => d.format('YYYY-MM-DD') > chinaToday()}
            aria-label={t('assess.on')}
            data-testid="assess-date"
          />
          <Button type="primary" icon={<CalculatorOutlined />} loading={running} onClick={run} data-testid="assess-run">
            {t('assess.run')}
          </Button>
        </>
      )}
      {current?.id && (
        <Button icon={<HistoryOutlined />} loading={replaying} onClick={() => runReplay(current.id!)} data-testid="assess-replay">
          {t('assess.replay')}
        </Button>
      )}
    </Space>
  );

  let body;
  if (error && !data) {
    body = <Alert type="error" showIcon title={t('common.loadFailed')} description={error.message} action={<Button size="small" onClick={refetch}>{t('common.retry')}</Button>} />;
  } else if (!current && loading) {
    body = <Skeleton active paragraph={{ rows: 3 }} />;
  } else if (!current) {
    body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span>{t('assess.none')}<br /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('assess.noneHint')}</Typography.Text></span>} />;
  } else {
    body = (
      <>
        {items.length > 1 && <Records items={items} current={current} onPick={(id) => setSelected(id)} />}
        {replay && replay.id === current.id && (replay.result
          ? <ReplayResult replay={replay.result} />
          : <Alert type="error" showIcon data-testid="replay-result" style={{ marginBottom: 12 }} title={t('assess.replayFailed')} description={replay.error} />)}
        <AssessmentView key={current.id ?? 'new'} result={current} />
      </>
    );
  }

  return (
    <Card size="small" title={t('assess.card')} data-testid="household-assessments">
      {controls}
      {runError && (
        <Alert type="error" showIcon closable={{ onClose: () => setRunError(null) }} style={{ marginBottom: 12 }} title={t('assess.runFailed')} description={runError} data-testid="assess-error" />
      )}
      {body}
    </Card>
  );
}
