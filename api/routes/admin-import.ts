import { OpenAPIHono, z } from '@hono/zod-openapi';
import { Refusal } from '../../domain/refusals.js';
import { readBoundedBody } from '../../http/bounded-body.js';
import type { AppDependencies } from '../../http/dependencies.js';
import { importLedger } from '../../use-cases/ledger-import/import-ledger.js';
import { ledgerColumns } from '../../use-cases/ledger-import/ledger-columns.js';
import type { AppEnv, StaffPrincipal } from '../context.js';
import { problemResponseSpec, secureRoute, standardProblems } from '../route.js';

/** A ledger of a province's year is far larger than the API's usual 1 MiB. */
export const ledgerImportPath = '/v1/admin/import';
const ledgerBodyLimit = { maxBytes: 20 * 1024 * 1024, label: '20 MiB' };

const xlsxContentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const ImportQuery = z.object({
  format: z
    .enum(['csv', 'xlsx'])
    .optional()
    .openapi({ description: 'csv (UTF-8) or xlsx; defaults from Content-Type (text/csv or the XLSX type)' }),
  fileName: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .openapi({ description: 'kept with the import batch' }),
  dryRun: z.enum(['true', 'false']).default('false').openapi({ description: 'check and total only' }),
});

const TotalsSchema = z
  .object({
    received: z.number().int(),
    peopleServed: z.number().int(),
    settled: z.number().int(),
    settledAmountFen: z.number().int(),
    claimAmountFen: z.number().int(),
    courtReceived: z.number().int(),
    courtSettled: z.number().int(),
    courtFeeSavedFen: z.number().int(),
    prosecutionReceived: z.number().int(),
    prosecutionSettled: z.number().int(),
    prosecutionSettledAmountFen: z.number().int(),
    settledOnline: z.number().int(),
    byDisposition: z.record(z.string(), z.number().int()),
  })
  .openapi('LedgerTotals');

const ImportResultSchema = z
  .object({
    batchId: z.string().uuid().nullable(),
    fileName: z.string(),
    format: z.enum(['csv', 'xlsx']),
    fileSha256: z.string(),
    dryRun: z.boolean(),
    rowCount: z.number().int(),
    totals: TotalsSchema,
    renumbered: z.array(
      z.object({ row: z.number().int(), ledgerNumber: z.string(), caseNumber: z.string() }),
    ),
  })
  .openapi('LedgerImport');

const columnTable = Object.values(ledgerColumns)
  .map((column) => `| ${column.header} | ${column.required ? '是' : ''} | ${column.note} |`)
  .join('\n');

const importRoute = secureRoute({
  method: 'post',
  path: '/import',
  tags: ['admin: import'],
  operationId: 'importLedger',
  summary: '导入历史案件台账（作为已归档案件）',
  description: `系统管理员把上线前的纸质或表格台账导入系统，供统计与查询。文件即请求体（不是 multipart），UTF-8 编码的 CSV 或
XLSX（取第一个工作表），不超过 20 MiB、${'50,000'} 行。只有系统管理员可以上传：身份核验通过后才开始读取文件，超过 20 MiB 即停止读取并返回 413。
第 1 行为下列中文表头，顺序不限，其他列忽略。

| 列 | 必填 | 说明 |
| --- | --- | --- |
${columnTable}

先逐行检查：任何一行有错，整个文件被拒绝（422，逐行列出行号、列与原因），不写入任何内容。全部通过时在一个事务中写入：已归档案件（来源
“import”，不启动流程）、当事人、每案一条“imported”事件，以及一条含合计数的导入批次。符合本系统格式的台账编号（如 HLBE-2022-000123）原样保留，
并把该年的案件编号计数器调到其后；其他编号按登记年份取下一个编号，并在 \`renumbered\` 中列出。\`dryRun=true\` 只检查并合计，不写入（200）。
同一文件再次导入为 409（指明首次导入的批次）；部分案件（按编号）已导入过也为 409，并列出这些行。`,
  refusals: [
    'ledger_invalid',
    'ledger_unreadable',
    'ledger_too_large',
    'ledger_already_imported',
    'ledger_cases_exist',
    'payload_too_large',
    'unsupported_media_type',
  ],
  access: ['admin'],
  request: {
    query: ImportQuery,
    body: {
      required: true,
      content: {
        'text/csv': { schema: z.string().openapi({ format: 'binary' }) },
        [xlsxContentType]: { schema: z.string().openapi({ format: 'binary' }) },
      },
    },
  },
  responses: {
    200: {
      description: 'Dry run: checked and totalled',
      content: { 'application/json': { schema: ImportResultSchema } },
    },
    201: { description: 'Imported', content: { 'application/json': { schema: ImportResultSchema } } },
    409: problemResponseSpec('The file, or cases in it, were imported before'),
    413: problemResponseSpec('Larger than 20 MiB'),
    415: problemResponseSpec('Neither CSV nor XLSX'),
    422: problemResponseSpec('Row errors (errors[]: row, column, reason), or an unreadable file'),
    ...standardProblems,
  },
});

function formatOf(query: string | undefined, contentType: string | undefined): 'csv' | 'xlsx' {
  if (query === 'csv' || query === 'xlsx') return query;
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (type === 'text/csv') return 'csv';
  if (type === xlsxContentType) return 'xlsx';
  throw new Refusal('unsupported_media_type', {
    detail: `Send ?format=csv or ?format=xlsx, or Content-Type text/csv or ${xlsxContentType}.`,
  });
}

/** /v1/admin/import */
export function adminImportRoutes(deps: AppDependencies) {
  const app = new OpenAPIHono<AppEnv>();
  return app.openapi(importRoute, async (c) => {
    const query = c.req.valid('query');
    const format = formatOf(query.format, c.req.header('content-type'));
    // Only now, the caller known to be an admin (the route's access rule runs first), is the upload read.
    const bytes = await readBoundedBody(c.req.raw, ledgerBodyLimit);
    const result = await importLedger(
      {
        db: deps.database.db,
        caseNumberPrefix: deps.settings.caseNumberPrefix,
        lookupHashKey: deps.settings.lookupHashKey,
      },
      {
        bytes,
        format,
        fileName: query.fileName ?? `ledger.${format}`,
        importer: c.get('principal') as StaffPrincipal,
        dryRun: query.dryRun === 'true',
      },
    );
    c.get('logger').info(
      { batchId: result.batchId, rows: result.rowCount, dryRun: result.dryRun },
      'ledger imported',
    );
    return c.json(result, result.dryRun ? 200 : 201);
  });
}
