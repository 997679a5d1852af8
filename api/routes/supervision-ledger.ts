import { OpenAPIHono, z } from '@hono/zod-openapi';
import { chinaDateOf } from '../../domain/dates.js';
import { ledgerColumns, ledgerPages } from '../../use-cases/supervision/ledger.js';
import { resolveSupervisionScope } from '../../use-cases/supervision/scope.js';
import {
  csvStream,
  exportResponse,
  periodName,
  xlsxStream,
} from '../../use-cases/supervision/tabular-export.js';
import type { AppEnv } from '../context.js';
import type { AppDependencies } from '../dependencies.js';
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
  summary: 'Export the case ledger (案件台账) for any filter of the case list, as CSV or XLSX',
  description:
    'Columns 案件编号, 登记日期, 来源, 类别, 分级, 状态, 承办单位, 调解员, 当事人, 标的额(元), 协议金额(元), ' +
    '处理结果, 结案日期, 是否超期, 对接类型, 节约诉讼费(元), 纠纷简要情况; newest registration first. ID and phone ' +
    'numbers are masked for every role but admin.',
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
    const principal = c.get('principal');
    const { format, ...filter } = c.req.valid('query');
    const scope = await resolveSupervisionScope(db, principal);
    const fullContactDetails = principal.kind === 'staff' && principal.role === 'admin';
    const pages = ledgerPages(db, scope, filter, { fullContactDetails });
    // Read the first page before answering, so a refused unit is a 403 and not a broken download.
    const first = await pages.next();
    async function* all() {
      if (!first.done) yield first.value;
      yield* pages;
    }
    const sheet = { name: '案件台账', columns: ledgerColumns, pages: all() };
    const body = format === 'xlsx' ? xlsxStream([sheet]) : csvStream(sheet);
    const period = periodName(filter.registeredFrom, filter.registeredTo, chinaDateOf(Date.now()));
    c.get('logger').info({ format, filter }, 'ledger exported');
    return exportResponse(format, body, {
      zh: `案件台账-${period}`,
      ascii: `case-ledger-${period.replace(/[^\d-]/g, '_')}`,
    });
  });
}
