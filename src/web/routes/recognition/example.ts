/**
 * The example household description behind 载入示例: a 3-person urban family in 南关区 (220102)
 * with ¥29,988 a year, i.e. ¥833 per person per month — between the 2025 dibao standard (¥643)
 * and 1.5 × it (¥964.5), so the result is 低保边缘.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** ISO 7064 MOD 11-2: the 18th character of a resident ID number (as the server's checkCharacter). */
export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK[sum % 11];
}

const idNumber = (first17: string) => first17 + checkCharacter(first17);

export const EXAMPLE_DESCRIPTION = {
  region_code: '220102',
  hukou_type: 'urban',
  as_of: '2025-03-01',
  annual_income: 29988,
  financial_assets: 6000,
  vehicles: [],
  properties: 1,
  rigid_expenses_12m: { medical: 1800, education: 1200, rehabilitation: 0, other: 0 },
  members: [
    { id_number: idNumber('22010219800312001'), relation: 'head', work_ability: 'full', health: 'healthy', in_school: false },
    { id_number: idNumber('22010219820620002'), relation: 'spouse', work_ability: 'full', health: 'healthy', in_school: false },
    { id_number: idNumber('22010220120101003'), relation: 'child', in_school: true },
  ],
  supporters: [],
};

/**
 * The example as text for a user: in 220102 when that is within the user's area, else in the
 * user's own region (an officer may only assess households of the area).
 */
export function exampleText(userRegion: string): string {
  const region = EXAMPLE_DESCRIPTION.region_code.startsWith(userRegion) ? EXAMPLE_DESCRIPTION.region_code : userRegion;
  return JSON.stringify({ ...EXAMPLE_DESCRIPTION, region_code: region }, null, 2);
}
