import { inArray } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { units, users } from '../../db/schema/index.js';

/**
 * Display names of the staff and units a page of cases mentions, in two queries. Names only: a caller
 * that may see a case may see who works it.
 */
export async function namesOf(
  db: Database,
  ids: { userIds: Iterable<string | null>; unitIds: Iterable<string | null> },
): Promise<{ user: (id: string | null) => string | null; unit: (id: string | null) => string | null }> {
  const userIds = [...new Set([...ids.userIds].filter((id): id is string => id !== null))];
  const unitIds = [...new Set([...ids.unitIds].filter((id): id is string => id !== null))];
  const [userRows, unitRows] = await Promise.all([
    userIds.length
      ? db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, userIds))
      : [],
    unitIds.length
      ? db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, unitIds))
      : [],
  ]);
  const userNames = new Map(userRows.map((row) => [row.id, row.name]));
  const unitNames = new Map(unitRows.map((row) => [row.id, row.name]));
  return {
    user: (id) => (id ? (userNames.get(id) ?? null) : null),
    unit: (id) => (id ? (unitNames.get(id) ?? null) : null),
  };
}
