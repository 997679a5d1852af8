import type { Database } from '../../db/client.js';
import { Refusal } from '../../domain/refusals.js';
import type { StaffPrincipal } from '../auth/principal.js';
import { type SupervisionScope, scopeIncludes, unitSubtree } from '../supervision/scope.js';

/**
 * The units whose screening leads a member of staff sees: a grid worker their own grid only; the
 * station's clerks and supervisors their unit and every grid below it (the leads they triage); admins
 * all. Mediators work cases, not leads: nothing.
 */
export async function leadUnitsOf(db: Database, principal: StaffPrincipal): Promise<SupervisionScope> {
  switch (principal.role) {
    case 'admin':
      return 'all';
    case 'grid_worker':
      return principal.unitId ? [principal.unitId] : [];
    case 'clerk':
    case 'supervisor':
      return principal.unitId ? unitSubtree(db, principal.unitId) : [];
    case 'mediator':
      return [];
  }
}

/** Refused as if it did not exist: another grid's lead is not confirmed to exist (404, not 403). */
export function leadNotFound(): Refusal {
  return new Refusal('not_found', { detail: 'No lead with this id among your units.' });
}

export async function assertLeadInReach(
  db: Database,
  principal: StaffPrincipal,
  unitId: string,
): Promise<void> {
  if (!scopeIncludes(await leadUnitsOf(db, principal), unitId)) throw leadNotFound();
}
