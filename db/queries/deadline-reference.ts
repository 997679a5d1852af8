import { createCalendar, type WorkingDayCalendar } from '../../domain/calendar.js';
import type { DeadlinePolicy } from '../../domain/deadline-policy.js';
import type { Database } from '../client.js';
import { calendarOverrides, calendarYears, deadlinePolicies } from '../schema/index.js';

/** The holiday calendar as it stands: package data plus the admin's overrides and loaded years. */
export async function loadCalendar(db: Database): Promise<WorkingDayCalendar> {
  const [overrides, years] = await Promise.all([
    db.select().from(calendarOverrides),
    db.select().from(calendarYears),
  ]);
  return createCalendar({
    overrides: overrides.map((row) => ({
      date: row.date,
      kind: row.kind,
      ...(row.name ? { name: row.name } : {}),
    })),
    loadedYears: years.map((row) => row.year),
  });
}

/** Every deadline policy, of every era: the domain selects the one in force on a date. */
export async function loadPolicies(db: Database): Promise<DeadlinePolicy[]> {
  const rows = await db.select({ definition: deadlinePolicies.definition }).from(deadlinePolicies);
  return rows.map((row) => row.definition as DeadlinePolicy);
}
