import { sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { caseNumberCounters } from '../schema/index.js';

/** The calendar year in China time (UTC+8, no daylight saving), which case numbers are counted by. */
export function chinaYear(at: Date): number {
  return new Date(at.getTime() + 8 * 60 * 60 * 1000).getUTCFullYear();
}

export function formatCaseNumber(prefix: string, year: number, value: number): string {
  return `${prefix}-${year}-${String(value).padStart(6, '0')}`;
}

/**
 * Next case number for the prefix and year, e.g. HLBE-2026-000123. One counter row per (prefix,
 * year), bumped atomically: concurrent registrations never share a number.
 */
export async function allocateCaseNumber(db: Database, prefix: string, at: Date): Promise<string> {
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
