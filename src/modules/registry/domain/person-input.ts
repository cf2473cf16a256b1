/**
 * A person as entered through the API or a form: validated and normalized here, purely.
 * (Import files go through registry-row.ts, which applies the same vocabularies.)
 */
import { AppError } from '../../../platform/errors.js';
import { checkIdNumber } from './id-number.js';
import { parseTerm, describeTerms, RELATIONS, DISABILITY_TYPES, WORK_ABILITIES, HEALTH_STATES, SCHOOL_STAGES, EMPLOYMENT_STATES, CATEGORIES, type Vocabulary } from './vocabulary.js';

export interface PersonInput {
  id_number: string;
  name: string;
  relation: string;
  phone?: string | null;
  disability_type?: string | null;
  disability_grade?: number | null;
  work_ability?: string | null;
  health?: string | null;
  school_stage?: string | null;
  employment?: string | null;
  categories?: { category: string; since: string }[];
}

export interface PersonRecord {
  id_number: string;
  name: string;
  relation: string;
  sex: 'male' | 'female';
  birth_date: string;
  phone: string | null;
  disability_type: string | null;
  disability_grade: number | null;
  work_ability: string | null;
  health: string | null;
  school_stage: string | null;
  employment: string | null;
}

export const PERSON_FIELDS = ['name', 'relation', 'disability_type', 'disability_grade', 'work_ability', 'health', 'school_stage', 'employment'] as const;

export function normalizePerson(input: PersonInput, today: string): PersonRecord {
  const id = checkIdNumber(input.id_number, today);
  if (!id.valid || !id.id_number || !id.birth_date || !id.sex) {
    throw new AppError('VALIDATION', {
      zh: `身份证号无效：${id.errors.map((e) => e.message.split(' / ')[0]).join('；')}`,
      en: `invalid ID number: ${id.errors.map((e) => e.message.split(' / ')[1] ?? e.message).join('; ')}`,
    }, { field: 'id_number', errors: id.errors });
  }
  return { id_number: id.id_number, sex: id.sex, birth_date: id.birth_date, ...normalizeDetails(input) };
}

export type PersonDetails = Omit<PersonRecord, 'id_number' | 'sex' | 'birth_date'>;

/** Everything but the identity: what an update may change. */
export function normalizeDetails(input: Omit<PersonInput, 'id_number'>): PersonDetails {
  const name = input.name?.trim();
  if (!name || name.length > 50) throw fieldError('name', '姓名', 'name', input.name, '不能为空且不超过 50 字', 'must be 1–50 characters');
  const phone = input.phone?.trim() || null;
  if (phone && !/^[0-9+\-\s]{5,20}$/.test(phone)) throw fieldError('phone', '联系电话', 'phone', '(hidden)', '格式无效', 'is not a phone number');
  const grade = input.disability_grade ?? null;
  if (grade !== null && (!Number.isInteger(grade) || grade < 1 || grade > 4)) {
    throw fieldError('disability_grade', '残疾等级', 'disability_grade', String(grade), '应为 1–4', 'must be 1–4');
  }
  return {
    name,
    relation: term(RELATIONS, 'relation', '与户主关系', input.relation)!,
    phone,
    disability_type: term(DISABILITY_TYPES, 'disability_type', '残疾类别', input.disability_type),
    disability_grade: grade,
    work_ability: term(WORK_ABILITIES, 'work_ability', '劳动能力', input.work_ability),
    health: term(HEALTH_STATES, 'health', '健康状况', input.health),
    school_stage: term(SCHOOL_STAGES, 'school_stage', '在校阶段', input.school_stage),
    employment: term(EMPLOYMENT_STATES, 'employment', '就业状况', input.employment),
  };
}

export function normalizeCategory(raw: string): string {
  return term(CATEGORIES, 'category', '救助类别', raw)!;
}

function term(vocab: Vocabulary, field: string, zhField: string, raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined || raw.trim() === '') {
    if (field === 'relation' || field === 'category') throw fieldError(field, zhField, field, '', '不能为空', 'is required');
    return null;
  }
  const code = parseTerm(vocab, raw);
  if (!code) throw fieldError(field, zhField, field, raw, `取值无效，可选：${describeTerms(vocab)}`, `is not one of ${vocab.map((t) => t.code).join(', ')}`);
  return code;
}

function fieldError(field: string, zhField: string, enField: string, value: string | undefined, zh: string, en: string): AppError {
  return new AppError('VALIDATION', { zh: `${zhField}「${value ?? ''}」${zh}`, en: `${enField} "${value ?? ''}" ${en}` }, { field });
}
