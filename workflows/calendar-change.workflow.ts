import { continueAsNew, getExternalWorkflowHandle, proxyActivities } from '@temporalio/workflow';
import type { CaseActivities } from '../activities/index.js';
import type { CalendarChange, CalendarFanOutReport } from './calendar-change.messages.js';
import { calendarChangedSignal, caseWorkflowId } from './case.messages.js';

const pageSize = 100;
/** Pages per run before continue-as-new, so the history of a province-wide correction stays small. */
const pagesPerRun = 20;

const { findCalendarCases } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * An admin's calendar change, told to every case it may move: page by page (resumable, since each
 * page is recorded in this workflow's history), each case signalled to recompute its own deadlines
 * (the case workflow owns its timers). Started by the calendar use case instead of signalling inside
 * the HTTP request, so a restart midway loses nothing.
 */
export async function calendarChangeWorkflow(
  change: CalendarChange,
  carried?: CalendarFanOutReport,
): Promise<CalendarFanOutReport> {
  const report: CalendarFanOutReport = carried ?? {
    candidates: 0,
    signalled: 0,
    skipped: 0,
    failed: [],
    afterCaseNumber: null,
  };
  for (let pages = 0; pages < pagesPerRun; pages += 1) {
    const page = await findCalendarCases({
      ...change,
      afterCaseNumber: report.afterCaseNumber,
      limit: pageSize,
    });
    if (page.length === 0) return report;
    report.candidates += page.length;
    const outcomes = await Promise.all(
      page.map((caseNumber) =>
        getExternalWorkflowHandle(caseWorkflowId(caseNumber))
          .signal(calendarChangedSignal, { years: change.years, corrected: change.corrected })
          .then(
            () => 'signalled' as const,
            (error: unknown) =>
              error instanceof Error && /not found/i.test(error.message) ? ('skipped' as const) : caseNumber,
          ),
      ),
    );
    for (const outcome of outcomes) {
      if (outcome === 'signalled') report.signalled += 1;
      else if (outcome === 'skipped') report.skipped += 1;
      else report.failed.push(outcome);
    }
    report.afterCaseNumber = page.at(-1)!;
  }
  return continueAsNew<typeof calendarChangeWorkflow>(change, report);
}
