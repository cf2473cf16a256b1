/**
 * Recipients migrated from an earlier system (`safetynet import entitlements FILE`): one row per
 * entitlement — household, payee's ID number, program, monthly amount, start month, optional
 * bank account — read with the registry import's reader (CSV in UTF-8 or GBK, XLSX), checked row
 * by row and against the registry and the open entitlements, and written all-or-nothing in one
 * transaction as fixed-amount entitlements (`{"kind":"fixed","amount_fen":N}`, source
 * `import:<file name>`). A file with any error writes nothing and lists every error with its row,
 * field, value and reason. ID and account numbers are shown masked everywhere (docs/formats/
 * entitlements.md).
 */
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Clock } from '../../platform/clock.js';
import type { PiiVault } from '../../platform/crypto/pii-vault.js';
import { AppError } from '../../platform/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { inScope, requirePermission, type Actor } from '../access/domain/actor.js';
import { openRegistryFile, sha256File, type RawRecord } from '../registry/import/file-source.js';
import { headerKey } from '../registry/domain/registry-row.js';
import { checkIdNumber, maskIdNumber } from '../registry/domain/id-number.js';
import { checkAccountNumber, maskAccountNumber } from './domain/account.js';
import { isPerPerson, programOf, PROGRAMS, type ProgramCode } from './domain/entitlement.js';
import { isMonth } from './domain/months.js';

export const ENTITLEMENT_COLUMNS = [
  { name: 'household_code', zh: '户编号', required: true, aliases: ['户号', '家庭编号'] },
  { name: 'id_number', zh: '身份证号', required: true, aliases: ['身份证号码', '公民身份号码', '领款人身份证号'] },
  { name: 'program', zh: '救助项目', required: true, aliases: ['项目', '待遇项目'] },
  { name: 'monthly_amount', zh: '月发放金额', required: true, aliases: ['月金额', '发放金额', '金额'] },
  { name: 'start_month', zh: '起始月份', required: true, aliases: ['起发月份', '开始月份'] },
  { name: 'account_number', zh: '银行账号', required: false, aliases: ['账号', '银行卡号', '卡号'] },
] as const;

export type EntitlementColumn = (typeof ENTITLEMENT_COLUMNS)[number]['name'];

export interface ImportRowError {
  /** Spreadsheet row number: the header is row 1. */
  row: number;
  /** The column ('' for the whole row; the file's header text for a header error). */
  field: string;
  /** The cell as written, cut to 50 characters; ID and account numbers masked. */
  value: string;
  zh: string;
  en: string;
}

export interface EntitlementImportCommitted {
  file: string;
  rows: number;
  created: number;
  by_program: Record<ProgramCode, number>;
}

export interface EntitlementImportRefused {
  file: string;
  rows: number;
  created: 0;
  error_count: number;
  /** Every error, in row order. */
  errors: ImportRowError[];
}

export type EntitlementImportResult = EntitlementImportCommitted | EntitlementImportRefused;

export function isRefused(r: EntitlementImportResult): r is EntitlementImportRefused {
  return 'errors' in r;
}

export interface ImportSource {
  /** Shown in the result; its base name is the entitlements' source `import:<name>`. */
  file: string;
  format: 'csv' | 'xlsx' | 'jsonl';
  headers: readonly string[];
  firstRow: number;
  records: AsyncIterable<RawRecord> | Iterable<RawRecord>;
  sha256?: string;
}

/** Monthly amounts of ¥100,000 or more are refused: almost surely fen written as yuan. */
const MAX_AMOUNT_FEN = 100_000 * 100 - 1;
const MAX_VALUE_CHARS = 50;
const CHUNK = 500;

interface ParsedRow {
  row: number;
  household_code?: string;
  id_number?: string;
  program?: ProgramCode;
  amount_fen?: number;
  start_month?: string;
  account_number?: string | null;
}

interface Resolved extends ParsedRow {
  household_id?: string;
  person_id?: string;
}

export class EntitlementImport {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly vault: PiiVault,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Read the file (CSV UTF-8/GBK, XLSX) and import it. Unreadable files throw a VALIDATION error. */
  async importFile(file: string, actor: Actor): Promise<EntitlementImportResult> {
    requirePermission(actor, 'payment.prepare');
    const source = await openRegistryFile(file);
    return this.importRecords({ file: path.resolve(file), format: source.format, headers: source.headers, firstRow: source.firstRow, records: source.records, sha256: await sha256File(file) }, actor);
  }

  async importRecords(source: ImportSource, actor: Actor): Promise<EntitlementImportResult> {
    requirePermission(actor, 'payment.prepare');
    const fileName = path.basename(source.file);
    const errors: ImportRowError[] = [];
    const parsed: ParsedRow[] = [];
    const mapping = mapHeaders(source.headers);
    errors.push(...mapping.errors);
    if (mapping.errors.length === 0) {
      const pairs = source.headers.flatMap((h, i) => (mapping.columns[i] ? [[h, mapping.columns[i]!] as const] : []));
      let row = source.firstRow - 1;
      for await (const rec of source.records) {
        row++;
        if (isBlank(rec)) continue;
        parsed.push(parseRow(rec, row, pairs, source.format, this.clock.today(), errors));
      }
      if (parsed.length === 0) errors.push({ row: source.firstRow, field: '', value: '', zh: '文件中没有数据行', en: 'the file has no data rows' });
    }
    const result = await this.db.transaction().execute(async (trx) => {
      // one import at a time: the open-entitlement check and the inserts see a stable table
      await sql`SELECT pg_advisory_xact_lock(hashtext('safetynet:entitlement_import'))`.execute(trx);
      if (parsed.length > 0) errors.push(...(await this.check(trx, parsed, actor)));
      if (errors.length > 0) return undefined;
      const byProgram = Object.fromEntries(PROGRAMS.map((p) => [p.code, 0])) as Record<ProgramCode, number>;
      const now = this.clock.now();
      const values = (parsed as Required<Resolved>[]).map((r) => {
        byProgram[r.program]++;
        return {
          program: r.program, household_id: r.household_id, payee_person_id: r.person_id, rule: JSON.stringify({ kind: 'fixed', amount_fen: r.amount_fen }),
          start_month: r.start_month, account_sealed: r.account_number ? this.vault.seal(r.account_number) : null, account_masked: r.account_number ? maskAccountNumber(r.account_number) : null,
          source: `import:${fileName}`, created_by: actor.label, created_at: now, updated_at: now,
        };
      });
      try {
        for (let i = 0; i < values.length; i += CHUNK) await trx.insertInto('payment_entitlement').values(values.slice(i, i + CHUNK)).execute();
      } catch (err) {
        if ((err as { code?: string }).code === '23505') {
          throw new AppError('CONFLICT', { zh: '导入期间另有待遇被建立（例如编制花名册时按决定生成），请重新导入', en: 'an entitlement was created meanwhile (e.g. from a decision while a roll was prepared): import the file again' });
        }
        throw err;
      }
      const done: EntitlementImportCommitted = { file: source.file, rows: parsed.length, created: values.length, by_program: byProgram };
      await this.audit.record({ actor: actor.label, action: 'payment.entitlements_import', subject: `import:${fileName}`, detail: { status: 'committed', file: fileName, sha256: source.sha256 ?? null, rows: done.rows, created: done.created, by_program: byProgram } }, trx);
      return done;
    });
    if (result) return result;
    errors.sort((a, b) => a.row - b.row || fieldOrder(a.field) - fieldOrder(b.field));
    await this.audit.record({ actor: actor.label, action: 'payment.entitlements_import', subject: `import:${fileName}`, detail: { status: 'refused', file: fileName, sha256: source.sha256 ?? null, rows: parsed.length, error_count: errors.length } });
    return { file: source.file, rows: parsed.length, created: 0, error_count: errors.length, errors };
  }

  /** The checks against the registry, the open entitlements and the whole file; fills in the ids. */
  private async check(db: Kysely<DB>, rows: Resolved[], actor: Actor): Promise<ImportRowError[]> {
    const errors: ImportRowError[] = [];
    const fail = (r: ParsedRow, field: EntitlementColumn, zh: string, en: string) => errors.push({ row: r.row, field, value: shown(field, r[field as keyof ParsedRow] as string | undefined), zh, en });

    const codes = [...new Set(rows.flatMap((r) => (r.household_code ? [r.household_code] : [])))];
    const households = new Map<string, { id: string; region_code: string; status: string }>();
    for (let i = 0; i < codes.length; i += CHUNK) {
      for (const h of await db.selectFrom('household').select(['id', 'code', 'region_code', 'status']).where('code', 'in', codes.slice(i, i + CHUNK)).execute()) households.set(h.code, h);
    }
    const hashes = new Map<string, string>(); // id number → keyed hash
    for (const r of rows) if (r.id_number && !hashes.has(r.id_number)) hashes.set(r.id_number, this.vault.hash(r.id_number));
    const hashList = [...new Set(hashes.values())];
    const persons = new Map<string, { id: string; household_id: string | null; household_code: string | null }>();
    for (let i = 0; i < hashList.length; i += CHUNK) {
      const found = await db.selectFrom('person as p').leftJoin('household as h', 'h.id', 'p.household_id').select(['p.id', 'p.id_number_hash', 'p.household_id', 'h.code'])
        .where('p.id_number_hash', 'in', hashList.slice(i, i + CHUNK)).execute();
      for (const p of found) persons.set(p.id_number_hash, { id: p.id, household_id: p.household_id, household_code: p.code });
    }

    for (const r of rows) {
      const h = r.household_code ? households.get(r.household_code) : undefined;
      if (r.household_code && !h) fail(r, 'household_code', `户编号「${cut(r.household_code)}」在登记库中不存在`, `household_code "${cut(r.household_code)}" is not in the registry`);
      else if (h && h.status !== 'active') fail(r, 'household_code', `户 ${r.household_code} ${h.status === 'merged' ? '已被合并' : '已注销'}，不能建立待遇`, `household ${r.household_code} is ${h.status}: it cannot be paid`);
      else if (h && !inScope(actor, h.region_code)) fail(r, 'household_code', `户 ${r.household_code} 不在您的管辖范围（${actor.regionCode}）内`, `household ${r.household_code} is outside your area (${actor.regionCode})`);
      else if (h) r.household_id = h.id;
      if (!r.id_number) continue;
      const p = persons.get(hashes.get(r.id_number)!);
      if (!p) fail(r, 'id_number', '登记库中没有该身份证号的人员', 'no person with this ID number is in the registry');
      else if (h && p.household_id !== h.id) {
        fail(r, 'id_number', `领款人不是户 ${r.household_code} 的成员${p.household_code ? `（登记在户 ${p.household_code}）` : ''}`, `the payee is not a member of household ${r.household_code}${p.household_code ? ` (registered in household ${p.household_code})` : ''}`);
      } else if (r.household_id) r.person_id = p.id;
    }

    // One open entitlement per program and recipient: the person for a per-person program, the
    // household for a per-household one (two payees of one household would pay it twice).
    const complete = rows.filter((r) => r.program && r.household_id && r.person_id);
    const recipient = (program: ProgramCode, householdId: string, personId: string) => (isPerPerson(program) ? `${program}|person:${personId}` : `${program}|household:${householdId}`);
    const groups = new Map<string, Resolved[]>();
    for (const r of complete) {
      const key = recipient(r.program!, r.household_id!, r.person_id!);
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      const list = group.map((g) => g.row);
      const zhWho = isPerPerson(group[0].program!) ? '同一领款人' : `同一户（${group[0].household_code}，按户发放）`;
      const enWho = isPerPerson(group[0].program!) ? 'the same payee' : `the same household (${group[0].household_code}, paid per household)`;
      for (const r of group) {
        fail(r, 'id_number', `与第 ${list.filter((n) => n !== r.row).join('、')} 行重复：${zhWho}的「${programOf(r.program!).zh}」在文件中出现 ${group.length} 次（第 ${list.join('、')} 行）`,
          `duplicates row ${list.filter((n) => n !== r.row).join(', ')}: ${programOf(r.program!).en} for ${enWho} appears ${group.length} times in the file (rows ${list.join(', ')})`);
      }
    }
    const personIds = [...new Set(complete.map((r) => r.person_id!))];
    const householdIds = [...new Set(complete.map((r) => r.household_id!))];
    type Open = { id: string; payee_person_id: string; start_month: string; source: string; payee_masked: string };
    const open = new Map<string, Open>();
    for (let i = 0; i < Math.max(personIds.length, householdIds.length); i += CHUNK) {
      const pids = personIds.slice(i, i + CHUNK);
      const hids = householdIds.slice(i, i + CHUNK);
      const found = await db.selectFrom('payment_entitlement as e').innerJoin('person as p', 'p.id', 'e.payee_person_id')
        .select(['e.id', 'e.program', 'e.household_id', 'e.payee_person_id', 'e.start_month', 'e.source', 'p.id_number_masked'])
        .where('e.status', '<>', 'ended')
        .where((eb) => eb.or([...(pids.length ? [eb('e.payee_person_id', 'in', pids)] : []), ...(hids.length ? [eb('e.household_id', 'in', hids)] : [])]))
        .orderBy('e.id').execute();
      for (const e of found) {
        const o = { id: e.id, payee_person_id: e.payee_person_id, start_month: e.start_month, source: e.source, payee_masked: e.id_number_masked };
        // the unique index is per program and payee; the double-payment rule per program and recipient
        for (const key of [`${e.program}|payee:${e.payee_person_id}`, recipient(e.program, e.household_id, e.payee_person_id)]) if (!open.has(key)) open.set(key, o);
      }
    }
    for (const r of complete) {
      const e = open.get(`${r.program}|payee:${r.person_id}`) ?? open.get(recipient(r.program!, r.household_id!, r.person_id!));
      if (!e) continue;
      const name = programOf(r.program!);
      const who = e.payee_person_id === r.person_id
        ? { zh: '该领款人', en: 'the payee' }
        : { zh: `户 ${r.household_code}（领款人 ${e.payee_masked}）`, en: `household ${r.household_code} (payee ${e.payee_masked})` };
      fail(r, 'id_number', `${who.zh}已有未终止的「${name.zh}」待遇：待遇 #${e.id}，自 ${e.start_month} 起，来源 ${cut(e.source)}`,
        `${who.en} already has an open ${name.en} entitlement: #${e.id}, from ${e.start_month}, source ${cut(e.source)}`);
    }
    return errors;
  }
}

// ---------------------------------------------------------------- headers and rows

const COLUMN_KEYS = (() => {
  const keys = new Map<string, EntitlementColumn>();
  for (const c of ENTITLEMENT_COLUMNS) for (const k of [c.name, c.zh, ...c.aliases]) keys.set(headerKey(k), c.name);
  return keys;
})();

/** Canonical, Chinese, an alias, or the combined "户编号 household_code"; like the registry's headers. */
export function resolveEntitlementHeader(raw: string): EntitlementColumn | undefined {
  const key = headerKey(raw);
  const direct = COLUMN_KEYS.get(key);
  if (direct) return direct;
  const latin = key.match(/^[^a-z_]*([a-z_]+)[^a-z_]*$/)?.[1];
  const byLatin = latin ? COLUMN_KEYS.get(latin) : undefined;
  const rest = latin ? key.replace(latin, '') : '';
  return byLatin && (rest === '' || COLUMN_KEYS.get(rest) === byLatin) ? byLatin : undefined;
}

function mapHeaders(headers: readonly string[]): { columns: (EntitlementColumn | undefined)[]; errors: ImportRowError[] } {
  const errors: ImportRowError[] = [];
  const seen = new Map<EntitlementColumn, string>();
  const header = (h: string, zh: string, en: string) => errors.push({ row: 1, field: cut(h), value: cut(h), zh, en });
  const columns = headers.map((h) => {
    if (headerKey(h) === '') return undefined;
    const col = resolveEntitlementHeader(h);
    if (!col) {
      header(h, `无法识别的列「${cut(h)}」，可用：${ENTITLEMENT_COLUMNS.map((c) => c.name).join('、')}`, `unknown column "${cut(h)}"; known: ${ENTITLEMENT_COLUMNS.map((c) => c.name).join(', ')}`);
      return undefined;
    }
    const first = seen.get(col);
    if (first !== undefined) {
      header(h, `列重复：「${cut(h)}」与「${cut(first)}」都是 ${col}`, `duplicate column: "${cut(h)}" and "${cut(first)}" are both ${col}`);
      return undefined;
    }
    seen.set(col, h);
    return col;
  });
  for (const c of ENTITLEMENT_COLUMNS) {
    if (c.required && !seen.has(c.name)) header(c.name, `缺少必填列「${c.zh}」（${c.name}）`, `missing required column ${c.name} (${c.zh})`);
  }
  return { columns, errors };
}

const FIELD_ORDER = new Map<string, number>(ENTITLEMENT_COLUMNS.map((c, i) => [c.name, i]));
const fieldOrder = (f: string) => FIELD_ORDER.get(f) ?? -1;

/**
 * Text from the file as a message shows it: any run of 12 or more digits (an ID or account
 * number in the wrong column, or a data row taken for the header) masked, then cut to 50.
 */
function cut(v: string): string {
  const s = v.replace(/\d{12,}[\dXx]?/g, (n) => (n.length === 15 || n.length === 18 ? maskIdNumber(n) : maskAccountNumber(n)));
  return s.length > MAX_VALUE_CHARS ? `${s.slice(0, MAX_VALUE_CHARS)}…` : s;
}

/** A value as an error shows it: trimmed and cut; ID and account numbers masked. */
function shown(field: string, value: string | undefined): string {
  const v = (value ?? '').trim();
  if (field === 'id_number') return cut(maskIdNumber(v));
  if (field === 'account_number') return cut(maskAccountNumber(v));
  return cut(v);
}

function isBlank(rec: RawRecord): boolean {
  for (const k in rec) if (rec[k] !== undefined && rec[k] !== null && String(rec[k]).trim() !== '') return false;
  return true;
}

const PROGRAM_BY_NAME = new Map<string, ProgramCode>(PROGRAMS.flatMap((p) => [[p.code, p.code], [p.zh, p.code]] as [string, ProgramCode][]));

/** "1170.5" → 117050; undefined with the reason when it is not a positive amount in yuan with at most 2 decimals. */
export function parseAmountFen(text: string): { fen: number } | { zh: string; en: string } {
  const m = /^(\d+)(?:\.(\d*))?$/.exec(text);
  if (!m) return { zh: '应为以元为单位的数字，如 1170.50（不含货币符号和千位分隔符）', en: 'must be a number of yuan such as 1170.50 (no currency sign or thousands separator)' };
  if ((m[2] ?? '').length > 2) return { zh: '最多两位小数（分）', en: 'must have at most 2 decimals (fen)' };
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0') || '0');
  if (fen <= 0) return { zh: '应大于 0', en: 'must be greater than 0' };
  if (fen > MAX_AMOUNT_FEN) return { zh: '不能达到 100000 元/月（是否把“分”填成了“元”？）', en: 'must be under ¥100,000 a month (fen written as yuan?)' };
  return { fen };
}

function parseRow(rec: RawRecord, row: number, pairs: readonly (readonly [string, EntitlementColumn])[], format: ImportSource['format'], today: string, errors: ImportRowError[]): ParsedRow {
  const raw: Partial<Record<EntitlementColumn, string>> = {};
  for (const [header, col] of pairs) {
    const v = rec[header];
    if (v !== undefined && v !== null) raw[col] = String(v);
  }
  const out: ParsedRow = { row };
  const text = (c: EntitlementColumn) => (raw[c] ?? '').trim();
  const fail = (c: EntitlementColumn, zh: string, en: string) => {
    const spec = ENTITLEMENT_COLUMNS.find((x) => x.name === c)!;
    errors.push({ row, field: c, value: shown(c, raw[c]), zh: `${spec.zh}${zh}`, en: `${c} ${en}` });
  };
  const required = (c: EntitlementColumn) => {
    const v = text(c);
    if (v === '') fail(c, '不能为空', 'is required');
    return v || undefined;
  };

  const code = required('household_code');
  if (code !== undefined) out.household_code = code;

  const id = required('id_number');
  if (id !== undefined) {
    const check = checkIdNumber(id, today);
    if (check.valid && check.id_number) out.id_number = check.id_number;
    else {
      const zh = check.errors.map((e) => e.message.split(' / ')[0]).join('；') || '无效';
      const en = check.errors.map((e) => e.message.split(' / ')[1] ?? e.message).join('; ') || 'invalid';
      fail('id_number', `无效：${zh}`, `is invalid: ${en}`);
    }
  }

  const program = required('program');
  if (program !== undefined) {
    const p = PROGRAM_BY_NAME.get(program) ?? PROGRAM_BY_NAME.get(program.toLowerCase());
    if (p) out.program = p;
    else fail('program', `「${cut(program)}」无效，可选：${PROGRAMS.map((x) => `${x.code}（${x.zh}）`).join('、')}`, `"${cut(program)}" is not one of: ${PROGRAMS.map((x) => x.code).join(', ')}`);
  }

  const amount = required('monthly_amount');
  if (amount !== undefined) {
    const a = parseAmountFen(amount);
    if ('fen' in a) out.amount_fen = a.fen;
    else fail('monthly_amount', `「${cut(amount)}」${a.zh}`, `"${cut(amount)}" ${a.en}`);
  }

  const month = required('start_month');
  if (month !== undefined) {
    // an XLSX date cell (Excel turns a typed 2026-05 into a date) reads as 2026-05-01
    const m = format === 'xlsx' && /^\d{4}-\d{2}-01$/.test(month) ? month.slice(0, 7) : month;
    if (isMonth(m)) out.start_month = m;
    else fail('start_month', `「${cut(month)}」应为 YYYY-MM 格式的月份，如 2026-05`, `"${cut(month)}" must be a month as YYYY-MM, e.g. 2026-05`);
  }

  const account = text('account_number');
  if (account === '') out.account_number = null;
  else {
    const check = checkAccountNumber(account);
    if (check.valid) out.account_number = check.account_number;
    else errors.push({ row, field: 'account_number', value: shown('account_number', account), zh: check.error.zh, en: check.error.en });
  }

  const stray = rec[''];
  if (stray !== undefined && String(stray).trim() !== '') {
    errors.push({ row, field: '', value: cut(String(stray).trim()), zh: '该行在没有表头的列中有数据', en: 'the row has a value in a column without a header' });
  }
  return out;
}
