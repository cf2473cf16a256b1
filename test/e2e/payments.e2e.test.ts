/**
 * The monthly roll in a real Chromium against the real server (embedded database, demo data):
 * the county officer prepares this month's roll for the demo county, reads who stopped and why,
 * cannot approve their own roll; the province administrator approves it and downloads the bank
 * file.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { hasChromium, serveWithBrowser, shot, signIn, type Served } from '../support/browser.js';

const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

describe.skipIf(!hasChromium)('the monthly roll in a real browser', () => {
  let served: Served | undefined;
  let browser: Browser;
  let base = '';
  let logs: string[] = [];
  const contexts: BrowserContext[] = [];

  async function as(username: string, path: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${base}${path}`);
    await signIn(page, username);
    return page;
  }

  beforeAll(async () => {
    served = await serveWithBrowser();
    ({ browser, base, logs } = served);
  }, 240_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await served?.stop();
  }, 30_000);

  it('prepares, shows the changes, is approved by a colleague, and gives the bank file', async () => {
    onTestFailed(() => console.error('server log:\n' + logs.slice(-80).join('')));
    const clerk = await as('demo_county', `/payments?month=${month}`);
    await clerk.getByTestId('roll-empty').waitFor({ timeout: 30_000 });
    await clerk.getByTestId('roll-prepare').click();
    await clerk.getByTestId('roll-status').waitFor({ timeout: 60_000 });
    expect(await clerk.getByTestId('roll-status').innerText()).toBe('待审核');
    const rows = clerk.locator('[data-testid="roll-lines"] tbody tr.ant-table-row');
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await clerk.getByTestId('roll-totals').innerText()).toMatch(/本次发放合计[\s\S]*¥[\d,]+\.\d\d/);
    // no full ID number on the page
    expect(await clerk.locator('body').innerText()).not.toMatch(/\d{17}[\dX]/);
    expect(await clerk.getByTestId('roll-approve').isDisabled()).toBe(true);
    await shot(clerk, 'payments-roll.png', true);
    const region = (await clerk.evaluate(() => fetch('/api/auth/me').then((r) => r.json())) as { user: { region_code: string } }).user.region_code;

    const chief = await as('demo_admin', `/payments?region=${region}&month=${month}`);
    await chief.getByTestId('roll-approve').click();
    await chief.getByText('已审核', { exact: true }).first().waitFor({ timeout: 30_000 });
    const [download] = await Promise.all([chief.waitForEvent('download'), chief.getByTestId('roll-bank-file').click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^代发文件-\\d{6}-${month}-generic_csv\\.csv$`));
    const text = readFileSync((await download.path())!, 'utf8').replace(/^\ufeff/, '');
    expect(text.split('\r\n')[0]).toBe('序号,账号,户名,身份证号,金额,项目,所属月份,业务参考号');
    expect(text.trim().split('\r\n').length).toBeGreaterThan(1);
  }, 300_000);
});
