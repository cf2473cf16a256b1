/**
 * The household description the identification engine reads (docs/formats/household-description.md):
 * what a clerk knows about a family on a date. `parseDescription` checks every field and names
 * the one that is wrong; nothing is defaulted silently.
 */
import { AppError } from '../../../platform/errors.js';
import { checkIdNumber } from '../../registry/domain/id-number.js';
import { DISABILITY_TYPES, HEALTH_STATES, HUKOU_TYPES, RELATIONS, WORK_ABILITIES, parseTerm, type CodeOf, type Vocabulary } from '../../registry/domain/vocabulary.js';
import { parseDate } from '../../registry/domain/registry-row.js';

export const VEHICLE_PURPOSES = [
  { code: 'private', zh: '生活用车', en: 'Private use' },
  { code: 'production', zh: '生产经营用车', en: 'Production or business' },
  { code: 'disability_mobility', zh: '残疾人功能性补偿代步机动车', en: 'Disability mobility vehicle (not counted)' },
] as const satisfies Vocabulary;

export const SELF_CARE = [
  { code: 'full', zh: '具备生活自理能力', en: 'Fully self-caring' },
  { code: 'partial', zh: '部分丧失生活自理能力', en: 'Partly self-caring' },
  { code: 'none', zh: '完全丧失生活自理能力', en: 'Not self-caring' },
] as const satisfies Vocabulary;

export type Relation = CodeOf<typeof RELATIONS>;
export type WorkAbility = CodeOf<typeof WORK_ABILITIES>;
export type DisabilityType = CodeOf<typeof DISABILITY_TYPES>;
export type Health = CodeOf<typeof HEALTH_STATES>;
export type SelfCare = CodeOf<typeof SELF_CARE>;
export type VehiclePurpose = CodeOf<typeof VEHICLE_PURPOSES>;

export interface MemberDescription {
  id_number: string;
  relation: Relation;
  work_ability: WorkAbility | null;
  disability_type: DisabilityType | null;
  disability_grade: number | null;
  health: Health | null;
  in_school: boolean;
  /** Only needed for the 特困 care standard; without it the care amount is not computed. */
  self_care: SelfCare | null;
}

export interface SupporterDescription {
  id_number: string;
  /** Able to support (有履行义务能力). */
  able: boolean;
}

export interface RigidExpenses {
  medical: number;
  education: number;
  rehabilitation: number;
  other: number;
}

export interface HouseholdDescription {
  region_code: string;
  hukou_type: 'urban' | 'rural';
  as_of: string;
  /** Household income over the 12 months before as_of, CNY. */
  annual_income: number;
  financial_assets: number;
  vehicles: { purpose: VehiclePurpose; value: number }[];
  /** Number of residential properties. */
  properties: number;
  rigid_expenses_12m: RigidExpenses;
  members: MemberDescription[];
  /** Legal supporters living outside the household. */
  supporters: SupporterDescription[];
}

/** A member with the facts the rules read, derived once. */
export interface Member extends MemberDescription {
  birth_date: string;
  age: number;
  index: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function invalid(field: string, value: unknown, zh: string, en: string): AppError {
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  return new AppError('VALIDATION', { zh: `${field}：值「${shown ?? ''}」无效，${zh}`, en: `${field}: value "${shown ?? ''}" is invalid: ${en}` }, { field });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A misspelt field would otherwise be read as absent (no supporters, say): refuse it. */
function onlyKnown(obj: Record<string, unknown>, known: readonly string[], path: string): void {
  for (const k of Object.keys(obj)) {
    if (!known.includes(k)) throw invalid(path ? `${path}.${k}` : k, k, `未知字段（可用：${known.join('、')}）`, `unknown field (known: ${known.join(', ')})`);
  }
}

const TOP_FIELDS = ['region_code', 'hukou_type', 'as_of', 'annual_income', 'financial_assets', 'vehicles', 'properties', 'rigid_expenses_12m', 'members', 'supporters'] as const;
const MEMBER_FIELDS = ['id_number', 'relation', 'work_ability', 'disability_type', 'disability_grade', 'health', 'in_school', 'self_care'] as const;

/** A real calendar date YYYY-MM-DD (2025-02-30 is not one). */
export function isCalendarDate(v: unknown): v is string {
  return typeof v === 'string' && DATE.test(v) && parseDate(v) === v;
}

function amount(obj: Record<string, unknown>, key: string, path: string): number {
  const v = obj[key];
  if (v === undefined || v === null || v === '') throw invalid(path, v, '必填', 'required');
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n)) throw invalid(path, v, '应为数字（元）', 'expected a number (CNY)');
  if (n < 0) throw invalid(path, v, '不能为负数', 'must not be negative');
  return n;
}

function count(obj: Record<string, unknown>, key: string, path: string): number {
  const n = amount(obj, key, path);
  if (!Number.isInteger(n)) throw invalid(path, obj[key], '应为整数', 'expected a whole number');
  return n;
}

function term<V extends Vocabulary>(vocab: V, obj: Record<string, unknown>, key: string, path: string, required: boolean): CodeOf<V> | null {
  const v = obj[key];
  if (v === undefined || v === null || v === '') {
    if (required) throw invalid(path, v, '必填', 'required');
    return null;
  }
  const code = typeof v === 'string' ? parseTerm(vocab, v) : undefined;
  if (!code) throw invalid(path, v, `应为 ${vocab.map((t) => t.code).join('/')}`, `expected one of ${vocab.map((t) => t.code).join(', ')}`);
  return code as CodeOf<V>;
}

function bool(obj: Record<string, unknown>, key: string, path: string, fallback?: boolean): boolean {
  const v = obj[key];
  if (v === undefined || v === null) {
    if (fallback === undefined) throw invalid(path, v, '必填（true/false）', 'required (true/false)');
    return fallback;
  }
  if (typeof v !== 'boolean') throw invalid(path, v, '应为 true 或 false', 'expected true or false');
  return v;
}

function idNumber(obj: Record<string, unknown>, path: string, asOf: string): string {
  const v = obj.id_number;
  if (typeof v !== 'string' || !v.trim()) throw invalid(path, v, '必填', 'required');
  const check = checkIdNumber(v, asOf);
  if (!check.valid || !check.id_number) {
    const zh = check.errors.map((e) => e.message.split(' / ')[0]).join('；');
    const en = check.errors.map((e) => e.message.split(' / ')[1] ?? e.message).join('; ');
    throw invalid(path, '(已隐去 / withheld)', `身份证号无效：${zh}`, `not a valid ID number: ${en}`);
  }
  return check.id_number;
}

/** Check a description received as JSON; the error names the field, e.g. members[1].id_number. */
export function parseDescription(raw: unknown): HouseholdDescription {
  if (!isObject(raw)) throw invalid('(description)', raw, '应为 JSON 对象', 'expected a JSON object');
  onlyKnown(raw, TOP_FIELDS, '');
  const regionCode = raw.region_code;
  if (typeof regionCode !== 'string' || !/^\d{2,12}$/.test(regionCode)) throw invalid('region_code', regionCode, '应为区划代码', 'expected a region code');
  const asOf = raw.as_of;
  if (!isCalendarDate(asOf)) throw invalid('as_of', asOf, '应为有效日期 YYYY-MM-DD', 'expected a real date YYYY-MM-DD');
  const hukou = term(HUKOU_TYPES, raw, 'hukou_type', 'hukou_type', true) as 'urban' | 'rural';

  const vehiclesRaw = raw.vehicles ?? [];
  if (!Array.isArray(vehiclesRaw)) throw invalid('vehicles', vehiclesRaw, '应为数组', 'expected an array');
  const vehicles = vehiclesRaw.map((v, i) => {
    if (!isObject(v)) throw invalid(`vehicles[${i}]`, v, '应为对象', 'expected an object');
    onlyKnown(v, ['purpose', 'value'], `vehicles[${i}]`);
    return { purpose: term(VEHICLE_PURPOSES, v, 'purpose', `vehicles[${i}].purpose`, true) as VehiclePurpose, value: amount(v, 'value', `vehicles[${i}].value`) };
  });

  const rigid = raw.rigid_expenses_12m ?? { medical: 0, education: 0, rehabilitation: 0, other: 0 };
  if (!isObject(rigid)) throw invalid('rigid_expenses_12m', rigid, '应为对象', 'expected an object');
  onlyKnown(rigid, ['medical', 'education', 'rehabilitation', 'other'], 'rigid_expenses_12m');
  const rigidItem = (k: keyof RigidExpenses) => (rigid[k] === undefined ? 0 : amount(rigid, k, `rigid_expenses_12m.${k}`));

  const membersRaw = raw.members;
  if (!Array.isArray(membersRaw) || membersRaw.length === 0) throw invalid('members', membersRaw, '至少一名成员', 'at least one member');
  const seen = new Set<string>();
  const members = membersRaw.map((m, i): MemberDescription => {
    const path = `members[${i}]`;
    if (!isObject(m)) throw invalid(path, m, '应为对象', 'expected an object');
    onlyKnown(m, MEMBER_FIELDS, path);
    const id = idNumber(m, `${path}.id_number`, asOf);
    if (seen.has(id)) throw invalid(`${path}.id_number`, '(已隐去 / withheld)', '与其他成员重复', 'appears twice');
    seen.add(id);
    const grade = m.disability_grade === undefined || m.disability_grade === null || m.disability_grade === '' ? null : Number(m.disability_grade);
    if (grade !== null && !(Number.isInteger(grade) && grade >= 1 && grade <= 4)) throw invalid(`${path}.disability_grade`, m.disability_grade, '应为 1–4', 'expected 1–4');
    const type = term(DISABILITY_TYPES, m, 'disability_type', `${path}.disability_type`, false);
    if ((grade === null) !== (type === null)) {
      throw invalid(`${path}.disability_${grade === null ? 'grade' : 'type'}`, null, '残疾类别与等级须同时填写', 'disability type and grade go together');
    }
    return {
      id_number: id,
      relation: term(RELATIONS, m, 'relation', `${path}.relation`, true) as Relation,
      work_ability: term(WORK_ABILITIES, m, 'work_ability', `${path}.work_ability`, false),
      disability_type: type,
      disability_grade: grade,
      health: term(HEALTH_STATES, m, 'health', `${path}.health`, false),
      in_school: bool(m, 'in_school', `${path}.in_school`, false),
      self_care: term(SELF_CARE, m, 'self_care', `${path}.self_care`, false),
    };
  });
  const heads = members.filter((m) => m.relation === 'head').length;
  if (heads !== 1) throw invalid('members', `${heads} × head`, '须有且只有一名户主（relation = head）', 'needs exactly one member with relation "head"');

  const supportersRaw = raw.supporters ?? [];
  if (!Array.isArray(supportersRaw)) throw invalid('supporters', supportersRaw, '应为数组', 'expected an array');
  const supporterIds = new Set<string>();
  const supporters = supportersRaw.map((s, i) => {
    if (!isObject(s)) throw invalid(`supporters[${i}]`, s, '应为对象', 'expected an object');
    onlyKnown(s, ['id_number', 'able'], `supporters[${i}]`);
    const id = idNumber(s, `supporters[${i}].id_number`, asOf);
    if (supporterIds.has(id)) throw invalid(`supporters[${i}].id_number`, '(已隐去 / withheld)', '与其他义务人重复', 'appears twice');
    supporterIds.add(id);
    if (seen.has(id)) throw invalid(`supporters[${i}].id_number`, '(已隐去 / withheld)', '户外义务人不能同时是户内成员', 'a supporter outside the household cannot also be a member');
    return { id_number: id, able: bool(s, 'able', `supporters[${i}].able`) };
  });

  return {
    region_code: regionCode,
    hukou_type: hukou,
    as_of: asOf,
    annual_income: amount(raw, 'annual_income', 'annual_income'),
    financial_assets: amount(raw, 'financial_assets', 'financial_assets'),
    vehicles,
    properties: count(raw, 'properties', 'properties'),
    rigid_expenses_12m: { medical: rigidItem('medical'), education: rigidItem('education'), rehabilitation: rigidItem('rehabilitation'), other: rigidItem('other') },
    members,
    supporters,
  };
}
