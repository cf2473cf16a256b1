/**
 * The economic-status check's result (家庭经济状况核对) as the township records it: which data
 * were queried under the family's authorization, what was found, and the figures of the 12
 * months before the check, which become the household's economic snapshot.
 */
import { CHECK_SCOPES } from '../../access/authorization.service.js';
import { amount, count, invalid, optionalDate, optionalText, subsetOf, type Data } from './step-data.js';

export const CHECK_AMOUNTS = [
  'income_wage', 'income_business', 'income_property', 'income_transfer', 'income_other', 'financial_assets', 'vehicle_value',
  'rigid_medical', 'rigid_education', 'rigid_rehab', 'rigid_other',
] as const;
export const CHECK_COUNTS = ['vehicle_count', 'property_count'] as const;

export interface CheckInput {
  checked_on: string;
  scopes: string[];
  findings: string | null;
  figures: Partial<Record<(typeof CHECK_AMOUNTS)[number] | (typeof CHECK_COUNTS)[number], number>>;
}

export function parseCheck(d: Data, today: string): CheckInput {
  const scopes = subsetOf(d, 'scopes', CHECK_SCOPES);
  if (!scopes?.length) throw invalid('data.scopes', `请选择核对的数据范围（${CHECK_SCOPES.join(', ')}）`, `list the data queried (${CHECK_SCOPES.join(', ')})`);
  const figures: CheckInput['figures'] = {};
  for (const k of CHECK_AMOUNTS) {
    const v = amount(d, k);
    if (v !== null) figures[k] = v;
  }
  for (const k of CHECK_COUNTS) {
    const v = count(d, k);
    if (v !== null) figures[k] = v;
  }
  const known = new Set<string>(['checked_on', 'scopes', 'findings', ...CHECK_AMOUNTS, ...CHECK_COUNTS]);
  const unknown = Object.keys(d).find((k) => !known.has(k));
  if (unknown) throw invalid(`data.${unknown}`, '未知字段', 'unknown field');
  return { checked_on: optionalDate(d, 'checked_on', today) ?? today, scopes, findings: optionalText(d, 'findings', 4000), figures };
}
