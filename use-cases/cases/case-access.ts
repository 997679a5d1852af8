import type { Principal } from '../../api/context.js';
import type { Database } from '../../db/client.js';
import { unitSubtree } from '../supervision/scope.js';

export interface CaseScope {
  unitId: string | null;
  assigneeId: string | null;
}

/**
 * Who may see a case: admins and clerks (the single intake window) all; supervisors the cases of their
 * unit and every unit below it (`supervisedUnits`); mediators the cases assigned to them. Others get
 * 404, which does not confirm the case exists.
 */
export function canSeeCase(
  principal: Principal,
  scope: CaseScope,
  supervisedUnits: readonly string[] = [],
): boolean {
  if (principal.kind !== 'staff') return false;
  switch (principal.role) {
    case 'admin':
    case 'clerk':
      return true;
    case 'supervisor':
      return (
        scope.unitId !== null && (principal.unitId === scope.unitId || supervisedUnits.includes(scope.unitId))
      );
    case 'mediator':
      return principal.userId === scope.assigneeId;
  }
}

/** Full ID and phone numbers for those who work the case; everyone else sees them masked. */
export function seesFullContactDetails(
  principal: Principal,
  scope: CaseScope,
  supervisedUnits: readonly string[] = [],
): boolean {
  return canSeeCase(principal, scope, supervisedUnits) && principal.kind === 'staff';
}

/** The units a supervisor watches: their own and every unit below it (empty for other roles). */
export async function supervisedUnitsOf(db: Database, principal: Principal): Promise<string[]> {
  if (principal.kind !== 'staff' || principal.role !== 'supervisor' || !principal.unitId) return [];
  return unitSubtree(db, principal.unitId);
}
