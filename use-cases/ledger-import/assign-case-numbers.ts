import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { chinaYear, formatCaseNumber } from '../../db/queries/allocate-case-number.js';
import { caseNumberCounters } from '../../db/schema/index.js';
import { caseNumberPattern } from '../../domain/case-number.js';
import { chinaOfficeTime } from './build-imported-case.js';
import type { LedgerCase } from './validate-ledger.js';

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/** A ledger number is kept when it already looks like ours (HLBE-2022-000123). */
export function keepsLedgerNumber(ledgerNumber: string): boolean {
  return caseNumberPattern.test(ledgerNumber);
}

function parts(caseNumber: string): { prefix: string; year: number; value: number } {
  const [prefix, year, value] = caseNumber.split('-') as [string, string, string];
  return { prefix, year: Number(year), value: Number(value) };
}

/**
 * Case numbers for imported rows, in one transaction with the insert:
 * - a ledger number in our format is kept, and its counter is raised past it so the allocator
 *   (db/queries/allocate-case-number.ts) never hands the same number to a new case later;
 * - every other row gets the allocator's next number for its registration year, reserved in one
 *   statement per year (a 5,000-row ledger is not 5,000 round trips).
 */
export async function assignCaseNumbers(
  tx: Transaction,
  rows: readonly LedgerCase[],
  prefix: string,
): Promise<Map<number, string>> {
  const numbers = new Map<number, string>();
  const highest = new Map<string, { prefix: string; year: number; value: number }>();
  const toAllocate = new Map<number, LedgerCase[]>();
  for (const row of rows) {
    if (keepsLedgerNumber(row.ledgerNumber)) {
      numbers.set(row.row, row.ledgerNumber);
      const number = parts(row.ledgerNumber);
      const key = `${number.prefix}-${number.year}`;
      if ((highest.get(key)?.value ?? 0) < number.value) highest.set(key, number);
    } else {
      const year = chinaYear(chinaOfficeTime(row.registeredOn, 9));
      toAllocate.set(year, [...(toAllocate.get(year) ?? []), row]);
    }
  }
  for (const { prefix: keptPrefix, year, value } of highest.values()) {
    await tx
      .insert(caseNumberCounters)
      .values({ prefix: keptPrefix, year, lastValue: value })
      .onConflictDoUpdate({
        target: [caseNumberCounters.prefix, caseNumberCounters.year],
        set: { lastValue: sql`greatest(${caseNumberCounters.lastValue}, excluded.last_value)` },
      });
  }
  for (const [year, yearRows] of toAllocate) {
    const [counter] = await tx
      .insert(caseNumberCounters)
      .values({ prefix, year, lastValue: yearRows.length })
      .onConflictDoUpdate({
        target: [caseNumberCounters.prefix, caseNumberCounters.year],
        set: { lastValue: sql`${caseNumberCounters.lastValue} + ${yearRows.length}` },
      })
      .returning({ lastValue: caseNumberCounters.lastValue });
    const first = counter!.lastValue - yearRows.length + 1;
    yearRows.forEach((row, index) => {
      numbers.set(row.row, formatCaseNumber(prefix, year, first + index));
    });
  }
  return numbers;
}
