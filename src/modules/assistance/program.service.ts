/**
 * Assistance programs as versioned data: anyone signed in reads them (they say what help exists
 * and who qualifies); province-level users with program.manage change them. Every save is
 * validated (naming the part that is wrong), adds a version and is audited; referrals name the
 * version they were made under.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { requirePermission, type Actor } from '../access/domain/actor.js';
import { parameterCatalog } from '../policy/domain/parameters.js';
import { OPERATORS } from '../monitoring/domain/indicator-definition.js';
import { checkProgram, type ProgramCheckContext } from './domain/check-program.js';
import {
  AMOUNT_KINDS, AMOUNT_PERIODS, ASSESSED_FIELDS, HOUSEHOLD_FACTS, PROGRAM_TIERS, PROGRAM_TYPES, type ProgramDefinition,
} from './domain/program-definition.js';

export interface Program {
  code: string;
  version: number;
  active: boolean;
  updated_by: string;
  updated_at: string;
  definition: ProgramDefinition;
  department: { code: string; zh: string; en: string };
}

export interface ProgramVersion {
  version: number;
  active: boolean;
  updated_by: string;
  updated_at: string;
  definition: ProgramDefinition;
}

type Department = { code: string; zh: string; en: string };

export class ProgramService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly audit: AuditService,
  ) {}

  /** The vocabularies a program editor offers. */
  vocabulary() {
    const pick = <T extends { code: string; zh: string; en: string }>(xs: readonly T[]) => xs.map(({ code, zh, en }) => ({ code, zh, en }));
    return {
      types: pick(PROGRAM_TYPES),
      tiers: pick(PROGRAM_TIERS),
      facts: HOUSEHOLD_FACTS.map((f) => ({ code: f.code, zh: f.zh, en: f.en, type: f.type })),
      amount_kinds: pick(AMOUNT_KINDS),
      periods: pick(AMOUNT_PERIODS),
      assessed_fields: pick(ASSESSED_FIELDS),
      operators: pick(OPERATORS).filter((o) => o.code !== 'contains' && o.code !== 'contains_any'),
    };
  }

  async list(db: Kysely<DB> = this.db): Promise<Program[]> {
    const rows = await db.selectFrom('assistance_program').selectAll().execute();
    const departments = await this.departments(db);
    const order = (t: string) => PROGRAM_TYPES.findIndex((x) => x.code === t);
    return rows.map((r) => toProgram(r, departments))
      .sort((a, b) => order(a.definition.type) - order(b.definition.type) || a.code.localeCompare(b.code));
  }

  async get(code: string): Promise<Program & { versions: ProgramVersion[] }> {
    const row = await this.db.selectFrom('assistance_program').selectAll().where('code', '=', code).executeTakeFirst();
    if (!row) throw notFound({ zh: `救助项目 ${code}`, en: `program ${code}` });
    const versions = await this.db.selectFrom('assistance_program_version').select(['version', 'active', 'updated_by', 'updated_at', 'definition'])
      .where('code', '=', code).orderBy('version', 'desc').execute();
    return {
      ...toProgram(row, await this.departments()),
      versions: versions.map((v) => ({ version: v.version, active: v.active, updated_by: v.updated_by, updated_at: new Date(v.updated_at).toISOString(), definition: v.definition as ProgramDefinition })),
    };
  }

  /** One program by code (active or not); unknown is refused naming the field. */
  async find(code: string, db: Kysely<DB> = this.db, field = 'program_code'): Promise<Program> {
    const row = await db.selectFrom('assistance_program').selectAll().where('code', '=', code).executeTakeFirst();
    if (!row) throw new AppError('VALIDATION', { zh: `${field}：没有救助项目「${code}」`, en: `${field}: no program "${code}"` }, { field });
    return toProgram(row, await this.departments(db));
  }

  /** Active programs by code; an unknown or inactive code is refused naming its place in the list. */
  async activeByCodes(codes: readonly string[], db: Kysely<DB> = this.db, field = 'programs'): Promise<Program[]> {
    const all = new Map((await this.list(db)).map((p) => [p.code, p]));
    return codes.map((code, i) => {
      const p = all.get(code);
      if (!p || !p.active) {
        const known = [...all.values()].filter((x) => x.active).map((x) => x.code).join(', ');
        throw new AppError('VALIDATION', { zh: `${field}[${i}]：没有启用的救助项目「${code}」，可选：${known}`, en: `${field}[${i}]: no active program "${code}"; known: ${known}` }, { field: `${field}[${i}]` });
      }
      return p;
    });
  }

  async checkContext(db: Kysely<DB> = this.db): Promise<ProgramCheckContext> {
    return { departments: new Set((await this.departments(db)).map((d) => d.code)), parameters: parameterCatalog() };
  }

  async save(code: string, input: { definition: unknown; active?: boolean }, actor: Actor): Promise<Program> {
    requirePermission(actor, 'program.manage');
    if (actor.regionCode.length !== 2) {
      throw new AppError('FORBIDDEN', { zh: '救助项目全省通用，只能由省级用户维护', en: 'programs are province-wide: only province-level users edit them' });
    }
    const def = checkProgram(input.definition, await this.checkContext());
    if (def.code !== code) throw new AppError('VALIDATION', { zh: `定义中的 code「${def.code}」与地址中的 ${code} 不一致`, en: `the definition's code "${def.code}" differs from ${code} in the address` }, { field: 'code' });
    const active = input.active ?? true;
    const saved = await this.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('assistance_program').select(['version']).where('code', '=', code).forUpdate().executeTakeFirst();
      const version = (before?.version ?? 0) + 1;
      const row = { definition: JSON.stringify(def), version, active, updated_by: actor.label, updated_at: new Date() };
      if (before) await trx.updateTable('assistance_program').set(row).where('code', '=', code).execute();
      else await trx.insertInto('assistance_program').values({ code, ...row }).execute();
      await trx.insertInto('assistance_program_version').values({ code, ...row }).execute();
      await this.audit.record({ actor: actor.label, action: before ? 'program.update' : 'program.create', subject: `program:${code}`, detail: { version, active } }, trx);
      return trx.selectFrom('assistance_program').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
    });
    return toProgram(saved, await this.departments());
  }

  async departments(db: Kysely<DB> = this.db): Promise<Department[]> {
    return db.selectFrom('catalog_department').select(['code', 'zh', 'en']).orderBy('code').execute();
  }
}

function toProgram(r: { code: string; version: number; active: boolean; updated_by: string; updated_at: Date; definition: unknown }, departments: Department[]): Program {
  const definition = r.definition as ProgramDefinition;
  const d = departments.find((x) => x.code === definition.department);
  return {
    code: r.code, version: r.version, active: r.active, updated_by: r.updated_by, updated_at: new Date(r.updated_at).toISOString(), definition,
    department: d ?? { code: definition.department, zh: definition.department, en: definition.department },
  };
}
