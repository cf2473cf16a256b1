/**
 * The whole path in a real Chromium against the real server (embedded database, demo data, the
 * job worker on): the medical insurance bureau's data raises an alert about a family of the demo
 * village; the township officer opens a case from it and assigns the visit; the village worker,
 * on a phone, finds it in their inbox and submits the home visit with the family's authorization;
 * the township records the economic check and runs the identification; the county decides; the
 * township refers the family to medical assistance; the bureau's handler answers with the money
 * paid — and every step is on the household's assistance chain.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { api, apiSignIn, daysAgo } from '../support/api-session.js';
import { hasChromium, serveWithBrowser, shot, signIn, type Served } from '../support/browser.js';
import { newIdNumber } from '../support/factories.js';

describe.skipIf(!hasChromium)('from a red alert to the help that reached the family, in a real browser', () => {
  let served: Served | undefined;
  let browser: Browser;
  let base = '';
  let logs: string[] = [];
  const code = `HE2E${Date.now() % 1_000_000}`;
  const head = newIdNumber('19740506');
  let alertId = '';
  let caseId = '';
  const contexts: BrowserContext[] = [];

  /** A page signed in as `username` (desktop unless a phone). */
  async function as(username: string, path: string, phone = false): Promise<Page> {
    const context = await browser.newContext(phone ? { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' } : { viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${base}${path}`);
    await signIn(page, username);
    return page;
  }
  const state = (page: Page) => page.getByTestId('case-state').innerText();
  async function step(page: Page, action: string, fill?: (dialog: Page) => Promise<void>) {
    await page.getByTestId(`action-${action}`).click();
    await page.getByTestId('action-form').waitFor();
    if (fill) await fill(page);
    await page.getByTestId('action-submit').click();
    await page.getByTestId('action-form').waitFor({ state: 'detached', timeout: 20_000 });
  }

  beforeAll(async () => {
    served = await serveWithBrowser({ SAFETYNET_JOBS_INTERVAL_MS: '300' });
    ({ browser, base, logs } = served);
    // A family of the demo village, registered by the township; the bureau's data about its head.
    const township = await apiSignIn(base, 'demo_township');
    const village = await apiSignIn(base, 'demo_village');
    const region = (await api<{ user: { region_code: string } }>(base, village, 'GET', '/api/auth/me')).user.region_code;
    await api(base, township, 'POST', '/api/households', {
      code, region_code: region, hukou_type: 'urban', address: '演示社区 5 栋 1 单元 202',
      members: [
        { id_number: head, name: '陈立新', relation: 'head', work_ability: 'partial', health: 'chronic' },
        { id_number: newIdNumber('19760809', 'female'), name: '林秀梅', relation: 'spouse', work_ability: 'partial', health: 'healthy' },
      ],
    });
    const medical = await apiSignIn(base, 'demo_medical');
    const settled = daysAgo(15);
    await api(base, medical, 'POST', '/api/ingest/medical_settlement', `id_number,settle_date,visit_type,admission_date,discharge_date,total_cost,insurance_paid,oop_cost,hospital_code,diagnosis_code\n${head},${settled},inpatient,${daysAgo(25)},${settled},80000,60000,20000,H22010001,I63.9\n`, 'text/csv');
    // the worker's incremental run raises the alerts (expect.poll belongs to tests, so a plain loop)
    for (let waited = 0; !alertId; waited += 500) {
      if (waited > 60_000) throw new Error(`no alert for ${code} within 60 s`);
      alertId = (await api<{ alerts: { id: string }[] }>(base, township, 'GET', `/api/alerts?household=${code}`)).alerts[0]?.id ?? '';
      if (!alertId) await new Promise((r) => setTimeout(r, 500));
    }
  }, 240_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await served?.stop();
  }, 30_000);

  it('walks the case from the alert to the bureau\'s answer, every step by the role that takes it', async () => {
    onTestFailed(() => console.error('server log:\n' + logs.slice(-80).join('')));
    // 1. The township officer opens a case from the alert and assigns the visit.
    const township = await as('demo_township', `/alerts/${alertId}`);
    await township.getByRole('button', { name: /立\s*案/ }).click();
    await township.waitForURL(/\/cases\/\d+$/, { timeout: 20_000 });
    caseId = township.url().split('/').pop()!;
    expect(await state(township)).toContain('已发现');
    await step(township, 'assign');
    await expect.poll(() => state(township)).toContain('已分派');

    // 2. The village worker, on a phone, finds the visit in their inbox and submits it.
    const worker = await as('demo_village', '/inbox', true);
    await worker.getByTestId('inbox-item').filter({ hasText: code }).first().click();
    await worker.waitForURL(new RegExp(`/cases/${caseId}$`));
    await worker.getByTestId('open-visit').click();
    await worker.getByTestId('visit-form').waitFor();
    await worker.getByTestId('visit-outcome').getByText('确有困难', { exact: true }).click();
    await worker.getByRole('group', { name: '困难与需求' }).getByText('医疗', { exact: true }).click();
    await worker.getByLabel('核查意见').fill('户主脑梗后需长期康复，家庭收入低，建议认定并转介医疗救助');
    await shot(worker, 'case-visit-phone.png', true);
    await worker.getByTestId('visit-submit').click();
    await expect.poll(async () => (await worker.evaluate((id) => fetch(`/api/cases/${id}`).then((r) => r.json()), caseId) as { state: string }).state, { timeout: 20_000 }).toBe('economic_check');

    // 3. The township records the economic check (from the 核对 system) and runs the identification.
    const session = await apiSignIn(base, 'demo_township');
    await api(base, session, 'POST', `/api/cases/${caseId}/transitions`, {
      action: 'record_check',
      data: { scopes: ['household_registration', 'tax', 'social_insurance', 'real_estate', 'vehicles', 'banks'], findings: '核对未发现车辆、房产、工商登记', income_wage: 19000, financial_assets: 3000, vehicle_count: 0, property_count: 1 },
    });
    await township.reload();
    await step(township, 'assess');
    await expect.poll(() => state(township)).toContain('已测算');

    // 4. The county decides (a marginal family: no publicity).
    const county = await as('demo_county', `/cases/${caseId}`);
    await step(county, 'decide', async (p) => {
      await p.getByTestId('action-form').getByText('确认', { exact: true }).click();
    });
    await expect.poll(() => state(county)).toContain('已审核确认');
    expect(await county.getByTestId('case-decision').innerText()).toContain('低保边缘');
    // the notice as the family receives it, printed from the case page
    const [notice] = await Promise.all([county.context().waitForEvent('page'), county.getByTestId('print-notice').click()]);
    await notice.getByTestId('paper-body').waitFor({ timeout: 20_000 });
    expect(await notice.getByTestId('paper-title').innerText()).toBe('社会救助审核确认通知书');
    expect(await notice.getByTestId('paper-body').innerText()).toContain('确认你家为低保边缘');
    expect(await notice.getByTestId('paper-addressee').innerText()).toMatch(/陈立新（身份证号 \d{6}\*{8}\d{3}[\dX]）/);
    expect(await notice.locator('.ant-layout-sider').count()).toBe(0);
    await shot(notice, 'case-notice.png', true);
    await notice.close();

    // 5. The township starts assistance and refers the family to medical assistance.
    await township.reload();
    await step(township, 'start_assistance');
    await expect.poll(() => state(township)).toContain('救助帮扶中');
    await step(township, 'refer', async (p) => {
      const medical = p.getByTestId('program-medical_assistance');
      await medical.waitFor({ timeout: 20_000 });
      const box = p.locator('input[type="checkbox"][value="medical_assistance"]');
      if (!(await box.isChecked())) await medical.click();
    });
    // the form offers every matched program checked; medical assistance is among the referrals
    await expect.poll(() => township.getByTestId('case-referral').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await township.getByTestId('case-referral').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('医疗救助')]));

    // 6. The medical insurance bureau's handler answers with the amount paid.
    const handler = await as('demo_medical_handler', '/assistance/referrals');
    const row = handler.locator('tr, [data-testid="referral-card"]').filter({ hasText: code }).first();
    await row.getByRole('button', { name: /答\s*复/ }).click();
    await handler.getByTestId('respond-form').waitFor();
    await handler.getByLabel('办理情况').fill('纳入医疗救助，按比例救助住院自付费用');
    await handler.getByLabel('发放金额（元，无金额可留空）').fill('3600');
    await handler.getByRole('button', { name: /提交答复/ }).click();
    await handler.getByTestId('respond-form').waitFor({ state: 'detached', timeout: 20_000 });

    // 7. The household's chain shows every step, from every department.
    const chain = await as('demo_township', `/households/${code}`);
    const card = chain.getByTestId('household-chain');
    await card.waitFor({ timeout: 20_000 });
    await expect.poll(() => card.innerText(), { timeout: 20_000 }).toContain('医保局');
    await shot(chain, 'case-household-chain.png', true);
    const timeline = await chain.evaluate((c) => fetch(`/api/households/${c}/timeline`).then((r) => r.json()), code) as { events: { kind: string }[] };
    const kinds = new Set(timeline.events.map((e) => e.kind));
    for (const k of ['alert', 'case_opened', 'visit', 'check', 'assessment', 'decision', 'membership', 'referral', 'referral_answer', 'grant']) expect(kinds, k).toContain(k);
  }, 300_000);
});
