import type { Client } from '@temporalio/client';
import {
  type CalendarChange,
  type CalendarFanOutReport,
  calendarChangeWorkflowId,
} from '../../workflows/calendar-change.messages.js';
import type { calendarChangeWorkflow } from '../../workflows/calendar-change.workflow.js';

interface CalendarSignalling {
  /** The fan-out workflow (in the Temporal UI): it keeps going after the answer if it has not finished. */
  workflowId: string;
  /** Whether every affected case had been told when the answer was given. */
  done: boolean;
  candidates: number;
  signalled: number;
  skipped: number;
  failed: string[];
}

/** How long the admin's request waits for the fan-out before answering with its workflow id alone. */
const patienceMs = 10_000;

/**
 * Tell the running cases a calendar change may move, through a durable fan-out workflow: it survives a
 * restart midway, pages through the cases and signals each (the case recomputes its own deadlines).
 * The admin's answer carries the tally when the fan-out finishes within a few seconds, as it does for a
 * city's caseload.
 */
export async function fanOutCalendarChange(
  deps: { temporal: Client; taskQueue: string },
  change: CalendarChange,
): Promise<CalendarSignalling> {
  const workflowId = calendarChangeWorkflowId(change.years, new Date().toISOString());
  const handle = await deps.temporal.workflow.start<typeof calendarChangeWorkflow>('calendarChangeWorkflow', {
    workflowId,
    taskQueue: deps.taskQueue,
    args: [change],
  });
  let timer: NodeJS.Timeout | undefined;
  const report = await Promise.race([
    handle.result(),
    new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), patienceMs);
    }),
  ]).finally(() => clearTimeout(timer));
  return tally(workflowId, report);
}

function tally(workflowId: string, report: CalendarFanOutReport | undefined): CalendarSignalling {
  if (!report) return { workflowId, done: false, candidates: 0, signalled: 0, skipped: 0, failed: [] };
  const { afterCaseNumber: _cursor, ...counts } = report;
  return { workflowId, done: true, ...counts };
}
