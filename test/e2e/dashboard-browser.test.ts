import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSampleLedger } from '../../scripts/sample-ledger/load-through-api.js';
import { caseApi } from '../helpers/case-api.js';
import { chromiumPath, launchChromium } from '../helpers/chromium.js';
import { createStaff, type TestUser } from '../helpers/staff.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

const screenshots = join(process.cwd(), 'test-results');

describe('a supervisor works the dashboard in a real browser', () => {
  let system: TestSystem;
  let supervisor: TestUser;
  let mediator: TestUser;
  let caseNumber: string;
  let profile: Awaited<ReturnType<typeof makeTempDir>>;
  let context: BrowserContext;
  let page: Page;

  /** As if the 15-day period had run out three days ago (the workflow's own timer is not waited for). */
  const putStagePeriodInThePast = () => system.database.sql`
    update case_deadlines set due_at = now() - interval '3 days', started_at = now() - interval '18 days'
     where case_number = ${caseNumber} and kind = 'stage'`;

  beforeAll(async () => {
    if (!existsSync(chromiumPath))
      throw new Error(`No ${chromiumPath}: apt-get install -y chromium fonts-noto-cjk`);
    system = await startTestSystem();
    const api = caseApi(system);
    // The centre and its stations, with the 2022 ledger imported (the statistics page has a year to show).
    const admin = await createStaff(system.database.db, 'admin', null);
    const { unitIds } = await loadSampleLedger(system.baseUrl, admin.token);
    const centre = unitIds.get('HLBE-CENTRE')!;
    let clerk: TestUser;
    [clerk, mediator, supervisor] = await Promise.all([
      createStaff(system.database.db, 'clerk', centre),
      createStaff(system.database.db, 'mediator', centre),
      createStaff(system.database.db, 'supervisor', centre),
      createStaff(system.database.db, 'mediator', centre),
    ]);
    await system.database.sql`update users set display_name = '李调解' where id = ${mediator.id}`;
    await system.database.sql`update users set display_name = '王主任' where id = ${supervisor.id}`;

    // A neighbour dispute registered, triaged and assigned through the API, whose period then ran out.
    const registered = await api.register(clerk.token, {
      source: 'walk_in',
      summary: '楼上住户装修导致楼下墙面开裂，双方就修复费用争执不下',
      parties: [
        { kind: 'person', name: '王芳', role: 'applicant', phone: '13800001111' },
        { kind: 'person', name: '李强', role: 'respondent' },
      ],
    });
    caseNumber = registered.caseNumber;
    await api.transition(clerk.token, caseNumber, 'triage', {
      triageClass: 'general',
      category: 'neighbour',
    });
    await api.transition(clerk.token, caseNumber, 'assign', { mediatorId: mediator.id });
    await putStagePeriodInThePast();

    await mkdir(screenshots, { recursive: true });
    profile = await makeTempDir('chromium');
    context = await launchChromium(profile.path, {
      locale: 'zh-CN',
      viewport: { width: 1360, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
  });

  afterAll(async () => {
    await context?.close();
    await profile?.remove();
    await system?.stop();
  });

  it('logs in, opens the overdue list, issues a 督办 order and sees it on the case timeline', async () => {
    await page.goto(`${system.baseUrl}/dashboard/overdue`);
    // Not logged in: the login page, which sends the supervisor back to the list afterwards.
    expect(new URL(page.url()).pathname).toBe('/dashboard/login');
    await page.getByLabel('用户名').fill(supervisor.username);
    await page.getByLabel('密码').fill(supervisor.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/dashboard/overdue');

    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/dashboard' });

    const list = await page.locator('main').textContent();
    expect(list).toContain('超期案件');
    expect(list).toContain(caseNumber);
    expect(list).toContain('李调解');
    expect(list).toMatch(/超期\d+天/);
    await page.screenshot({ path: join(screenshots, 'dashboard-overdue.png'), fullPage: true });

    const order = page.getByRole('form', { name: `督办 ${caseNumber}` });
    await order.getByLabel('督办意见').fill('案件已超期三天，请于期限内说明原因及下一步调解安排');
    await order.getByRole('button', { name: '发出督办' }).click();
    await page.waitForURL(`**/dashboard/cases/${caseNumber}?notice=order-issued`);

    const timeline = await page.locator('main').textContent();
    expect(timeline).toContain('督办已发出');
    expect(timeline).toContain('案件已超期三天，请于期限内说明原因及下一步调解安排');
    expect(timeline).toContain('待反馈');
    expect(timeline).toContain('王主任');
    expect(timeline).toContain('督办期限');
    const steps = await page.locator('ol.timeline li .what').allInnerTexts();
    expect(steps).toEqual(['登记受理', '分流定级', '指派调解员', '督办']);
    await page.screenshot({ path: join(screenshots, 'dashboard-case-timeline.png'), fullPage: true });

    const [stored] = await system.database.sql`
      select note, issued_by, assignee_id from supervision_orders where case_number = ${caseNumber}`;
    expect(stored).toEqual({
      note: '案件已超期三天，请于期限内说明原因及下一步调解安排',
      issued_by: supervisor.id,
      assignee_id: mediator.id,
    });

    // The projection rewrote the deadline from the workflow when it recorded the order: put the stage
    // period back in the past. The list then shows the order waiting for its answer, not a second form.
    await putStagePeriodInThePast();
    await page.goto(`${system.baseUrl}/dashboard/overdue`);
    expect(await page.locator('main').textContent()).toContain('督办待反馈');
  });

  it('shows the overview and the statistics with server-rendered charts', async () => {
    await page.goto(`${system.baseUrl}/dashboard`);
    const overview = await page.locator('main').textContent();
    expect(overview).toContain('今日总览');
    expect(overview).toContain('呼伦贝尔市非诉纠纷调处中心');
    await page.screenshot({ path: join(screenshots, 'dashboard-overview.png'), fullPage: true });

    await page.goto(`${system.baseUrl}/dashboard/statistics`);
    expect(await page.locator('.chart svg').count()).toBe(3);
    expect(await page.locator('main').textContent()).toContain('受理纠纷');

    // The imported year: DESIGN.md's figures, with charts by month, category and source.
    await page.getByLabel('登记日期 从').fill('2022-01-01');
    await page.getByLabel('至').fill('2022-12-31');
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForURL('**/dashboard/statistics?from=2022-01-01&to=2022-12-31');
    const year = await page.locator('main').textContent();
    for (const figure of [
      '10599',
      '5318',
      '5125',
      '1.83亿元',
      '1463 / 1602',
      '499.00万元',
      '6 / 8',
      '17.60万元',
    ])
      expect(year).toContain(figure);
    expect(await page.locator('.chart svg text', { hasText: '借贷纠纷' }).count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(screenshots, 'dashboard-statistics.png'), fullPage: true });
  });

  it('sends a mediator to the workbench and gives them a friendly 403 page on the supervision pages', async () => {
    await context.clearCookies();
    await page.goto(`${system.baseUrl}/dashboard/login`);
    await page.getByLabel('用户名').fill(mediator.username);
    await page.getByLabel('密码').fill(mediator.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/dashboard/work');
    expect(await page.locator('main').textContent()).toContain('指派给我的案件');
    const refused = await page.goto(`${system.baseUrl}/dashboard/overdue`);
    expect(refused?.status()).toBe(403);
    expect(await page.locator('main').textContent()).toContain('无权访问督办工作台');
    await page.getByRole('link', { name: '业务系统' }).click();
    await page.waitForURL('**/dashboard/work');
  });
});
