/**
 * The data-sharing catalog's definitions: a dataset belongs to a department and has typed
 * fields, a key field (the resident ID number) and an event field (the date the row is about).
 * `checkDataset` validates a definition before it is saved, since table columns follow it.
 */
import { AppError } from '../../../platform/errors.js';

export const FIELD_TYPES = ['id_number', 'date', 'month', 'amount', 'number', 'integer', 'enum', 'boolean', 'text'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
export const PII_CLASSES = ['identifier', 'sensitive', 'none'] as const;
export const FREQUENCIES = ['daily', 'monthly', 'quarterly', 'yearly', 'on_change'] as const;

export interface FieldDef {
  code: string;
  zh: string;
  en: string;
  type: FieldType;
  required: boolean;
  unit?: string;
  pii: (typeof PII_CLASSES)[number];
  /** Enumerations: the code and its Chinese form (both accepted in files). */
  values?: { code: string; zh: string }[];
  /** Other header names departments use for this field. */
  aliases?: string[];
  min?: number;
  max?: number;
}

export interface DatasetDef {
  code: string;
  department: string;
  zh: string;
  en: string;
  frequency: (typeof FREQUENCIES)[number];
  legal_basis: string;
  purpose: string;
  /** Days a row about a person who is not in the registry is kept, from the batch's receipt. */
  retention_days: number;
  responsible_unit: string;
  key_field: 'id_number';
  event_field: string;
  fields: FieldDef[];
}

export interface DepartmentDef {
  code: string;
  zh: string;
  en: string;
  full_name?: string;
}

/** Columns every dataset table has besides its fields. */
export const SYSTEM_COLUMNS = ['batch_id', 'row_no', 'id_hash', 'id_sealed', 'id_masked'] as const;
const CODE = /^[a-z][a-z0-9_]{1,40}$/;

export function tableOf(dataset: string): string {
  if (!CODE.test(dataset)) throw new Error(`not a dataset code: ${dataset}`);
  return `ds_${dataset}`;
}

function bad(path: string, zh: string, en: string): AppError {
  return new AppError('VALIDATION', { zh: `${path}：${zh}`, en: `${path}: ${en}` }, { field: path });
}

function text(obj: Record<string, unknown>, key: string, path: string, optional = false): string | undefined {
  const v = obj[key];
  if (v === undefined || v === null || v === '') {
    if (optional) return undefined;
    throw bad(`${path}.${key}`, '必填', 'required');
  }
  if (typeof v !== 'string' || v.length > 500) throw bad(`${path}.${key}`, '应为不超过 500 字的文本', 'expected text of at most 500 characters');
  return v;
}

function oneOf<T extends string>(list: readonly T[], v: unknown, path: string): T {
  if (!list.includes(v as T)) throw bad(path, `应为 ${list.join('/')}`, `expected one of ${list.join(', ')}`);
  return v as T;
}

/** Validate a definition (from the seed file or an administrator's edit). */
export function checkDataset(raw: unknown, departments: ReadonlySet<string>): DatasetDef {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw bad('dataset', '应为 JSON 对象', 'expected a JSON object');
  const d = raw as Record<string, unknown>;
  const code = text(d, 'code', 'dataset')!;
  if (!CODE.test(code)) throw bad('code', '应为小写字母开头的字母、数字、下划线（2–41 位）', 'expected lower-case letters, digits and _ (2–41), starting with a letter');
  const department = text(d, 'department', code)!;
  if (!departments.has(department)) throw bad(`${code}.department`, `未知部门「${department}」`, `unknown department "${department}"`);
  const retention = d.retention_days;
  if (typeof retention !== 'number' || !Number.isInteger(retention) || retention < 1 || retention > 3650) {
    throw bad(`${code}.retention_days`, '应为 1–3650 的整数（天）', 'expected a whole number of days, 1–3650');
  }
  if (!Array.isArray(d.fields) || d.fields.length < 2) throw bad(`${code}.fields`, '至少需要身份证号和一个日期字段', 'needs the ID number and at least one date field');
  const seen = new Set<string>();
  const fields = d.fields.map((f, i) => checkField(f, `${code}.fields[${i}]`, seen));
  const key = fields.find((f) => f.code === 'id_number');
  const otherIds = fields.filter((f) => f.type === 'id_number' && f.code !== 'id_number');
  if (otherIds.length) {
    throw bad(`${code}.${otherIds[0].code}`, '只有主键字段 id_number 可以是身份证号类型（其他身份证号无法加密保存）', 'only the key field id_number may be of type id_number (another would be stored unsealed)');
  }
  if (d.key_field !== 'id_number' || !key || key.type !== 'id_number' || !key.required) {
    throw bad(`${code}.key_field`, '主键字段应为必填的 id_number（身份证号）', 'the key field must be id_number, required, of type id_number');
  }
  const eventField = text(d, 'event_field', code)!;
  const event = fields.find((f) => f.code === eventField);
  if (!event || !['date', 'month'].includes(event.type) || !event.required) {
    throw bad(`${code}.event_field`, '事件日期字段应为必填的日期或月份字段', 'the event field must be a required date or month field');
  }
  return {
    code,
    department,
    zh: text(d, 'zh', code)!,
    en: text(d, 'en', code)!,
    frequency: oneOf(FREQUENCIES, d.frequency, `${code}.frequency`),
    legal_basis: text(d, 'legal_basis', code)!,
    purpose: text(d, 'purpose', code)!,
    retention_days: retention,
    responsible_unit: text(d, 'responsible_unit', code)!,
    key_field: 'id_number',
    event_field: eventField,
    fields,
  };
}

function checkField(raw: unknown, path: string, seen: Set<string>): FieldDef {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw bad(path, '应为对象', 'expected an object');
  const f = raw as Record<string, unknown>;
  const code = text(f, 'code', path)!;
  if (!CODE.test(code) || (SYSTEM_COLUMNS as readonly string[]).includes(code)) throw bad(`${path}.code`, `字段编码「${code}」无效或为保留字`, `field code "${code}" is invalid or reserved`);
  if (seen.has(code)) throw bad(`${path}.code`, `字段「${code}」重复`, `field "${code}" appears twice`);
  seen.add(code);
  const type = oneOf(FIELD_TYPES, f.type, `${path}.type`);
  const out: FieldDef = { code, zh: text(f, 'zh', path)!, en: text(f, 'en', path)!, type, required: f.required === true, pii: oneOf(PII_CLASSES, f.pii ?? 'none', `${path}.pii`) };
  const unit = text(f, 'unit', path, true);
  if (unit) out.unit = unit;
  if (type === 'enum') {
    if (!Array.isArray(f.values) || f.values.length === 0) throw bad(`${path}.values`, '枚举字段需列出取值', 'an enum field lists its values');
    out.values = f.values.map((v, i) => {
      const o = (v ?? {}) as Record<string, unknown>;
      return { code: text(o, 'code', `${path}.values[${i}]`)!, zh: text(o, 'zh', `${path}.values[${i}]`)! };
    });
  }
  if (f.aliases !== undefined) {
    if (!Array.isArray(f.aliases) || f.aliases.some((a) => typeof a !== 'string')) throw bad(`${path}.aliases`, '应为文本数组', 'expected a list of text');
    out.aliases = f.aliases as string[];
  }
  for (const k of ['min', 'max'] as const) {
    if (f[k] !== undefined) {
      if (typeof f[k] !== 'number') throw bad(`${path}.${k}`, '应为数字', 'expected a number');
      out[k] = f[k] as number;
    }
  }
  return out;
}

/** The SQL type of a field's column. */
export function columnType(t: FieldType): string {
  switch (t) {
    case 'date':
    case 'month':
      return 'date';
    case 'amount':
      return 'numeric(14,2)';
    case 'number':
      return 'numeric';
    case 'integer':
      return 'integer';
    case 'boolean':
      return 'boolean';
    default:
      return 'text';
  }
}

/** The columns a dataset's table holds for its fields (the ID number is stored as hash, sealed and masked). */
export function dataColumns(def: DatasetDef): FieldDef[] {
  return def.fields.filter((f) => f.code !== def.key_field);
}

/** DDL for a new dataset table; identifiers come from validated codes only. */
export function createTableSql(def: DatasetDef): string[] {
  const table = tableOf(def.code);
  const cols = dataColumns(def).map((f) => `"${f.code}" ${columnType(f.type)}`);
  return [
    // No foreign key to ingest_batch: rows are only ever written in the transaction that writes
    // their batch, and a per-row key check cost more than a third of a load (measured).
    `CREATE TABLE IF NOT EXISTS ${table} (batch_id bigint NOT NULL, row_no integer NOT NULL, id_hash text COLLATE "C" NOT NULL, id_sealed text NOT NULL, id_masked text NOT NULL${cols.length ? ', ' + cols.join(', ') : ''})`,
    `ALTER TABLE ${table} DROP CONSTRAINT IF EXISTS ${table}_batch_id_fkey`,
    // A person's rows (the household page, monitoring per person): equality on the hash only,
    // so a hash index, which costs less than half a btree's upkeep during a load (measured).
    `DROP INDEX IF EXISTS ${table}_person_idx`,
    `CREATE INDEX IF NOT EXISTS ${table}_person_hash ON ${table} USING hash (id_hash)`,
    // Batches arrive in id order and months mostly in date order: BRIN indexes cost almost
    // nothing to keep up during a load of millions of rows, and still narrow a scan to a batch
    // or a time window.
    `CREATE INDEX IF NOT EXISTS ${table}_batch_brin ON ${table} USING brin (batch_id)`,
    `CREATE INDEX IF NOT EXISTS ${table}_event_brin ON ${table} USING brin ("${def.event_field}")`,
  ];
}

/**
 * DDL to bring a dataset's table from one definition to the next: new fields become new
 * columns; a removed field keeps its column (its data stays); a changed type is refused.
 */
export function alterTableSql(before: DatasetDef, after: DatasetDef): string[] {
  const old = new Map(before.fields.map((f) => [f.code, f]));
  const out: string[] = [];
  for (const f of dataColumns(after)) {
    const prev = old.get(f.code);
    if (!prev) out.push(`ALTER TABLE ${tableOf(after.code)} ADD COLUMN IF NOT EXISTS "${f.code}" ${columnType(f.type)}`);
    else if (columnType(prev.type) !== columnType(f.type)) {
      throw bad(`${after.code}.${f.code}`, `不能更改已有字段的类型（${prev.type} → ${f.type}），请新增字段`, `the type of an existing field cannot change (${prev.type} → ${f.type}); add a new field`);
    }
  }
  if (before.event_field !== after.event_field) {
    out.push(`CREATE INDEX IF NOT EXISTS ${tableOf(after.code)}_${after.event_field}_brin ON ${tableOf(after.code)} USING brin ("${after.event_field}")`);
  }
  return out;
}
