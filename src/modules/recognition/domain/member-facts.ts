/**
 * What the rules need to know about each member: age on the assessment date, whether the member
 * is presumed to have no work ability, whether seriously ill or severely disabled, and who in the
 * household is the member's legal supporter.
 */
import { checkIdNumber, maskIdNumber } from '../../registry/domain/id-number.js';
import { ageOn } from '../../registry/domain/person-facts.js';
import { DISABILITY_TYPES, WORK_ABILITIES, labelOf } from '../../registry/domain/vocabulary.js';
import type { HouseholdDescription, Member, Relation } from './household-description.js';
import type { RuleParameters } from './rule-parameters.js';

export function membersOf(d: HouseholdDescription): Member[] {
  return d.members.map((m, index) => {
    const birth = checkIdNumber(m.id_number, d.as_of).birth_date!;
    return { ...m, birth_date: birth, age: ageOn(birth, d.as_of), index };
  });
}

export function label(m: Member): string {
  return maskIdNumber(m.id_number);
}

export function isElderly(m: Member, p: RuleParameters): boolean {
  return m.age >= p.elderlyAge;
}

export function isMinor(m: Member, p: RuleParameters): boolean {
  return m.age < p.minorAge;
}

/** A disability of a type and grade the parameters count as no work ability. */
export function hasNoWorkDisability(m: Member, p: RuleParameters): boolean {
  if (!m.disability_type || m.disability_grade === null) return false;
  return (p.noWorkDisabilityGrades[m.disability_type] ?? []).includes(m.disability_grade);
}

/** Seriously ill, or severely disabled (grade 1 or 2 of any type by default, GB/T 26341-2010). */
export function isSevere(m: Member, p: RuleParameters): boolean {
  return m.health === 'serious' || (m.disability_grade !== null && m.disability_grade <= p.severeDisabilityMaxGrade);
}

export interface WorkAbilityFinding {
  none: boolean;
  zh: string;
  en: string;
}

/**
 * No work ability (特困人员认定办法): aged at least the elderly age, under the no-work age, a
 * qualifying disability, or assessed as having none.
 */
export function workAbility(m: Member, p: RuleParameters): WorkAbilityFinding {
  if (isElderly(m, p)) return { none: true, zh: `${m.age} 周岁，年满 ${p.elderlyAge} 周岁`, en: `aged ${m.age}, at least ${p.elderlyAge}` };
  if (m.age < p.minorNoWorkAge) return { none: true, zh: `${m.age} 周岁，未满 ${p.minorNoWorkAge} 周岁`, en: `aged ${m.age}, under ${p.minorNoWorkAge}` };
  if (hasNoWorkDisability(m, p)) {
    const type = labelOf(DISABILITY_TYPES, m.disability_type);
    return { none: true, zh: `${type?.zh ?? m.disability_type}${m.disability_grade}级`, en: `${type?.en ?? m.disability_type} disability, grade ${m.disability_grade}` };
  }
  if (m.work_ability === 'none') return { none: true, zh: '经评估无劳动能力', en: 'assessed as having no work ability' };
  const ability = labelOf(WORK_ABILITIES, m.work_ability);
  return { none: false, zh: `${m.age} 周岁，${ability?.zh ?? '劳动能力未填写'}`, en: `aged ${m.age}, work ability: ${ability?.en.toLowerCase() ?? 'not given'}` };
}

type Kin = 'spouse' | 'parent' | 'child';

/**
 * How `other` stands to `person`, from both members' relation to the head. Links the relations
 * cannot settle (a grandchild and a child of the head) are counted as parent and child: the
 * engine would rather ask a clerk to list supporters than miss one.
 */
export function kinship(person: Relation, other: Relation): Kin | null {
  const table: Partial<Record<Relation, Partial<Record<Relation, Kin>>>> = {
    head: { spouse: 'spouse', child: 'child', parent: 'parent' },
    spouse: { head: 'spouse', child: 'child' },
    child: { head: 'parent', spouse: 'parent', grandchild: 'child' },
    parent: { head: 'child', sibling: 'child', parent: 'spouse' },
    grandchild: { child: 'parent' },
    sibling: { parent: 'parent' },
  };
  return table[person]?.[other] ?? null;
}

/** Members inside the household who are the person's spouse, parent or adult child and able to work. */
export function ableSupportersInside(person: Member, members: Member[], p: RuleParameters): Member[] {
  return members.filter((o) => {
    if (o.index === person.index) return false;
    const kin = kinship(person.relation, o.relation);
    if (!kin) return false;
    if (kin === 'child' && o.age < p.minorAge) return false;
    return !workAbility(o, p).none;
  });
}
