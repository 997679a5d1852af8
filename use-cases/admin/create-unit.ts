import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { units } from '../../db/schema/index.js';
import { adminProblems } from './admin-refusals.js';

type UnitRow = typeof units.$inferSelect;

interface CreateUnitInput {
  code: string;
  name: string;
  kind: UnitRow['kind'];
  parentId?: string | undefined;
}

export function toUnitResponse(row: UnitRow) {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    parentId: row.parentId,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A centre, station or point; its code is unique. */
export async function createUnit(db: Database, input: CreateUnitInput) {
  if (input.parentId) {
    const [parent] = await db.select({ id: units.id }).from(units).where(eq(units.id, input.parentId));
    if (!parent) throw adminProblems.unknownReference('parentId', `parentId: no unit ${input.parentId}.`);
  }
  const [created] = await db
    .insert(units)
    .values({ code: input.code, name: input.name, kind: input.kind, parentId: input.parentId ?? null })
    .onConflictDoNothing({ target: units.code })
    .returning();
  if (!created) throw adminProblems.alreadyExists('code', `code: a unit ${input.code} already exists.`);
  return toUnitResponse(created);
}
