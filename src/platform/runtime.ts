/**
 * Opening the platform: the database (migrated, reference data loaded) and the module
 * services wired to it. The server, the CLI and the tests all start here.
 */
import type { Config } from './config.js';
import { systemClock, type Clock } from './clock.js';
import { openDatabase, type Database, type OpenOptions } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { createServices, type Services } from '../services.js';
import { loadReferenceData } from '../reference-data.js';
import { PiiVault } from './crypto/pii-vault.js';
import { loadKeyring } from './crypto/keyring.js';

export interface Runtime {
  database: Database;
  services: Services;
  clock: Clock;
  vault: PiiVault;
  close(): Promise<void>;
}

export async function openRuntime(config: Pick<Config, 'databaseUrl' | 'dataDir'>, command: string, clock: Clock = systemClock): Promise<Runtime> {
  const vault = new PiiVault(loadKeyring(config.dataDir));
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, command });
  return prepare(database, vault, clock);
}

/** Migrate, load reference data, wire services: every command on a fresh database does this itself. */
export async function prepare(database: Database, vault: PiiVault, clock: Clock = systemClock): Promise<Runtime> {
  try {
    await migrateToLatest(database.db);
    await loadReferenceData(database);
  } catch (err) {
    await database.close();
    throw err;
  }
  const services = createServices(database, vault, clock);
  return { database, services, clock, vault, close: () => database.close() };
}

export type { OpenOptions };
