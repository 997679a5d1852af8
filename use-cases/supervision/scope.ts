import { sql } from 'drizzle-orm';
import type { Principal } from '../../api/context.js';
import { Problem, problems } from '../../api/problem.js';
import type { Database } from '../../db/client.js';

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

/** The scope of the caller: admins see every unit, supervisors their own unit's subtree. */
export async function resolveSupervisionScope(db: Database, principal: Principal): Promise<SupervisionScope> {
  if (principal.kind !== 'staff') throw problems.forbidden('Supervision is for supervisors and admins.');
  if (principal.role === 'admin') return 'all';
  if (principal.role !== 'supervisor') throw problems.forbidden('Supervision is for supervisors and admins.');
  return principal.unitId ? unitSubtree(db, principal.unitId) : [];
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

export function forbiddenUnit(): Problem {
  return new Problem(403, 'forbidden_unit', 'Not allowed', 'The unit is outside the units you supervise.');
}
