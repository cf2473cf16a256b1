/** Labels, tags and small pieces shared by the cases pages (unknown codes show as they are). */
import { Space, Tag, Typography } from 'antd';
import { useCallback } from 'react';
import type { CaseState, Escalation, PersonRef, SubjectRef } from '../../api/cases';
import { hasMessage, useLang, useT } from '../../i18n';

export const mono = { fontFamily: 'ui-monospace, Menlo, Consolas, monospace' };
export const tabular = { fontVariantNumeric: 'tabular-nums' } as const;

const STATE_COLORS: Partial<Record<CaseState, string>> = {
  discovered: 'volcano', assigned: 'orange', verifying: 'processing', economic_check: 'processing', assessed: 'geekblue',
  publicity: 'purple', decided: 'cyan', assisting: 'green', under_review: 'gold', closed: 'default', exited: 'default',
  unreachable: 'magenta', no_need: 'default',
};

/** An escalation as `{code, name}` whether the server sent that or a bare region code. */
export function escalationOf(v: Escalation | string | null | undefined): Escalation | null {
  if (!v) return null;
  return typeof v === 'string' ? { code: v, name: null } : v.code ? v : null;
}

/** The level an escalation went to, from the region code's length (县级督办, 市级督办, 省级督办). */
export function escalationKey(code: string | null | undefined): 'esc.province' | 'esc.prefecture' | 'esc.county' | 'esc.township' | null {
  if (!code) return null;
  if (code.length <= 2) return 'esc.province';
  if (code.length <= 4) return 'esc.prefecture';
  if (code.length <= 6) return 'esc.county';
  return 'esc.township';
}

export function useCaseLabels() {
  const t = useT();
  const { lang } = useLang();
  /** A message `prefix.code` when there is one, else the code. */
  const optional = useCallback(
    (prefix: string, code: string | null | undefined): string => {
      if (code === null || code === undefined || code === '') return '—';
      const key = `${prefix}.${code}`;
      return hasMessage(key) ? t(key) : code;
    },
    [t],
  );
  const name = useCallback((v: { zh: string; en: string } | null | undefined) => (v ? (lang === 'zh' ? v.zh : v.en || v.zh) : ''), [lang]);
  const state = useCallback((s: string) => optional('caseState', s), [optional]);
  const escalation = useCallback((v: Escalation | string | null | undefined) => {
    const key = escalationKey(escalationOf(v)?.code);
    return key ? t(key) : '';
  }, [t]);
  return { optional, name, state, escalation };
}

export function CaseStateTag({ state }: { state: string }) {
  const { state: label } = useCaseLabels();
  return (
    <Tag color={STATE_COLORS[state as CaseState] ?? 'default'} data-testid="case-state" style={{ marginInlineEnd: 0 }}>
      {label(state)}
    </Tag>
  );
}

/** 县级督办 (the region's name on hover) when the case has escalated. */
export function EscalationTag({ code }: { code: Escalation | string | null | undefined }) {
  const { escalation } = useCaseLabels();
  const e = escalationOf(code);
  if (!e) return null;
  return (
    <Tag color="red" data-testid="escalation" style={{ marginInlineEnd: 0 }} title={e.name ?? e.code}>
      {escalation(e)}
    </Tag>
  );
}

/** A due date, red with 已逾期 when it has passed. */
export function DueDate({ due, overdue }: { due: string | null | undefined; overdue?: boolean }) {
  const t = useT();
  if (!due) return <span>—</span>;
  if (!overdue) return <span style={tabular}>{due}</span>;
  return (
    <Typography.Text type="danger" style={tabular} data-testid="overdue">
      {due} <span style={{ fontSize: 12 }}>{t('cases.overdue')}</span>
    </Typography.Text>
  );
}

/** The head of the household, or the not-yet-registered subject (tagged 未登记), with the masked ID number. */
export function CasePerson({ head, subject, inline = true }: { head: PersonRef | null; subject: SubjectRef | null; inline?: boolean }) {
  const t = useT();
  const p = head ?? subject;
  if (!p) return <span>—</span>;
  return (
    <Space size={inline ? 6 : 0} orientation={inline ? 'horizontal' : 'vertical'} wrap style={{ lineHeight: 1.3 }} data-testid="case-person">
      {!head && <Tag color="purple" style={{ marginInlineEnd: 0 }} data-testid="unregistered-tag">{t('cases.unregistered')}</Tag>}
      <span>{p.name ?? '—'}</span>
      {p.id_number_masked && <span style={{ ...mono, fontSize: 12, color: '#8c8c8c' }}>{p.id_number_masked}</span>}
    </Space>
  );
}

/** CNY, two decimals: 1,234.50 元 */
export function cny(v: number | string | null | undefined): string {
  if (v === null || v === undefined || v === '') return '—';
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n)) return String(v);
  return `¥${n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** "HH:mm" of a time (local clock). */
export function hhmm(d: Date | string | number): string {
  const x = d instanceof Date ? d : new Date(d);
  return `${String(x.getHours()).padStart(2, '0')}:${String(x.getMinutes()).padStart(2, '0')}`;
}
