import { sql } from 'drizzle-orm';
import { chinaYearOf } from '../../domain/dates.js';
import type { Database } from '../client.js';
import { caseNumberCounters, units } from '../schema/index.js';

/** The calendar year in China time, which case numbers are counted by. */
export function chinaYear(at: Date): number {
  return chinaYearOf(at.getTime());
}

export function formatCaseNumber(prefix: string, year: number, value: number): string {
  return `${prefix}-${year}-${String(value).padStart(6, '0')}`;
}

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/**
 * Next case number for the prefix and year, e.g. HLBE-2026-000123. One counter row per (prefix,
 * year), bumped atomically: concurrent registrations never share a number. Called inside a
 * transaction, the counter row stays locked until it ends, and a rollback gives the number back: the
 * next registration takes it, so a registration that loses a race leaves no gap.
 */
export async function allocateCaseNumber(
  db: Database | Transaction,
  prefix: string,
  at: Date,
): Promise<string> {
  const year = chinaYear(at);
  const [row] = await db
    .insert(caseNumberCounters)
    .values({ prefix, year, lastValue: 1 })
    .onConflictDoUpdate({
      target: [caseNumberCounters.prefix, caseNumberCounters.year],
      set: { lastValue: sql`${caseNumberCounters.lastValue} + 1` },
    })
    .returning({ value: caseNumberCounters.lastValue });
  return formatCaseNumber(prefix, year, row!.value);
}

/**
 * The same, for a case of `unitId`, in one round trip: no number is taken when no unit has that id
 * (undefined is returned), so a registration checks its unit and numbers its case in one statement.
 */
export async function allocateCaseNumberForUnit(
  db: Database | Transaction,
  prefix: string,
  at: Date,
  unitId: string,
): Promise<string | undefined> {
  const year = chinaYear(at);
  const rows = (await db.execute(sql`
    insert into case_number_counters (prefix, year, last_value)
    select ${prefix}, ${year}, 1 where exists (select 1 from ${units} where ${units.id} = ${unitId})
    on conflict (prefix, year) do update set last_value = case_number_counters.last_value + 1
    returning last_value as value`)) as unknown as { value: number }[];
  return rows[0] ? formatCaseNumber(prefix, year, rows[0].value) : undefined;
}
