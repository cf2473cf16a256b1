/** The default role grants, loaded once into role_permission (then administrators own them). */
import type { Database } from '../../platform/db/database.js';
import { DEFAULT_GRANTS } from './domain/roles.js';

export const GRANTS_VERSION = 'roles-1';

export async function loadDefaultGrants(database: Database): Promise<number> {
  const { db } = database;
  const done = await db.selectFrom('reference_data').select('version').where('name', '=', 'role_permission').executeTakeFirst();
  if (done) return 0;
  const rows = Object.entries(DEFAULT_GRANTS).flatMap(([role, perms]) => perms.map((permission) => ({ role, permission })));
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('role_permission').values(rows).onConflict((oc) => oc.doNothing()).execute();
    await trx.insertInto('reference_data').values({ name: 'role_permission', version: GRANTS_VERSION, rows: rows.length }).execute();
  });
  return rows.length;
}
