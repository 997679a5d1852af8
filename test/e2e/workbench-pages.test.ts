import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseApi } from '../helpers/case-api.js';
import { pageSession, visibleText } from '../helpers/page-session.js';
import { createInstitution, createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

/**
 * The workbench over HTTP, the way a browser without script uses it: forms posted with the session's
 * CSRF token, answered by a redirect on success and by the same page with the field marked, the reason
 * in Chinese and the input kept on a refusal. Who may open a case is the API's rule.
 */
describe('the staff workbench pages', () => {
  let system: TestSystem;
  let clerk: TestUser;
  let assignee: TestUser;
  let otherMediator: TestUser;
  let supervisor: TestUser;
  let otherSupervisor: TestUser;
  let caseNumber: string;
  const casePath = () => `/dashboard/work/cases/${caseNumber}`;
  const action = (name: string) => `${casePath()}/actions/${name}`;

  beforeAll(async () => {
    system = await startTestSystem();
    const db = system.database.db;
    const centre = await createUnit(db, '工作台测试中心');
    const elsewhere = await createUnit(db, '另一中心');
    [clerk, assignee, otherMediator, supervisor, otherSupervisor] = await Promise.all([
      createStaff(db, 'clerk', centre.id),
      createStaff(db, 'mediator', centre.id),
      createStaff(db, 'mediator', centre.id),
      createStaff(db, 'supervisor', centre.id),
      createStaff(db, 'supervisor', elsewhere.id),
    ]);
    await system.database.sql`update users set display_name = '乌云' where id = ${assignee.id}`;
    const registered = await caseApi(system).register(clerk.token, {
      source: 'walk_in',
      mediationConsent: { givenBy: ['王芳'] },
      summary: '楼上漏水致楼下天花板受损，双方就赔偿数额争执',
      claimAmountFen: 800_000,
      parties: [
        { kind: 'person', name: '王芳', role: 'applicant', phone: '13800001111' },
        { kind: 'person', name: '李强', role: 'respondent' },
      ],
    });
    caseNumber = registered.caseNumber;
  });
  afterAll(() => system?.stop());

  it('lists the case in the clerk’s queue, with no phone number in the list', async () => {
    const list = await pageSession(system, clerk).get('/dashboard/work');
    expect(list.status).toBe(200);
    expect(list.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(list.headers.get('cache-control')).toBe('no-store');
    const text = visibleText(list.html);
    expect(text).toContain(caseNumber);
    expect(text).toContain('待分级');
    expect(text).toContain('王芳、李强');
    expect(list.html).not.toContain('13800001111');
    // A view of another stage does not list it.
    expect(
      visibleText((await pageSession(system, clerk).get('/dashboard/work?view=resolve')).html),
    ).not.toContain(caseNumber);
  });

  it('counts on the supervisors’ overview what no mediator holds yet and the court referrals waiting for 签收', async () => {
    const court = await createInstitution(system.database.db, 'court', '海拉尔区人民法院');
    await caseApi(system).call(
      'POST',
      '/v1/court/referrals',
      court.apiKey,
      {
        type: 'entrusted',
        procedure: 'ordinary',
        reference: '(2026)内0702民初2001号',
        referralDate: '2026-11-20',
        parties: [
          { kind: 'person', name: '郑伟', role: 'applicant' },
          { kind: 'person', name: '孙丽', role: 'respondent' },
        ],
        claimsSummary: '民间借贷纠纷：原告请求被告归还借款三万元',
        claimAmountFen: 3_000_000,
        materials: ['起诉状'],
        contact: { name: '王法官', role: '承办法官', phone: '0470-1234567' },
      },
      201,
    );
    const overview = visibleText((await pageSession(system, supervisor).get('/dashboard')).html);
    expect(overview).toMatch(/待指派调解员 2 /);
    expect(overview).toMatch(/法院委派待签收 1 /);
    // Another centre's supervisor counts none of them.
    const elsewhere = visibleText((await pageSession(system, otherSupervisor).get('/dashboard')).html);
    expect(elsewhere).toMatch(/待指派调解员 0 /);
    expect(elsewhere).toMatch(/法院委派待签收 0 /);
  });

  it('refuses a triage without a category: the field marked, the reason in Chinese, the note kept', async () => {
    const answer = await pageSession(system, clerk).post(action('triage'), {
      triageClass: 'general',
      category: '',
      note: '双方情绪激动，需尽快安排',
    });
    expect(answer.status).toBe(400);
    expect(answer.html).toMatch(/<select id="triage-category" name="category" aria-invalid="true"/);
    expect(visibleText(answer.html)).toContain('请选择纠纷类别');
    expect(answer.html).toContain('双方情绪激动，需尽快安排');
    expect(answer.html).toMatch(/<option value="general" selected>/);
    // Nothing happened to the case.
    expect((await caseApi(system).read(clerk.token, caseNumber)).stage).toBe('intake');
  });

  it('triages and assigns through the forms, then redirects to the case page with a notice', async () => {
    const clerkPages = pageSession(system, clerk);
    const triaged = await clerkPages.post(action('triage'), {
      triageClass: 'general',
      category: 'neighbour',
    });
    expect(triaged.status).toBe(303);
    expect(triaged.location).toBe(`${casePath()}?notice=done-triage`);
    const page = await clerkPages.get(triaged.location!);
    expect(visibleText(page.html)).toContain('已完成「分级」');
    expect(page.html).toMatch(/id="current-stage">分流</);
    // The assignment picker lists the mediators with their load; the case's claim amount is shown.
    expect(visibleText(page.html)).toContain('乌云（工作台测试中心，在办0件）');
    expect(visibleText(page.html)).toContain('8,000.00 元');

    const assigned = await clerkPages.post(action('assign'), { mediatorId: assignee.id });
    expect(assigned.status).toBe(303);
  });

  it('answers an action the stage does not allow with 409 and the current stage in Chinese', async () => {
    const answer = await pageSession(system, clerk).post(action('archive'));
    expect(answer.status).toBe(409);
    expect(visibleText(answer.html)).toContain('案件当前处于「分流」阶段，不能归档');
  });

  it('opens the case to its mediator and the supervisors of its unit only', async () => {
    expect((await pageSession(system, assignee).get(casePath())).status).toBe(200);
    expect((await pageSession(system, supervisor).get(casePath())).status).toBe(200);
    const stranger = await pageSession(system, otherMediator).get(casePath());
    expect(stranger.status).toBe(404);
    expect(stranger.html).not.toContain('王芳');
    expect((await pageSession(system, otherSupervisor).get(casePath())).status).toBe(404);
    // Nor may the other mediator act on it.
    const accept = await pageSession(system, otherMediator).post(action('accept'));
    expect(accept.status).toBe(404);
    expect((await caseApi(system).read(clerk.token, caseNumber)).stage).toBe('divert');
    // The assignee sees the full phone number (they work the case) and their list has it.
    const own = await pageSession(system, assignee).get(casePath());
    expect(own.html).toContain('13800001111');
    expect(visibleText((await pageSession(system, assignee).get('/dashboard/work')).html)).toContain(
      caseNumber,
    );
    expect(visibleText((await pageSession(system, otherMediator).get('/dashboard/work')).html)).not.toContain(
      caseNumber,
    );
  });

  it('lets the mediator accept, record a session and settle; bad money is refused with the field named', async () => {
    const pages = pageSession(system, assignee);
    expect((await pages.post(action('accept'))).status).toBe(303);
    const session = await pages.post(action('recordSession'), {
      heldAt: '2026-11-20T10:00',
      location: '中心第三调解室',
      summary: '双方到场，确认漏水系水管老化所致',
    });
    expect(session.status).toBe(303);
    const badMoney = await pages.post(action('settle'), {
      form: 'written',
      terms: '李强赔偿王芳修复费用',
      amount: '五千元',
    });
    expect(badMoney.status).toBe(400);
    expect(badMoney.html).toMatch(/name="amount" value="五千元"[^>]*aria-invalid="true"/);
    expect(visibleText(badMoney.html)).toContain('协议金额应为金额（元），最多两位小数');
    const settled = await pages.post(action('settle'), {
      form: 'written',
      terms: '李强赔偿王芳修复费用人民币5,000元',
      amount: '5,000',
      performanceDescription: '一次性支付',
      performanceDueDate: '2026-12-20',
    });
    expect(settled.status).toBe(303);
    const read = await caseApi(system).read(clerk.token, caseNumber);
    expect(read).toMatchObject({ stage: 'link', amountFen: 500_000, claimAmountFen: 800_000 });
  });

  it('keeps the pages behind the session and forms behind the CSRF token', async () => {
    const anonymous = await pageSession(system, undefined).get('/dashboard/work');
    expect(anonymous.status).toBe(303);
    expect(anonymous.location).toMatch(/^\/dashboard\/login\?next=/);
    const forged = await pageSession(system, supervisor).postWithoutCsrf(action('close'), { note: '结案' });
    expect(forged.status).toBe(403);
    expect((await caseApi(system).read(clerk.token, caseNumber)).stage).toBe('link');
  });

  it('finds cases by the exact phone number through a POST form, within what the caller may read', async () => {
    const found = await pageSession(system, clerk).post('/dashboard/work/search', {
      number: '138 0000 1111',
    });
    expect(found.status).toBe(200);
    expect(visibleText(found.html)).toContain(caseNumber);
    expect(visibleText(found.html)).toContain('王芳、李强');
    const stranger = await pageSession(system, otherMediator).post('/dashboard/work/search', {
      number: '13800001111',
    });
    expect(visibleText(stranger.html)).not.toContain(caseNumber);
    expect(visibleText(stranger.html)).toContain('没有找到当事人使用该号码的案件');
    const tooShort = await pageSession(system, clerk).post('/dashboard/work/search', { number: '1380' });
    expect(tooShort.status).toBe(400);
    expect(tooShort.html).toMatch(/name="number" value="1380"[^>]*aria-invalid="true"/);
    // A case number in the keyword box opens the case.
    const byNumber = await pageSession(system, clerk).get(`/dashboard/work?q=${caseNumber.toLowerCase()}`);
    expect(byNumber.status).toBe(303);
    expect(byNumber.location).toBe(casePath());
  });

  it('lists a mediator’s own cases by the deadline that falls first, a late one on top, page by page', async () => {
    const api = caseApi(system);
    const numbers: string[] = [];
    for (const summary of ['邻居占用公共通道', '宠物狗夜间吠叫扰民']) {
      const { caseNumber: no } = await api.register(clerk.token, {
        source: 'hotline',
        summary,
        parties: [{ kind: 'person', name: '赵敏', role: 'applicant' }],
      });
      await api.transition(clerk.token, no, 'triage', { triageClass: 'simple', category: 'neighbour' });
      await api.transition(clerk.token, no, 'assign', { mediatorId: assignee.id });
      numbers.push(no);
    }
    const [dueInFiveDays, dueYesterday] = numbers as [string, string];
    await system.database
      .sql`update cases set next_due_at = now() + interval '5 days' where case_number = ${dueInFiveDays}`;
    await system.database
      .sql`update cases set next_due_at = now() - interval '1 day', overdue = true where case_number = ${dueYesterday}`;

    const first = await api.call('GET', '/v1/cases?order=nextDue&limit=1', assignee.token, undefined, 200);
    expect((first.items as { caseNumber: string }[]).map((item) => item.caseNumber)).toEqual([dueYesterday]);
    const second = await api.call(
      'GET',
      `/v1/cases?order=nextDue&limit=1&cursor=${first.nextCursor as string}`,
      assignee.token,
      undefined,
      200,
    );
    expect((second.items as { caseNumber: string }[]).map((item) => item.caseNumber)).toEqual([
      dueInFiveDays,
    ]);

    const page = visibleText((await pageSession(system, assignee).get('/dashboard/work')).html);
    expect(page).toContain('按下一期限排序，超期在前');
    expect(page.indexOf(dueYesterday)).toBeLessThan(page.indexOf(dueInFiveDays));
    expect(page.indexOf(dueInFiveDays)).toBeLessThan(page.indexOf(caseNumber));
  });

  it('shows the 调解超市 to every role, filtered by specialty', async () => {
    const page = await pageSession(system, otherMediator).get('/dashboard/work/mediators?category=astrology');
    expect(page.status).toBe(200);
    expect(visibleText(page.html)).toContain('乌云');
  });
});
