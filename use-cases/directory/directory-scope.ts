import type { Database } from '../../db/client.js';
import type { Principal } from '../auth/principal.js';
import { type SupervisionScope, supervisionScopeOf } from '../supervision/scope.js';

/**
 * Whose mediators and units a staff member may look up. Clerks work the single intake window and route
 * cases to every unit, and mediators and admins may see their colleagues across the network: all
 * units. A supervisor reassigns only within the units they supervise: their own and those below it.
 * Institutions look nothing up here.
 */
export async function directoryScopeOf(db: Database, principal: Principal): Promise<SupervisionScope> {
  if (principal.kind !== 'staff') return [];
  if (principal.role === 'supervisor') return (await supervisionScopeOf(db, principal)) ?? [];
  return 'all';
}
