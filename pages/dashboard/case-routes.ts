import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { caseNumberPattern } from '../../domain/case-number.js';
import { chinaDateOf } from '../../domain/dates.js';
import type { AppDependencies } from '../../http/dependencies.js';
import { toRefusal } from '../../http/refusal-of.js';
import { applyTransition } from '../../use-cases/cases/apply-transition.js';
import { listMediators } from '../../use-cases/supervision/dashboard-queries.js';
import { listAtRiskDeadlines, listOverdueDeadlines } from '../../use-cases/supervision/list-deadlines.js';
import { readCaseTimeline } from '../../use-cases/supervision/read-case-timeline.js';
import { resolveSupervisionScope, scopeIncludes } from '../../use-cases/supervision/scope.js';
import { issueSupervisionOrder } from '../../use-cases/supervision/supervision-orders.js';
import { type DashboardEnv, dashboardPathOr, sessionOf } from '../shared/session.js';
import { casePage } from './case-page.js';
import { deadlineListPage } from './deadline-pages.js';
import { messagePage } from './simple-pages.js';

const ListQuery = z.object({
  kind: z
    .string()
    .regex(/^[a-z_]{1,40}(-\d{1,3})?$/)
    .optional()
    .catch(undefined),
  cursor: z.string().max(400).optional().catch(undefined),
  notice: z.string().max(60).optional().catch(undefined),
});

const AssignForm = z.object({ mediatorId: z.string().uuid() });
const OrderForm = z.object({ note: z.string().trim().min(1).max(2000), explainBy: z.iso.date() });

function withNotice(path: string, notice: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}notice=${encodeURIComponent(notice)}`;
}

/** A refused action goes back to where it came from, named by its stable code (never echoed text). */
function refusalNotice(error: unknown): string {
  const refusal = toRefusal(error);
  if (refusal) return `error-${refusal.code}`;
  throw error;
}

/** /dashboard/overdue, /dashboard/at-risk, /dashboard/cases/{caseNumber} and the actions on a case. */
export function dashboardCaseRoutes(deps: AppDependencies) {
  const db = deps.database.db;
  const listPage = (which: 'overdue' | 'at-risk') => async (c: Context<DashboardEnv>) => {
    const query = ListQuery.parse(c.req.query());
    const scope = await resolveSupervisionScope(db, c.get('principal'));
    const request = {
      limit: 50,
      ...(query.kind ? { kind: query.kind } : {}),
      ...(query.cursor ? { cursor: query.cursor } : {}),
    };
    const [deadlines, mediators] = await Promise.all([
      which === 'overdue'
        ? listOverdueDeadlines(db, scope, request)
        : listAtRiskDeadlines(db, scope, request),
      listMediators(db, scope),
    ]);
    return c.html(
      deadlineListPage(sessionOf(c), {
        which,
        page: deadlines,
        mediators,
        kind: query.kind,
        notice: query.notice,
        today: chinaDateOf(Date.now()),
      }),
    );
  };

  return new Hono<DashboardEnv>()
    .get('/overdue', listPage('overdue'))
    .get('/at-risk', listPage('at-risk'))
    .get('/cases/:caseNumber', async (c) => {
      const caseNumber = c.req.param('caseNumber');
      const scope = await resolveSupervisionScope(db, c.get('principal'));
      const timeline = caseNumberPattern.test(caseNumber)
        ? await readCaseTimeline(db, caseNumber)
        : undefined;
      if (!timeline || !scopeIncludes(scope, timeline.unitId)) {
        return c.html(
          messagePage({
            title: '没有这个案件',
            message: `没有找到案件 ${caseNumber}，或它不在您督办的单位范围内。`,
            ...sessionOf(c),
            back: '/dashboard/overdue',
          }),
          404,
        );
      }
      return c.html(casePage(sessionOf(c), timeline, ListQuery.parse(c.req.query()).notice));
    })
    .post('/cases/:caseNumber/orders', async (c) => {
      const caseNumber = c.req.param('caseNumber');
      const form = await c.req.parseBody();
      const back = dashboardPathOr(form.back, '/dashboard/overdue');
      const input = OrderForm.safeParse({ note: form.note, explainBy: form.explainBy });
      if (!input.success || !caseNumberPattern.test(caseNumber))
        return c.redirect(withNotice(back, 'error-validation_failed'), 303);
      try {
        await issueSupervisionOrder(
          { db, temporal: deps.temporal },
          c.get('principal'),
          caseNumber,
          input.data,
        );
      } catch (error) {
        return c.redirect(withNotice(back, refusalNotice(error)), 303);
      }
      c.get('logger').info({ caseNumber }, 'supervision order issued from the dashboard');
      return c.redirect(withNotice(`/dashboard/cases/${caseNumber}`, 'order-issued'), 303);
    })
    .post('/cases/:caseNumber/assign', async (c) => {
      const caseNumber = c.req.param('caseNumber');
      const form = await c.req.parseBody();
      const back = dashboardPathOr(form.back, '/dashboard/overdue');
      const input = AssignForm.safeParse({ mediatorId: form.mediatorId });
      if (!input.success || !caseNumberPattern.test(caseNumber))
        return c.redirect(withNotice(back, 'error-validation_failed'), 303);
      try {
        await applyTransition(
          { db, temporal: deps.temporal },
          c.get('principal'),
          caseNumber,
          'assign',
          input.data,
        );
      } catch (error) {
        return c.redirect(withNotice(back, refusalNotice(error)), 303);
      }
      c.get('logger').info({ caseNumber }, 'case reassigned from the dashboard');
      return c.redirect(withNotice(back, 'reassigned'), 303);
    });
}
