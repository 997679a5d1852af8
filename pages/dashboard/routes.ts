import { Hono } from 'hono';
import { z } from 'zod';
import { chinaDateOf } from '../../domain/dates.js';
import { boundedBody } from '../../http/bounded-body.js';
import type { AppDependencies } from '../../http/dependencies.js';
import { toRefusal } from '../../http/refusal-of.js';
import { computeAnnualTable } from '../../use-cases/annual-table/compute-annual-table.js';
import { unitsInScope } from '../../use-cases/annual-table/units-in-scope.js';
import type { LoginThrottle } from '../../use-cases/auth/login-throttle.js';
import { usernameFingerprint } from '../../use-cases/auth/username-fingerprint.js';
import { countIntakeBacklog, countOpenOrders } from '../../use-cases/supervision/dashboard-queries.js';
import { listOverdueDeadlines } from '../../use-cases/supervision/list-deadlines.js';
import { resolveSupervisionScope } from '../../use-cases/supervision/scope.js';
import { serveSupervisedDeadlineCounts } from '../../use-cases/supervision/serve-counts.js';
import { computeStatistics } from '../../use-cases/supervision/statistics.js';
import { gridPath, gridRoutes } from '../grid/routes.js';
import {
  type DashboardEnv,
  dashboardPath,
  dashboardPathOr,
  logIn,
  logOut,
  requireSession,
  sameOrigin,
  sessionOf,
} from '../shared/session.js';
import { workbenchRoutes } from '../workbench/routes.js';
import { readAnnualTableForm } from './annual-table-input.js';
import { annualTablePage } from './annual-table-page.js';
import { dashboardCaseRoutes } from './case-routes.js';
import { overviewPage } from './deadline-pages.js';
import { dashboardExportRoutes } from './export-routes.js';
import { forbiddenPage, loginPage, messagePage } from './simple-pages.js';
import { statisticsPage } from './statistics-page.js';

const isoDate = z.iso.date();

/**
 * The supervisors' dashboard (督办工作台): zh-CN pages rendered on the server, no client code. Login
 * with a staff account; supervisors and admins get the pages, other roles a friendly 403 page.
 */
export function dashboardRoutes(deps: AppDependencies, loginThrottle: LoginThrottle) {
  const db = deps.database.db;
  const settings = {
    db,
    tokenSecret: deps.settings.tokenSecret,
    tokenTtlSeconds: deps.settings.tokenTtlSeconds,
  };
  const app = new Hono<DashboardEnv>();

  // Security headers (CSP, frames, referrer, no-store) come from the server for every page (http/security-headers.ts).
  // Forms are small: read at most 64 KiB of any body (a 413 page beyond), before anything parses it.
  app.use('*', boundedBody({ maxBytes: 64 * 1024, label: '64 KiB' }));

  app.get('/login', (c) => c.html(loginPage({ next: dashboardPathOr(c.req.query('next'), dashboardPath) })));
  app.post('/login', async (c) => {
    const form = await c.req.parseBody();
    const next = dashboardPathOr(form.next, dashboardPath);
    const username = typeof form.username === 'string' ? form.username.trim() : '';
    const password = typeof form.password === 'string' ? form.password : '';
    if (!sameOrigin(c))
      return c.html(
        messagePage({ title: '请求被拒绝', message: '请从登录页面登录。', back: '/dashboard/login' }),
        403,
      );
    const user =
      username && password ? await logIn(c, { ...settings, loginThrottle }, username, password) : undefined;
    if (user && 'retryAfterSeconds' in user) {
      c.get('logger').warn({ usernameSha256: usernameFingerprint(username) }, 'dashboard login throttled');
      c.header('retry-after', String(user.retryAfterSeconds));
      const minutes = Math.ceil(user.retryAfterSeconds / 60);
      return c.html(
        messagePage({
          title: '登录失败次数过多',
          message: `请 ${minutes} 分钟后再试。`,
          back: '/dashboard/login',
        }),
        429,
      );
    }
    if (!user) {
      c.get('logger').info({ usernameSha256: usernameFingerprint(username) }, 'dashboard login refused');
      return c.html(loginPage({ next, failed: true, username }), 401);
    }
    c.get('logger').info({ userId: user.userId }, 'dashboard login');
    // Clerks and mediators work in the workbench, grid workers on the grid page: the supervisors'
    // overview is not their start page.
    const start =
      user.role === 'grid_worker'
        ? gridPath
        : next === dashboardPath && (user.role === 'clerk' || user.role === 'mediator')
          ? '/dashboard/work'
          : next;
    return c.redirect(start, 303);
  });
  app.post('/logout', (c) => {
    if (sameOrigin(c)) logOut(c);
    return c.redirect('/dashboard/login', 303);
  });

  app.use(
    '*',
    requireSession(settings, (c, why) => {
      if (why === 'csrf') {
        return c.html(
          messagePage({ title: '请求已过期', message: '页面已过期，请刷新后重试。', back: dashboardPath }),
          403,
        );
      }
      if (c.req.method === 'GET') {
        const url = new URL(c.req.url);
        return c.redirect(
          `/dashboard/login?${new URLSearchParams({ next: `${url.pathname}${url.search}` })}`,
          303,
        );
      }
      return c.html(
        messagePage({ title: '请先登录', message: '登录已失效，请重新登录。', back: '/dashboard/login' }),
        401,
      );
    }),
  );
  // A grid worker (网格员) reaches the grid page and nothing else of the dashboard.
  app.use('*', async (c, next) => {
    if (c.get('user').role === 'grid_worker' && !c.req.path.startsWith(gridPath))
      return c.html(forbiddenPage(c.get('user'), c.get('csrfToken')), 403);
    await next();
  });
  app.route('/grid', gridRoutes(deps));
  // The workbench (业务系统) is for every office role; its use cases decide what each may see and do.
  app.route('/work', workbenchRoutes(deps));
  app.use('*', async (c, next) => {
    const role = c.get('user').role;
    if (c.req.path.startsWith('/dashboard/work')) return next();
    if (role !== 'supervisor' && role !== 'admin')
      return c.html(forbiddenPage(c.get('user'), c.get('csrfToken')), 403);
    await next();
  });

  app.get('/', async (c) => {
    const scope = await resolveSupervisionScope(db, c.get('principal'));
    const [counts, overdue, openOrders, backlog] = await Promise.all([
      serveSupervisedDeadlineCounts(db, scope, {}, deps.logger),
      listOverdueDeadlines(db, scope, { limit: 10 }),
      countOpenOrders(db, scope),
      countIntakeBacklog(db, scope),
    ]);
    return c.html(
      overviewPage(sessionOf(c), { counts, overdue, openOrders, backlog, today: chinaDateOf(Date.now()) }),
    );
  });

  app.get('/statistics', async (c) => {
    const today = chinaDateOf(Date.now());
    const asked = { from: isoDate.safeParse(c.req.query('from')), to: isoDate.safeParse(c.req.query('to')) };
    const to = asked.to.success ? asked.to.data : today;
    const from = asked.from.success && asked.from.data <= to ? asked.from.data : `${to.slice(0, 4)}-01-01`;
    const scope = await resolveSupervisionScope(db, c.get('principal'));
    const report = await computeStatistics(db, scope, { from, to });
    return c.html(statisticsPage(sessionOf(c), { from, to, report }));
  });

  app.get('/statistics/annual', async (c) => {
    const scope = await resolveSupervisionScope(db, c.get('principal'));
    const { form, filter, by, errors } = readAnnualTableForm(c.req.query(), chinaDateOf(Date.now()));
    const units = await unitsInScope(db, scope);
    if (!filter || !by) return c.html(annualTablePage(sessionOf(c), { form, errors, units }), 400);
    const table = await computeAnnualTable(db, scope, filter, [by]);
    return c.html(annualTablePage(sessionOf(c), { form, errors, units, table }));
  });

  app.route('/export', dashboardExportRoutes(deps));
  app.route('/', dashboardCaseRoutes(deps));

  app.onError((error, c) => {
    const refusal = toRefusal(error);
    if (!refusal) c.get('logger')?.error({ err: error }, 'dashboard error');
    const status = refusal?.status ?? 500;
    return c.html(
      messagePage({
        title: status === 503 ? '服务暂时不可用' : status < 500 ? '请求未能完成' : '系统出错了',
        message:
          status === 503
            ? '数据库或流程服务暂时无法连接，请稍后重试。'
            : status < 500
              ? (refusal?.reasonZh ?? '请检查后重试。')
              : '错误已记录，请稍后重试或联系系统管理员。',
        back: dashboardPath,
      }),
      status as 400,
    );
  });
  return app;
}
