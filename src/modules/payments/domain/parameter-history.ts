/**
 * The policy parameters a payment month reads, from the versions of each key (the rows of
 * `policy_parameter` for the region's lineage). The choice mirrors PolicyService.get: the most
 * specific region wins, then the latest start date in force, then the highest version; a
 * superseded version is ignored.
 *
 * A month reads the values in force on its FIRST DAY: a standard that starts on 1 January is paid
 * from January; one that starts on 15 July is paid from August. 特困 amounts read the previous
 * year's 低保 standard and minimum wage on 31 December of the year before, as recognition does.
 */
import { AppError } from '../../../platform/errors.js';
import { currentKeys, previousYearEnd, previousYearKeys, ruleParameters, type Hukou, type RuleParameters } from '../../recognition/domain/rule-parameters.js';
import { firstDay, type Month } from './months.js';

export interface ParameterVersion {
  key: string;
  value: unknown;
  region_code: string;
  valid_from: string;
  valid_to: string | null;
  version: number;
  /** Set for a version replaced by a later one with the same key, region and start date. */
  superseded?: boolean;
}

/** A value the computation used, with the date it was read on: the basis a payment line keeps. */
export interface UsedParameter {
  key: string;
  value: unknown;
  on: string;
  region_code: string;
  valid_from: string;
  version: number;
}

/** The version of `key` in force on `on` (YYYY-MM-DD), or null. */
export function versionInForce(history: readonly ParameterVersion[], key: string, on: string): ParameterVersion | null {
  let best: ParameterVersion | null = null;
  for (const v of history) {
    if (v.key !== key || v.superseded || v.valid_from > on || (v.valid_to !== null && v.valid_to < on)) continue;
    if (!best || outranks(v, best)) best = v;
  }
  return best;
}

function outranks(a: ParameterVersion, b: ParameterVersion): boolean {
  if (a.region_code.length !== b.region_code.length) return a.region_code.length > b.region_code.length;
  if (a.valid_from !== b.valid_from) return a.valid_from > b.valid_from;
  return a.version > b.version;
}

export interface MonthParameters {
  parameters: RuleParameters;
  used: UsedParameter[];
}

/**
 * The typed parameters for a payment month. A key the month needs with no value in force is an
 * error naming the key, the month and the date; a previous-year value may be missing (the 特困
 * amount is then reported as not computable).
 */
export function monthParameters(history: readonly ParameterVersion[], hukou: Hukou, month: Month): MonthParameters {
  const on = firstDay(month);
  const prevOn = previousYearEnd(on);
  const used: UsedParameter[] = [];
  const read = (keys: string[], date: string, required: boolean) => {
    const values = new Map<string, unknown>();
    for (const key of keys) {
      const v = versionInForce(history, key, date);
      if (!v) {
        if (!required) continue;
        throw new AppError('NOT_FOUND', { zh: `政策参数 ${key} 在 ${date}（${month} 发放月）没有生效的值`, en: `no value of ${key} is in force on ${date} (payment month ${month})` }, { key, on: date, month });
      }
      values.set(key, v.value);
      used.push({ key, value: v.value, on: date, region_code: v.region_code, valid_from: v.valid_from, version: v.version });
    }
    return values;
  };
  const current = read(currentKeys(hukou), on, true);
  const previous = read(previousYearKeys(hukou), prevOn, false);
  return { parameters: ruleParameters(hukou, current, previous), used };
}
