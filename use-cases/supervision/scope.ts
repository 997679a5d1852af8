import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { Refusal } from '../../domain/refusals.js';
import type { Principal } from '../auth/principal.js';

/**
 * What a supervisor may watch: the ids of their unit and every unit below it (a centre sees its
 * stations and their points), or 'all' for an admin. Supervision lists, counts, statistics and exports
 * all take one.
 */
export type SupervisionScope = 'all' | readonly string[];

/** The unit and all its descendants (units form a tree through units.parent_id). */
export async function unitSubtree(db: Database, rootUnitId: string): Promise<string[]> {
  const rows = await db.execute<{ id: string }>(sql`
    with recursive subtree(id) as (
      select id from units where id = ${rootUnitId}
      union
      select child.id from units child join subtree on child.parent_id = subtree.id
    )
    select id from subtree`);
  return rows.map((row) => row.id);
}

/**
 * The one rule of supervisor scope: an admin supervises every unit, a supervisor their own unit and
 * every unit below it (a centre its stations); anyone else supervises nothing (undefined). Reading a
 * case, changing one, the supervision lists, statistics and exports all ask here.
 */
export async function supervisionScopeOf(
  db: Database,
  principal: Principal,
): Promise<SupervisionScope | undefined> {
  if (principal.kind !== 'staff') return undefined;
  if (principal.role === 'admin') return 'all';
  if (principal.role !== 'supervisor') return undefined;
  return principal.unitId ? unitSubtree(db, principal.unitId) : [];
}

/** The scope of a caller of the supervision routes: refused for anyone who supervises nothing. */
export async function resolveSupervisionScope(db: Database, principal: Principal): Promise<SupervisionScope> {
  const scope = await supervisionScopeOf(db, principal);
  if (!scope) throw new Refusal('forbidden', { detail: 'Supervision is for supervisors and admins.' });
  return scope;
}

export function scopeIncludes(scope: SupervisionScope, unitId: string | null): boolean {
  return scope === 'all' || (unitId !== null && scope.includes(unitId));
}

/** The units a request covers: the scope, narrowed to the subtree of `unitId` when one is asked for. */
export async function narrowScope(
  db: Database,
  scope: SupervisionScope,
  unitId: string | undefined,
  { subtree }: { subtree: boolean },
): Promise<SupervisionScope> {
  if (!unitId) return scope;
  if (!scopeIncludes(scope, unitId)) throw forbiddenUnit();
  const asked = subtree ? await unitSubtree(db, unitId) : [unitId];
  return scope === 'all' ? asked : asked.filter((id) => scope.includes(id));
}

function forbiddenUnit(): Refusal {
  return new Refusal('forbidden_unit', { detail: 'The unit is outside the units you supervise.' });
}
