import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { and, inArray, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database } from '../../db/client.js';
import { caseDeadlines } from '../../db/schema/index.js';
import { calendarChangedSignal, caseWorkflowId } from '../../workflows/case.messages.js';

export interface SignallingReport {
  candidates: number;
  signalled: number;
  skipped: number;
  failed: string[];
}

/** Signals in flight at once: enough to be quick for a province, few enough not to flood Temporal. */
const concurrency = 16;

/** Cases with a live deadline that was computed on weekends alone because `year` was not confirmed. */
export async function casesWithUnconfirmedDeadlines(db: Database, year: number): Promise<string[]> {
  const rows = await db
    .selectDistinct({ caseNumber: caseDeadlines.caseNumber })
    .from(caseDeadlines)
    .where(
      and(
        inArray(caseDeadlines.status, ['open', 'overdue']),
        sql`${caseDeadlines.explanation}->'unconfirmedYears' @> to_jsonb(${year}::int)`,
      ),
    );
  return rows.map((row) => row.caseNumber).sort();
}

/**
 * Tell each such case's workflow that the year's holidays are known, so it recomputes the deadline
 * itself (the workflow owns its timers). A case whose workflow has completed has nothing to recompute;
 * any other failure is reported so the admin can load the year again, which signals again harmlessly.
 */
export async function signalCalendarChange(
  deps: { db: Database; temporal: Client; logger: Logger },
  year: number,
): Promise<SignallingReport> {
  const caseNumbers = await casesWithUnconfirmedDeadlines(deps.db, year);
  const report: SignallingReport = { candidates: caseNumbers.length, signalled: 0, skipped: 0, failed: [] };
  let next = 0;
  const signalNext = async (): Promise<void> => {
    while (next < caseNumbers.length) {
      const caseNumber = caseNumbers[next++]!;
      try {
        await deps.temporal.workflow
          .getHandle(caseWorkflowId(caseNumber))
          .signal(calendarChangedSignal, { years: [year] });
        report.signalled += 1;
      } catch (error) {
        if (error instanceof WorkflowNotFoundError) {
          deps.logger.info(
            { caseNumber, year },
            'calendar change not signalled: the case workflow has completed',
          );
          report.skipped += 1;
        } else {
          deps.logger.error({ err: error, caseNumber, year }, 'calendar change could not be signalled');
          report.failed.push(caseNumber);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, caseNumbers.length) }, signalNext));
  report.failed.sort();
  return report;
}
