import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDependencies } from '../../http/dependencies.js';
import { downloadResponse } from '../../http/download.js';
import { exportLedger } from '../../use-cases/supervision/export-ledger.js';
import type { AppEnv } from '../context.js';
import { problemResponseSpec, secureRoute, standardProblems } from '../route.js';
import { LedgerExportQuery } from '../schemas/supervision-schemas.js';

export const downloadResponses = {
  200: {
    description: 'The file, as an attachment with a zh-CN name (RFC 5987 filename*)',
    content: {
      'text/csv; charset=utf-8': { schema: z.string().openapi({ description: 'UTF-8 with BOM, CRLF' }) },
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
        schema: z.string().openapi({ format: 'binary' }),
      },
    },
  },
} as const;

const ledgerExportRoute = secureRoute({
  method: 'get',
  path: '/export',
  tags: ['supervision'],
  operationId: 'exportCaseLedger',
  summary: '导出案件台账（CSV 或 XLSX）',
  description: `中心负责人或系统管理员按案件列表的任意筛选条件导出案件台账。列：案件编号、登记日期、来源、类别、分级、状态、承办单位、调解员、当事人、标的额(元)、协议金额(元)、
处理结果、结案日期、是否超期、对接类型、节约诉讼费(元)、纠纷简要情况；按登记时间由新到旧。除系统管理员外，身份证号码与电话号码均已遮蔽。
中心负责人只能导出本单位及下级单位的案件（其他单位 403 \`forbidden_unit\`）。只读。`,
  refusals: ['forbidden_unit'],
  access: ['supervisor', 'admin'],
  request: { query: LedgerExportQuery },
  responses: {
    ...downloadResponses,
    ...standardProblems,
    403: problemResponseSpec('Not a supervisor or admin, or the unit is not one you supervise'),
  },
});

/** /v1/supervision/ledger */
export function supervisionLedgerRoutes(deps: AppDependencies) {
  const db = deps.database.db;
  return new OpenAPIHono<AppEnv>().openapi(ledgerExportRoute, async (c) => {
    const { format, ...filter } = c.req.valid('query');
    const download = await exportLedger(db, c.get('principal'), filter, format);
    c.get('logger').info({ format, filter }, 'ledger exported');
    return downloadResponse(download);
  });
}
