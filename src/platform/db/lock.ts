/**
 * One process at a time on an embedded (PGlite) data directory. The lock file holds the
 * owner's pid; a lock whose process is gone is stale and is taken over.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../errors.js';

export interface LockInfo {
  pid: number;
  host: string;
  command: string;
  since: string;
}

export interface DataDirLock {
  release(): void;
}

const LOCK_FILE = 'safetynet.lock';

export function lockPath(dataDir: string): string {
  return path.join(dataDir, LOCK_FILE);
}

export function acquireLock(dataDir: string, command: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = lockPath(dataDir);
  const info: LockInfo = { pid: process.pid, host: os.hostname(), command, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(info), { flag: 'wx' });
      return { release: () => releaseLock(file) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readLock(file);
      if (holder && isAlive(holder)) throw inUse(holder);
      fs.rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw inUse(readLock(file));
}

function releaseLock(file: string): void {
  const holder = readLock(file);
  if (holder?.pid === process.pid) fs.rmSync(file, { force: true });
}

export function readLock(file: string): LockInfo | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
  } catch {
    return undefined;
  }
}

function isAlive(holder: LockInfo): boolean {
  if (holder.host !== os.hostname()) return true; // cannot tell: be safe
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function inUse(holder: LockInfo | undefined): AppError {
  const who = holder ? `pid ${holder.pid} (${holder.command})` : 'another process';
  return new AppError(
    'DB_IN_USE',
    {
      zh: `嵌入式数据库正被另一个进程使用：${who}。请先停止该进程（例如服务器），或通过服务器的 API 操作；也可用 DATABASE_URL 连接 PostgreSQL。`,
      en: `the embedded database is in use by ${who}. Stop that process (e.g. the server) or go through its API; or use PostgreSQL via DATABASE_URL.`,
    },
    { holder },
  );
}
