/** The four tiers the engine recognizes, in the order they are tested. */
export const TIERS = ['tekun', 'dibao', 'marginal', 'rigid_expense'] as const;
export type TierCategory = (typeof TIERS)[number];
export type Tier = TierCategory | 'none';

export const CATEGORY_LABEL: Record<Tier, { zh: string; en: string }> = {
  tekun: { zh: '特困人员', en: 'extreme poverty (tekun)' },
  dibao: { zh: '低保', en: 'minimum living allowance (dibao)' },
  marginal: { zh: '低保边缘', en: 'marginal family' },
  rigid_expense: { zh: '刚性支出困难', en: 'rigid-expenditure hardship' },
  none: { zh: '未认定', en: 'not recognized' },
};
