/**
 * The amount an entitlement is due for one month, from the parameters in force in that month and
 * the household as it was then. Money is counted in whole fen (recognition/domain/money.ts).
 *
 * The computation itself is recognition's (computeAmounts): the 低保 gap plus top-ups and the
 * 特困 support and care standards are computed by the same code that identified the household,
 * here for the members alive in the month and with the month's parameters.
 *
 * Deaths (Chinese practice, 发放至死亡当月、次月停发): a member is counted for the month of death
 * and not after it. A per-person payment is due through the month of death and stops from the
 * next month. A per-household payment is recomputed from the next month for the remaining members
 * (their per-capita income is the household's assessed income over fewer people; the deceased's
 * own income, e.g. a pension, leaves only through a reassessment). When the payee of a household
 * payment has died, the amount is still due to the household, flagged so the roll holds it until
 * a new payee is named: money is never sent to the account of a dead person.
 */
import type { Bilingual } from '../../../platform/errors.js';
import { computeAmounts } from '../../recognition/domain/amounts.js';
import { householdMoney } from '../../recognition/domain/conditions.js';
import type { HouseholdDescription } from '../../recognition/domain/household-description.js';
import { membersOf } from '../../recognition/domain/member-facts.js';
import { fen, money } from '../../recognition/domain/money.js';
import { maskIdNumber } from '../../registry/domain/id-number.js';
import { isPerPerson, type Entitlement } from './entitlement.js';
import { addMonths, firstDay, monthOf, type Month } from './months.js';
import { monthParameters, type ParameterVersion, type UsedParameter } from './parameter-history.js';

export interface Death {
  id_number: string;
  /** YYYY-MM-DD as recorded (public security, hospital, or the family). */
  died_on: string;
}

/** What the payment needs to know about the household: the decision's description and what happened since. */
export interface HouseholdFacts {
  /** The description the decision was made on (its members and assessed annual income). */
  description: HouseholdDescription;
  deaths: Death[];
  /** Members supported separately as 特困: not counted in the 低保 gap (recognition's rule). */
  tekun_members: string[];
}

/** Why the amount is what it is: kept on the payment line and compared month to month. */
export interface AmountBasis extends Bilingual {
  parameters: UsedParameter[];
  /** 低保: the number of living members the household was computed for. */
  members_counted: number | null;
  /** Members dead before the month, not counted (masked ID numbers). */
  deceased: string[];
  fixed_fen: number | null;
}

export type MonthAmount =
  | { kind: 'due'; amount_fen: number; basis: AmountBasis; payee_deceased: boolean }
  /** Nothing is due this month; `reason` is the stop reason the roll shows. */
  | { kind: 'none'; reason: 'not_started' | 'entitlement_ended' | 'death'; text: Bilingual }
  /** A figure is missing (e.g. no self-care assessment): the roll holds the line. */
  | { kind: 'not_computable'; text: Bilingual; basis: AmountBasis };

/** The month a person's payment stops: the month after the month of death. */
export function firstMonthAfterDeath(diedOn: string): Month {
  return addMonths(monthOf(diedOn), 1);
}

/** Counted in `month`: not dead, or died in that month or later. */
export function isAliveIn(idNumber: string, month: Month, deaths: readonly Death[]): boolean {
  const d = deaths.find((x) => x.id_number === idNumber);
  return !d || monthOf(d.died_on) >= month;
}

export function monthlyAmount(e: Entitlement, month: Month, history: readonly ParameterVersion[], facts: HouseholdFacts): MonthAmount {
  if (month < e.start_month) return { kind: 'none', reason: 'not_started', text: { zh: `待遇自 ${e.start_month} 起发放`, en: `paid from ${e.start_month}` } };
  if (e.end_month !== null && month > e.end_month) {
    return { kind: 'none', reason: 'entitlement_ended', text: { zh: `待遇已于 ${e.end_month} 终止`, en: `the entitlement ended with ${e.end_month}` } };
  }
  const payeeDeath = facts.deaths.find((d) => d.id_number === e.payee.id_number);
  if (isPerPerson(e.program) && payeeDeath && !isAliveIn(e.payee.id_number, month, facts.deaths)) return deathStop(payeeDeath);
  const living = facts.description.members.filter((m) => isAliveIn(m.id_number, month, facts.deaths));
  if (living.length === 0) return deathStop(latestDeath(facts.deaths));
  const deceased = facts.description.members.filter((m) => !isAliveIn(m.id_number, month, facts.deaths)).map((m) => maskIdNumber(m.id_number));
  const payeeDeceased = payeeDeath !== undefined && !isAliveIn(e.payee.id_number, month, facts.deaths);
  if (e.rule.kind === 'fixed') {
    const basis: AmountBasis = { zh: `固定金额 ${money(e.rule.amount_fen)}/月`, en: `fixed amount ${money(e.rule.amount_fen)} a month`, parameters: [], members_counted: null, deceased, fixed_fen: e.rule.amount_fen };
    return { kind: 'due', amount_fen: e.rule.amount_fen, basis, payee_deceased: payeeDeceased };
  }
  const { parameters, used } = monthParameters(history, facts.description.hukou_type, month);
  const d = { ...facts.description, as_of: firstDay(month), members: living };
  const members = membersOf(d);
  const base = { parameters: used, deceased, fixed_fen: null };
  if (e.rule.kind === 'dibao_gap') {
    const tekun = new Set(facts.tekun_members.filter((id) => living.some((m) => m.id_number === id)));
    const a = computeAmounts(members, householdMoney(d), parameters, { householdDibao: true, tekun, single: [] }).dibao_allowance!;
    const note = deceased.length ? { zh: `（已故成员 ${deceased.join('、')} 不再计入）`, en: ` (deceased ${deceased.join(', ')} no longer counted)` } : { zh: '', en: '' };
    const basis: AmountBasis = { ...base, zh: a.lines.map((l) => l.zh).join('；') + note.zh, en: a.lines.map((l) => l.en).join('; ') + note.en, members_counted: living.length };
    return { kind: 'due', amount_fen: fen(a.total), basis, payee_deceased: payeeDeceased };
  }
  const person = members.find((m) => m.id_number === e.payee.id_number);
  if (!person) {
    const text = { zh: `领款人 ${maskIdNumber(e.payee.id_number)} 不是该户成员`, en: `the payee ${maskIdNumber(e.payee.id_number)} is not a member of the household` };
    return { kind: 'not_computable', text, basis: { ...base, ...text, members_counted: null } };
  }
  const t = computeAmounts(members, householdMoney(d), parameters, { householdDibao: false, tekun: new Set([person.id_number]), single: [] }).tekun[0];
  const value = e.rule.kind === 'tekun_support' ? t.support : t.care;
  const basis: AmountBasis = { ...base, zh: t.zh, en: t.en, members_counted: null };
  if (value === null) return { kind: 'not_computable', text: { zh: t.zh, en: t.en }, basis };
  return { kind: 'due', amount_fen: fen(value), basis, payee_deceased: false };
}

function latestDeath(deaths: readonly Death[]): Death {
  return [...deaths].sort((a, b) => (a.died_on < b.died_on ? 1 : -1))[0];
}

function deathStop(d: Death): MonthAmount {
  const next = firstMonthAfterDeath(d.died_on);
  return {
    kind: 'none', reason: 'death',
    text: { zh: `${maskIdNumber(d.id_number)} 于 ${d.died_on} 死亡，发放至 ${monthOf(d.died_on)}，自 ${next} 起停发`, en: `${maskIdNumber(d.id_number)} died on ${d.died_on}: paid through ${monthOf(d.died_on)}, stopped from ${next}` },
  };
}
