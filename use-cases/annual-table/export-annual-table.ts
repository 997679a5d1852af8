import type { Database } from '../../db/client.js';
import type { Principal } from '../auth/principal.js';
import type { Download } from '../shared/download.js';
import { resolveSupervisionScope } from '../supervision/scope.js';
import { csvStream, periodName, xlsxStream } from '../supervision/tabular-export.js';
import { annualDimensions } from './annual-source.js';
import { annualTableCsvSheet, annualTableXlsxSheets } from './annual-table-export.js';
import { type AnnualTableFilter, computeAnnualTable } from './compute-annual-table.js';

/**
 * The annual table (年度统计表) as an XLSX workbook (the lines and every breakdown) or a CSV of the
 * lines, within the caller's scope.
 */
export async function exportAnnualTable(
  db: Database,
  principal: Principal,
  filter: AnnualTableFilter,
  format: 'csv' | 'xlsx',
): Promise<Download> {
  const scope = await resolveSupervisionScope(db, principal);
  const table = await computeAnnualTable(db, scope, filter, format === 'xlsx' ? annualDimensions : []);
  const body =
    format === 'xlsx' ? xlsxStream(annualTableXlsxSheets(table)) : csvStream(annualTableCsvSheet(table));
  const period = periodName(filter.from, filter.to, filter.to);
  return {
    format,
    body,
    fileName: { zh: `年度统计表-${period}`, ascii: `annual-table-${period.replace(/[^\d-]/g, '_')}` },
  };
}
