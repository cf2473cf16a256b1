/** The closed vocabularies (codes with zh/en labels) from GET /api/vocabulary. */
import { useCallback } from 'react';
import { useLang } from '../i18n';
import { apiGet } from './api';
import { useQuery } from './query';

export interface Term {
  code: string;
  zh: string;
  en: string;
}
export type VocabularyKind =
  | 'categories'
  | 'relations'
  | 'hukou_types'
  | 'disability_types'
  | 'work_abilities'
  | 'health_states'
  | 'school_stages'
  | 'employment_states'
  | 'category_statuses';
export type Vocabulary = Partial<Record<VocabularyKind, Term[]>>;

export const vocabularyKeys = { all: ['vocabulary'] as const };

export function useVocabulary() {
  return useQuery(vocabularyKeys.all, () => apiGet<Vocabulary>('/api/vocabulary'), { staleTime: 3_600_000 });
}

/** Short labels for tags where the official category name is too long. */
const SHORT: Record<'zh' | 'en', Record<string, string>> = {
  en: {
    dibao: 'Dibao',
    tekun: 'Tekun',
    marginal: 'Marginal',
    rigid_expense: 'Rigid expense',
    anti_return_poverty: 'Return-poverty watch',
    other: 'Other hardship',
  },
  zh: {
  dibao: '低保',
  tekun: '特困',
  marginal: '低保边缘',
  rigid_expense: '刚性支出困难',
  anti_return_poverty: '防返贫监测',
  other: '其他困难',
  },
};

/**
 * `label(kind, code)` → the label in the current language, falling back to the code
 * (the vocabulary may still be loading or the code may be new).
 */
export function useLabels() {
  const { lang } = useLang();
  const { data } = useVocabulary();
  const label = useCallback(
    (kind: VocabularyKind, code: string | null | undefined): string => {
      if (code === null || code === undefined || code === '') return '';
      const term = data?.[kind]?.find((t) => t.code === code);
      return term ? term[lang] : code;
    },
    [data, lang],
  );
  /** Compact category label for tags: 低保 rather than 最低生活保障对象. */
  const categoryTag = useCallback((code: string): string => SHORT[lang][code] ?? label('categories', code), [label, lang]);
  return { label, categoryTag, terms: (kind: VocabularyKind) => data?.[kind] ?? [] };
}

export const CATEGORY_COLORS: Record<string, string> = {
  dibao: 'blue',
  tekun: 'volcano',
  marginal: 'gold',
  rigid_expense: 'purple',
  anti_return_poverty: 'cyan',
  other: 'default',
};
