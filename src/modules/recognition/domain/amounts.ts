/**
 * The amounts that follow from a recognition: the monthly 低保 allowance (the gap to the standard
 * plus top-ups, 补差 + 分类施保), the 单人保 amount, the 特困 support and care standards, and the
 * cap of a fast temporary relief (小额快救). All in CNY per month.
 */
import type { Member } from './household-description.js';
import type { HouseholdMoney } from './conditions.js';
import { isElderly, isMinor, isSevere, label } from './member-facts.js';
import { fen, money, plain, yuan } from './money.js';
import type { RuleParameters } from './rule-parameters.js';

export interface AmountLine {
  id_number?: string;
  amount: number;
  zh: string;
  en: string;
}

export interface Amounts {
  /** Monthly allowance of a 低保 household: gap plus top-ups; null when the household is not 低保. */
  dibao_allowance: { total: number; gap: number; lines: AmountLine[] } | null;
  /** 单人保 members: the monthly amount for each. */
  single_person: AmountLine[];
  /** 特困 members: monthly support and care standards (null when a previous-year value is missing). */
  tekun: { id_number: string; support: number | null; care: number | null; zh: string; en: string }[];
  /** At most one month of the local standard by default. */
  fast_relief_cap: number;
}

interface Recognized {
  householdDibao: boolean;
  tekun: Set<string>;
  single: string[];
}

/** The largest top-up a member qualifies for (top-ups do not stack). */
function topUp(m: Member, p: RuleParameters): { pct: number; zh: string; en: string } | null {
  const options = [
    isSevere(m, p) ? { pct: p.topup.severePct, zh: '重病重残', en: 'seriously ill or severely disabled' } : null,
    isElderly(m, p) ? { pct: p.topup.elderlyPct, zh: '老年人', en: 'elderly' } : null,
    isMinor(m, p) ? { pct: p.topup.minorPct, zh: '未成年人', en: 'minor' } : null,
  ].filter((o): o is { pct: number; zh: string; en: string } => o !== null && o.pct > 0);
  return options.sort((a, b) => b.pct - a.pct)[0] ?? null;
}

export function computeAmounts(members: Member[], h: HouseholdMoney, p: RuleParameters, r: Recognized): Amounts {
  const standardFen = fen(p.dibaoStandard);
  return {
    dibao_allowance: r.householdDibao ? dibaoAllowance(members, h, p, standardFen, r.tekun) : null,
    single_person: r.single.map((id) => singlePerson(members.find((m) => m.id_number === id)!, p, standardFen)),
    tekun: members.filter((m) => r.tekun.has(m.id_number)).map((m) => tekunAmounts(m, p)),
    fast_relief_cap: yuan(p.fastReliefMonths * standardFen),
  };
}

function dibaoAllowance(members: Member[], h: HouseholdMoney, p: RuleParameters, standardFen: number, tekun: Set<string>) {
  // 特困 members receive their support instead: the gap is paid for the others.
  const paid = members.filter((m) => !tekun.has(m.id_number)).length;
  const perCapita = h.incomeFen / 12 / h.size;
  const gapFen = Math.max(0, Math.round((standardFen - perCapita) * paid));
  const others = paid < h.size ? { zh: `（${h.size - paid} 名特困人员另行供养）`, en: ` (${h.size - paid} tekun member(s) supported separately)` } : { zh: '', en: '' };
  const lines: AmountLine[] = [{
    amount: yuan(gapFen),
    zh: `补差：(${money(standardFen)} − 人均月收入 ${money(perCapita)}) × ${paid} 人 = ${money(gapFen)}${others.zh}`,
    en: `gap: (${money(standardFen)} − per-capita income ${money(perCapita)}) × ${paid} = ${money(gapFen)}${others.en}`,
  }];
  let total = gapFen;
  for (const m of members) {
    if (tekun.has(m.id_number)) continue; // 特困 members receive support instead
    const t = topUp(m, p);
    if (!t) continue;
    const add = Math.round((t.pct / 100) * standardFen);
    total += add;
    lines.push({
      id_number: m.id_number,
      amount: yuan(add),
      zh: `${label(m)} ${t.zh}增发 ${plain(t.pct)}% × ${money(standardFen)} = ${money(add)}`,
      en: `${label(m)} ${t.en} top-up ${plain(t.pct)}% × ${money(standardFen)} = ${money(add)}`,
    });
  }
  return { total: yuan(total), gap: yuan(gapFen), lines };
}

function singlePerson(m: Member, p: RuleParameters, standardFen: number): AmountLine {
  const base = Math.round((p.singlePersonPct / 100) * standardFen);
  const t = topUp(m, p);
  const add = t ? Math.round((t.pct / 100) * standardFen) : 0;
  const topText = t ? { zh: ` + ${t.zh}增发 ${plain(t.pct)}% = ${money(base + add)}`, en: ` + ${t.en} top-up ${plain(t.pct)}% = ${money(base + add)}` } : { zh: '', en: '' };
  return {
    id_number: m.id_number,
    amount: yuan(base + add),
    zh: `${label(m)} 单人保：${plain(p.singlePersonPct)}% × ${money(standardFen)} = ${money(base)}${topText.zh}`,
    en: `${label(m)} single-person dibao: ${plain(p.singlePersonPct)}% × ${money(standardFen)} = ${money(base)}${topText.en}`,
  };
}

function tekunAmounts(m: Member, p: RuleParameters) {
  const who = label(m);
  const prevStd = p.previousYear.dibaoStandard;
  const prevWage = p.previousYear.minimumWage;
  const support = prevStd === null ? null : yuan(Math.round(p.tekunSupportMultiplier * fen(prevStd)));
  const ratio = m.self_care ? p.careRatio[m.self_care] : null;
  const care = ratio === null || prevWage === null ? null : yuan(Math.round(ratio * fen(prevWage)));
  const supportText = support === null
    ? { zh: '基本生活标准：上年度低保标准未设置，无法计算', en: 'support: no previous-year dibao standard in force, not computed' }
    : { zh: `基本生活标准 ${plain(p.tekunSupportMultiplier)} × 上年度低保标准 ${money(fen(prevStd!))} = ${money(fen(support))}`, en: `support ${plain(p.tekunSupportMultiplier)} × previous-year standard ${money(fen(prevStd!))} = ${money(fen(support))}` };
  const careText = care !== null
    ? { zh: `照料护理标准 ${plain(ratio! * 100)}% × 上年度最低工资 ${money(fen(prevWage!))} = ${money(fen(care))}`, en: `care ${plain(ratio! * 100)}% × previous-year minimum wage ${money(fen(prevWage!))} = ${money(fen(care))}` }
    : !m.self_care
      ? { zh: '照料护理标准：需评估生活自理能力（self_care）', en: 'care: self-care ability (self_care) not assessed' }
      : { zh: '照料护理标准：上年度最低工资标准未设置', en: 'care: no previous-year minimum wage in force' };
  return { id_number: m.id_number, support, care, zh: `${who} ${supportText.zh}；${careText.zh}`, en: `${who} ${supportText.en}; ${careText.en}` };
}
