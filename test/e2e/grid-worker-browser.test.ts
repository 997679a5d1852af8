import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { units } from '../../db/schema/index.js';
import { chromiumPath, launchChromium } from '../helpers/chromium.js';
import { createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

const screenshots = join(process.cwd(), 'test-results', 'grid');

/**
 * A grid worker on a phone (375×812) reports a lead from the village: signs in, leaves out the risk
 * level and sees the field marked with the reason in Chinese and what was typed kept, completes it and
 * sees the lead in the grid's list with the phone number masked. No scripts: plain forms.
 */
describe('the grid worker’s phone page', () => {
  let system: TestSystem;
  let gridWorker: TestUser;
  let profile: Awaited<ReturnType<typeof makeTempDir>>;
  let context: BrowserContext;
  let page: Page;

  const shot = (name: string) => page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    if (!existsSync(chromiumPath))
      throw new Error(`No ${chromiumPath}: apt-get install -y chromium fonts-noto-cjk`);
    await mkdir(screenshots, { recursive: true });
    system = await startTestSystem();
    const db = system.database.db;
    const station = await createUnit(db, '幸福镇调解站');
    const [grid] = await db
      .insert(units)
      .values({
        code: `G-${randomBytes(4).toString('hex')}`,
        name: '幸福村网格',
        kind: 'point',
        parentId: station.id,
      })
      .returning();
    gridWorker = await createStaff(db, 'grid_worker', grid!.id);
    await system.database.sql`update users set display_name = '其其格' where id = ${gridWorker.id}`;
    profile = await makeTempDir('chromium');
    context = await launchChromium(profile.path, {
      locale: 'zh-CN',
      viewport: { width: 375, height: 812 },
      deviceScaleFactor: 1,
      isMobile: true,
      hasTouch: true,
    });
    page = context.pages()[0] ?? (await context.newPage());
  });

  afterAll(async () => {
    await context?.close();
    await profile?.remove();
    await system?.stop();
  });

  it('reports a lead: a missing risk level is marked in Chinese, the rest kept; then the lead is listed', async () => {
    await page.goto(`${system.baseUrl}/dashboard/login`);
    await page.getByLabel('用户名').fill(gridWorker.username);
    await page.getByLabel('密码').fill(gridWorker.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/dashboard/grid');
    expect(await page.locator('h1').textContent()).toBe('上报排查线索');
    await shot('1-empty-form');

    await page.getByLabel('地点').fill('幸福村三组王家门前');
    await page.getByLabel('姓名1').fill('王建国');
    await page.getByLabel('电话（可不填）').first().fill('13904700021');
    await page.getByLabel('姓名2').fill('李秀兰');
    await page.getByLabel('纠纷类别').selectOption({ label: '邻里纠纷' });
    await page.getByLabel('情况描述').fill('两家因排水沟堵塞争吵两天，王家扬言要把沟填平。');
    await page.getByRole('button', { name: '上报' }).click();
    await page.waitForURL('**/dashboard/grid/leads');
    await expect.poll(() => page.locator('#lead-riskLevel-error').textContent()).toBe('请选择风险等级');
    expect(await page.getByLabel('地点').inputValue()).toBe('幸福村三组王家门前');
    expect(await page.getByLabel('姓名2').inputValue()).toBe('李秀兰');
    await shot('2-risk-level-missing');

    await page.getByLabel('高').check();
    await page.getByRole('button', { name: '上报' }).click();
    await page.waitForURL('**/dashboard/grid?reported=1');
    expect(await page.getByRole('status').textContent()).toContain('线索已上报');
    const card = page.locator('.card', { hasText: '幸福村三组王家门前' });
    expect(await card.textContent()).toContain('王建国（139****0021）');
    expect(await card.textContent()).toContain('风险高');
    expect(await card.textContent()).toContain('待研判');
    // Nothing sticks out of a 375 px screen.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await shot('3-reported');

    // The workbench is not the grid worker's: a friendly 403 page.
    const response = await page.goto(`${system.baseUrl}/dashboard/work`);
    expect(response?.status()).toBe(403);
  });
});
