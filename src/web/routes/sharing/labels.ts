/** Labels and value formatting for the catalog's datasets and fields (unknown codes show as is). */
import { useCallback } from 'react';
import type { CatalogField, FieldType } from '../../api/sharing';
import { hasMessage, useLang, useT } from '../../i18n';
import { money } from '../registry/format';

export const mono = { fontFamily: 'ui-monospace, Menlo, Consolas, monospace' };

/** "1 234 567" bytes → "1.2 MB". */
export function fileSize(n: number | null | undefined): string {
  const v = Number(n ?? 0);
  if (v < 1024) return `${v} B`;
  if (v < 1024 ** 2) return `${(v / 1024).toFixed(1)} KB`;
  if (v < 1024 ** 3) return `${(v / 1024 ** 2).toFixed(1)} MB`;
  return `${(v / 1024 ** 3).toFixed(2)} GB`;
}

export function useSharingLabels() {
  const t = useT();
  const { lang } = useLang();
  const optional = useCallback(
    (prefix: string, code: string | null | undefined): string => {
      if (!code) return '—';
      const key = `${prefix}.${code}`;
      return hasMessage(key) ? t(key) : code;
    },
    [t],
  );
  const frequency = useCallback((f: string) => optional('freq', f), [optional]);
  const fieldType = useCallback((f: string) => optional('ftype', f), [optional]);
  const pii = useCallback((p: string | undefined) => optional('pii', p ?? 'none'), [optional]);
  /** A bilingual name in the current language. */
  const name = useCallback((v: { zh: string; en: string }) => (lang === 'zh' ? v.zh : v.en || v.zh), [lang]);
  /** A field's name with its unit: 个人自付费用（元）, 用电量（kWh）. */
  const fieldTitle = useCallback(
    (f: Pick<CatalogField, 'zh' | 'en' | 'type' | 'unit'>) => {
      const unit = f.unit ?? (f.type === 'amount' ? t('common.yuan') : '');
      const base = lang === 'zh' ? f.zh : f.en || f.zh;
      return unit ? (lang === 'zh' ? `${base}（${unit}）` : `${base} (${unit})`) : base;
    },
    [lang, t],
  );
  /** A stored value for reading: amounts with two decimals, months as YYYY-MM, yes/no, enum labels. */
  const value = useCallback(
    (type: FieldType, v: unknown, values?: { code: string; zh: string }[]): string => {
      if (v === null || v === undefined || v === '') return '—';
      switch (type) {
        case 'amount':
          return money(v as number | string);
        case 'month':
          return String(v).slice(0, 7);
        case 'date':
          return String(v).slice(0, 10);
        case 'boolean':
          return v === true || v === 'true' ? t('common.yes') : t('common.no');
        case 'enum': {
          const hit = values?.find((e) => e.code === v);
          return hit ? (lang === 'zh' ? hit.zh : `${hit.code} (${hit.zh})`) : String(v);
        }
        default:
          return String(v);
      }
    },
    [lang, t],
  );
  return { frequency, fieldType, pii, name, fieldTitle, value };
}
