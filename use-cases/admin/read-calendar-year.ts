import { and, asc, eq, gte, lte } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { calendarOverrides, calendarYears } from '../../db/schema/index.js';
import { createCalendar } from '../../domain/calendar.js';
import { addDays, type IsoDate } from '../../domain/dates.js';

type Executor = Pick<Database, 'select'>;

const packageCalendar = createCalendar();

export function yearBounds(year: number): { first: IsoDate; last: IsoDate } {
  const yyyy = String(year).padStart(4, '0');
  return { first: `${yyyy}-01-01`, last: `${yyyy}-12-31` };
}

/**
 * A year of the working-day calendar as periods are counted with it: the package's holidays and make-up
 * working days, the admin's overrides on top, and whether the year is confirmed.
 */
export async function readCalendarYear(db: Executor, year: number) {
  const { first, last } = yearBounds(year);
  const [overrides, loadedRows] = await Promise.all([
    db
      .select()
      .from(calendarOverrides)
      .where(and(gte(calendarOverrides.date, first), lte(calendarOverrides.date, last)))
      .orderBy(asc(calendarOverrides.date)),
    db.select().from(calendarYears).where(eq(calendarYears.year, year)),
  ]);
  const loaded = loadedRows[0];
  const calendar = createCalendar({
    overrides: overrides.map((row) => ({ date: row.date, kind: row.kind, name: row.name })),
    loadedYears: loaded ? [year] : [],
  });

  const days = [];
  for (let date = first; date <= last; date = addDays(date, 1)) {
    const info = calendar.dayInfo(date);
    if (info.kind === 'holiday' || info.kind === 'make_up_workday' || info.source === 'override') {
      days.push({
        date,
        kind: info.kind,
        working: info.working,
        ...(info.name === undefined ? {} : { name: info.name }),
        source: info.source,
      });
    }
  }
  return {
    year,
    confirmed: calendar.isConfirmedYear(year),
    inPackage: packageCalendar.isConfirmedYear(year),
    loaded: loaded ? { by: loaded.loadedBy, at: loaded.loadedAt.toISOString() } : null,
    days,
    overrides: overrides.map((row) => ({ date: row.date, kind: row.kind, name: row.name })),
  };
}
