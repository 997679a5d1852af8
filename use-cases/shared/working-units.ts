import type { Database } from '../../db/client.js';
import { refuseField } from '../../domain/refusals.js';
import type { StaffPrincipal } from '../auth/principal.js';
import { type SupervisionScope, scopeIncludes, supervisionScopeOf } from '../supervision/scope.js';

/**
 * The units a member of staff works for, for records kept by unit (consultations, enterprises' contacts):
 * admins every unit; supervisors their unit and every unit below it; clerks and mediators (duty lawyers,
 * hotline operators) their own unit only. A consultation is a person's private question, so unlike
 * cases there is no centre-wide reach for the intake window.
 */
export async function workingUnitsOf(db: Database, principal: StaffPrincipal): Promise<SupervisionScope> {
  const supervised = await supervisionScopeOf(db, principal);
  if (supervised) return supervised;
  return principal.unitId ? [principal.unitId] : [];
}

/** The unit a record is kept for: the one asked for, else the recorder's own; within their working units. */
export function unitToRecordFor(
  principal: StaffPrincipal,
  scope: SupervisionScope,
  unitId: string | undefined,
): string {
  const chosen = unitId ?? principal.unitId;
  if (!chosen) refuseField('unit_required', 'unitId', 'required when the recording user has no unit');
  if (!scopeIncludes(scope, chosen)) {
    refuseField('unit_outside_scope', 'unitId', 'you may record only for your own units');
  }
  return chosen;
}
