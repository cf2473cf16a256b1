/**
 * Built once per test run: a migrated database with the reference data loaded, as a PGlite
 * data-directory dump and (when DATABASE_URL is set) as a PostgreSQL template database.
 * Each test then starts from a copy in well under a second.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { testVault } from '../../src/platform/crypto/keyring.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { prepare } from '../../src/platform/runtime.js';
import { adminUrl, databaseUrlFor, templateDb } from './pg-urls.js';

export default async function setup(): Promise<() => Promise<void>> {
  const dumpFile = path.join(os.tmpdir(), `safetynet-test-template-${process.pid}.tar.gz`);
  const pglite = await PGlite.create();
  const rt = await prepare(await openDatabase({ pglite }), testVault());
  await rt.close();
  const dump = await pglite.dumpDataDir('gzip');
  fs.writeFileSync(dumpFile, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();
  process.env.SAFETYNET_TEST_TEMPLATE = dumpFile;

  if (process.env.DATABASE_URL) {
    process.env.SAFETYNET_TEST_PG_TEMPLATE = `safetynet_test_template_${process.pid}`;
    const TEMPLATE_DB = templateDb();
    const admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
    await admin.end();
    const pgRt = await prepare(await openDatabase({ databaseUrl: databaseUrlFor(TEMPLATE_DB) }), testVault());
    await pgRt.close();
  }
  return async () => {
    fs.rmSync(dumpFile, { force: true });
    if (process.env.DATABASE_URL) {
      const admin = new pg.Client({ connectionString: adminUrl() });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${templateDb()} WITH (FORCE)`).finally(() => admin.end());
    }
  };
}
