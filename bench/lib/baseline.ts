/** The floor every load benchmark compares against: a bare COPY of the same CSV into text columns. */
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { PGlite } from '@electric-sql/pglite';
import type { Engine } from '../../src/platform/db/database.js';

/** Seconds for a COPY of the file (with its header row) into a table of text columns with no checks. */
export async function baselineCopy(engine: Engine, target: string, file: string, columns: readonly string[]): Promise<number> {
  const ddl = `CREATE TABLE bench_copy (${columns.map((c) => `"${c}" text`).join(', ')})`;
  if (engine === 'pglite') {
    const db = await PGlite.create(target);
    await db.exec(ddl);
    const t = performance.now();
    await db.query(`COPY bench_copy FROM '/dev/blob' WITH (FORMAT csv, HEADER true)`, [], { blob: await fs.openAsBlob(file) });
    const seconds = (performance.now() - t) / 1000;
    await db.exec('DROP TABLE bench_copy; CHECKPOINT');
    await db.close();
    return seconds;
  }
  const client = new pg.Client({ connectionString: target });
  await client.connect();
  await client.query(ddl);
  const t = performance.now();
  await pipeline(fs.createReadStream(file), client.query(copyFrom(`COPY bench_copy FROM STDIN WITH (FORMAT csv, HEADER true)`)));
  const seconds = (performance.now() - t) / 1000;
  await client.query('DROP TABLE bench_copy');
  await client.query('CHECKPOINT').catch(() => undefined); // needs superuser; only evens out the run
  await client.end();
  return seconds;
}
