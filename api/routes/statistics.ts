import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDependencies } from '../../http/dependencies.js';
import { downloadResponse } from '../../http/download.js';
import { exportStatistics } from '../../use-cases/supervision/export-statistics.js';
import { resolveSupervisionScope } from '../../use-cases/supervision/scope.js';
import { computeStatistics } from '../../use-cases/supervision/statistics.js';
import type { AppEnv } from '../context.js';
import { problemResponseSpec, secureRoute, standardProblems } from '../route.js';
import {
  StatisticsExportQuery,
  StatisticsQuery,
  StatisticsReportSchema,
} from '../schemas/statistics-schemas.js';
import { downloadResponses } from './supervision-ledger.js';

const statisticsRoute = secureRoute({
  method: 'get',
  path: '/',
  tags: ['statistics'],
  summary:
    'The centre’s numbers: people served, received, settled, success rate, court and prosecution dockings…',
  description:
    'Over the cases registered from `from` to `to` (China days, inclusive): totals and the same measures by ' +
    'month, unit, category and source. successRate = settled / concluded, where concluded = settled, ' +
    'failed, withdrawn or terminated. Supervisors see their unit and the units below it, admins all.',
  access: ['supervisor', 'admin'],
  request: { query: StatisticsQuery },
  responses: {
    200: { description: 'The report', content: { 'application/json': { schema: StatisticsReportSchema } } },
    ...standardProblems,
    403: problemResponseSpec('Not a supervisor or admin, or the unit is not one you supervise'),
  },
});

const statisticsExportRoute = secureRoute({
  method: 'get',
  path: '/export',
  tags: ['statistics'],
  summary: 'Export the statistics (统计报表) as CSV (one table) or XLSX (one sheet per breakdown)',
  access: ['supervisor', 'admin'],
  request: { query: StatisticsExportQuery },
  responses: {
    ...downloadResponses,
    ...standardProblems,
    403: problemResponseSpec('Not a supervisor or admin, or the unit is not one you supervise'),
  },
});

/** /v1/statistics */
export function statisticsRoutes(deps: AppDependencies) {
  const db = deps.database.db;
  return new OpenAPIHono<AppEnv>()
    .openapi(statisticsRoute, async (c) => {
      const scope = await resolveSupervisionScope(db, c.get('principal'));
      return c.json(await computeStatistics(db, scope, c.req.valid('query')), 200);
    })
    .openapi(statisticsExportRoute, async (c) => {
      const { format, ...filter } = c.req.valid('query');
      return downloadResponse(await exportStatistics(db, c.get('principal'), filter, format));
    });
}
