import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDateTimeText } from '../../domain/dates.js';
import { caseApi } from '../helpers/case-api.js';
import { chromiumPath, launchChromium } from '../helpers/chromium.js';
import { eventually } from '../helpers/eventually.js';
import { pageSession } from '../helpers/page-session.js';
import { createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

const screenshots = join(process.cwd(), 'test-results', 'public');

/**
 * A citizen on a phone (375×812) uses 飞速通: signs in with the code the SMS outbox holds, applies for
 * mediation choosing 乌云 from the 调解超市, sees the case once the clerk has accepted and assigned it,
 * books the slot 乌云 published, messages her and reads her reply from the workbench, and rates the
 * service after the settlement. A second phone sees none of it.
 */
describe('a citizen applies, follows, books, messages and rates on a phone', () => {
  let system: TestSystem;
  let clerk: TestUser;
  let mediator: TestUser;
  let caseNumber: string;
  let profile: Awaited<ReturnType<typeof makeTempDir>>;
  let context: BrowserContext;
  let page: Page;
  const phone = '13912345678';
  const otherPhone = '13700001111';

  /** The mediator's workbench in a desktop window of the same browser, signed in by her session cookie. */
  async function mediatorPage(): Promise<Page> {
    await context.addCookies([
      { name: 'fst_dashboard', value: mediator.token, url: `${system.baseUrl}/dashboard` },
    ]);
    const staff = await context.newPage();
    await staff.setViewportSize({ width: 1366, height: 900 });
    await staff.goto(`${system.baseUrl}/dashboard/work/cases/${caseNumber}`);
    return staff;
  }

  const shot = (name: string) => page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
  const main = async () => (await page.locator('main').textContent()) ?? '';

  /** The newest sign-in code the outbox holds for a phone (what the SMS gateway would send). */
  async function codeFor(phoneNumber: string, after: Date): Promise<string> {
    return eventually(async () => {
      const [row] = await system.database.sql<{ params: { code: string } }[]>`
        select params from sms_outbox
        where phone = ${phoneNumber} and template_id = 'FST_SIGN_IN_CODE' and created_at >= ${after.toISOString()}
        order by created_at desc limit 1`;
      return row?.params.code;
    });
  }

  async function signIn(phoneNumber: string, screenshotPrefix?: string) {
    await page.goto(`${system.baseUrl}/my`);
    await page.waitForURL('**/my/login');
    const asked = new Date(Date.now() - 1000);
    await page.getByLabel('手机号码').fill(phoneNumber);
    if (screenshotPrefix) await shot(`${screenshotPrefix}-sign-in-phone`);
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.waitForURL('**/my/login/code');
    expect(page.url()).not.toContain(phoneNumber);
    const code = await codeFor(phoneNumber, asked);
    await page.getByLabel('验证码').fill(code === '000000' ? '000001' : '000000');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForLoadState();
    expect(await main()).toContain('验证码不正确，还可以再试 4 次');
    if (screenshotPrefix) await shot(`${screenshotPrefix}-sign-in-wrong-code`);
    await page.getByLabel('验证码').fill(code);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => url.pathname === '/my');
  }

  beforeAll(async () => {
    if (!existsSync(chromiumPath))
      throw new Error(`No ${chromiumPath}: apt-get install -y chromium fonts-noto-cjk`);
    system = await startTestSystem();
    const db = system.database.db;
    const centre = await createUnit(db, '呼伦贝尔市非诉纠纷调处中心');
    [clerk, mediator] = await Promise.all([
      createStaff(db, 'clerk', centre.id),
      createStaff(db, 'mediator', centre.id),
    ]);
    await system.database.sql`update users set display_name = '乌云' where id = ${mediator.id}`;
    await system.database.sql`
      insert into mediator_profiles (user_id, qualifications, specialties, languages, introduction)
      values (${mediator.id}, '{people_mediator,counsellor}', '{neighbour,family}', '{zh,mn}',
              '从事人民调解十二年，擅长邻里、婚姻家庭纠纷，可用蒙古语调解。')`;
    await mkdir(screenshots, { recursive: true });
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

  it('signs in with the code from the outbox and applies, choosing 乌云 from the 调解超市', async () => {
    await signIn(phone, '1');
    expect(await main()).toContain('暂无与您手机号关联的案件');
    expect(await main()).toContain('139****5678');
    await shot('2-my-cases-empty');

    await page.getByRole('link', { name: '申请调解' }).click();
    await page.waitForURL('**/my/apply');
    const form = page.getByRole('form', { name: '申请调解' });
    await form.getByLabel('您的姓名').fill('王芳');
    await form.getByLabel('纠纷类型').selectOption('neighbour');
    await form.getByLabel('您的请求').fill('赔偿墙面修复费用一万二千元');
    await form.getByLabel('涉及金额（元）').fill('一万二');
    await form.getByLabel('对方姓名或单位名称').fill('李强');
    await form.getByRole('radio', { name: /乌云/ }).check();
    // Left out: what happened, and the consent. Both are marked, what was typed stays.
    await form.getByRole('button', { name: '提交申请' }).click();
    await page.waitForLoadState();
    const refused = page.getByRole('form', { name: '申请调解' });
    expect(await refused.getByLabel('发生了什么').getAttribute('aria-invalid')).toBe('true');
    expect(await refused.textContent()).toContain('请填写发生了什么');
    expect(await refused.textContent()).toContain('涉及金额应为金额（元），最多两位小数');
    expect(await refused.textContent()).toContain('申请调解须您本人自愿，请阅读后勾选');
    expect(await refused.getByLabel('您的请求').inputValue()).toBe('赔偿墙面修复费用一万二千元');
    expect(await refused.getByRole('radio', { name: /乌云/ }).isChecked()).toBe(true);
    await shot('3-apply-refused');

    await refused.getByLabel('发生了什么').fill('楼上住户装修导致我家墙面开裂，多次协商未果');
    await refused.getByLabel('涉及金额（元）').fill('12000');
    await refused.getByLabel(/我自愿申请人民调解/).check();
    await shot('4-apply-form');
    await refused.getByRole('button', { name: '提交申请' }).click();
    await page.waitForURL('**/my/cases/*?notice=applied');
    caseNumber = new URL(page.url()).pathname.split('/').at(-1)!;
    expect(await page.locator('#case-status').textContent()).toBe('已提交，待受理');
    expect(await main()).toContain('您选择的调解员乌云');
    await shot('5-applied');
  });

  it('the clerk sees the application with the chosen mediator; once assigned and accepted, the citizen sees it', async () => {
    const api = caseApi(system);
    const registered = await api.read(clerk.token, caseNumber);
    expect(registered).toMatchObject({ stage: 'intake', source: 'online' });
    const clerkPage = await pageSession(system, clerk).get(`/dashboard/work/cases/${caseNumber}`);
    expect(clerkPage.html).toContain('申请人在调解超市选择的调解员：<strong>乌云</strong>');
    await api.transition(clerk.token, caseNumber, 'triage', {
      triageClass: 'general',
      category: 'neighbour',
    });
    await api.transition(clerk.token, caseNumber, 'assign', { mediatorId: mediator.id });
    await api.transition(mediator.token, caseNumber, 'accept');

    await page.goto(`${system.baseUrl}/my/cases/${caseNumber}`);
    expect(await page.locator('#case-status').textContent()).toBe('调解中');
    expect(await page.locator('#mediator-name').textContent()).toBe('乌云');
    expect(await main()).toMatch(/化解期限\s*\d{4}-\d{2}-\d{2} \d{2}:\d{2} 前/);
  });

  it('books the slot 乌云 published, which then leaves the offer', async () => {
    // 乌云 publishes a video-room slot, three days ahead at 10:00 China time, on her workbench.
    const day = chinaDateTimeText(Date.now() + 3 * 86400_000).slice(0, 10);
    const staff = await mediatorPage();
    const publish = staff.getByRole('form', { name: '发布可预约时段' });
    await publish.getByLabel('开始时间').fill(`${day}T10:00`);
    await publish.getByLabel('时长（分钟）').fill('60');
    await publish.getByLabel('调解室').selectOption('video');
    await publish.getByRole('button', { name: '发布时段' }).click();
    await staff.waitForURL('**?notice=slot-published');
    expect(await staff.locator('main').textContent()).toContain(`${day} 10:00 视频调解室 空闲`);
    await staff.close();
    await page.reload();
    const slots = page.getByRole('list', { name: '可预约时段' });
    expect(await slots.textContent()).toContain('视频调解室');
    await shot('6-case-accepted-slots');
    await slots.getByRole('button', { name: '预约' }).click();
    await page.waitForURL('**?notice=booked');
    expect(await page.locator('#booked-sessions').textContent()).toContain('已预约');
    expect(await page.locator('#booked-sessions').textContent()).toContain(`${day} 10:00–11:00 视频调解室`);
    expect(await page.getByRole('list', { name: '可预约时段' }).count()).toBe(0);
    await shot('7-booked');
  });

  it('messages 乌云 and reads her reply from the workbench', async () => {
    const form = page.getByRole('form', { name: '留言' });
    await form.getByRole('button', { name: '发送' }).click();
    await page.waitForLoadState();
    expect(await page.getByRole('form', { name: '留言' }).textContent()).toContain('请填写留言内容');
    await page.getByLabel('给调解员留言').fill('请问调解时需要带哪些材料？');
    await page.getByRole('button', { name: '发送' }).click();
    await page.waitForURL('**?notice=sent');

    const staff = await mediatorPage();
    expect(await staff.locator('main').textContent()).toContain('请问调解时需要带哪些材料？');
    const [notice] = await system.database.sql<{ title: string }[]>`
      select title from notifications where recipient_id = ${mediator.id} and kind = 'party_message'`;
    expect(notice?.title).toContain(caseNumber);
    const reply = staff.getByRole('form', { name: '回复当事人' });
    await reply.getByLabel('回复内容').fill('请带上身份证和墙面照片、维修报价单。');
    await reply.getByRole('button', { name: '回复当事人' }).click();
    await staff.waitForURL('**?notice=replied');
    expect(await staff.locator('main').textContent()).toContain('已回复当事人。');
    expect(await staff.locator('ol.timeline li', { hasText: '登记受理' }).textContent()).toContain(
      '网上申请（当事人）',
    );
    await staff.screenshot({ path: join(screenshots, '8-workbench-case-reply.png'), fullPage: true });
    await staff.close();
    const sms = await system.database.sql<{ params: { caseNumber: string } }[]>`
      select params from sms_outbox where phone = ${phone} and template_id = 'FST_MESSAGE_REPLY'`;
    expect(sms.map((row) => row.params.caseNumber)).toEqual([caseNumber]);

    await page.goto(`${system.baseUrl}/my/cases/${caseNumber}`);
    const thread = page.getByRole('list', { name: '留言记录' });
    expect(await thread.textContent()).toContain('请问调解时需要带哪些材料？');
    expect(await thread.textContent()).toContain('调解员 乌云');
    expect(await thread.textContent()).toContain('请带上身份证和墙面照片、维修报价单。');
    await shot('9-messages');
  });

  it('after the settlement, rates the service (回访满意度)', async () => {
    const api = caseApi(system);
    await api.transition(mediator.token, caseNumber, 'settle', {
      form: 'written',
      terms: '李强于2026年12月20日前一次性支付修复费用人民币8,600元',
      amountFen: 860_000,
      performance: [{ description: '一次性支付修复费用', amountFen: 860_000 }],
    });
    await api.transition(mediator.token, caseNumber, 'close', {});
    await page.reload();
    expect(await page.locator('#case-status').textContent()).toBe('已结案（已达成协议）');
    expect(await main()).toContain('8,600.00 元');
    const rate = page.getByRole('form', { name: '评价调解服务' });
    await rate.getByRole('button', { name: '提交评价' }).click();
    await page.waitForLoadState();
    expect(await page.getByRole('form', { name: '评价调解服务' }).textContent()).toContain('请选择1至5分');
    await page.getByLabel('5分').check();
    await page.getByLabel('意见和建议（可不填）').fill('调解员很耐心，处理及时。');
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.waitForURL('**?notice=rated');
    expect(await page.locator('#my-rating').textContent()).toContain('5分');
    await shot('10-rated');
    // The rating feeds 乌云's figures in the 调解超市.
    await page.goto(`${system.baseUrl}/my/apply`);
    expect(await page.getByRole('radio', { name: /乌云/ }).count()).toBe(1);
    expect(await page.locator('label.choice', { hasText: '乌云' }).textContent()).toContain(
      '当事人评价 5/5（1人）',
    );
    await page.goto(`${system.baseUrl}/my/cases/${caseNumber}`);

    // The large-text switch (适老化) keeps the page and makes its text larger.
    const before = await page.evaluate<string>('getComputedStyle(document.body).fontSize');
    await page.getByRole('button', { name: '大字' }).click();
    await page.waitForURL(`**/my/cases/${caseNumber}`);
    const after = await page.evaluate<string>('getComputedStyle(document.body).fontSize');
    expect([before, after]).toEqual(['16px', '20px']);
    await shot('11-large-text');
    await page.getByRole('button', { name: '标准字' }).click();
    await page.getByRole('button', { name: '退出' }).click();
    await page.waitForURL('**/my/login');
  });

  it('a second phone sees none of it', async () => {
    await signIn(otherPhone);
    expect(await main()).toContain('暂无与您手机号关联的案件');
    expect(await main()).not.toContain(caseNumber);
    const response = await page.goto(`${system.baseUrl}/my/cases/${caseNumber}`);
    expect(response?.status()).toBe(404);
    expect(await main()).not.toContain('王芳');
    await shot('12-other-phone-404');
    // Nor can that session post to the case.
    const csrfProbe = await page.request.post(`${system.baseUrl}/my/cases/${caseNumber}/messages`, {
      form: { body: '试探' },
    });
    expect([403, 404]).toContain(csrfProbe.status());
  });
});
