import { Hono } from 'hono';
import { z } from 'zod';
import { chinaDateOf } from '../../domain/dates.js';
import { stages } from '../../domain/stages.js';
import { caseSources, disputeCategories, triageClasses } from '../../domain/vocabulary.js';
import type { AppDependencies } from '../../http/dependencies.js';
import { downloadResponse } from '../../http/download.js';
import { exportAnnualTable } from '../../use-cases/annual-table/export-annual-table.js';
import { exportLedger } from '../../use-cases/supervision/export-ledger.js';
import { exportStatistics } from '../../use-cases/supervision/export-statistics.js';
import type { DashboardEnv } from '../shared/session.js';
import { readAnnualTableForm } from './annual-table-input.js';
import { messagePage } from './simple-pages.js';

const format = z.enum(['csv', 'xlsx']).catch('csv');
const date = z.iso.date().optional().catch(undefined);
const id = z.string().uuid().optional().catch(undefined);
const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values).optional().catch(undefined);

/** The statistics page's filters: a value the page would never send is left out rather than refused. */
const StatisticsExportForm = z.object({
  from: date,
  to: date,
  unitId: id,
  category: optionalEnum(disputeCategories),
  source: optionalEnum(caseSources),
  format,
});

const LedgerExportForm = z.object({
  registeredFrom: date,
  registeredTo: date,
  stage: optionalEnum(stages),
  triageClass: optionalEnum(triageClasses),
  category: optionalEnum(disputeCategories),
  source: optionalEnum(caseSources),
  unitId: id,
  assigneeId: id,
  overdue: z.enum(['true', 'false']).optional().catch(undefined),
  q: z.string().trim().min(1).max(100).optional().catch(undefined),
  format,
});

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** /dashboard/export/…: the same exports as the API's, for the signed-in supervisor (use cases, not HTTP). */
export function dashboardExportRoutes(deps: AppDependencies) {
  const db = deps.database.db;
  return new Hono<DashboardEnv>()
    .get('/statistics', async (c) => {
      const { format: chosen, ...filter } = StatisticsExportForm.parse(c.req.query());
      const download = await exportStatistics(db, c.get('principal'), withoutUndefined(filter), chosen);
      return downloadResponse(download);
    })
    .get('/annual', async (c) => {
      const { filter } = readAnnualTableForm(c.req.query(), chinaDateOf(Date.now()));
      if (!filter)
        return c.html(
          messagePage({
            title: '统计条件有误',
            message: '请回到年度统计表页面修改统计条件后再导出。',
            back: '/dashboard/statistics/annual',
          }),
          400,
        );
      const chosen = format.parse(c.req.query('format'));
      return downloadResponse(await exportAnnualTable(db, c.get('principal'), filter, chosen));
    })
    .get('/ledger', async (c) => {
      const { format: chosen, ...filter } = LedgerExportForm.parse(c.req.query());
      const download = await exportLedger(db, c.get('principal'), withoutUndefined(filter), chosen);
      c.get('logger').info({ format: chosen }, 'ledger exported from the dashboard');
      return downloadResponse(download);
    });
}
