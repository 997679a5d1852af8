import type { Principal } from './context.js';

export interface CaseScope {
  unitId: string | null;
  assigneeId: string | null;
}

/**
 * Who may see a case: admins and clerks (the single intake window) all; supervisors the cases of their
 * unit; mediators the cases assigned to them. Others get 404, which does not confirm the case exists.
 */
export function canSeeCase(principal: Principal, scope: CaseScope): boolean {
  if (principal.kind !== 'staff') return false;
  switch (principal.role) {
    case 'admin':
    case 'clerk':
      return true;
    case 'supervisor':
      return principal.unitId !== null && principal.unitId === scope.unitId;
    case 'mediator':
      return principal.userId === scope.assigneeId;
  }
}

/** Full ID and phone numbers for those who work the case; everyone else sees them masked. */
export function seesFullContactDetails(principal: Principal, scope: CaseScope): boolean {
  return canSeeCase(principal, scope) && principal.kind === 'staff';
}
