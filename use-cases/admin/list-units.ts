import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { units } from '../../db/schema/index.js';
import type { UnitKind } from '../../domain/vocabulary.js';
import { toUnitResponse } from './create-unit.js';

export async function listUnits(
  db: Database,
  filter: { kind?: UnitKind | undefined; parentId?: string | undefined },
) {
  const conditions: SQL[] = [];
  if (filter.kind) conditions.push(eq(units.kind, filter.kind));
  if (filter.parentId) conditions.push(eq(units.parentId, filter.parentId));
  const rows = await db
    .select()
    .from(units)
    .where(and(...conditions))
    .orderBy(asc(units.code));
  return rows.map(toUnitResponse);
}
