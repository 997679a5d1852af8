import { and, gte, lte } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { calendarOverrides, calendarYears } from '../../db/schema/index.js';
import type { FieldError } from '../../domain/refusals.js';
import { invalidFields } from '../../domain/refusals.js';
import { readCalendarYear, yearBounds } from './read-calendar-year.js';

interface CalendarDayInput {
  date: string;
  kind: 'holiday' | 'workday';
  name?: string | undefined;
}

function dayErrors(year: number, days: readonly CalendarDayInput[]): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Map<string, number>();
  days.forEach((day, index) => {
    const field = `days[${index}].date`;
    if (!day.date.startsWith(`${String(year).padStart(4, '0')}-`)) {
      errors.push({ field, reason: `must fall in ${year}` });
    } else if (seen.has(day.date)) {
      errors.push({ field, reason: `repeats days[${seen.get(day.date)}].date` });
    }
    if (!seen.has(day.date)) seen.set(day.date, index);
  });
  return errors;
}

/**
 * Replace a year's overrides with the admin's list (the State Council's notice for that year) and
 * mark the year loaded, in one transaction. Periods that touch the year are no longer unconfirmed.
 * `corrected`: the year was already confirmed before (loaded, or in the holiday package), so running
 * deadlines through it must be recomputed too, not only those that waited for it.
 */
export async function replaceCalendarYear(
  db: Database,
  year: number,
  days: readonly CalendarDayInput[],
  actorId: string,
) {
  const errors = dayErrors(year, days);
  if (errors.length > 0) throw invalidFields(errors);
  const { first, last } = yearBounds(year);
  return db.transaction(async (tx) => {
    const corrected = (await readCalendarYear(tx, year)).confirmed;
    // Upserting the year first locks its row, so two replacements of one year run one after the other.
    await tx
      .insert(calendarYears)
      .values({ year, loadedBy: actorId, loadedAt: new Date() })
      .onConflictDoUpdate({ target: calendarYears.year, set: { loadedBy: actorId, loadedAt: new Date() } });
    await tx
      .delete(calendarOverrides)
      .where(and(gte(calendarOverrides.date, first), lte(calendarOverrides.date, last)));
    if (days.length > 0) {
      await tx
        .insert(calendarOverrides)
        .values(
          days.map((day) => ({ date: day.date, kind: day.kind, name: day.name ?? null, createdBy: actorId })),
        );
    }
    return { calendar: await readCalendarYear(tx, year), corrected };
  });
}
