import { OpenAPIHono, type z } from '@hono/zod-openapi';
import type { AppDependencies } from '../../http/dependencies.js';
import { countSupervisedDeadlines } from '../../use-cases/supervision/count-deadlines.js';
import { listAtRiskDeadlines, listOverdueDeadlines } from '../../use-cases/supervision/list-deadlines.js';
import { resolveSupervisionScope } from '../../use-cases/supervision/scope.js';
import type { AppEnv } from '../context.js';
import { problemResponseSpec, secureRoute, standardProblems } from '../route.js';
import {
  AtRiskListQuery,
  DeadlinePageSchema,
  OverdueListQuery,
  SupervisionCountsQuery,
  SupervisionCountsSchema,
} from '../schemas/supervision-schemas.js';
import { supervisionLedgerRoutes } from './supervision-ledger.js';
import { supervisionOrderRoutes } from './supervision-orders.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const scopeNote =
  'Supervisors see their unit and the units below it, admins every unit. To act: issue a supervision ' +
  'order (督办) with POST /v1/supervision/cases/{caseNumber}/orders, or reassign with ' +
  'POST /v1/cases/{caseNumber}/assign.';

const overdueRoute = secureRoute({
  method: 'get',
  path: '/overdue',
  tags: ['supervision'],
  summary: 'Overdue deadlines (超期), most overdue first; reassign with POST /v1/cases/{caseNumber}/assign',
  description: `Live deadlines whose due instant has passed, with the case, unit, assignee, how late and the deadline's explanation. ${scopeNote}`,
  access: ['supervisor', 'admin'],
  request: { query: OverdueListQuery },
  responses: {
    200: json(DeadlinePageSchema, 'A page of overdue deadlines'),
    ...standardProblems,
    403: problemResponseSpec('Not a supervisor or admin, or the unit is not one you supervise'),
  },
});

const atRiskRoute = secureRoute({
  method: 'get',
  path: '/at-risk',
  tags: ['supervision'],
  summary: 'At-risk deadlines (临期), soonest due first; reassign with POST /v1/cases/{caseNumber}/assign',
  description: `Live deadlines not yet due that are due within withinDays days or past pastFraction of their period (start event → due). ${scopeNote}`,
  access: ['supervisor', 'admin'],
  request: { query: AtRiskListQuery },
  responses: {
    200: json(DeadlinePageSchema, 'A page of at-risk deadlines'),
    ...standardProblems,
    403: problemResponseSpec('Not a supervisor or admin, or the unit is not one you supervise'),
  },
});

const countsRoute = secureRoute({
  method: 'get',
  path: '/counts',
  tags: ['supervision'],
  summary: 'Overdue and at-risk counts in total, by unit and by mediator',
  access: ['supervisor', 'admin'],
  request: { query: SupervisionCountsQuery },
  responses: {
    200: json(SupervisionCountsSchema, 'Counts'),
    ...standardProblems,
    403: problemResponseSpec('Not a supervisor or admin, or the unit is not one you supervise'),
  },
});

/** /v1/supervision: what is late or about to be, acting on it, and the case ledger. */
export function supervisionRoutes(deps: AppDependencies) {
  const db = deps.database.db;
  return new OpenAPIHono<AppEnv>()
    .openapi(overdueRoute, async (c) => {
      const scope = await resolveSupervisionScope(db, c.get('principal'));
      return c.json(await listOverdueDeadlines(db, scope, c.req.valid('query')), 200);
    })
    .openapi(atRiskRoute, async (c) => {
      const scope = await resolveSupervisionScope(db, c.get('principal'));
      return c.json(await listAtRiskDeadlines(db, scope, c.req.valid('query')), 200);
    })
    .openapi(countsRoute, async (c) => {
      const scope = await resolveSupervisionScope(db, c.get('principal'));
      return c.json(await countSupervisedDeadlines(db, scope, c.req.valid('query')), 200);
    })
    .route('/cases', supervisionOrderRoutes(deps))
    .route('/ledger', supervisionLedgerRoutes(deps));
}
