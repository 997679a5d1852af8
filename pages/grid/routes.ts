import { randomUUID } from 'node:crypto';
import { type Context, Hono } from 'hono';
import type { AppDependencies } from '../../http/dependencies.js';
import { toRefusal } from '../../http/refusal-of.js';
import { listLeads } from '../../use-cases/screening/list-leads.js';
import { reportLead } from '../../use-cases/screening/report-lead.js';
import { forbiddenPage } from '../dashboard/simple-pages.js';
import { type DashboardEnv, sessionOf } from '../shared/session.js';
import { type FieldErrors, type FormValues, formValuesOf } from '../workbench/form-values.js';
import { gridWorkerPage } from './grid-page.js';
import { readLeadForm } from './lead-form-input.js';

export const gridPath = '/dashboard/grid';

/** GET /dashboard/grid and POST /dashboard/grid/leads: the grid worker's phone page (网格员排查). */
export function gridRoutes(deps: AppDependencies) {
  const db = deps.database.db;
  const app = new Hono<DashboardEnv>();

  // Reporting is the grid worker's own: other staff triage leads through the API.
  app.use('*', async (c, next) => {
    if (c.get('user').role === 'grid_worker') return next();
    return c.html(forbiddenPage(c.get('user'), c.get('csrfToken')), 403);
  });

  async function render(
    c: Context<DashboardEnv>,
    status: 200 | 400 | 422,
    values: FormValues,
    errors: FieldErrors = {},
    extra: { notice?: 'reported'; problem?: string } = {},
  ) {
    const { items } = await listLeads(db, c.get('principal'), { limit: 10 });
    return c.html(gridWorkerPage(sessionOf(c), { values, errors, leads: items, ...extra }), status);
  }

  app.get('/', (c) =>
    render(
      c,
      200,
      { formToken: randomUUID() },
      {},
      c.req.query('reported') === '1' ? { notice: 'reported' } : {},
    ),
  );

  app.post('/leads', async (c) => {
    const values = formValuesOf(await c.req.parseBody());
    const read = readLeadForm(values);
    if (!read.ok) return render(c, 400, values, read.errors);
    // The form's one-time token is the idempotency key: a resent form (a weak signal, a double tap)
    // finds the first report.
    const token = /^[0-9a-f-]{36}$/.test(values.formToken ?? '') ? values.formToken : undefined;
    try {
      const { lead, created } = await reportLead(db, c.get('principal'), read.input, token);
      c.get('logger').info({ leadId: lead.id, created }, 'grid lead reported from the phone page');
    } catch (error) {
      const refusal = toRefusal(error);
      if (!refusal || refusal.status >= 500) throw error;
      return render(c, 422, values, {}, { problem: refusal.reasonZh });
    }
    // Post/redirect/get: a reload shows the page, it does not report again.
    return c.redirect(`${gridPath}?reported=1`, 303);
  });

  return app;
}
