/**
 * The registry pages in a real Chromium against the real server (embedded database, demo data),
 * signed in through the login page with the demo accounts. Screenshots go to test-results/ for a
 * human look at the layout and the Chinese rendering.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { MEDICAL_HEADER, medicalRow, tempDir, writeCsv } from '../support/dataset-files.js';
import { newIdNumber } from '../support/factories.js';
import { hasChromium, serveWithBrowser, shot, signIn, type Served } from '../support/browser.js';

// antd spaces two-character labels ("查 询") and the icon adds "search" to the accessible name.
const searchButton = (page: Page) => page.getByRole('button', { name: /查\s*询$/ });
/** Click 查询 and wait until the search response has arrived. */
async function search(page: Page) {
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/households/search') && r.request().method() === 'POST'),
    searchButton(page).click(),
  ]);
}
const rows = (page: Page, scope = '') => page.locator(`${scope} .ant-table-tbody tr.ant-table-row`);
const menuItems = (page: Page) => page.locator('.ant-layout-sider [role="menuitem"]').allInnerTexts();
const isSearch = (r: { url(): string; request(): { method(): string } }) =>
  r.url().endsWith('/api/households/search') && r.request().method() === 'POST';

interface Me {
  user: { username: string; role: string; region_code: string; permissions: string[] };
}
const whoAmI = (page: Page) => page.evaluate(() => fetch('/api/auth/me').then((r) => r.json())) as Promise<Me>;

describe.skipIf(!hasChromium)('registry in a real browser', () => {
  let served: Served | undefined;
  let browser: Browser | undefined;
  let base = '';
  let logs: string[] = [];

  beforeAll(async () => {
    served = await serveWithBrowser();
    ({ browser, base, logs } = served);
  }, 150_000);

  afterAll(async () => served?.stop(), 30_000);

  it('searches, opens a household and switches to English (desktop)', async () => {
    onTestFailed(() => console.error('server log:\n' + logs.slice(-60).join('')));
    const context = await browser!.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const requestUrls: string[] = [];
    page.on('request', (r) => requestUrls.push(decodeURIComponent(r.url())));
    try {
      // No session: the login page, with the demo accounts to choose from.
      await page.goto(`${base}/`);
      await page.waitForURL(/\/login$/);
      await expect.poll(() => page.getByTestId('demo-accounts').isVisible(), { timeout: 20_000 }).toBe(true);
      await shot(page, 'login.png');
      await signIn(page, 'demo_admin');
      await page.waitForURL(/\/registry$/);
      await expect.poll(() => page.getByText('低收入人口动态监测与分层分类救助平台').isVisible()).toBe(true);
      await expect.poll(() => page.getByTestId('current-user').innerText()).toContain('省级管理员');
      await expect.poll(() => rows(page).count(), { timeout: 20_000 }).toBeGreaterThan(0);

      // A name goes in the POST body only: never in a request URL or the page URL.
      await page.getByPlaceholder('输入姓名或18位身份证号').fill('张三丰');
      const [named] = await Promise.all([
        page.waitForRequest((r) => r.url().endsWith('/api/households/search') && r.method() === 'POST'),
        searchButton(page).click(),
      ]);
      expect(JSON.parse(named.postData() ?? '{}')).toMatchObject({ name: '张三丰' });
      expect(decodeURIComponent(page.url())).not.toContain('张三丰');
      expect(requestUrls.filter((u) => u.includes('张三丰'))).toEqual([]);
      await page.getByRole('button', { name: /重\s*置$/ }).click();

      // Region tree: the province's prefectures are loaded lazily; pick the first one.
      await page.locator('#region').click();
      const prefecture = page.locator('.ant-select-tree-title').filter({ hasNotText: '吉林省' }).first();
      const prefectureName = (await prefecture.innerText()).trim();
      await prefecture.click();
      await search(page);
      await page.waitForURL(/region=\d+/);
      await expect
        .poll(async () => {
          const regions = await rows(page).locator('td:nth-child(2)').allInnerTexts();
          return regions.length > 0 && regions.every((r) => r.startsWith(prefectureName));
        }, { timeout: 20_000 })
        .toBe(true);

      // Category filter.
      await page.locator('#category').click();
      await page.locator('.ant-select-item-option').filter({ hasText: '最低生活保障对象' }).click();
      await search(page);
      await page.waitForURL(/category=dibao/);
      await expect.poll(() => rows(page).first().innerText(), { timeout: 20_000 }).toContain('低保');
      await shot(page, 'registry.png');

      // Household page.
      const link = rows(page).first().locator('a').first();
      const code = (await link.innerText()).trim();
      await link.click();
      await page.waitForURL(new RegExp(`/households/${code}$`));
      await expect.poll(() => page.getByText(/家庭成员（\d+）/).isVisible(), { timeout: 20_000 }).toBe(true);
      expect(await rows(page, '[data-testid="members-table"]').count()).toBeGreaterThan(0);
      expect(await page.getByText('户主').first().isVisible()).toBe(true);
      await shot(page, 'household.png', true);

      // English.
      await page.getByTestId('lang-switch').click();
      await expect.poll(() => page.getByText(/^Members \(\d+\)$/).isVisible()).toBe(true);
      await page.getByText('Back to search').click();
      await page.waitForURL(/\/registry\?.*category=dibao/);
      await expect.poll(() => page.getByText('Low-income population registry').isVisible()).toBe(true);
      await expect.poll(() => rows(page).count(), { timeout: 20_000 }).toBeGreaterThan(0);
      await shot(page, 'registry-en.png');
      await page.getByTestId('lang-switch').click();

      // System administration: the users of the province.
      await page.locator('.ant-layout-sider').getByText('用户管理').click();
      await page.waitForURL(/\/admin\/users$/);
      await expect.poll(() => rows(page).count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(8);
      expect(await page.getByText('demo_township').isVisible()).toBe(true);
      await shot(page, 'users.png');

      // The session ends (cookie gone, as after 30 idle minutes): the next call sends us to the
      // login page with 登录已过期, and signing in again returns to the page we were on.
      await page.locator('.ant-layout-sider').getByText('低收入人口库').click();
      await page.waitForURL(/\/registry/);
      await expect.poll(() => rows(page).count(), { timeout: 20_000 }).toBeGreaterThan(0);
      const before = new URL(page.url());
      await context.clearCookies();
      await searchButton(page).click();
      await page.waitForURL(/\/login\?next=/);
      await expect.poll(() => page.getByText('登录已过期，请重新登录').isVisible()).toBe(true);
      await signIn(page, 'demo_admin');
      expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(before.pathname + before.search);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('works at phone width with a drawer menu', async () => {
    onTestFailed(() => console.error('server log:\n' + logs.slice(-60).join('')));
    const context = await browser!.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const page = await context.newPage();
    try {
      await page.goto(`${base}/registry`);
      await expect.poll(() => page.getByTestId('demo-accounts').isVisible(), { timeout: 20_000 }).toBe(true);
      await shot(page, 'login-phone.png', true);
      await signIn(page, 'demo_admin');
      await page.waitForURL(/\/registry$/);
      await expect.poll(() => page.getByText('吉林省低收入人口监测平台').first().isVisible()).toBe(true);
      // Results are cards on a phone; a tap opens the household with member cards.
      const cards = page.getByTestId('result-item');
      await expect.poll(() => cards.count(), { timeout: 20_000 }).toBeGreaterThan(0);
      await shot(page, 'registry-phone.png');
      await cards.first().click();
      await page.waitForURL(/\/households\//);
      await expect.poll(() => page.getByTestId('member-card').count(), { timeout: 20_000 }).toBeGreaterThan(0);
      await shot(page, 'household-phone.png', true);
      await page.getByLabel('菜单').click();
      const drawer = page.locator('.ant-drawer');
      if (!(await drawer.getByText('监测总览').isVisible())) await drawer.getByText('动态监测').click();
      await drawer.getByText('监测总览').click();
      await page.waitForURL(/\/monitoring$/);
      await expect.poll(() => page.getByTestId('handling-rate').isVisible(), { timeout: 20_000 }).toBe(true);
      await shot(page, 'monitoring-phone.png', true);
      await page.getByLabel('菜单').click();
      await page.locator('.ant-drawer').getByText('用户管理').click();
      await page.waitForURL(/\/admin\/users$/);
      await expect.poll(() => page.getByTestId('user-card').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(8);
      await shot(page, 'users-phone.png', true);
      // 数据共享: the administrator starts at the upload form; the catalog is a list of cards
      await page.getByLabel('菜单').click();
      await page.locator('.ant-drawer').getByText('数据共享').click();
      await page.waitForURL(/\/sharing\/upload$/);
      await expect.poll(() => page.getByTestId('upload-submit').isVisible(), { timeout: 20_000 }).toBe(true);
      await shot(page, 'upload-phone.png', true);
      await page.getByRole('tab', { name: '数据目录' }).click();
      await expect.poll(() => page.getByTestId('dataset-card').count(), { timeout: 20_000 }).toBe(16);
      await shot(page, 'catalog-phone.png');
    } finally {
      await context.close();
    }
  }, 90_000);

  it('limits each role: a township officer sees its own area only; an auditor verifies the audit chain', async () => {
    onTestFailed(() => console.error('server log:\n' + logs.slice(-60).join('')));
    const context = await browser!.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    try {
      // Township officer: the first search (made on landing) is cut to the township by the server.
      await page.goto(`${base}/registry`);
      const firstSearch = page.waitForResponse(isSearch, { timeout: 30_000 });
      await signIn(page, 'demo_township');
      await page.waitForURL(/\/registry$/);
      const me = await whoAmI(page);
      expect(me.user.username).toBe('demo_township');
      expect(me.user.region_code.length).toBeGreaterThan(6);
      const found = (await (await firstSearch).json()) as { items: { code: string; region_code: string }[]; total: number };
      expect(found.items.length).toBeGreaterThan(0);
      expect(found.items.filter((h) => !h.region_code.startsWith(me.user.region_code))).toEqual([]);
      await expect.poll(() => rows(page).count(), { timeout: 20_000 }).toBe(found.items.length);
      const codes = await rows(page).locator('td:first-child').allInnerTexts();
      expect(codes.map((c) => c.trim())).toEqual(found.items.map((h) => h.code));

      // No user or audit administration in the menu (policy parameters are readable by all),
      // and the audit page says so politely.
      const menu = await menuItems(page);
      expect(menu).toContain('低收入人口库');
      expect(menu).toContain('认定测算');
      expect(menu).not.toContain('审计日志');
      expect(menu).not.toContain('用户管理');

      // A household of the township opens; the full phone number is shown for a stated purpose.
      const link = rows(page).first().locator('a').first();
      const code = (await link.innerText()).trim();
      await link.click();
      await page.waitForURL(new RegExp(`/households/${code}$`));
      await expect.poll(() => page.getByText(/家庭成员（\d+）/).isVisible(), { timeout: 20_000 }).toBe(true);
      expect(await rows(page, '[data-testid="members-table"]').count()).toBeGreaterThan(0);
      const masked = (await page.getByTestId('members-table').innerText());
      await page.getByTestId('reveal-phone').first().click();
      await page.getByLabel('查看用途').fill('入户核查');
      await page.getByTestId('reveal-submit').click();
      await expect.poll(() => page.getByTestId('reveal-result').isVisible(), { timeout: 20_000 }).toBe(true);
      const full = (await page.getByTestId('reveal-value').innerText()).trim();
      expect(full).toMatch(/^\d{11}$/);
      expect(masked).not.toContain(full);
      await shot(page, 'reveal.png');
      await page.getByRole('button', { name: /^关\s+闭$/ }).click();
      expect(await page.getByTestId('members-table').innerText()).not.toContain(full);

      await page.goto(`${base}/admin/audit`);
      await expect.poll(() => page.getByText('无权访问').isVisible(), { timeout: 20_000 }).toBe(true);
      await page.getByTestId('logout').click();
      await page.waitForURL(/\/login$/);

      // Auditor: lands on the audit log, the only page it may see; the chain verifies.
      await signIn(page, 'demo_auditor');
      await page.waitForURL(/\/admin\/audit$/);
      // The auditor reads the audit log and the warnings (alert.read), and changes nothing.
      const auditorMenu = await menuItems(page);
      expect(auditorMenu).toEqual(expect.arrayContaining(['系统管理', '审计日志', '政策参数', '预警处置', '监测总览']));
      expect(auditorMenu).not.toContain('低收入人口库');
      expect(auditorMenu).not.toContain('用户管理');
      await expect.poll(() => rows(page).count(), { timeout: 20_000 }).toBeGreaterThan(0);
      await page.getByTestId('verify-chain').click();
      const result = page.getByTestId('chain-result');
      await expect.poll(() => result.isVisible(), { timeout: 20_000 }).toBe(true);
      expect(await result.innerText()).toContain('审计链完整');
      expect(await result.getAttribute('class')).toContain('ant-alert-success');

      // The township officer's reveal is in the log, with its purpose.
      await page.getByLabel('操作类型').fill('person.reveal');
      await page.keyboard.press('Escape');
      await searchButton(page).click();
      await page.waitForURL(/action=person\.reveal/);
      await expect
        .poll(async () => (await rows(page).allInnerTexts()).some((r) => r.includes('user:demo_township') && r.includes('入户核查')), { timeout: 20_000 })
        .toBe(true);
      await shot(page, 'audit.png');
      await page.goto(`${base}/registry`);
      await expect.poll(() => page.getByText('无权访问').isVisible(), { timeout: 20_000 }).toBe(true);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('assesses a household (分层认定测算) and a pasted description as a township officer', async () => {
    onTestFailed(() => console.error('server log:\n' + logs.slice(-60).join('')));
    const context = await browser!.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const isAssess = (r: { url(): string; request(): { method(): string } }) => r.url().endsWith('/api/assessments') && r.request().method() === 'POST';
    const tiers = ['特困人员', '低保', '低保边缘', '刚性支出困难', '未认定'];
    try {
      await page.goto(`${base}/registry`);
      await signIn(page, 'demo_township');
      await page.waitForURL(/\/registry$/);
      await expect.poll(() => rows(page).count(), { timeout: 20_000 }).toBeGreaterThan(0);
      const link = rows(page).first().locator('a').first();
      const code = (await link.innerText()).trim();
      await link.click();
      await page.waitForURL(new RegExp(`/households/${code}$`));
      const card = page.getByTestId('household-assessments');
      await expect.poll(() => card.isVisible(), { timeout: 20_000 }).toBe(true);

      // 测算 (today, from the household's latest economic snapshot): stored, and shown in plain words.
      const [response] = await Promise.all([
        page.waitForResponse(isAssess, { timeout: 30_000 }),
        card.getByRole('button', { name: /测\s*算$/ }).click(),
      ]);
      const result = (await response.json()) as { id: string; tier: string; summary: { zh: string } };
      expect(response.status(), JSON.stringify(result)).toBe(201);
      await expect.poll(() => card.getByTestId('assessment-summary').isVisible(), { timeout: 20_000 }).toBe(true);
      expect(await card.getByTestId('assessment-summary').innerText()).toBe(result.summary.zh);
      expect(tiers).toContain((await card.getByTestId('assessment-tier').innerText()).trim());
      expect(result.summary.zh.length).toBeGreaterThan(10);
      expect(await card.getByTestId('assessment-test').count()).toBeGreaterThan(0);

      // 重算核验: the stored input and parameters give the same answer.
      await card.getByTestId('assess-replay').click();
      await expect.poll(() => card.getByTestId('replay-result').isVisible(), { timeout: 20_000 }).toBe(true);
      expect(await card.getByTestId('replay-result').innerText()).toContain('重算一致');
      await card.scrollIntoViewIfNeeded();
      await shot(page, 'assessment.png', true);

      // 认定测算 page: the example (3 people, ¥833 a head in 2025) is a marginal family.
      await page.locator('.ant-layout-sider').getByText('认定测算').click();
      await page.waitForURL(/\/recognition$/);
      await page.getByTestId('assess-example').click();
      const [described] = await Promise.all([
        page.waitForResponse(isAssess, { timeout: 30_000 }),
        page.getByRole('button', { name: /测\s*算$/ }).click(),
      ]);
      expect(described.status(), await described.text()).toBe(200);
      await expect.poll(() => page.getByTestId('assessment-tier').isVisible(), { timeout: 20_000 }).toBe(true);
      expect(await page.getByTestId('assessment-tier').innerText()).toBe('低保边缘');
      expect(await page.getByTestId('assessment-summary').innerText()).toContain('人均月收入 ¥833 低于 1.5 × ¥643 = ¥964.5');
      await shot(page, 'recognition.png', true);

      // A broken ID number: the server's message names the field.
      const text = await page.getByTestId('assess-input').inputValue();
      await page.getByTestId('assess-input').fill(text.replace(/"id_number": "(\d{17})[\dX]"/, '"id_number": "$1Y"'));
      await page.getByRole('button', { name: /测\s*算$/ }).click();
      await expect.poll(() => page.getByTestId('assess-error').isVisible(), { timeout: 20_000 }).toBe(true);
      expect(await page.getByTestId('assess-error').innerText()).toContain('members[0].id_number');
    } finally {
      await context.close();
    }
  }, 120_000);

  it('uploads department data as a data provider: a refused file with its error report, then a clean one', async () => {
    onTestFailed(() => console.error('server log:\n' + logs.slice(-60).join('')));
    const context = await browser!.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const dir = tempDir('sn-e2e-upload-');
    const bad = writeCsv(dir, '医保结算-有错误.csv', MEDICAL_HEADER, [medicalRow(newIdNumber()), medicalRow(newIdNumber(), { oop_cost: -5 }), medicalRow(newIdNumber())]);
    const clean = writeCsv(dir, 'medical-2026-10.csv', MEDICAL_HEADER, [medicalRow(newIdNumber()), medicalRow(newIdNumber(), { visit_type: '门诊', oop_cost: '1,200.50' })]);
    const result = page.getByTestId('upload-result');
    const send = async (file: string) => {
      await page.locator('input[type="file"]').setInputFiles(file);
      await page.getByTestId('upload-submit').click();
      await expect.poll(() => result.isVisible(), { timeout: 30_000 }).toBe(true);
    };
    try {
      await page.goto(`${base}/sharing/upload`);
      await signIn(page, 'demo_medical');
      await page.waitForURL(/\/sharing\/upload$/);
      // A data provider: its uploads, and the public parts (parameters, indicators, calendar); no people, no warnings.
      const providerMenu = await menuItems(page);
      expect(providerMenu).toEqual(expect.arrayContaining(['数据共享', '系统管理', '政策参数', '预警指标']));
      expect(providerMenu).not.toContain('低收入人口库');
      expect(providerMenu).not.toContain('预警处置');
      // the department's one dataset is chosen, with the columns a file must have
      await expect.poll(() => page.getByTestId('expected-columns').innerText(), { timeout: 20_000 }).toContain('oop_cost（个人自付费用）*');

      // skip invalid rows off: one bad row refuses the file, naming the row; the report downloads
      await send(bad);
      expect(await result.innerText()).toContain('文件未入库：1 处错误');
      const errorRow = page.locator('[data-testid="upload-errors"] tbody tr.ant-table-row');
      expect(await errorRow.count()).toBe(1);
      const cells = await errorRow.first().locator('td').allInnerTexts();
      expect(cells.map((c) => c.trim())).toEqual(['3', 'oop_cost 个人自付费用', '-5', '不能为负数 / must not be negative']);
      const href = (await page.getByTestId('error-report').getAttribute('href'))!;
      expect(href).toMatch(/^\/api\/ingest\/batches\/\d+\/errors\.csv$/);
      const report = await page.evaluate((url) => fetch(url).then(async (r) => ({ status: r.status, text: await r.text() })), href);
      expect(report.status).toBe(200);
      expect(report.text).toContain('3,oop_cost,');
      expect(report.text).toContain('不能为负数');
      await shot(page, 'upload-rejected.png', true);

      await send(clean);
      await expect.poll(() => result.innerText(), { timeout: 30_000 }).toContain('已入库：批次');
      expect(await result.innerText()).toContain('载入 2/2 行');

      // both batches are on record, newest first
      await page.getByRole('tab', { name: '批次记录' }).click();
      await page.waitForURL(/\/sharing\/batches$/);
      await expect.poll(() => rows(page).count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
      expect(await rows(page).first().innerText()).toContain('medical-2026-10.csv');
      expect(await rows(page).nth(1).innerText()).toContain('已拒收');
      await shot(page, 'batches.png');
    } finally {
      await context.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
