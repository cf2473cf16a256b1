/**
 * Seeds the Jilin defaults (data/policy/parameters.json) of every catalogued key that has no
 * value yet: all of them on a new installation, and on an existing one the keys a new release
 * adds. A key that already has values (defaults or an administrator's) is never touched.
 */
import type { Database } from '../../platform/db/database.js';
import { parameterCatalog, parseValue } from './domain/parameters.js';

export const PARAMETERS_VERSION = 'jilin-defaults-2';

export async function loadDefaultParameters(database: Database): Promise<number> {
  const { db } = database;
  const present = new Set((await db.selectFrom('policy_parameter').select('key').distinct().execute()).map((r) => r.key));
  const rows = [...parameterCatalog().values()]
    .filter((def) => !present.has(def.key))
    .flatMap((def) =>
      def.defaults.map((d) => ({
        key: def.key,
        region_code: '22',
        valid_from: d.from,
        valid_to: d.to ?? null,
        value: JSON.stringify(parseValue(def, d.value)),
        source: d.source,
        author: 'system:defaults',
        version: 1,
      })),
    );
  if (rows.length === 0) return 0;
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('policy_parameter').values(rows).execute();
    await trx
      .insertInto('reference_data')
      .values({ name: 'policy_parameters', version: PARAMETERS_VERSION, rows: rows.length })
      .onConflict((oc) => oc.column('name').doUpdateSet({ version: PARAMETERS_VERSION }))
      .execute();
  });
  return rows.length;
}
