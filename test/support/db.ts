/**
 * Module tests run against a real database: PGlite always, and PostgreSQL too when
 * DATABASE_URL is set. Use `describe.each(engines)` and `openTestRuntime(engine)`.
 */
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { testVault } from '../../src/platform/crypto/keyring.js';
import { openDatabase, type Engine } from '../../src/platform/db/database.js';
import { prepare, type Runtime } from '../../src/platform/runtime.js';
import { fixedClock, type Clock } from '../../src/platform/clock.js';
import { adminUrl, databaseUrlFor, templateDb } from './pg-urls.js';

export const engines: Engine[] = process.env.DATABASE_URL ? ['pglite', 'postgresql'] : ['pglite'];

export const TEST_TODAY = '2026-11-01';

export async function openTestRuntime(engine: Engine, clock: Clock = fixedClock(TEST_TODAY)): Promise<Runtime> {
  return engine === 'pglite' ? openPgliteCopy(clock) : openPostgresCopy(clock);
}

async function openPgliteCopy(clock: Clock): Promise<Runtime> {
  const file = process.env.SAFETYNET_TEST_TEMPLATE;
  if (!file) throw new Error('test template missing: run the tests through vitest (globalSetup)');
  const pglite = await PGlite.create({ loadDataDir: new Blob([fs.readFileSync(file)]) });
  const rt = await prepare(await openDatabase({ pglite }), testVault(), clock);
  return {
    ...rt,
    close: async () => {
      await rt.close();
      await pglite.close();
    },
  };
}

async function openPostgresCopy(clock: Clock): Promise<Runtime> {
  const name = `safetynet_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${templateDb()}`);
  const rt = await prepare(await openDatabase({ databaseUrl: databaseUrlFor(name) }), testVault(), clock);
  return {
    ...rt,
    close: async () => {
      await rt.close();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function adminQuery(text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}
