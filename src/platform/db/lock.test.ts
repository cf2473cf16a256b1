import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock, lockPath, readLock } from './lock.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sn-lock-'));

describe('data-directory lock', () => {
  it('keeps a second holder out while the first is alive, and releases', () => {
    const dir = tmp();
    const lock = acquireLock(dir, 'serve');
    // A live process other than us holds it: pid 1 always exists.
    fs.writeFileSync(lockPath(dir), JSON.stringify({ ...readLock(lockPath(dir)), pid: 1 }));
    expect(() => acquireLock(dir, 'import registry')).toThrow(/正被另一个进程使用.*in use by pid 1 \(serve\)/s);
    fs.writeFileSync(lockPath(dir), JSON.stringify({ ...readLock(lockPath(dir)), pid: process.pid }));
    lock.release();
    expect(fs.existsSync(lockPath(dir))).toBe(false);
  });

  it('recovers a stale lock whose process is gone', () => {
    const dir = tmp();
    fs.writeFileSync(lockPath(dir), JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname(), command: 'serve', since: '2026-01-01' }));
    const lock = acquireLock(dir, 'db migrate');
    expect(readLock(lockPath(dir))?.pid).toBe(process.pid);
    lock.release();
  });
});
