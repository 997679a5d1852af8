import type { Database } from '../../db/client.js';
import type { Principal } from '../auth/principal.js';
import { type SupervisionScope, scopeIncludes, supervisionScopeOf } from '../supervision/scope.js';

export interface CaseScope {
  unitId: string | null;
  assigneeId: string | null;
}

/**
 * What a caller's reach over cases depends on beyond their credential: the units they supervise
 * (supervisors and admins), read once per request.
 */
export interface CaseReach {
  principal: Principal;
  supervised: SupervisionScope | undefined;
}

export async function caseReachOf(db: Database, principal: Principal): Promise<CaseReach> {
  return { principal, supervised: await supervisionScopeOf(db, principal) };
}

/**
 * Who may see a case: admins and clerks (the single intake window) all; supervisors the cases of their
 * unit and every unit below it; mediators the cases assigned to them. Others get 404, which does not
 * confirm the case exists.
 */
export function canSeeCase({ principal, supervised }: CaseReach, scope: CaseScope): boolean {
  if (principal.kind !== 'staff') return false;
  switch (principal.role) {
    case 'admin':
    case 'clerk':
      return true;
    case 'supervisor':
      return supervised !== undefined && scopeIncludes(supervised, scope.unitId);
    case 'mediator':
      return principal.userId === scope.assigneeId;
    case 'grid_worker':
      // A grid worker reports leads; the case a lead becomes is the station's to work.
      return false;
  }
}

/** Full ID and phone numbers for those who work the case; everyone else sees them masked. */
export function seesFullContactDetails(reach: CaseReach, scope: CaseScope): boolean {
  return canSeeCase(reach, scope);
}
