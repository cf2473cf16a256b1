/**
 * The data-sharing catalog: departments, their datasets and fields. Anyone signed in may read
 * it (it says what is collected and why); administrators with catalog.manage edit a dataset,
 * which adds a version and brings the dataset's table along (new fields become new columns).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { requirePermission, type Actor } from '../access/domain/actor.js';
import { alterTableSql, checkDataset, columnType, createTableSql, dataColumns, tableOf, type DatasetDef, type DepartmentDef } from './domain/dataset-definition.js';

export interface CatalogDataset extends DatasetDef {
  version: number;
  updated_by: string;
  updated_at: string;
  department_name: { zh: string; en: string };
}

export class CatalogService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly audit: AuditService,
  ) {}

  async departments(): Promise<DepartmentDef[]> {
    const rows = await this.db.selectFrom('catalog_department').selectAll().orderBy('code').execute();
    return rows.map((r) => ({ code: r.code, zh: r.zh, en: r.en, full_name: r.full_name ?? undefined }));
  }

  async datasets(): Promise<CatalogDataset[]> {
    const rows = await this.db
      .selectFrom('catalog_dataset as d')
      .innerJoin('catalog_department as p', 'p.code', 'd.department_code')
      .select(['d.definition', 'd.version', 'd.updated_by', 'd.updated_at', 'p.zh', 'p.en'])
      .orderBy('d.department_code')
      .orderBy('d.code')
      .execute();
    return rows.map(toDataset);
  }

  /** A dataset by code; an unknown code is refused with the list of known ones. */
  async dataset(code: string, db: Kysely<DB> = this.db): Promise<CatalogDataset> {
    const row = await db
      .selectFrom('catalog_dataset as d')
      .innerJoin('catalog_department as p', 'p.code', 'd.department_code')
      .select(['d.definition', 'd.version', 'd.updated_by', 'd.updated_at', 'p.zh', 'p.en'])
      .where('d.code', '=', code)
      .executeTakeFirst();
    if (!row) {
      const known = (await db.selectFrom('catalog_dataset').select('code').orderBy('code').execute()).map((r) => r.code);
      throw new AppError('VALIDATION', {
        zh: `未知的数据集「${code}」。目录中的数据集：${known.join('、')}`,
        en: `unknown dataset "${code}". The catalog has: ${known.join(', ')}`,
      }, { field: 'dataset' });
    }
    return toDataset(row);
  }

  async history(code: string) {
    await this.dataset(code);
    return this.db.selectFrom('catalog_dataset_version').selectAll().where('dataset_code', '=', code).orderBy('version', 'desc').execute();
  }

  /** Add or change a dataset definition (a new version), and its table with it. */
  async saveDataset(raw: unknown, actor: Actor): Promise<CatalogDataset> {
    requirePermission(actor, 'catalog.manage');
    const departments = new Set((await this.departments()).map((d) => d.code));
    const def = checkDataset(raw, departments);
    await this.db.transaction().execute(async (trx) => {
      const current = await trx.selectFrom('catalog_dataset').select(['definition', 'version']).where('code', '=', def.code).forUpdate().executeTakeFirst();
      const version = (current?.version ?? 0) + 1;
      const ddl = current ? alterTableSql(current.definition as DatasetDef, def) : createTableSql(def);
      if (current) await refuseTypeChanges(trx, def);
      for (const statement of ddl) await sql.raw(statement).execute(trx);
      if (current) {
        await trx.updateTable('catalog_dataset').set({ definition: JSON.stringify(def), department_code: def.department, version, updated_by: actor.label, updated_at: new Date() }).where('code', '=', def.code).execute();
      } else {
        await trx.insertInto('catalog_dataset').values({ code: def.code, department_code: def.department, definition: JSON.stringify(def), version, updated_by: actor.label }).execute();
      }
      await trx.insertInto('catalog_dataset_version').values({ dataset_code: def.code, version, definition: JSON.stringify(def), updated_by: actor.label }).execute();
      await this.audit.record({ actor: actor.label, action: current ? 'catalog.update' : 'catalog.create', subject: `dataset:${def.code}`, detail: { version, fields: def.fields.length } }, trx);
    });
    return this.dataset(def.code);
  }
}

/** A field removed and added again keeps its column: refuse it with another type. */
async function refuseTypeChanges(db: Kysely<DB>, def: DatasetDef): Promise<void> {
  const cols = await sql<{ column_name: string; data_type: string }>`
    SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ${tableOf(def.code)}`.execute(db);
  const actual = new Map(cols.rows.map((c) => [c.column_name, c.data_type]));
  for (const f of dataColumns(def)) {
    const has = actual.get(f.code);
    const want = columnType(f.type).replace(/\(.*\)$/, '');
    if (has && has !== want) {
      throw new AppError('VALIDATION', { zh: `字段 ${f.code} 的列已存在且类型为 ${has}，不能改为 ${f.type}，请使用新的字段编码`, en: `column ${f.code} already exists with type ${has}; it cannot become ${f.type}: use a new field code` }, { field: `${def.code}.${f.code}` });
    }
  }
}

function toDataset(row: { definition: unknown; version: number; updated_by: string; updated_at: Date; zh: string; en: string }): CatalogDataset {
  return {
    ...(row.definition as DatasetDef),
    version: row.version,
    updated_by: row.updated_by,
    updated_at: new Date(row.updated_at).toISOString(),
    department_name: { zh: row.zh, en: row.en },
  };
}
