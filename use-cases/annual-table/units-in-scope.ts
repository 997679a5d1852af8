import { asc, inArray } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { units } from '../../db/schema/index.js';
import type { SupervisionScope } from '../supervision/scope.js';

/** The units a supervisor may choose for the annual table (theirs and those below; every unit for an admin). */
export async function unitsInScope(
  db: Database,
  scope: SupervisionScope,
): Promise<{ id: string; name: string }[]> {
  if (scope !== 'all' && scope.length === 0) return [];
  const query = db.select({ id: units.id, name: units.name }).from(units);
  return (scope === 'all' ? query : query.where(inArray(units.id, [...scope]))).orderBy(asc(units.code));
}
