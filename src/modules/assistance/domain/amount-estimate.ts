/**
 * What a recommended program would pay the household, from its amount rule: a fixed sum (per
 * household or per member), months of the local 低保 standard, or the amount the household's
 * assessment computed. An estimate for the officer, not a decision; computed in fen.
 */
import type { FactValues } from '../../monitoring/domain/condition.js';
import { AMOUNT_PERIODS, ASSESSED_FIELDS, type Amount } from './program-definition.js';

export interface MatchAmounts {
  /** The local monthly 低保 standard (per person) for the household's hukou type on the date; null when not set. */
  dibaoStandard: number | null;
  /** Amounts from the household's assessment (CNY a month); null when it has none. */
  assessed: { dibao_allowance: number | null; tekun_support: number | null; tekun_care: number | null } | null;
}

export interface AmountEstimate {
  amount: number | null;
  period: 'once' | 'month' | 'season' | null;
  zh: string;
  en: string;
}

const fen = (yuan: number) => Math.round(yuan * 100);
const yuan = (f: number) => f / 100;

/** ¥643, ¥1,286.50 */
export function money(amount: number): string {
  const f = fen(amount);
  const whole = Math.trunc(Math.abs(f) / 100).toLocaleString('en-US');
  const cents = Math.abs(f) % 100;
  return `${f < 0 ? '−' : ''}¥${whole}${cents ? '.' + String(cents).padStart(2, '0') : ''}`;
}

function period(p: 'once' | 'month' | 'season') {
  return AMOUNT_PERIODS.find((x) => x.code === p)!;
}

export function estimateAmount(a: Amount, facts: FactValues, m: MatchAmounts): AmountEstimate {
  switch (a.kind) {
    case 'none':
      return { amount: null, period: null, zh: '无预估金额：由承办部门按规定核定，或为服务、实物帮扶', en: 'no estimate: the providing department sets the amount, or the help is a service or in kind' };
    case 'fixed': {
      const p = period(a.period);
      if (a.per === 'household') return { amount: a.amount, period: a.period, zh: `每户${p.zh} ${money(a.amount)}`, en: `${money(a.amount)} per household, ${p.en}` };
      const size = typeof facts.household_size === 'number' ? facts.household_size : 1;
      const total = yuan(fen(a.amount) * size);
      return { amount: total, period: a.period, zh: `每人 ${money(a.amount)} × ${size} 人 = ${money(total)}（${p.zh}）`, en: `${money(a.amount)} × ${size} members = ${money(total)} (${p.en})` };
    }
    case 'months_of_standard': {
      if (m.dibaoStandard === null) return { amount: null, period: 'once', zh: '当地低保标准未设置，无法估算', en: 'the local dibao standard is not set; no estimate' };
      const total = yuan(Math.round(fen(m.dibaoStandard) * a.months));
      return {
        amount: total, period: 'once',
        zh: `${a.months} 个月 × 当地低保标准 ${money(m.dibaoStandard)} = ${money(total)}（一次性，最多）`,
        en: `${a.months} month(s) × the local dibao standard ${money(m.dibaoStandard)} = ${money(total)} (once, at most)`,
      };
    }
    case 'assessed': {
      const field = ASSESSED_FIELDS.find((f) => f.code === a.field)!;
      const v = m.assessed?.[a.field] ?? null;
      if (v === null) return { amount: null, period: 'month', zh: `${field.zh}：需先完成认定测算`, en: `${field.en}: needs an identification assessment first` };
      return { amount: v, period: 'month', zh: `按认定测算，${field.zh} ${money(v)}`, en: `from the assessment, ${field.en.toLowerCase()} ${money(v)}` };
    }
  }
}
