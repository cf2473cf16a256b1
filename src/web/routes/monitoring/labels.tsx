/** Labels, colours and tags shared by the monitoring pages (unknown codes show as they are). */
import { Tag } from 'antd';
import { useCallback } from 'react';
import type { AlertStatus, Level, Population, Term } from '../../api/monitoring';
import { useLabels } from '../../api/vocabulary';
import { hasMessage, useLang, useT } from '../../i18n';

export const mono = { fontFamily: 'ui-monospace, Menlo, Consolas, monospace' };
export const tabular = { fontVariantNumeric: 'tabular-nums' } as const;

/** Chart colours of the four levels (the map, cards). */
export const LEVEL_COLORS: Record<Level, string> = { red: '#cf1322', orange: '#d46b08', yellow: '#d4b106', blue: '#1456c8' };
/** antd tag presets (gold reads better than yellow on white). */
const LEVEL_TAGS: Record<Level, string> = { red: 'red', orange: 'orange', yellow: 'gold', blue: 'blue' };
const STATUS_TAGS: Record<AlertStatus, string> = { open: 'volcano', verifying: 'processing', closed: 'success' };

export function useMonitoringLabels() {
  const t = useT();
  const { lang } = useLang();
  const { label: vocab } = useLabels();
  const optional = useCallback(
    (prefix: string, code: string | null | undefined): string => {
      if (!code) return '—';
      const key = `${prefix}.${code}`;
      return hasMessage(key) ? t(key) : code;
    },
    [t],
  );
  /** A bilingual name in the current language. */
  const name = useCallback((v: { zh: string; en: string }) => (lang === 'zh' ? v.zh : v.en || v.zh), [lang]);
  const level = useCallback((l: string) => optional('level', l), [optional]);
  const status = useCallback((s: string) => optional('alertStatus', s), [optional]);
  const outcome = useCallback((o: string | null | undefined) => optional('outcome', o), [optional]);
  const subject = useCallback((s: string) => optional('subject', s), [optional]);
  const kind = useCallback((k: string) => optional('indKind', k), [optional]);
  const agg = useCallback((a: string) => optional('agg', a), [optional]);
  /** A code's name from a server list (operators, actions), else the code. */
  const term = useCallback(
    (list: Term[] | undefined, code: string) => {
      const hit = list?.find((x) => x.code === code);
      return hit ? name(hit) : code;
    },
    [name],
  );
  const population = useCallback(
    (p: Population | undefined) => {
      if (!p) return '—';
      if (p.kind !== 'categories') return optional('population', p.kind);
      const cats = (p.categories ?? []).map((c) => vocab('categories', c)).join(lang === 'zh' ? '、' : ', ');
      return `${t(p.of === 'household' ? 'population.ofHousehold' : 'population.ofPerson')}${cats}`;
    },
    [optional, vocab, lang, t],
  );
  return { name, level, status, outcome, subject, kind, agg, term, population };
}

export function LevelTag({ level }: { level: string }) {
  const { level: label } = useMonitoringLabels();
  return (
    <Tag color={LEVEL_TAGS[level as Level] ?? 'default'} data-testid="level-tag" style={{ marginInlineEnd: 0 }}>
      {label(level)}
    </Tag>
  );
}

export function StatusTag({ status }: { status: string }) {
  const { status: label } = useMonitoringLabels();
  return (
    <Tag color={STATUS_TAGS[status as AlertStatus] ?? 'default'} data-testid="status-tag" style={{ marginInlineEnd: 0 }}>
      {label(status)}
    </Tag>
  );
}
