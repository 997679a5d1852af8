import type { Database } from '../db/client.js';
import { type CalendarChange, casesAffectedByCalendar } from '../db/queries/calendar-affected-cases.js';

export interface FindCalendarCasesInput extends CalendarChange {
  afterCaseNumber: string | null;
  limit: number;
}

/** The next page of cases a calendar change may move (see casesAffectedByCalendar). */
export function findCalendarCases(db: Database, input: FindCalendarCasesInput): Promise<string[]> {
  const { afterCaseNumber, limit, ...change } = input;
  return casesAffectedByCalendar(db, change, { afterCaseNumber, limit });
}
