import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDateTimeText } from '../../domain/dates.js';
import { caseApi } from '../helpers/case-api.js';
import { chromiumPath, launchChromium } from '../helpers/chromium.js';
import { createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

const screenshots = join(process.cwd(), 'test-results');

/**
 * A walk-in dispute from the window to the archive in a real browser on an office PC's screen: the
 * clerk registers it (past a duplicate warning), triages it and assigns the mediator chosen from the
 * directory; the mediator accepts, records a session, settles, closes and records the follow-up; the
 * clerk archives. Nothing here calls the API: every step is a page and a form. Another mediator cannot
 * open the case.
 */
describe('a clerk and a mediator work a walk-in dispute in the workbench', () => {
  let system: TestSystem;
  let clerk: TestUser;
  let mediator: TestUser;
  let otherMediator: TestUser;
  let earlierCase: string;
  let centreId: string;
  let caseNumber: string;
  let profile: Awaited<ReturnType<typeof makeTempDir>>;
  let context: BrowserContext;
  let page: Page;
  const started = Date.now();

  const shot = (name: string) =>
    page.screenshot({ path: join(screenshots, `workbench-${name}.png`), fullPage: true });
  const main = async () => (await page.locator('main').textContent()) ?? '';

  async function logIn(user: TestUser) {
    await page.goto(`${system.baseUrl}/dashboard/login`);
    await page.getByLabel('用户名').fill(user.username);
    await page.getByLabel('密码').fill(user.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/dashboard/work');
  }
  async function logOut() {
    await page.getByRole('button', { name: '退出' }).click();
    await page.waitForURL('**/dashboard/login');
  }
  /** Open an action's form on the case page, fill it and submit; wait for the page it leads to. */
  async function act(
    name: string,
    fill: (form: ReturnType<Page['getByRole']>) => Promise<void> = async () => {},
  ) {
    const form = page.getByRole('form', { name });
    if (!(await form.isVisible())) await page.locator('details.action summary', { hasText: name }).click();
    await fill(form);
    await form.getByRole('button', { name }).click();
    await page.waitForURL(`**/dashboard/work/cases/${caseNumber}?notice=done-*`);
  }

  beforeAll(async () => {
    if (!existsSync(chromiumPath))
      throw new Error(`No ${chromiumPath}: apt-get install -y chromium fonts-noto-cjk`);
    system = await startTestSystem();
    const db = system.database.db;
    const centre = await createUnit(db, '呼伦贝尔市非诉纠纷调处中心');
    centreId = centre.id;
    [clerk, mediator, otherMediator] = await Promise.all([
      createStaff(db, 'clerk', centre.id),
      createStaff(db, 'mediator', centre.id),
      createStaff(db, 'mediator', centre.id),
    ]);
    // 巴特尔 declared 李强 a former client: the picker must mark him before the clerk submits.
    await system.database.sql`
      insert into mediator_relations (user_id, name, name_normalised, relation)
      values (${otherMediator.id}, '李强', '李强', '曾代理')`;
    // The admins' mapping: neighbour disputes go to the centre itself (triage suggests it).
    await system.database.sql`
      insert into triage_station_rules (category, unit_id) values ('neighbour', ${centre.id})`;
    await system.database.sql`update users set display_name = '张受理' where id = ${clerk.id}`;
    await system.database.sql`update users set display_name = '乌云' where id = ${mediator.id}`;
    await system.database.sql`update users set display_name = '巴特尔' where id = ${otherMediator.id}`;
    await system.database.sql`
      insert into mediator_profiles (user_id, qualifications, specialties, languages, introduction)
      values (${mediator.id}, '{people_mediator,counsellor}', '{neighbour,family}', '{zh,mn}',
              '从事人民调解十二年，擅长邻里、婚姻家庭纠纷，可用蒙古语调解。'),
             (${otherMediator.id}, '{lawyer}', '{labour,contract}', '{zh}', '执业律师，擅长劳动争议。')`;
    // An earlier dispute of the same applicant, still open: the new registration must warn of it.
    earlierCase = (
      await caseApi(system).register(clerk.token, {
        source: 'hotline',
        summary: '小区停车位被占用',
        parties: [{ kind: 'person', name: '王芳', role: 'applicant', idNumber: '150702199001011233' }],
      })
    ).caseNumber;

    await mkdir(screenshots, { recursive: true });
    profile = await makeTempDir('chromium');
    context = await launchChromium(profile.path, {
      locale: 'zh-CN',
      viewport: { width: 1366, height: 768 },
    });
    page = context.pages()[0] ?? (await context.newPage());
  });

  afterAll(async () => {
    await context?.close();
    await profile?.remove();
    await system?.stop();
  });

  it('the clerk registers the dispute past the duplicate warning, triages it and assigns 乌云', async () => {
    await logIn(clerk);
    expect(await main()).toContain('待分级');
    expect(await main()).toContain(earlierCase);
    await shot('1-clerk-queue');

    // What the clerk does at the window, counted: clicks (links, boxes, buttons) and fields typed in.
    const intake = { clicks: 0, fieldsTyped: 0 };
    const click = async (target: { click: () => Promise<void> }) => {
      intake.clicks += 1;
      await target.click();
    };
    const type = async (target: { fill: (text: string) => Promise<void> }, text: string) => {
      intake.fieldsTyped += 1;
      await target.fill(text);
    };
    const registrationStarted = Date.now();
    await click(page.getByRole('link', { name: '登记纠纷' }).first());
    await page.waitForURL('**/dashboard/work/register');
    const form = page.getByRole('form', { name: '登记纠纷' });
    await type(form.getByLabel('案情'), '楼上住户装修导致楼下墙面开裂，双方就修复费用争执不下');
    await type(form.getByLabel('诉求'), '赔偿修复费用一万二千元');
    await type(form.getByLabel('标的额（元）'), '12000');
    // The applicant chose 乌云 in the 调解超市 (the directory's leaflet at the window).
    await click({
      click: async () => {
        await form
          .getByLabel('当事人选择的调解员')
          .selectOption({ label: '乌云（呼伦贝尔市非诉纠纷调处中心）' });
      },
    });
    await type(form.locator('#register-applicantName'), '王芳');
    await type(form.locator('#register-applicantIdNumber'), '150702199001011233');
    await type(form.locator('#register-applicantPhone'), '13800001111');
    await click({ click: () => form.getByLabel('申请人申请调解').check() });
    await type(form.locator('#register-respondentName'), '李强');
    await click({ click: () => form.getByLabel('被申请人同意调解').check() });
    await shot('2-register-form');
    await click(form.getByRole('button', { name: '登记' }));
    await page.waitForLoadState();

    // The same ID number is in an open case: listed, and a reason is asked for before registering.
    const warning = page.getByRole('region', { name: '可能重复的案件' });
    expect(await warning.textContent()).toContain(earlierCase);
    expect(await warning.textContent()).toContain('王芳的证件号码');
    expect(await form.locator('#register-applicantName').inputValue()).toBe('王芳');
    expect(page.url()).not.toContain('150702');
    await shot('3-register-duplicate-warning');
    await type(warning.getByLabel('仍要登记的理由'), '同一申请人的另一纠纷（装修），与停车纠纷无关');
    await click(form.getByRole('button', { name: '登记' }));
    await page.waitForURL('**/dashboard/work/cases/*?notice=registered');
    const registeredIn = Date.now() - registrationStarted;
    caseNumber = new URL(page.url()).pathname.split('/').at(-1)!;
    expect(await main()).toContain('纠纷已登记');
    expect(await main()).toContain('12,000.00 元');
    // The parties' consent, ticked at the window, is on the case with when it was recorded.
    expect(await page.locator('#mediation-consent').textContent()).toContain(
      '调解意愿：王芳、李强 申请/同意调解',
    );
    expect(await page.locator('#current-stage').textContent()).toBe('接案');
    console.info(
      `clerk's intake: ${intake.clicks} clicks and ${intake.fieldsTyped} fields typed, ${(registeredIn / 1000).toFixed(1)} s in the browser (two submissions, past the duplicate warning)`,
    );

    await act('分级', async (triage) => {
      await triage.getByLabel('分级').selectOption('general');
      await triage.getByLabel('纠纷类别').selectOption('neighbour');
    });
    expect(await page.locator('#current-stage').textContent()).toBe('分流');
    // The picker puts the specialist in neighbour disputes first and shows load and qualifications.
    await page.locator('details.action summary', { hasText: '指派调解员' }).click();
    const assign = page.getByRole('form', { name: '指派调解员' });
    // Triage suggests the station the admins mapped to neighbour disputes, preselected.
    expect(await assign.textContent()).toContain('建议：呼伦贝尔市非诉纠纷调处中心（依据纠纷类别）');
    expect(await assign.getByLabel('承办单位').inputValue()).toBe(centreId);
    const options = await assign.getByLabel('调解员').locator('option').allTextContents();
    expect(options[1]).toContain(
      '乌云（呼伦贝尔市非诉纠纷调处中心，人民调解员、心理咨询师，擅长邻里、婚姻家庭，在办0件）',
    );
    await shot('4-case-divert-assign');
    // The parties' choice at intake is preselected, with the conflict check's result beside each name.
    expect(await assign.locator('#chosen-mediator').textContent()).toContain('当事人选择：乌云');
    expect(await assign.getByLabel('调解员').inputValue()).toBe(mediator.id);
    expect(options[1]).toContain('【回避检查：无】');
    expect(options.find((option) => option.startsWith('巴特尔'))).toContain('【应回避：李强（曾代理）】');
    expect(await assign.locator('#assign-conflicts').textContent()).toContain('巴特尔与李强（曾代理）');
    await act('指派调解员');
    expect(await main()).toContain('乌云');
    await shot('5-case-assigned');

    await page.getByRole('link', { name: '调解超市' }).click();
    await page.waitForURL('**/dashboard/work/mediators');
    expect(await main()).toContain('擅长：邻里纠纷、婚姻家庭纠纷');
    await shot('6-mediator-directory');
    await logOut();
  });

  it('another mediator does not see the case', async () => {
    await logIn(otherMediator);
    expect(await main()).not.toContain(caseNumber);
    const response = await page.goto(`${system.baseUrl}/dashboard/work/cases/${caseNumber}`);
    expect(response?.status()).toBe(404);
    expect(await main()).toContain('没有找到案件');
    expect(await main()).not.toContain('王芳');
    await shot('7-other-mediator-refused');
    await logOut();
  });

  it('the mediator accepts, records a session, settles, closes and records the follow-up', async () => {
    await logIn(mediator);
    expect(await main()).toContain(caseNumber);
    await shot('8-mediator-cases');
    await page.getByRole('link', { name: caseNumber }).click();
    await page.waitForURL(`**/dashboard/work/cases/${caseNumber}`);
    // The assignee sees the parties in full.
    expect(await main()).toContain('13800001111');
    await act('接受指派');
    expect(await page.locator('#current-stage').textContent()).toBe('化解');

    // A bad amount first: the field is marked, the reason is in Chinese and the terms stay.
    const settle = page.getByRole('form', { name: '登记调解成功' });
    await page.locator('details.action summary', { hasText: '登记调解成功' }).click();
    await settle.getByLabel('协议形式').selectOption('written');
    await settle.getByLabel('协议内容').fill('李强于2026年12月20日前一次性支付修复费用人民币8,600元');
    await settle.getByLabel('协议金额（元）').fill('八千六');
    await settle.getByRole('button', { name: '登记调解成功' }).click();
    await page.waitForLoadState();
    const refused = page.getByRole('form', { name: '登记调解成功' });
    expect(await refused.getByLabel('协议金额（元）').getAttribute('aria-invalid')).toBe('true');
    expect(await refused.textContent()).toContain('协议金额应为金额（元），最多两位小数');
    expect(await refused.getByLabel('协议内容').inputValue()).toContain('8,600元');
    await shot('9-settle-refused');

    const heldAt = chinaDateTimeText(Date.now() - 2 * 3600_000).replace(' ', 'T');
    await act('记录调解', async (form) => {
      await form.getByLabel('调解时间').fill(heldAt);
      await form.getByLabel('地点').fill('中心第三调解室');
      await form.getByLabel('调解情况').fill('双方到场，确认墙面开裂系装修所致，就修复费用达成一致');
    });
    await act('登记调解成功', async (form) => {
      await form.getByLabel('协议形式').selectOption('written');
      await form.getByLabel('协议内容').fill('李强于2026年12月20日前一次性支付修复费用人民币8,600元');
      await form.getByLabel('协议金额（元）').fill('8,600');
      await form.getByLabel('履行方式').fill('一次性支付');
    });
    expect(await page.locator('#current-stage').textContent()).toBe('联动');
    expect(await main()).toContain('协议金额 8,600.00 元');
    await act('结案');
    await act('记录回访', async (form) => {
      await form.getByLabel('协议履行情况').selectOption('yes');
      await form.getByLabel('满意度').selectOption('5');
    });
    expect(await page.locator('#current-stage').textContent()).toBe('处置');
    expect(await main()).not.toContain('归档后案件不能再变更');
    await shot('10-mediator-follow-up');
    await logOut();
  });

  it('the clerk archives the case, and the directory counts the settlement', async () => {
    await logIn(clerk);
    await page.goto(`${system.baseUrl}/dashboard/work/cases/${caseNumber}`);
    await act('归档');
    expect(await page.locator('#current-stage').textContent()).toBe('已归档');
    expect(await main()).toContain('当前阶段您没有可办理的操作');
    const steps = await page.locator('ol.timeline li .what').allInnerTexts();
    expect(steps[0]).toBe('登记受理');
    expect(steps.at(-1)).toBe('归档');
    await shot('11-case-archived');

    await page.goto(`${system.baseUrl}/dashboard/work/mediators?category=neighbour`);
    // The figures are read from the read model, which each action waited for.
    expect(await page.locator('article', { hasText: '乌云' }).textContent()).toMatch(/调解成功\s*1/);
    console.info(`the whole walk took ${Date.now() - started} ms`);
  });
});
