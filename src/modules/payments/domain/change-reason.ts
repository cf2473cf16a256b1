/**
 * Why an amount changed between two computations of the same entitlement (last month against
 * this month, or the amount paid against the amount now due): a parameter whose value changed
 * (a standard raise, named with its start date), members no longer counted after a death, a new
 * fixed amount, or — when none of those — a recomputation (e.g. a member's age crossed a top-up
 * threshold). The sentence always ends with the two amounts.
 */
import type { Bilingual } from '../../../platform/errors.js';
import { money, plain } from '../../recognition/domain/money.js';
import type { AmountBasis } from './monthly-amount.js';
import type { UsedParameter } from './parameter-history.js';

/** The keys an amount depends on, named as a clerk reads them; `money` marks CNY values. */
const LABELS: Record<string, { zh: string; en: string; money: boolean }> = {
  'dibao.standard.urban': { zh: '城市低保标准', en: 'urban dibao standard', money: true },
  'dibao.standard.rural': { zh: '农村低保标准', en: 'rural dibao standard', money: true },
  'minimum_wage.monthly': { zh: '月最低工资标准', en: 'monthly minimum wage', money: true },
  'tekun.support_multiplier': { zh: '特困基本生活标准倍数', en: 'tekun support multiplier', money: false },
  'tekun.care_ratio.full': { zh: '全自理照料护理比例', en: 'care ratio (fully self-caring)', money: false },
  'tekun.care_ratio.partial': { zh: '半护理照料护理比例', en: 'care ratio (partly self-caring)', money: false },
  'tekun.care_ratio.none': { zh: '全护理照料护理比例', en: 'care ratio (not self-caring)', money: false },
  'dibao.topup.elderly_pct': { zh: '老年人增发比例(%)', en: 'elderly top-up (%)', money: false },
  'dibao.topup.minor_pct': { zh: '未成年人增发比例(%)', en: 'minor top-up (%)', money: false },
  'dibao.topup.severe_pct': { zh: '重病重残增发比例(%)', en: 'severe illness/disability top-up (%)', money: false },
};

export interface ParameterChange {
  key: string;
  /** The date the value was read on (a month's first day, or the previous year-end for 特困). */
  on: string;
  from: UsedParameter;
  to: UsedParameter;
}

/** Parameters read on the same date (relative to each month) whose value differs. */
export function parameterChanges(before: readonly UsedParameter[], after: readonly UsedParameter[]): ParameterChange[] {
  const changes: ParameterChange[] = [];
  for (const to of after) {
    const from = before.find((b) => b.key === to.key && sameRole(b.on, to.on));
    if (from && JSON.stringify(from.value) !== JSON.stringify(to.value)) changes.push({ key: to.key, on: to.on, from, to });
  }
  return changes;
}

/** Both read on a month's first day, or both on a previous year-end (31 December). */
function sameRole(a: string, b: string): boolean {
  return a.endsWith('-12-31') === b.endsWith('-12-31');
}

function valueText(key: string, v: unknown): string {
  return LABELS[key]?.money && typeof v === 'number' ? money(Math.round(v * 100)) : typeof v === 'number' ? plain(v) : JSON.stringify(v);
}

export function describeParameterChange(c: ParameterChange): Bilingual {
  const label = LABELS[c.key] ?? { zh: c.key, en: c.key };
  const prevYear = c.on.endsWith('-12-31') ? { zh: '上年度', en: 'previous-year ' } : { zh: '', en: '' };
  const from = valueText(c.key, c.from.value);
  const to = valueText(c.key, c.to.value);
  return {
    zh: `${prevYear.zh}${label.zh}由 ${from} 调整为 ${to}（${c.to.valid_from} 起执行）`,
    en: `${prevYear.en}${label.en} changed from ${from} to ${to} (in force from ${c.to.valid_from})`,
  };
}

export function changeReason(before: AmountBasis | null, after: AmountBasis | null, fromFen: number, toFen: number): Bilingual {
  const parts: Bilingual[] = [];
  if (before && after) {
    parts.push(...parameterChanges(before.parameters, after.parameters).map(describeParameterChange));
    const died = after.deceased.filter((id) => !before.deceased.includes(id));
    if (died.length && after.members_counted !== null) {
      parts.push({ zh: `成员 ${died.join('、')} 去世，按剩余 ${after.members_counted} 人重新计算`, en: `member ${died.join(', ')} died; recomputed for the remaining ${after.members_counted}` });
    }
    if (before.fixed_fen !== null && after.fixed_fen !== null && before.fixed_fen !== after.fixed_fen) {
      parts.push({ zh: '固定金额调整', en: 'fixed amount changed' });
    }
  }
  if (parts.length === 0) parts.push({ zh: '重新计算', en: 'recomputed' });
  return {
    zh: `${parts.map((p) => p.zh).join('；')}：${money(fromFen)} → ${money(toFen)}`,
    en: `${parts.map((p) => p.en).join('; ')}: ${money(fromFen)} → ${money(toFen)}`,
  };
}
