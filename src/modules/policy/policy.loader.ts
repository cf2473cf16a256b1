/** Seeds every catalogued parameter's Jilin defaults once (data/policy/parameters.json). */
import type { Database } from '../../platform/db/database.js';
import { parameterCatalog, parseValue } from './domain/parameters.js';

export async function loadDefaultParameters(database: Database): Promise<number> {
  const { db } = database;
  const done = await db.selectFrom('reference_data').select('name').where('name', '=', 'policy_parameters').executeTakeFirst();
  if (done) return 0;
  const rows = [...parameterCatalog().values()].flatMap((def) =>
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
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('policy_parameter').values(rows).execute();
    await trx.insertInto('reference_data').values({ name: 'policy_parameters', version: 'jilin-defaults-1', rows: rows.length }).execute();
  });
  return rows.length;
}
