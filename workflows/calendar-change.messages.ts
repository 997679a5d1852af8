/** Contracts of the calendar fan-out workflow (calendar-change.workflow.ts). */

export interface CalendarChange {
  years: number[];
  /** The years were already confirmed: a correction, which moves every deadline running through them. */
  corrected: boolean;
}

/** How far the fan-out has come; carried through continue-as-new, returned at the end. */
export interface CalendarFanOutReport {
  candidates: number;
  signalled: number;
  /** Their workflow had already completed: nothing left to recompute. */
  skipped: number;
  /** Case numbers not reached (load the year again to retry them). */
  failed: string[];
  afterCaseNumber: string | null;
}

/** One fan-out per admin change: the years and the instant it was made. */
export function calendarChangeWorkflowId(years: number[], at: string): string {
  return `calendar-change-${years.join('-')}-${at}`;
}
