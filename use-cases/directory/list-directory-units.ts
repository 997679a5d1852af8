import { and, asc, inArray, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { units } from '../../db/schema/index.js';
import type { UnitKind } from '../../domain/vocabulary.js';
import type { Principal } from '../auth/principal.js';
import { directoryScopeOf } from './directory-scope.js';

/** A unit as staff look it up (no admin fields): what a case may be routed to. */
export interface DirectoryUnit {
  id: string;
  code: string;
  name: string;
  kind: UnitKind;
  parentId: string | null;
  /** Active mediators of the unit. */
  mediators: number;
  /** Its cases being routed or mediated now (分流、化解). */
  openCases: number;
}

/** The units a staff member may route cases to, by code. */
export async function listDirectoryUnits(db: Database, principal: Principal): Promise<DirectoryUnit[]> {
  const scope = await directoryScopeOf(db, principal);
  if (scope !== 'all' && scope.length === 0) return [];
  const conditions: SQL[] = [];
  if (scope !== 'all') conditions.push(inArray(units.id, [...scope]));
  return db
    .select({
      id: units.id,
      code: units.code,
      name: units.name,
      kind: units.kind,
      parentId: units.parentId,
      mediators: sql<number>`(select count(*) from users u
        where u.unit_id = ${units.id} and u.role = 'mediator' and u.active)::int`,
      openCases: sql<number>`(select count(*) from cases c
        where c.unit_id = ${units.id} and c.stage in ('divert', 'resolve'))::int`,
    })
    .from(units)
    .where(and(...conditions))
    .orderBy(asc(units.code))
    .limit(1000);
}
