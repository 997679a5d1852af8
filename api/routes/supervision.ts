import { OpenAPIHono, type z } from '@hono/zod-openapi';
import type { AppDependencies } from '../../http/dependencies.js';
import { listAtRiskDeadlines, listOverdueDeadlines } from '../../use-cases/supervision/list-deadlines.js';
import { resolveSupervisionScope } from '../../use-cases/supervision/scope.js';
import { serveSupervisedDeadlineCounts } from '../../use-cases/supervision/serve-counts.js';
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
  '中心负责人看到本单位及其下级单位，系统管理员看到全部单位；查询其他单位时 403 `forbidden_unit`。' +
  '处理方法：用 POST /v1/supervision/cases/{caseNumber}/orders 下达督办，或用 POST /v1/cases/{caseNumber}/assign 改派调解员。';

const overdueRoute = secureRoute({
  method: 'get',
  path: '/overdue',
  tags: ['supervision'],
  operationId: 'listOverdueDeadlines',
  summary: '查询已超期的期限（督办）',
  description: `中心负责人查看已过到期时间、仍在计算中的期限，超期最久的在前：案件、承办单位、调解员、超期多久及期限说明。只读。${scopeNote}`,
  refusals: ['forbidden_unit'],
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
  operationId: 'listAtRiskDeadlines',
  summary: '查询临近到期的期限（临期预警）',
  description: `中心负责人查看尚未到期、但在 \`withinDays\` 天内到期或已用去期间 \`pastFraction\` 比例的期限，最先到期的在前。只读。${scopeNote}`,
  refusals: ['forbidden_unit'],
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
  operationId: 'countSupervisedDeadlines',
  summary: '统计超期与临期数量（合计、按单位、按调解员）',
  description: `中心负责人查看督办范围内超期与临期期限的数量：合计、按承办单位、按调解员。只读。${scopeNote}`,
  refusals: ['forbidden_unit'],
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
      return c.json(await serveSupervisedDeadlineCounts(db, scope, c.req.valid('query'), deps.logger), 200);
    })
    .route('/cases', supervisionOrderRoutes(deps))
    .route('/ledger', supervisionLedgerRoutes(deps));
}
