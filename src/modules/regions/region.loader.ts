/**
 * Loads Jilin's administrative divisions (NBS 2023, data/divisions) into the region table:
 * 1 province, 9 prefecture-level units, 69 county-level units, 1,075 townships, 11,860 villages.
 */
import type { Database } from '../../platform/db/database.js';
import { csvField } from '../../platform/db/database.js';
import { readReferenceCsv } from '../../platform/reference/csv-file.js';
import { padTo12 } from './region-code.js';

export const REGIONS_VERSION = 'nbs-2023';

interface RegionRow {
  code: string;
  name: string;
  parent_code: string;
  level: string;
  kind: string;
  in_gbt2260: boolean;
}

export function readDivisions(): RegionRow[] {
  const rows: RegionRow[] = [];
  for (const r of readReferenceCsv('divisions/jilin_province_prefectures.csv')) {
    rows.push({ ...pick(r), kind: '', in_gbt2260: r.in_gbt2260 === 'yes' });
  }
  for (const r of readReferenceCsv('divisions/jilin_counties.csv')) {
    const zone = r.in_gbt2260 !== 'yes';
    rows.push({ ...pick(r), kind: zone ? 'development_zone' : '', in_gbt2260: !zone });
  }
  for (const r of readReferenceCsv('divisions/jilin_townships.csv')) {
    rows.push({ ...pick(r), kind: r.kind_by_code_range.split('_')[0], in_gbt2260: false });
  }
  for (const r of readReferenceCsv('divisions/jilin_villages.csv')) {
    rows.push({ ...pick(r), kind: '', in_gbt2260: false });
  }
  return rows;
}

function pick(r: Record<string, string>) {
  return { code: r.code, name: r.name, parent_code: r.parent_code, level: r.level };
}

/** Load the regions once per database; returns the number of rows loaded (0 when already there). */
export async function loadRegions(database: Database): Promise<number> {
  const { db } = database;
  const done = await db.selectFrom('reference_data').select('version').where('name', '=', 'regions').executeTakeFirst();
  if (done) return 0; // a later division release would come as a migration of changed codes
  const rows = readDivisions();
  // Parents precede children in the files' order (province, prefectures, counties, …), and COPY
  // checks foreign keys at the end of each statement, so one COPY is enough.
  const lines = rows.map(
    (r) =>
      [r.code, padTo12(r.code), r.name, r.parent_code, r.level, r.kind, r.in_gbt2260 ? 't' : 'f']
        .map(csvField)
        .join(',') + '\n',
  );
  const loaded = await database.copyCsv('region', ['code', 'code12', 'name', 'parent_code', 'level', 'kind', 'in_gbt2260'], lines);
  await db
    .insertInto('reference_data')
    .values({ name: 'regions', version: REGIONS_VERSION, rows: loaded })
    .onConflict((oc) => oc.column('name').doUpdateSet({ version: REGIONS_VERSION, rows: loaded, loaded_at: new Date() }))
    .execute();
  return loaded;
}
