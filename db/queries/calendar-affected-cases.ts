import { sql } from 'drizzle-orm';
import type { Database } from '../client.js';

export interface CalendarChange {
  years: number[];
  /**
   * The years were already confirmed (loaded by an admin or covered by the holiday package) and this
   * is a correction: every running deadline whose period touches them is recomputed, not only those
   * that waited for them.
   */
  corrected: boolean;
}

/**
 * A page of cases (by case number, after `afterCaseNumber`) with a running deadline the change may
 * move: one computed on weekends alone because a year was not confirmed, or, for a correction, one
 * whose period runs through a changed year (China dates).
 */
export async function casesAffectedByCalendar(
  db: Database,
  change: CalendarChange,
  page: { afterCaseNumber: string | null; limit: number },
): Promise<string[]> {
  const years = sql.param(change.years);
  const rows = await db.execute<{ case_number: string }>(sql`
    select distinct case_number from case_deadlines
    where status in ('open', 'overdue')
      and case_number > ${page.afterCaseNumber ?? ''}
      and (
        exists (
          select 1 from jsonb_array_elements(explanation->'unconfirmedYears') as year
          where year::text::int = any(${years}::int[])
        )
        or (${change.corrected} and exists (
          select 1 from unnest(${years}::int[]) as year
          where extract(year from started_at at time zone 'Asia/Shanghai') <= year
            and extract(year from due_at at time zone 'Asia/Shanghai') >= year
        ))
      )
    order by case_number
    limit ${page.limit}`);
  return rows.map((row) => row.case_number);
}
