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
  summary: 'Import a legacy case ledger (台账) as archived cases',
  description: `The file is the raw request body (not multipart), CSV in UTF-8 or XLSX (first worksheet), up to 20 MiB
and ${'50,000'} rows. Row 1 holds the zh-CN headers below, in any order; other columns are ignored.

| 列 | 必填 | 说明 |
| --- | --- | --- |
${columnTable}

Every row is checked first; any error rejects the whole file with a 422 listing each row, column and reason
(nothing is written). Otherwise one transaction writes archived cases (origin 'import', no workflow),
their parties, one 'imported' event each and an import batch with the totals. Ledger numbers in our format
(HLBE-2022-000123) are kept and the case-number counter is raised past them; others get the next number of
the registration year and are listed in \`renumbered\`. The same file again is a 409 naming the first batch;
rows already imported (by number) are a 409 listing the rows.`,
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
      { db: deps.database.db, caseNumberPrefix: deps.settings.caseNumberPrefix },
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
