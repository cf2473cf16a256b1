/**
 * One row of a registry import file (one person), purely: the header mapping from a file's
 * headers to the canonical columns, and the per-row checks (formats, vocabularies, the ID
 * number). Checks that need the database or the whole file (region exists, person already in
 * another household, duplicates, heads) are set-based, in import/registry-import.ts.
 *
 * Error values are cut to about 50 characters and ID numbers masked: an error report is a
 * file a clerk keeps, so it never holds a full ID number.
 */
import { checkIdNumber, maskIdNumber } from './id-number.js';
import { normalizeRegionCode, levelOfCode } from '../../regions/region-code.js';
import {
  CATEGORIES, DISABILITY_TYPES, EMPLOYMENT_STATES, HEALTH_STATES, HUKOU_TYPES, RELATIONS, SCHOOL_STAGES, WORK_ABILITIES,
  describeTerms, parseTerm, type Vocabulary,
} from './vocabulary.js';

export interface ColumnSpec {
  name: string;
  zh: string;
  required: boolean;
  aliases?: readonly string[];
  vocab?: Vocabulary;
}

/** The import columns, in template order. Canonical names and Chinese headers are both accepted. */
export const REGISTRY_COLUMNS = [
  { name: 'household_code', zh: '户编号', required: true, aliases: ['户号', '家庭编号'] },
  { name: 'region_code', zh: '行政区划代码', required: true, aliases: ['区划代码', '村社区代码'] },
  { name: 'hukou_type', zh: '户籍性质', required: true, aliases: ['户口性质'], vocab: HUKOU_TYPES },
  { name: 'address', zh: '住址', required: false, aliases: ['家庭住址', '地址'] },
  { name: 'hukou_booklet_no', zh: '户口簿号', required: false, aliases: ['户口本号'] },
  { name: 'id_number', zh: '身份证号', required: true, aliases: ['身份证号码', '公民身份号码'] },
  { name: 'name', zh: '姓名', required: true },
  { name: 'relation', zh: '与户主关系', required: true, aliases: ['关系'], vocab: RELATIONS },
  { name: 'phone', zh: '联系电话', required: false, aliases: ['电话', '手机号', '联系方式'] },
  { name: 'disability_type', zh: '残疾类别', required: false, aliases: ['残疾类型'], vocab: DISABILITY_TYPES },
  { name: 'disability_grade', zh: '残疾等级', required: false },
  { name: 'work_ability', zh: '劳动能力', required: false, vocab: WORK_ABILITIES },
  { name: 'health', zh: '健康状况', required: false, vocab: HEALTH_STATES },
  { name: 'school_stage', zh: '在校阶段', required: false, aliases: ['在校情况'], vocab: SCHOOL_STAGES },
  { name: 'employment', zh: '就业状况', required: false, aliases: ['就业情况'], vocab: EMPLOYMENT_STATES },
  { name: 'categories', zh: '救助类别', required: false, aliases: ['类别', '人员类别'], vocab: CATEGORIES },
  { name: 'category_since', zh: '认定日期', required: false, aliases: ['认定时间'] },
] as const satisfies readonly ColumnSpec[];

export type ColumnName = (typeof REGISTRY_COLUMNS)[number]['name'];
export type RawRow = Partial<Record<ColumnName, string>>;

export interface RowError {
  /** Spreadsheet row number: the header is row 1. */
  row: number;
  /** Canonical column name, or the file's header text for a header error; '' for the whole row. */
  column: string;
  value: string;
  /** "中文 / English" */
  reason: string;
}

export interface RegistryRow {
  row: number;
  household_code: string;
  region_code: string;
  hukou_type: string;
  address: string | null;
  hukou_booklet_no: string | null;
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
  categories: string[];
  category_since: string | null;
}

/** A rejected row keeps the values that did parse (undefined for the others) for the set-based checks. */
export type ParsedRow = { ok: true; row: RegistryRow } | { ok: false; errors: RowError[]; partial: Partial<RegistryRow> };

export const MAX_VALUE_CHARS = 50;
/** The template's example row uses this household code; importing it by mistake is refused. */
export const EXAMPLE_HOUSEHOLD_PREFIX = 'EXAMPLE';

const COLUMN_BY_NAME = new Map<string, ColumnSpec>(REGISTRY_COLUMNS.map((c) => [c.name, c]));

export function columnSpec(name: string): ColumnSpec | undefined {
  return COLUMN_BY_NAME.get(name);
}

/** "身份证号 id_number": the header form the template uses. */
export function columnLabel(name: string): string {
  const spec = COLUMN_BY_NAME.get(name);
  return spec ? `${spec.zh} ${spec.name}` : name;
}

// ---------------------------------------------------------------- headers

export interface HeaderMapping {
  /** Canonical column per header position; undefined for an empty (ignored) header. */
  columns: (ColumnName | undefined)[];
  errors: RowError[];
}

const HEADER_KEYS = (() => {
  const keys = new Map<string, ColumnName>();
  for (const c of REGISTRY_COLUMNS) {
    for (const k of [c.name, c.zh, ...((c as ColumnSpec).aliases ?? [])]) keys.set(headerKey(k), c.name);
  }
  return keys;
})();

/** Case-, space- and decoration-insensitive: BOM, spaces, '*', brackets and ':' removed. */
export function headerKey(raw: string): string {
  return raw.replace(/^\uFEFF/, '').toLowerCase().replace(/[\s\u3000*＊:：()（）[\]【】]/g, '');
}

/** One header: canonical, Chinese, alias, or the template's combined "户编号 household_code". */
export function resolveHeader(raw: string): ColumnName | undefined {
  const key = headerKey(raw);
  const direct = HEADER_KEYS.get(key);
  if (direct) return direct;
  const latin = key.match(/^[^a-z_]*([a-z_]+)[^a-z_]*$/)?.[1];
  if (!latin) return undefined;
  const byLatin = HEADER_KEYS.get(latin);
  const rest = key.replace(latin, '');
  return byLatin && (rest === '' || HEADER_KEYS.get(rest) === byLatin) ? byLatin : undefined;
}

export function mapHeaders(headers: readonly string[]): HeaderMapping {
  const errors: RowError[] = [];
  const seen = new Map<ColumnName, string>();
  const columns = headers.map((h): ColumnName | undefined => {
    if (headerKey(h) === '') return undefined;
    const col = resolveHeader(h);
    if (!col) {
      errors.push(headerError(h, `无法识别的列「${cut(h)}」`, `unknown column "${cut(h)}"`));
      return undefined;
    }
    const first = seen.get(col);
    if (first !== undefined) {
      errors.push(headerError(h, `列重复：「${cut(h)}」与「${cut(first)}」都是${columnLabel(col)}`, `duplicate column: "${cut(h)}" and "${cut(first)}" are both ${col}`));
      return undefined;
    }
    seen.set(col, h);
    return col;
  });
  for (const c of REGISTRY_COLUMNS) {
    if (c.required && !seen.has(c.name)) {
      errors.push(headerError(columnLabel(c.name), `缺少必填列「${c.zh}」（${c.name}）`, `missing required column ${c.name} (${c.zh})`));
    }
  }
  return { columns, errors };
}

function headerError(column: string, zh: string, en: string): RowError {
  return { row: 1, column: cut(column), value: cut(column), reason: `${zh} / ${en}` };
}

// ---------------------------------------------------------------- rows

/** Report form of a value: trimmed, cut to about 50 characters, ID numbers masked. */
export function reportValue(column: string, value: string | undefined): string {
  const v = (value ?? '').trim();
  return column === 'id_number' ? cut(maskIdNumber(v)) : cut(v);
}

function cut(v: string): string {
  return v.length > MAX_VALUE_CHARS ? `${v.slice(0, MAX_VALUE_CHARS)}…` : v;
}

/** Text with no control characters (tabs and line breaks included) within the length. */
function plainText(v: string, max: number): boolean {
  // eslint-disable-next-line no-control-regex
  return v.length <= max && !/[\u0000-\u001f\u007f]/.test(v);
}

/** parseTerm with a cache of exact cell texts: a file repeats the same few values a million times. */
const termCache = new WeakMap<Vocabulary, Map<string, string | undefined>>();

function termOf(vocab: Vocabulary, text: string): string | undefined {
  let cache = termCache.get(vocab);
  if (!cache) termCache.set(vocab, (cache = new Map()));
  if (cache.has(text)) return cache.get(text);
  const code = parseTerm(vocab, text);
  if (cache.size < 1000) cache.set(text, code);
  return code;
}

class RowChecker {
  readonly errors: RowError[] = [];
  constructor(
    private readonly raw: RawRow,
    private readonly rowNumber: number,
  ) {}

  text(col: ColumnName): string {
    return (this.raw[col] ?? '').trim();
  }

  fail(col: ColumnName, zh: string, en: string): undefined {
    const spec = COLUMN_BY_NAME.get(col)!;
    this.errors.push({ row: this.rowNumber, column: col, value: reportValue(col, this.raw[col]), reason: `${spec.zh}${zh} / ${col} ${en}` });
    return undefined;
  }

  required(col: ColumnName): string | undefined {
    const v = this.text(col);
    return v === '' ? this.fail(col, '不能为空', 'is required') : v;
  }

  term(col: ColumnName, vocab: Vocabulary, required = false): string | null | undefined {
    const v = this.text(col);
    if (v === '') return required ? this.fail(col, '不能为空', 'is required') : null;
    const code = termOf(vocab, v);
    if (code) return code;
    return this.fail(col, `取值无效，可选：${describeTerms(vocab)}`, `is not one of: ${vocab.map((t) => t.code).join(', ')}`);
  }

  plain(col: ColumnName, max: number, required: boolean): string | null | undefined {
    const v = required ? this.required(col) : this.text(col) || null;
    if (!v) return v;
    return plainText(v, max) ? v : this.fail(col, `不能超过 ${max} 个字符，且不能含换行等控制字符`, `must be at most ${max} characters with no line breaks or control characters`);
  }
}

export function parseRegistryRow(raw: RawRow, rowNumber: number, today: string): ParsedRow {
  const c = new RowChecker(raw, rowNumber);
  const id = idNumber(c, today);
  const disability = disabilityOf(c);
  const values: Partial<RegistryRow> = {
    row: rowNumber,
    household_code: householdCode(c),
    region_code: regionCode(c),
    hukou_type: c.term('hukou_type', HUKOU_TYPES, true) ?? undefined,
    address: c.plain('address', 200, false),
    hukou_booklet_no: c.plain('hukou_booklet_no', 30, false),
    id_number: id?.id_number,
    name: personName(c),
    relation: c.term('relation', RELATIONS, true) ?? undefined,
    sex: id?.sex,
    birth_date: id?.birth_date,
    phone: phoneNumber(c),
    disability_type: disability?.type,
    disability_grade: disability?.grade,
    work_ability: c.term('work_ability', WORK_ABILITIES),
    health: c.term('health', HEALTH_STATES),
    school_stage: c.term('school_stage', SCHOOL_STAGES),
    employment: c.term('employment', EMPLOYMENT_STATES),
    categories: categoryList(c),
  };
  values.category_since = categorySince(c, today, id?.birth_date);
  if (c.errors.length > 0) return { ok: false, errors: c.errors.sort(byColumnOrder), partial: values };
  return { ok: true, row: values as RegistryRow };
}

const COLUMN_ORDER = new Map<string, number>(REGISTRY_COLUMNS.map((c, i) => [c.name, i]));
const byColumnOrder = (a: RowError, b: RowError) => (COLUMN_ORDER.get(a.column) ?? -1) - (COLUMN_ORDER.get(b.column) ?? -1);

function householdCode(c: RowChecker): string | undefined {
  const v = c.required('household_code');
  if (v === undefined) return undefined;
  if (v.toUpperCase().startsWith(EXAMPLE_HOUSEHOLD_PREFIX)) {
    return c.fail('household_code', '是模板中的示例行，导入前请删除', 'is the template example row: delete it before importing');
  }
  if (!/^[A-Za-z0-9][A-Za-z0-9_\-./]{0,63}$/.test(v) && !/^[\p{L}\p{N}][\p{L}\p{N}_\-./]{0,63}$/u.test(v)) {
    return c.fail('household_code', '只能由字母、数字和 - _ . / 组成，最长 64 个字符', 'must be letters, digits and - _ . / (at most 64 characters)');
  }
  return v;
}

const LEVEL_ZH: Record<string, string> = { province: '省级', prefecture: '市级', county: '县级', township: '乡镇级', village: '村级' };

function regionCode(c: RowChecker): string | undefined {
  const v = c.required('region_code');
  if (v === undefined) return undefined;
  const code = normalizeRegionCode(v);
  if (!code) return c.fail('region_code', '格式无效：应为12位村（社区）级代码', 'is not a region code: expected a 12-digit village/community code');
  const level = levelOfCode(code)!;
  if (level !== 'village') {
    return c.fail('region_code', `须为村（社区）级12位代码，实为${LEVEL_ZH[level]}代码`, `must be a village/community-level (12-digit) code, got a ${level} code`);
  }
  return code;
}

interface IdFacts {
  id_number: string;
  sex: 'male' | 'female';
  birth_date: string;
}

function idNumber(c: RowChecker, today: string): IdFacts | undefined {
  const v = c.required('id_number');
  if (v === undefined) return undefined;
  const check = checkIdNumber(v, today);
  if (check.valid && check.id_number && check.sex && check.birth_date) {
    return { id_number: check.id_number, sex: check.sex, birth_date: check.birth_date };
  }
  const zh = check.errors.map((e) => e.message.split(' / ')[0]).join('；') || '无效';
  const en = check.errors.map((e) => e.message.split(' / ')[1] ?? e.message).join('; ') || 'invalid';
  return c.fail('id_number', `无效：${zh}`, `is invalid: ${en}`);
}

function personName(c: RowChecker): string | undefined {
  const v = c.plain('name', 50, true);
  if (!v) return undefined;
  return /\d/.test(v) ? c.fail('name', '不能包含数字', 'must not contain digits') : v;
}

function phoneNumber(c: RowChecker): string | null | undefined {
  const v = c.text('phone');
  if (v === '') return null;
  const compact = v.replace(/[\s()（）]/g, '').replace(/^(\+86|0086)(?=1\d{10}$)/, '');
  if (/^1[3-9]\d{9}$/.test(compact)) return compact;
  if (/^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/.test(compact) || /^\d{7,8}$/.test(compact)) return compact;
  return c.fail('phone', '格式无效：应为11位手机号或带区号的固定电话', 'is not a phone number: expected an 11-digit mobile or a landline with area code');
}

const NONE_WORDS = new Set(['无', '否', '-', '—', '/', 'none', 'no', '非残疾']);
const GRADES: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 壹: 1, 贰: 2, 叁: 3, 肆: 4 };

function disabilityOf(c: RowChecker): { type: string | null; grade: number | null } | undefined {
  const typeText = c.text('disability_type');
  const gradeText = c.text('disability_grade');
  const type = NONE_WORDS.has(typeText.toLowerCase()) ? null : c.term('disability_type', DISABILITY_TYPES);
  const grade = NONE_WORDS.has(gradeText.toLowerCase()) || gradeText === '' ? null : parseGrade(gradeText);
  if (grade === undefined) {
    c.fail('disability_grade', '取值无效：应为 1–4 或 一级–四级', 'must be 1–4 (or 一级–四级)');
  }
  if (type === undefined || grade === undefined) return undefined;
  if ((type === null) !== (grade === null)) {
    const col = type === null ? 'disability_type' : 'disability_grade';
    return c.fail(col, '残疾类别和残疾等级须同时填写或同时留空', 'disability type and grade go together: fill both or neither');
  }
  return { type, grade };
}

function parseGrade(v: string): number | undefined {
  const m = v.match(/^([1-4一二三四壹贰叁肆])\s*级?$/);
  if (!m) return undefined;
  return GRADES[m[1]] ?? Number(m[1]);
}

function categoryList(c: RowChecker): string[] | undefined {
  const v = c.text('categories');
  if (v === '') return [];
  const codes: string[] = [];
  for (const part of v.split(/[;；、,，]/).map((p) => p.trim()).filter(Boolean)) {
    const code = termOf(CATEGORIES, part);
    if (!code) {
      return c.fail('categories', `中「${cut(part)}」无效，可选：${describeTerms(CATEGORIES)}（多个用 ; 分隔）`, `"${cut(part)}" is not one of: ${CATEGORIES.map((t) => t.code).join(', ')} (separate several with ;)`);
    }
    if (!codes.includes(code)) codes.push(code);
  }
  return codes;
}

function categorySince(c: RowChecker, today: string, birthDate: string | undefined): string | null | undefined {
  const v = c.text('category_since');
  if (v === '') return null;
  const date = parseDate(v);
  if (!date) return c.fail('category_since', '不是有效日期：应为 YYYY-MM-DD（也接受 YYYY/MM/DD、YYYYMMDD）', 'is not a date: expected YYYY-MM-DD (also YYYY/MM/DD, YYYYMMDD)');
  if (date > today) return c.fail('category_since', `晚于今天（${today}）`, `is after today (${today})`);
  if (birthDate && date < birthDate) return c.fail('category_since', '早于出生日期', 'is before the date of birth');
  if (c.text('categories') === '') return c.fail('category_since', '已填写，但救助类别为空', 'is given but categories is empty');
  return date;
}

/** YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYYMMDD or an Excel date serial (≥ 10000) → YYYY-MM-DD. */
export function parseDate(raw: string): string | undefined {
  const v = raw.trim();
  let m = v.match(/^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]00:00(?::00(?:\.0+)?)?)?$/);
  if (!m) m = v.match(/^(\d{4})(\d{2})(\d{2})$/);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  if (/^\d{5}(\.0+)?$/.test(v)) return excelSerialDate(Number(v));
  return undefined;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isoDate(y: number, m: number, d: number): string | undefined {
  if (y < 1900 || m < 1 || m > 12 || d < 1) return undefined;
  const leap = m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > DAYS_IN_MONTH[m - 1] + (leap ? 1 : 0)) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Excel's 1900 date system: serial 25569 is 1970-01-01 (the 1900 leap-year bug is before any serial we accept). */
export function excelSerialDate(serial: number): string | undefined {
  if (!Number.isInteger(serial) || serial < 10000 || serial > 99999) return undefined;
  return new Date((serial - 25569) * 86400_000).toISOString().slice(0, 10);
}
