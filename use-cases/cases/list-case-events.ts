import type { Client } from '@temporalio/client';
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { caseEvents } from '../../db/schema/index.js';
import type { Principal } from '../auth/principal.js';
import { findVisibleCase } from './read-case.js';

/** The case's event log, in order: who did what, when, before and after. Scoped like reading the case. */
export async function listCaseEvents(
  db: Database,
  principal: Principal,
  caseNumber: string,
  temporal?: Client,
) {
  await findVisibleCase(db, principal, caseNumber, temporal);
  const rows = await db
    .select()
    .from(caseEvents)
    .where(eq(caseEvents.caseNumber, caseNumber))
    .orderBy(asc(caseEvents.seq));
  return rows.map((row) => ({ ...row, at: row.at.toISOString() }));
}
