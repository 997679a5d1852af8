import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { units } from '../../db/schema/index.js';
import { refuseField } from '../../domain/refusals.js';
import type { UnitKind } from '../../domain/vocabulary.js';
import type { Principal } from '../auth/principal.js';
import { type SupervisionScope, scopeIncludes, supervisionScopeOf } from '../supervision/scope.js';

async function unitExists(db: Database, unitId: string): Promise<boolean> {
  const [unit] = await db.select({ id: units.id }).from(units).where(eq(units.id, unitId)).limit(1);
  return unit !== undefined;
}

/**
 * A unit a case is put into (on registration or assignment) must exist (422 `unknown_unit`) and, for a
 * supervisor, lie in the units they supervise (403 `forbidden_unit`): a station's supervisor cannot
 * move a case into a sibling station, where they could no longer read it. Both name `unitId`. Clerks
 * (the single intake window) and admins route to any unit.
 */
export async function assertUnitWithinReach(
  db: Database,
  principal: Principal,
  unitId: string,
  supervised?: SupervisionScope,
): Promise<void> {
  if (!(await unitExists(db, unitId))) refuseField('unknown_unit', 'unitId', 'no unit has this id');
  if (principal.kind !== 'staff' || principal.role !== 'supervisor') return;
  const scope = supervised ?? (await supervisionScopeOf(db, principal)) ?? [];
  if (!scopeIncludes(scope, unitId)) {
    refuseField('forbidden_unit', 'unitId', 'outside the units you supervise', {
      reasonZh: '所选单位不在您督办的单位范围内',
    });
  }
}

/** What kind of unit a case is in (中心、调解站、调解点、巡回调解小分队); null when it has none. */
export async function unitKindOf(db: Database, unitId: string | null): Promise<UnitKind | null> {
  if (unitId === null) return null;
  const [unit] = await db.select({ kind: units.kind }).from(units).where(eq(units.id, unitId)).limit(1);
  return unit?.kind ?? null;
}
