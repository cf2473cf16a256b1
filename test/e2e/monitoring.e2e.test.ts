/**
 * Monitoring in a real Chromium against the real server (embedded database, demo data, the job
 * worker on): departments send a month of data about a person of the demo township; the
 * worker's incremental run raises red and orange alerts; the township officer sees them in the
 * inbox with the facts behind each and handles one; the administrator sees the dashboard with
 * the Jilin map, edits an indicator (refused, then previewed) and runs monitoring.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { api, apiSignIn, daysAgo } from '../support/api-session.js';
import { hasChromium, serveWithBrowser, shot, signIn, type Served } from '../support/browser.js';

const tableRows = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"] .ant-table-tbody tr.ant-table-row`);

describe.skipIf(!hasChromium)('monitoring in a real browser', () => {
  let served: Served | undefined;
  let browser: Browser | undefined;
  let base = '';
  let logs: string[] = [];
  let household = '';

  beforeAll(async () => {
    served = await serveWithBrowser({ SAFETYNET_JOBS_INTERVAL_MS: '300' });
    ({ browser, base, logs } = served);

    // The township officer finds a household of the township and, for the record, the head's ID number.
    const township = await apiSignIn(base, 'demo_township');
    const found = await api<{ items: { code: string }[] }>(base, township, 'POST', '/api/households/search', {});
    household = found.items[0].code;
    const detail = await api<{ members: { id: string; relation: string }[] }>(base, township, 'GET', `/api/households/${household}`);
    const head = detail.members.find((m) => m.relation === 'head') ?? detail.members[0];
    const { value: idNumber } = await api<{ value: string }>(base, township, 'POST', `/api/persons/${head.id}/reveal`, { field: 'id_number', purpose: '核对部门数据' });

    // A month of data: the medical insurance bureau's settlements, and a flood recorded by emergency management.
    const medical = await apiSignIn(base, 'demo_medical');
    const settled = daysAgo(20);
    await api(base, medical, 'POST', '/api/ingest/medical_settlement', `id_number,settle_date,visit_type,admission_date,discharge_date,total_cost,insurance_paid,oop_cost,hospital_code,diagnosis_code\n${idNumber},${settled},inpatient,${daysAgo(30)},${settled},90000,70000,20000,H22010001,C34.9\n`, 'text/csv');
    const admin = await apiSignIn(base, 'demo_admin');
    await api(base, admin, 'POST', '/api/ingest/disaster_victim', `id_number,event_date,disaster_type,loss_level,house_damaged\n${idNumber},${daysAgo(10)},洪涝,total,true\n`, 'text/csv');
  }, 180_000);

  afterAll(async () => served?.stop(), 30_000);

  it('shows the township officer red and orange alerts with their evidence, and handles one', async () => {
    onTestFailed(() => console.error('server log:\n' + logs.slice(-60).join('')));
    const context = await browser!.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    try {
      await page.goto(`${base}/alerts`);
      await signIn(page, 'demo_township');
      await page.waitForURL(/\/alerts/);
      // The worker's incremental runs have raised the alerts by now (or within seconds).
      const mine = () => page.evaluate((code) => fetch(`/api/alerts?household=${code}`).then((r) => r.json()), household) as Promise<{ alerts: { id: string; indicator: string; level: string; region_code: string }[] }>;
      await expect.poll(async () => (await mine()).alerts.map((a) => a.indicator).sort(), { timeout: 60_000 }).toEqual(expect.arrayContaining(['disaster_victim', 'hospital_stay_oop', 'medical_oop_annual']));
      const me = (await page.evaluate(() => fetch('/api/auth/me').then((r) => r.json()))) as { user: { region_code: string } };
      const all = (await page.evaluate(() => fetch('/api/alerts?limit=500').then((r) => r.json()))) as { alerts: { region_code: string }[] };
      expect(all.alerts.every((a) => a.region_code.startsWith(me.user.region_code))).toBe(true);

      await page.reload();
      await expect.poll(() => tableRows(page, 'alerts-table').count(), { timeout: 20_000 }).toBeGreaterThan(0);
      const levels = await tableRows(page, 'alerts-table').locator('[data-testid="level-tag"]').allInnerTexts();
      expect(levels).toContain('红色');
      expect(levels).toContain('橙色');
      await shot(page, 'alerts.png');

      // The flood: red, with the department's row behind it.
      const disaster = (await mine()).alerts.find((a) => a.indicator === 'disaster_victim')!;
      expect(disaster.level).toBe('red');
      await page.goto(`${base}/alerts/${disaster.id}`);
      await expect.poll(() => page.getByTestId('alert-title').isVisible(), { timeout: 20_000 }).toBe(true);
      expect(await page.getByTestId('alert-title').innerText()).toContain('受灾严重');
      await expect.poll(() => page.getByTestId('ev-passed').first().innerText()).toContain('✓');
      expect(await page.getByTestId('ev-source').first().innerText()).toMatch(/受灾|disaster/);
      await shot(page, 'alert-detail.png', true);

      await page.getByTestId('start-verify').click();
      await expect.poll(() => page.locator('[data-testid="status-tag"]').first().innerText(), { timeout: 20_000 }).toBe('核实中');
      await page.getByTestId('close-alert').click();
      const dialog = page.locator('.ant-modal');
      await dialog.getByLabel('办结结果').click();
      await page.locator('.ant-select-item-option').filter({ hasText: '确有困难' }).click();
      await dialog.getByLabel('办结说明').fill('已入户核实，受灾严重');
      await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
      await expect.poll(() => page.locator('[data-testid="status-tag"]').first().innerText(), { timeout: 20_000 }).toBe('已办结');
    } finally {
      await context.close();
    }
  }, 150_000);

  it('lists alerts as cards on a phone', async () => {
    onTestFailed(() => console.error('server log:\n' + logs.slice(-60).join('')));
    const context = await browser!.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const page = await context.newPage();
    try {
      await page.goto(`${base}/alerts`);
      await signIn(page, 'demo_village');
      await page.waitForURL(/\/alerts/);
      await expect.poll(() => page.getByTestId('alert-total').isVisible(), { timeout: 20_000 }).toBe(true);
      await shot(page, 'alerts-phone.png', true);
      expect(await page.getByTestId('close-alert').count()).toBe(0); // a village worker reads, does not handle
    } finally {
      await context.close();
    }
  }, 90_000);

  it('gives the administrator the dashboard with the map, the indicator editor with preview, and a run', async () => {
    onTestFailed(() => console.error('server log:\n' + logs.slice(-60).join('')));
    const context = await browser!.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    try {
      await page.goto(`${base}/monitoring`);
      await signIn(page, 'demo_admin');
      await page.waitForURL(/\/monitoring$/);
      await expect.poll(() => page.getByTestId('map-chart').locator('canvas').count(), { timeout: 30_000 }).toBeGreaterThan(0);
      await expect.poll(() => tableRows(page, 'region-table').count(), { timeout: 20_000 }).toBe(9);
      await shot(page, 'monitoring-dashboard.png', true);

      await page.getByTestId('run-monitoring').click();
      await expect.poll(() => page.getByTestId('run-result').isVisible(), { timeout: 60_000 }).toBe(true);

      await page.goto(`${base}/monitoring/indicators/medical_oop_annual`);
      const facts = page.getByTestId('facts-json');
      await expect.poll(() => facts.inputValue(), { timeout: 20_000 }).toContain('medical_settlement');
      const original = await facts.inputValue();
      await facts.fill(original.replace(/"months":\s*\{[^}]*\}/, '"months": 0'));
      await page.getByTestId('save').click();
      await expect.poll(() => page.locator('[data-testid^="server-error"]').first().innerText(), { timeout: 20_000 }).toContain('facts.oop.months');
      await facts.fill(original);
      await page.getByTestId('preview').click();
      await expect.poll(() => page.getByTestId('preview-result').innerText(), { timeout: 60_000 }).toMatch(/\d+/);
      await shot(page, 'indicator-editor.png', true);
    } finally {
      await context.close();
    }
  }, 150_000);
});
