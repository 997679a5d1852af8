import type { Database } from '../../db/client.js';
import { chinaDateOf } from '../../domain/dates.js';
import type { Principal } from '../auth/principal.js';
import type { Download } from '../shared/download.js';
import { resolveSupervisionScope } from './scope.js';
import { computeStatistics, type StatisticsFilter } from './statistics.js';
import { statisticsCsvSheet, statisticsXlsxSheets } from './statistics-export.js';
import { csvStream, periodName, xlsxStream } from './tabular-export.js';

/** The statistics (统计报表) as a CSV table or an XLSX workbook, within the caller's scope. */
export async function exportStatistics(
  db: Database,
  principal: Principal,
  filter: StatisticsFilter,
  format: 'csv' | 'xlsx',
): Promise<Download> {
  const scope = await resolveSupervisionScope(db, principal);
  const report = await computeStatistics(db, scope, filter);
  const body =
    format === 'xlsx' ? xlsxStream(statisticsXlsxSheets(report)) : csvStream(statisticsCsvSheet(report));
  const period = periodName(filter.from, filter.to, chinaDateOf(Date.now()));
  return {
    format,
    body,
    fileName: { zh: `统计报表-${period}`, ascii: `statistics-${period.replace(/[^\d-]/g, '_')}` },
  };
}
