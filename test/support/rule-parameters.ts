/**
 * Rule parameters for pure engine tests: the shipped Jilin defaults in force on a date
 * (data/policy/parameters.json), with overrides, so each test shows the values it depends on.
 */
import { parameterCatalog } from '../../src/modules/policy/domain/parameters.js';
import { currentKeys, previousYearEnd, previousYearKeys, ruleParameters, type Hukou, type RuleParameters } from '../../src/modules/recognition/domain/rule-parameters.js';

function defaultOn(key: string, on: string): unknown {
  const d = parameterCatalog().get(key)!.defaults.find((v) => v.from <= on && (!v.to || v.to >= on));
  return d?.value;
}

export function jilinParameters(hukou: Hukou, on: string, overrides: Record<string, unknown> = {}): RuleParameters {
  const current = new Map(currentKeys(hukou).map((k) => [k, k in overrides ? overrides[k] : defaultOn(k, on)]));
  const prevOn = previousYearEnd(on);
  const previous = new Map(previousYearKeys(hukou).map((k) => [k, defaultOn(k, prevOn)]));
  return ruleParameters(hukou, current, previous);
}
