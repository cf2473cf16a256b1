/**
 * Seeds the default programs of data/assistance/programs.json: every code not yet in the
 * database (all of them on a new installation; on an existing one, those a release adds).
 * Programs already present are the administrators' and stay as they are.
 */
import fs from 'node:fs';
import type { Database } from '../../platform/db/database.js';
import { DATA_DIR } from '../../platform/reference/csv-file.js';
import { parameterCatalog } from '../policy/domain/parameters.js';
import { checkProgram } from './domain/check-program.js';
import type { ProgramDefinition } from './domain/program-definition.js';

export const PROGRAM_SEEDER = 'system:defaults';

export function defaultPrograms(departments: Iterable<string>): ProgramDefinition[] {
  const file = JSON.parse(fs.readFileSync(DATA_DIR + 'assistance/programs.json', 'utf8')) as { programs: unknown[] };
  const ctx = { departments: new Set(departments), parameters: parameterCatalog() };
  return file.programs.map((d) => checkProgram(d, ctx));
}

export async function loadDefaultPrograms(database: Database): Promise<number> {
  return database.db.transaction().execute(async (trx) => {
    const departments = (await trx.selectFrom('catalog_department').select('code').execute()).map((r) => r.code);
    const present = new Set((await trx.selectFrom('assistance_program').select('code').execute()).map((r) => r.code));
    const added = defaultPrograms(departments).filter((d) => !present.has(d.code));
    for (const d of added) {
      const row = { code: d.code, definition: JSON.stringify(d), version: 1, active: true, updated_by: PROGRAM_SEEDER };
      await trx.insertInto('assistance_program').values(row).execute();
      await trx.insertInto('assistance_program_version').values(row).execute();
    }
    return added.length;
  });
}
