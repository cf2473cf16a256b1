/**
 * On PostgreSQL, an idle connection the server ends (a restart, an administrator's
 * pg_terminate_backend, a dropped database) must not stop the process: the pool reports it as a
 * warning and the next query gets a fresh connection.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { engines, openTestRuntime } from './support/db.js';
import { adminUrl } from './support/pg-urls.js';
import type { Runtime } from '../src/platform/runtime.js';

describe.skipIf(!engines.includes('postgresql'))('idle connections ended by the server', () => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await openTestRuntime('postgresql');
  });
  afterAll(async () => rt?.close());

  it('warns, keeps the process up, and serves the next query', async () => {
    const db = rt.database.db;
    const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(db);
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      const admin = new pg.Client({ connectionString: adminUrl() });
      await admin.connect();
      try {
        const killed = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [rows[0].name]);
        expect(killed.rowCount).toBeGreaterThan(0);
      } finally {
        await admin.end();
      }
      for (let i = 0; i < 50 && warnings.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(warnings.some((w) => w.includes('an idle database connection was closed'))).toBe(true);
      const again = await sql<{ one: number }>`select 1 as one`.execute(db);
      expect(again.rows[0].one).toBe(1);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
