/** Labels and tags shared by the assistance pages (unknown codes show as they are). */
import { Tag } from 'antd';
import { useCallback } from 'react';
import type { Amount, ProgramCatalog, ReferralStatus, Term } from '../../api/assistance';
import { hasMessage, useLang, useT } from '../../i18n';

const STATUS_TAGS: Record<ReferralStatus, string> = { pending: 'processing', accepted: 'success', declined: 'default', withdrawn: 'default' };
const TIER_TAGS: Record<string, string> = { tekun: 'magenta', dibao: 'red', marginal: 'orange', rigid_expense: 'gold', none: 'default' };

export function useAssistanceLabels(catalog?: ProgramCatalog) {
  const t = useT();
  const { lang } = useLang();
  /** A bilingual name in the current language. */
  const name = useCallback((v: { zh: string; en: string }) => (lang === 'zh' ? v.zh : v.en || v.zh), [lang]);
  const term = useCallback((list: Term[] | undefined, code: string) => {
    const hit = list?.find((x) => x.code === code);
    return hit ? name(hit) : code;
  }, [name]);
  const type = useCallback((code: string) => term(catalog?.types, code), [term, catalog]);
  const tier = useCallback((code: string) => term(catalog?.tiers, code), [term, catalog]);
  const status = useCallback((s: string) => {
    const key = `asst.ref.status.${s}`;
    return hasMessage(key) ? t(key) : s;
  }, [t]);
  const amount = useCallback((a: Amount | undefined) => {
    if (!a) return '—';
    switch (a.kind) {
      case 'none': return t('asst.amount.none');
      case 'fixed': return t('asst.amount.fixed', { amount: a.amount, per: t(a.per === 'person' ? 'asst.per.person' : 'asst.per.household'), period: t(`asst.period.${a.period}` as 'asst.period.once') });
      case 'months_of_standard': return t('asst.amount.months', { months: a.months });
      case 'assessed': return t('asst.amount.assessed', { field: term(catalog?.assessed_fields, a.field) });
      default: return JSON.stringify(a);
    }
  }, [t, term, catalog]);
  /** "中文 / English" text from the server in the current language. */
  const bilingualText = useCallback((s: string | null) => {
    if (!s) return '—';
    const i = s.indexOf(' / ');
    if (i < 0) return s;
    return lang === 'zh' ? s.slice(0, i) : s.slice(i + 3);
  }, [lang]);
  return { name, term, type, tier, status, amount, bilingualText };
}

export function TierTag({ code, label }: { code: string; label: string }) {
  return <Tag color={TIER_TAGS[code] ?? 'default'} style={{ marginInlineEnd: 4 }}>{label}</Tag>;
}

export function ReferralStatusTag({ status }: { status: string }) {
  const { status: label } = useAssistanceLabels();
  return <Tag color={STATUS_TAGS[status as ReferralStatus] ?? 'default'} data-testid="referral-status" style={{ marginInlineEnd: 0 }}>{label(status)}</Tag>;
}
