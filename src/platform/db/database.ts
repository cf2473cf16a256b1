/**
 * The database: PostgreSQL when DATABASE_URL is set, otherwise embedded PGlite under DATA_DIR.
 * Both are reached through node-postgres and Kysely's PostgresDialect, so every query,
 * migration and COPY is the same code on both engines.
 */
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import fs from 'node:fs';
import path from 'node:path';
import type { DB } from './schema.js';
import { acquireLock, type DataDirLock } from './lock.js';

export type Engine = 'pglite' | 'postgresql';

export interface Database {
  db: Kysely<DB>;
  engine: Engine;
  /** Bulk-load CSV text (no header) into table(columns) with COPY; returns rows loaded. */
  copyCsv(table: string, columns: readonly string[], csv: AsyncIterable<string> | Iterable<string>): Promise<number>;
  /**
   * One transaction in which both queries and COPY run, so a bulk load is all-or-nothing:
   * committed when `fn` resolves, rolled back when it throws (or the process dies).
   */
  loadTransaction<T>(fn: (tx: LoadTransaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface LoadTransaction {
  db: Kysely<DB>;
  copyCsv(table: string, columns: readonly string[], csv: AsyncIterable<string> | Iterable<string>): Promise<number>;
}

export interface OpenOptions {
  databaseUrl?: string;
  dataDir?: string;
  /** An already-open PGlite (tests load it from a migrated template). */
  pglite?: PGlite;
  /** What holds the data-directory lock, e.g. "serve" or "import registry". */
  command?: string;
}

/** Dates stay 'YYYY-MM-DD' strings: a date of birth has no time zone. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.DATE) return (v: string) => v;
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  let lock: DataDirLock | undefined;
  let pglite = opts.pglite;
  if (!pglite) {
    const dataDir = path.resolve(opts.dataDir ?? 'var');
    lock = acquireLock(dataDir, opts.command ?? 'safetynet');
    try {
      fs.mkdirSync(path.join(dataDir, 'pgdata'), { recursive: true });
      pglite = await PGlite.create(path.join(dataDir, 'pgdata'));
    } catch (err) {
      lock.release();
      throw err;
    }
  }
  return wrapPglite(pglite, lock, !opts.pglite);
}

function wrapPglite(pglite: PGlite, lock: DataDirLock | undefined, owned: boolean): Database {
  const pool = new pg.Pool({ ...createPgConfig(pglite), types } as pg.PoolConfig);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    db,
    engine: 'pglite',
    copyCsv: (table, columns, csv) => copyIntoPglite(pglite, table, columns, csv),
    // PGlite has one session: COPY sent straight to it while the Kysely transaction holds the
    // only pool connection runs inside that transaction, and nothing else can interleave.
    loadTransaction: (fn) => db.transaction().execute((trx) => fn({ db: trx, copyCsv: (t, c, csv) => copyIntoPglite(pglite, t, c, csv) })),
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      if (owned) {
        await pglite.query('CHECKPOINT');
        await pglite.close();
      }
      lock?.release();
    },
  };
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 8, types });
  // An idle connection the server ends (a restart, an administrator, a dropped database) is
  // reported here; without a listener it would be an uncaught exception that stops the process.
  // The pool replaces the connection on next use; queries in flight get their own error.
  pool.on('error', (err: Error & { code?: string }) => {
    process.emitWarning(`数据库空闲连接已断开 / an idle database connection was closed (${err.code ?? err.message})`);
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  await sql`select 1`.execute(db); // fail fast with a clear connection error
  return {
    db,
    engine: 'postgresql',
    copyCsv: (table, columns, csv) => copyViaPool(pool, table, columns, csv),
    loadTransaction: (fn) => loadOnOneClient(pool, fn),
    close: () => db.destroy(),
  };
}

/** A transaction on one pinned client, with a Kysely bound to that client and COPY on it too. */
async function loadOnOneClient<T>(pool: pg.Pool, fn: (tx: LoadTransaction) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // Kysely asks its "pool" for a connection per query: always hand it this client, never release it.
  const borrowed = { query: client.query.bind(client), release: () => {} };
  const pinned = { connect: async () => borrowed, end: async () => {} };
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: pinned as unknown as pg.Pool }) });
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await fn({ db, copyCsv: (t, c, csv) => copyOnClient(client, t, c, csv) });
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => (broken = true));
    throw err;
  } finally {
    await db.destroy();
    client.release(broken);
  }
}

async function copyViaPool(
  pool: pg.Pool,
  table: string,
  columns: readonly string[],
  csv: AsyncIterable<string> | Iterable<string>,
): Promise<number> {
  const client = await pool.connect();
  try {
    return await copyOnClient(client, table, columns, csv);
  } finally {
    client.release();
  }
}

async function copyOnClient(client: pg.PoolClient, table: string, columns: readonly string[], csv: AsyncIterable<string> | Iterable<string>): Promise<number> {
  const cols = columns.map((c) => `"${c}"`).join(', ');
  const stream = client.query(copyFrom(`COPY ${table} (${cols}) FROM STDIN WITH (FORMAT csv)`));
  await pipeline(Readable.from(csv), stream);
  return Number(stream.rowCount ?? 0);
}

/**
 * PGlite has no COPY … FROM STDIN over the node-postgres bridge; it reads COPY input from a
 * virtual /dev/blob instead. The CSV stream is cut into blobs of about 16 MB at line ends, so
 * memory stays bounded whatever the input's size.
 */
async function copyIntoPglite(
  pglite: PGlite,
  table: string,
  columns: readonly string[],
  csv: AsyncIterable<string> | Iterable<string>,
): Promise<number> {
  const cols = columns.map((c) => `"${c}"`).join(', ');
  const statement = `COPY ${table} (${cols}) FROM '/dev/blob' WITH (FORMAT csv)`;
  const LIMIT = 16 * 1024 * 1024;
  let parts: string[] = [];
  let size = 0;
  let total = 0;
  const flush = async () => {
    if (parts.length === 0) return;
    const res = await pglite.query(statement, [], { blob: new Blob(parts) });
    total += res.affectedRows ?? 0;
    parts = [];
    size = 0;
  };
  for await (const chunk of csv) {
    parts.push(chunk);
    size += chunk.length;
    // Callers yield whole lines, so a cut between chunks never splits a record.
    if (size >= LIMIT) await flush();
  }
  await flush();
  return total;
}

export { csvField } from './csv-field.js';
