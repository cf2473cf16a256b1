/**
 * Seeds the default indicators of data/monitoring/indicators.json: every code not yet in the
 * database (all of them on a new installation; on an existing one, those a release adds).
 * Indicators already present are the administrators' and stay as they are.
 */
import fs from 'node:fs';
import type { Database } from '../../platform/db/database.js';
import { DATA_DIR } from '../../platform/reference/csv-file.js';
import type { DatasetDef } from '../catalog/domain/dataset-definition.js';
import { parameterCatalog } from '../policy/domain/parameters.js';
import { CATEGORIES } from '../registry/domain/vocabulary.js';
import { checkIndicator } from './domain/check-indicator.js';
import type { IndicatorDefinition } from './domain/indicator-definition.js';

export const INDICATOR_SEEDER = 'system:defaults';

export function defaultIndicators(datasets: DatasetDef[]): IndicatorDefinition[] {
  const file = JSON.parse(fs.readFileSync(DATA_DIR + 'monitoring/indicators.json', 'utf8')) as { indicators: unknown[] };
  const ctx = { datasets: new Map(datasets.map((d) => [d.code, d])), parameters: parameterCatalog(), categories: CATEGORIES.map((c) => c.code) };
  return file.indicators.map((d) => checkIndicator(d, ctx));
}

export async function loadDefaultIndicators(database: Database): Promise<number> {
  const { db } = database;
  return db.transaction().execute(async (trx) => {
    const datasets = (await trx.selectFrom('catalog_dataset').select('definition').execute()).map((r) => r.definition as DatasetDef);
    const present = new Set((await trx.selectFrom('monitor_indicator').select('code').execute()).map((r) => r.code));
    const added = defaultIndicators(datasets).filter((d) => !present.has(d.code));
    for (const d of added) {
      const row = { code: d.code, definition: JSON.stringify(d), version: 1, active: true, updated_by: INDICATOR_SEEDER };
      await trx.insertInto('monitor_indicator').values(row).execute();
      await trx.insertInto('monitor_indicator_version').values(row).execute();
    }
    return added.length;
  });
}
