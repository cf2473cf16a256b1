/** A case's history: every case_event — who, when, the action, from → to, the note — newest first. */
import { Empty, Space, Timeline, Typography } from 'antd';
import type { CaseEvent } from '../../api/cases';
import { useT } from '../../i18n';
import { dateTime } from '../registry/format';
import { tabular, useCaseLabels } from './labels';

const color = (e: CaseEvent) => (e.action === 'escalated' ? 'red' : e.from === e.to ? 'gray' : 'blue');

export function CaseHistory({ history }: { history: CaseEvent[] }) {
  const t = useT();
  const { optional, state } = useCaseLabels();
  const events = [...(history ?? [])].sort((a, b) => String(b.at).localeCompare(String(a.at)));
  if (!events.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('case.nothingYet')} />;
  return (
    <Timeline
      data-testid="case-history"
      items={events.map((e, i) => ({
        key: i,
        color: color(e),
        content: (
          <div data-testid="history-event">
            <Space size={8} wrap>
              <Typography.Text type="secondary" style={tabular}>{dateTime(e.at)}</Typography.Text>
              <Typography.Text strong>{optional('act', e.action)}</Typography.Text>
              <Typography.Text>
                {e.from ? state(e.from) : '—'} → {state(e.to)}
              </Typography.Text>
            </Space>
            <div style={{ color: '#595959', fontSize: 13 }}>
              {t('hist.actor')}{t('common.colon')}{e.actor || '—'}
            </div>
            {e.note && <div style={{ fontSize: 13, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{t('case.note')}{t('common.colon')}{e.note}</div>}
          </div>
        ),
      }))}
    />
  );
}
