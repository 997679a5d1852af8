import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { deadlinePolicies } from '../../db/schema/index.js';
import { toPolicyResponse } from './deadline-policy-rows.js';

/** Every era of every deadline policy (or of one key), oldest first within a key. */
export async function listDeadlinePolicies(db: Database, filter: { key?: string | undefined }) {
  const rows = await db
    .select()
    .from(deadlinePolicies)
    .where(filter.key ? eq(deadlinePolicies.key, filter.key) : undefined)
    .orderBy(asc(deadlinePolicies.key), asc(deadlinePolicies.effectiveFrom));
  return rows.map(toPolicyResponse);
}
