/**
 * Browser tests' shared ground: the real server on the embedded database with demo data, a real
 * Chromium (Debian's, never downloaded), sign-in through the login page with the demo accounts,
 * and screenshots in test-results/ for a human look at the layout and the Chinese rendering.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium) console.warn('SKIP browser tests: /usr/bin/chromium not installed (apt-get install chromium fonts-noto-cjk)');

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const RESULTS = path.join(ROOT, 'test-results');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

/** dist/web is missing or older than a file of src/web: the browser would test an old bundle. */
function webBuildIsStale(): boolean {
  const built = path.join(ROOT, 'dist/web/index.html');
  if (!fs.existsSync(built)) return true;
  const builtAt = fs.statSync(built).mtimeMs;
  const newest = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return Math.max(max, newest(p));
      return /\.test\.tsx?$/.test(e.name) ? max : Math.max(max, fs.statSync(p).mtimeMs);
    }, 0);
  return newest(path.join(ROOT, 'src/web')) > builtAt;
}

/** Build the web bundle unless it is current; one file at a time (a lock file), since test files run in parallel. */
function ensureWebBuild(): void {
  const lock = path.join(os.tmpdir(), 'safetynet-web-build.lock');
  for (let waited = 0; ; waited += 500) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch {
      if (waited > 180_000) fs.rmSync(lock, { force: true });
      execFileSync('sleep', ['0.5']);
    }
  }
  try {
    if (webBuildIsStale()) execFileSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

async function waitForHealth(base: string, child: ChildProcess, logs: string[], timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${logs.join('')}`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok && ((await res.json()) as { status?: string }).status === 'ok') return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server not healthy after ${timeoutMs / 1000}s:\n${logs.join('')}`);
}

export interface Served {
  base: string;
  browser: Browser;
  /** The server's recent output, for a failing test's message. */
  logs: string[];
  stop(): Promise<void>;
}

/** The real server (`safetynet serve`) on a fresh embedded database with demo data, and Chromium. */
export async function serveWithBrowser(env: NodeJS.ProcessEnv = {}): Promise<Served> {
  fs.mkdirSync(RESULTS, { recursive: true });
  ensureWebBuild();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'safetynet-e2e-'));
  const port = await freePort();
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1',
    SAFETYNET_DEMO: '1', SAFETYNET_DEMO_HOUSEHOLDS: '200', ...env,
  };
  delete childEnv.DATABASE_URL;
  const server = spawn(process.execPath, ['bin/safetynet.js', 'serve'], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: string[] = [];
  const keep = (chunk: Buffer) => {
    logs.push(chunk.toString());
    if (logs.length > 400) logs.shift();
  };
  server.stdout!.on('data', keep);
  server.stderr!.on('data', keep);
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      const timer = setTimeout(() => server.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(base, server, logs, 90_000);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    return { base, browser, logs, stop: async () => { await browser.close(); await stop(); } };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Screenshot after antd's 0.2 s transitions have settled. */
export async function shot(page: Page, name: string, fullPage = false) {
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(RESULTS, name), fullPage });
}

/**
 * Sign in through the login page: pick the account in the 演示账号 panel (which fills the user
 * name and password), then 登录. The page must already show the login form.
 */
export async function signIn(page: Page, username: string) {
  await page.waitForURL(/\/login/);
  // the exact user name: demo_medical must not also pick demo_medical_handler
  await page.getByTestId('demo-account').filter({ has: page.getByText(username, { exact: true }) }).click();
  await expect.poll(() => page.locator('#login-username').inputValue()).toBe(username);
  expect(await page.locator('#login-password').inputValue()).not.toBe('');
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 20_000 });
}
