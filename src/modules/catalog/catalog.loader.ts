/**
 * Seeds the default catalog: every department and dataset not yet in the database (all of them
 * on a new installation; on an existing one, those a release adds), and makes sure each
 * dataset's table exists. Definitions already present are the administrators' and stay as they are.
 */
import { sql } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { createTableSql, type DatasetDef } from './domain/dataset-definition.js';
import { defaultCatalog } from './domain/default-catalog.js';

export async function loadDefaultCatalog(database: Database): Promise<number> {
  const { db } = database;
  const catalog = defaultCatalog();
  return db.transaction().execute(async (trx) => {
    await trx.insertInto('catalog_department').values(catalog.departments.map((d) => ({ code: d.code, zh: d.zh, en: d.en, full_name: d.full_name ?? null }))).onConflict((oc) => oc.doNothing()).execute();
    const present = new Set((await trx.selectFrom('catalog_dataset').select('code').execute()).map((r) => r.code));
    const added = catalog.datasets.filter((d) => !present.has(d.code));
    for (const d of added) {
      await trx.insertInto('catalog_dataset').values({ code: d.code, department_code: d.department, definition: JSON.stringify(d), version: 1, updated_by: 'system:defaults' }).execute();
      await trx.insertInto('catalog_dataset_version').values({ dataset_code: d.code, version: 1, definition: JSON.stringify(d), updated_by: 'system:defaults' }).execute();
    }
    const all = await trx.selectFrom('catalog_dataset').select('definition').execute();
    for (const { definition } of all) {
      for (const statement of createTableSql(definition as DatasetDef)) await sql.raw(statement).execute(trx);
    }
    return added.length;
  });
}
