import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseApi } from '../helpers/case-api.js';
import { createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

/** The dashboard's login, cookie, CSRF and role rules, over plain HTTP (no browser needed). */
describe('the dashboard session', () => {
  let system: TestSystem;
  let supervisor: TestUser;
  let clerk: TestUser;
  let mediator: TestUser;
  let otherMediator: TestUser;
  let caseNumber: string;
  let cookie: string;

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${system.baseUrl}${path}`, { redirect: 'manual', headers });
  const post = (path: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${system.baseUrl}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form),
    });
  async function logIn(user: TestUser, next = '/dashboard'): Promise<string> {
    const response = await post('/dashboard/login', {
      username: user.username,
      password: user.password,
      next,
    });
    expect(response.status).toBe(303);
    return response.headers.get('set-cookie')!.split(';')[0]!;
  }
  const csrfOf = (page: string) => /name="_csrf" value="([^"]+)"/.exec(page)![1]!;

  beforeAll(async () => {
    system = await startTestSystem();
    const unit = await createUnit(system.database.db);
    [supervisor, clerk, mediator, otherMediator] = await Promise.all([
      createStaff(system.database.db, 'supervisor', unit.id),
      createStaff(system.database.db, 'clerk', unit.id),
      createStaff(system.database.db, 'mediator', unit.id),
      createStaff(system.database.db, 'mediator', unit.id),
    ]);
    const api = caseApi(system);
    const registered = await api.register(clerk.token, {
      source: 'hotline',
      summary: '拖欠物业费纠纷',
      parties: [{ kind: 'person', name: '赵敏', role: 'applicant' }],
    });
    caseNumber = registered.caseNumber;
    await api.transition(clerk.token, caseNumber, 'triage', {
      triageClass: 'simple',
      category: 'property_management',
    });
    await api.transition(clerk.token, caseNumber, 'assign', { mediatorId: mediator.id });
  });
  afterAll(() => system?.stop());

  it('sends a visitor to the login page and back, and refuses a wrong password', async () => {
    const away = await get('/dashboard/overdue?kind=stage');
    expect(away.status).toBe(303);
    expect(away.headers.get('location')).toBe('/dashboard/login?next=%2Fdashboard%2Foverdue%3Fkind%3Dstage');

    const wrong = await post('/dashboard/login', {
      username: supervisor.username,
      password: 'nope',
      next: '/dashboard',
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('用户名或密码不正确');
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('keeps the token in an HttpOnly, SameSite=Strict cookie for /dashboard and never redirects off the site', async () => {
    const response = await post('/dashboard/login', {
      username: supervisor.username,
      password: supervisor.password,
      next: 'https://evil.example/',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/dashboard');
    const setCookie = response.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^fst_dashboard=[\w-]+\.[\w-]+\.[\w-]+;/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain('Path=/dashboard');
    cookie = setCookie.split(';')[0]!;

    const overview = await get('/dashboard', { cookie });
    expect(overview.status).toBe(200);
    expect(overview.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await overview.text()).toContain('今日总览');

    const crossSite = await post(
      '/dashboard/login',
      { username: supervisor.username, password: supervisor.password },
      { origin: 'https://evil.example' },
    );
    expect(crossSite.status).toBe(403);
  });

  it('refuses a form without the session’s CSRF token or from another origin', async () => {
    const page = await (await get('/dashboard/overdue', { cookie })).text();
    const token = csrfOf(page);
    const order = { note: '请说明', explainBy: '2099-01-01' };
    const noToken = await post(`/dashboard/cases/${caseNumber}/orders`, order, { cookie });
    expect(noToken.status).toBe(403);
    expect(await noToken.text()).toContain('页面已过期');
    const otherOrigin = await post(
      `/dashboard/cases/${caseNumber}/orders`,
      { ...order, _csrf: token },
      { cookie, origin: 'https://evil.example' },
    );
    expect(otherOrigin.status).toBe(403);
    const [{ n }] = (await system.database
      .sql`select count(*)::int as n from supervision_orders`) as unknown as [{ n: number }];
    expect(n).toBe(0);
  });

  it('on the at-risk list, proposes a note that does not say 已超期 and preselects nobody to reassign to', async () => {
    await system.database.sql`
      update case_deadlines set due_at = now() + interval '1 day', started_at = now() - interval '14 days'
       where case_number = ${caseNumber} and kind = 'stage'`;
    const page = await (await get('/dashboard/at-risk', { cookie })).text();
    const order = page.slice(page.indexOf(`aria-label="督办 ${caseNumber}"`));
    expect(order).toMatch(/name="note"[^>]*value="案件即将到期，请说明进展及办理计划"/);
    expect(order.slice(0, 2000)).not.toContain('已超期');
    const reassign = page.slice(page.indexOf(`aria-label="改派 ${caseNumber}"`));
    expect(reassign).toMatch(
      /<select name="mediatorId" required aria-label="改派给"><option value="" selected>/,
    );
  });

  it('reassigns a case through the assign transition, and explains a refusal in Chinese', async () => {
    const page = await (await get(`/dashboard/cases/${caseNumber}`, { cookie })).text();
    const _csrf = csrfOf(page);
    const reassigned = await post(
      `/dashboard/cases/${caseNumber}/assign`,
      { mediatorId: otherMediator.id, back: '/dashboard/at-risk', _csrf },
      { cookie, origin: system.baseUrl },
    );
    expect(reassigned.status).toBe(303);
    expect(reassigned.headers.get('location')).toBe('/dashboard/at-risk?notice=reassigned');
    const [row] = await system.database.sql`select assignee_id from cases where case_number = ${caseNumber}`;
    expect(row!.assignee_id).toBe(otherMediator.id);
    const events = await system.database
      .sql`select type from case_events where case_number = ${caseNumber} order by seq`;
    expect(events.map((event) => event.type)).toContain('reassigned');

    const refused = await post(
      `/dashboard/cases/${caseNumber}/orders`,
      { note: '请说明', explainBy: '2000-01-01', back: 'https://evil.example/', _csrf },
      { cookie },
    );
    expect(refused.status).toBe(303);
    const location = refused.headers.get('location')!;
    expect(location).toBe('/dashboard/overdue?notice=error-explain_by_not_in_future');
    expect(await (await get(location, { cookie })).text()).toContain('说明期限须晚于今天');
  });

  it('downloads the exports with the cookie alone, through the API’s own export routes', async () => {
    const statistics = await get('/dashboard/export/statistics?from=2026-01-01&to=2026-12-31&format=xlsx', {
      cookie,
    });
    expect(statistics.status).toBe(200);
    expect(statistics.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(statistics.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    expect((await statistics.arrayBuffer()).byteLength).toBeGreaterThan(1000);

    const ledger = await get('/dashboard/export/ledger?format=csv', { cookie });
    expect(ledger.status).toBe(200);
    const text = await ledger.text();
    expect(text).toContain('案件编号');
    expect(text).toContain(caseNumber);

    expect((await get('/dashboard/export/ledger?format=csv')).status).toBe(303);
  });

  it('shows other roles a friendly 403 page and logs out a disabled account', async () => {
    const clerkCookie = await logIn(clerk);
    const refused = await get('/dashboard', { cookie: clerkCookie });
    expect(refused.status).toBe(403);
    const page = await refused.text();
    expect(page).toContain('无权访问督办工作台');
    expect(page).toContain('窗口受理员');

    await system.database.sql`update users set active = false where id = ${clerk.id}`;
    const disabled = await get('/dashboard', { cookie: clerkCookie });
    expect(disabled.status).toBe(303);
    expect(disabled.headers.get('location')).toContain('/dashboard/login');
  });

  it('logs out', async () => {
    const page = await (await get('/dashboard', { cookie })).text();
    const out = await post('/dashboard/logout', { _csrf: csrfOf(page) }, { cookie });
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toMatch(/fst_dashboard=;.*Max-Age=0/);
  });
});
