/** The `safetynet` command as an operator runs it: real processes, real exit codes, one JSON document. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { newIdNumber } from '../support/factories.js';
import { acquireLock } from '../../src/platform/db/lock.js';

const run = promisify(execFile);
const BIN = path.resolve('bin/safetynet.js');

async function cli(args: string[], env: Record<string, string> = {}) {
  const { DATABASE_URL: _omit, ...base } = process.env;
  try {
    const r = await run('node', [BIN, ...args], { env: { ...base, ...env }, timeout: 60_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('safetynet CLI', () => {
  it('checks a valid ID number', async () => {
    const id = newIdNumber('19580312', 'female');
    const r = await cli(['id', 'check', id, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: true, errors: [], birth_date: '1958-03-12', sex: 'female', address_code: '220102' });
  });

  it('explains an invalid ID number and exits 1, still printing one JSON document', async () => {
    const id = newIdNumber();
    const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    const r = await cli(['id', 'check', wrong, '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.valid).toBe(false);
    expect(out.errors[0]).toMatchObject({ part: 'check' });
    expect(out.errors[0].message).toMatch(/校验码.*check character/);
  });

  it('says plainly that the embedded database is in use', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sn-cli-'));
    const lock = acquireLock(dir, 'serve');
    fs.writeFileSync(path.join(dir, 'safetynet.lock'), JSON.stringify({ pid: 1, host: os.hostname(), command: 'serve', since: 'now' }));
    const r = await cli(['household', 'get', 'H1', '--json'], { DATA_DIR: dir });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error).toMatchObject({ code: 'DB_IN_USE' });
    expect(JSON.parse(r.stdout).error.message).toMatch(/正被另一个进程使用.*in use by pid 1/s);
    fs.rmSync(path.join(dir, 'safetynet.lock'));
    lock.release();
  });

  it('prepares a fresh database itself and reports a missing household as JSON', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sn-cli-'));
    const migrate = await cli(['db', 'migrate', '--json'], { DATA_DIR: dir });
    expect(migrate.code).toBe(0);
    expect(JSON.parse(migrate.stdout)).toMatchObject({ database: 'pglite', regions: 13014 });
    const r = await cli(['household', 'get', 'NOPE', '--json'], { DATA_DIR: dir });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error.code).toBe('NOT_FOUND');
    expect(fs.existsSync(path.join(dir, 'safetynet.lock'))).toBe(false);
  });

  it('serves, then on SIGTERM checkpoints, closes the embedded database and releases the lock', async () => {
    const { spawn } = await import('node:child_process');
    const net = await import('node:net');
    const port = await new Promise<number>((resolve) => {
      const srv = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (srv.address() as { port: number }).port;
        srv.close(() => resolve(p));
      });
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sn-serve-'));
    const { DATABASE_URL: _omit, ...base } = process.env;
    const child = spawn('node', [BIN, 'serve', '--no-build'], { env: { ...base, DATA_DIR: dir, PORT: String(port), HOST: '127.0.0.1', SAFETYNET_DEMO: '0' }, stdio: 'ignore' });
    const deadline = Date.now() + 90_000;
    let up = false;
    while (!up && Date.now() < deadline) {
      up = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
      if (!up) await new Promise((r) => setTimeout(r, 500));
    }
    expect(up).toBe(true);
    expect(fs.existsSync(path.join(dir, 'safetynet.lock'))).toBe(true);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(fs.existsSync(path.join(dir, 'safetynet.lock'))).toBe(false);
    const again = await cli(['db', 'migrate', '--json'], { DATA_DIR: dir });
    expect(again.code).toBe(0);
    const users = await cli(['users', 'list', '--json'], { DATA_DIR: dir });
    expect(JSON.parse(users.stdout).items).toEqual([]); // no demo accounts when demo is off
    const { execSync } = await import('node:child_process');
    const { DATABASE_URL: _u, ...env } = process.env;
    const added = execSync(`node ${BIN} users add --username first_admin --password - --role province_admin --region 22 --json`, { input: 'First-Admin-2026\n', env: { ...env, DATA_DIR: dir } }).toString();
    expect(JSON.parse(added)).toMatchObject({ username: 'first_admin', role: 'province_admin', region_code: '22' });
    const set = await cli(['policy', 'set', 'dibao.standard.urban', '720', '--region', '220102', '--from', '2026-01-01', '--source', '南关区 2026 年文件', '--json'], { DATA_DIR: dir });
    expect(JSON.parse(set.stdout)).toMatchObject({ key: 'dibao.standard.urban', value: 720, region_code: '220102', version: 1 });
    const got = await cli(['policy', 'get', 'dibao.standard.urban', '--region', '220102001001', '--on', '2026-02-01', '--json'], { DATA_DIR: dir });
    expect(JSON.parse(got.stdout)).toMatchObject({ value: 720, region_code: '220102' });
    const missing = await cli(['policy', 'get', 'dibao.standard.urban', '--region', '22', '--on', '2001-01-01', '--json'], { DATA_DIR: dir });
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout).error.code).toBe('NOT_FOUND');
    const verify = await cli(['audit', 'verify', '--json'], { DATA_DIR: dir });
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, first_broken: null });
  });

  it('has --help on every command', async () => {
    for (const args of [['--help'], ['id', 'check', '--help'], ['seed', 'demo', '--help'], ['household', 'get', '--help'], ['db', 'migrate', '--help']]) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/Usage|用法/);
    }
  });
});
