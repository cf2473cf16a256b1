/**
 * Conditions as the engine reports them: what was compared, the actual value, the threshold,
 * whether it held, and a sentence a clerk can read to the family in Chinese and English.
 */
import type { HouseholdDescription } from './household-description.js';
import { fen, money, percent } from './money.js';
import type { AssetLimits } from './rule-parameters.js';

export interface Condition {
  code: string;
  actual: number | string | boolean | null;
  threshold: number | string | boolean | null;
  passed: boolean;
  zh: string;
  en: string;
}

/** The household's money figures, in fen, and its size. */
export interface HouseholdMoney {
  size: number;
  incomeFen: number;
  financialFen: number;
  vehicleFen: number;
  properties: number;
  rigidFen: number;
}

export function householdMoney(d: HouseholdDescription): HouseholdMoney {
  const r = d.rigid_expenses_12m;
  return {
    size: d.members.length,
    incomeFen: fen(d.annual_income),
    financialFen: fen(d.financial_assets),
    vehicleFen: d.vehicles.filter((v) => v.purpose !== 'disability_mobility').reduce((s, v) => s + fen(v.value), 0),
    properties: d.properties,
    rigidFen: fen(r.medical) + fen(r.education) + fen(r.rehabilitation) + fen(r.other),
  };
}

/** Per-capita monthly income in fen (not rounded; shown rounded). */
export function perCapitaMonthlyFen(h: HouseholdMoney): number {
  return h.incomeFen / 12 / h.size;
}

export interface IncomeLine {
  /** The monthly per-capita line in fen. */
  lineFen: number;
  /** The line as said, e.g. "1.5 × ¥643 = ¥964.5" or "低保标准 ¥643". */
  zh: string;
  en: string;
}

/**
 * Per-capita monthly income strictly below a line. Compared exactly in fen:
 * annual income < line × 12 × household size.
 */
export function incomeBelow(code: string, h: HouseholdMoney, line: IncomeLine): Condition {
  const passed = h.incomeFen < line.lineFen * 12 * h.size;
  const income = money(perCapitaMonthlyFen(h));
  return {
    code,
    actual: Math.round(perCapitaMonthlyFen(h)) / 100,
    threshold: line.lineFen / 100,
    passed,
    zh: `人均月收入 ${income} ${passed ? '低于' : '不低于'} ${line.zh}`,
    en: `per-capita income ${income}/month is ${passed ? 'below' : 'not below'} ${line.en}`,
  };
}

/** Assets within the limits of one category: financial assets per capita, vehicles, properties. */
export function assetsWithin(prefix: string, h: HouseholdMoney, limits: AssetLimits, standardFen: number, maxProperties: number): Condition[] {
  const perCapita = h.financialFen / h.size;
  const capFen = limits.financialMonths * standardFen;
  const financialOk = h.financialFen <= capFen * h.size;
  const vehicleCap = fen(limits.vehicleValueMax);
  const vehicleOk = h.vehicleFen <= vehicleCap;
  const propertyOk = h.properties <= maxProperties;
  return [
    {
      code: `${prefix}.financial_assets`,
      actual: Math.round(perCapita) / 100,
      threshold: capFen / 100,
      passed: financialOk,
      zh: `人均金融资产 ${money(perCapita)} ${financialOk ? '不超过' : '超过'} ${limits.financialMonths} 个月低保标准 ${money(capFen)}`,
      en: `per-capita financial assets ${money(perCapita)} ${financialOk ? 'are within' : 'exceed'} ${limits.financialMonths} months of the standard, ${money(capFen)}`,
    },
    {
      code: `${prefix}.vehicles`,
      actual: h.vehicleFen / 100,
      threshold: vehicleCap / 100,
      passed: vehicleOk,
      zh: `计入的机动车价值 ${money(h.vehicleFen)} ${vehicleOk ? '不超过' : '超过'}上限 ${money(vehicleCap)}（残疾人代步车不计入）`,
      en: `counted vehicle value ${money(h.vehicleFen)} ${vehicleOk ? 'is within' : 'exceeds'} the cap of ${money(vehicleCap)} (disability mobility vehicles not counted)`,
    },
    {
      code: `${prefix}.properties`,
      actual: h.properties,
      threshold: maxProperties,
      passed: propertyOk,
      zh: `住房 ${h.properties} 套，${propertyOk ? '不超过' : '超过'} ${maxProperties} 套`,
      en: `${h.properties} residential ${h.properties === 1 ? 'property' : 'properties'}, ${propertyOk ? 'within' : 'more than'} the limit of ${maxProperties}`,
    },
  ];
}

/** Rigid expenditure as a share of household income strictly above the ratio. */
export function rigidShareAbove(h: HouseholdMoney, ratio: number): Condition {
  if (h.incomeFen === 0) {
    const passed = h.rigidFen > 0;
    return {
      code: 'rigid.expense_share',
      actual: null,
      threshold: ratio,
      passed,
      zh: `家庭收入为 0，刚性支出 ${money(h.rigidFen)}${passed ? '，支出占比视为超过' : '，无刚性支出'} ${percent(ratio)}`,
      en: `household income is 0 and rigid expenditure is ${money(h.rigidFen)}${passed ? ', a share above' : ': no rigid expenditure, not above'} ${percent(ratio)}`,
    };
  }
  const share = h.rigidFen / h.incomeFen;
  const passed = h.rigidFen > ratio * h.incomeFen;
  return {
    code: 'rigid.expense_share',
    actual: Math.round(share * 10000) / 10000,
    threshold: ratio,
    passed,
    zh: `近 12 个月刚性支出 ${money(h.rigidFen)} 占家庭收入 ${money(h.incomeFen)} 的 ${percent(share)}，${passed ? '高于' : '不高于'} ${percent(ratio)}`,
    en: `rigid expenditure of ${money(h.rigidFen)} in 12 months is ${percent(share)} of household income ${money(h.incomeFen)}, ${passed ? 'above' : 'not above'} ${percent(ratio)}`,
  };
}

/** Per-capita annual income strictly below the previous-year per-capita disposable income. */
export function annualIncomeBelow(h: HouseholdMoney, disposableIncome: number, hukou: 'urban' | 'rural'): Condition {
  const lineFen = fen(disposableIncome);
  const passed = h.incomeFen < lineFen * h.size;
  const perCapita = h.incomeFen / h.size;
  const zhArea = hukou === 'urban' ? '城镇' : '农村';
  return {
    code: 'rigid.income',
    actual: Math.round(perCapita) / 100,
    threshold: lineFen / 100,
    passed,
    zh: `人均年收入 ${money(perCapita)} ${passed ? '低于' : '不低于'}上年度${zhArea}居民人均可支配收入 ${money(lineFen)}`,
    en: `per-capita income ${money(perCapita)}/year is ${passed ? 'below' : 'not below'} the previous year's ${hukou} per-capita disposable income of ${money(lineFen)}`,
  };
}
