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
  operationId: 'readStatistics',
  summary: '统计：服务人数、受理、调解成功、成功率、诉调与检调对接等',
  description: `中心负责人或系统管理员查看 \`from\` 至 \`to\`（北京时间日期，含首尾）登记的案件的统计：合计，以及按月、按单位、按类别、按来源的同一组指标。
成功率 = 调解成功数 ÷ 办结数（办结 = 调解成功、调解不成、撤回、终止）。中心负责人看到本单位及下级单位，系统管理员看到全部（其他单位 403 \`forbidden_unit\`）。只读。`,
  refusals: ['forbidden_unit'],
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
  operationId: 'exportStatistics',
  summary: '导出统计报表（CSV 或 XLSX）',
  description: `中心负责人或系统管理员导出与统计接口相同口径的报表：CSV 为一张表，XLSX 每种分组一个工作表。范围规则同统计接口。只读。`,
  refusals: ['forbidden_unit'],
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
