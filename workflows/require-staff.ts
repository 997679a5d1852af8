import { refuse } from '../domain/refusals.js';
import type { Actor } from './case.messages.js';
import type { CaseState } from './case-state.js';
import { supervises } from './supervisor-scope.js';

/** A staff member of one of `roles`; a supervisor within the case's units; a mediator only on their case. */
export function requireStaff(actor: Actor, roles: readonly string[], state: CaseState): void {
  if (actor.kind !== 'staff' || !roles.includes(actor.role ?? ''))
    refuse('forbidden_role', { detail: `only ${roles.join(', ')} may do this` });
  if (actor.role === 'supervisor' && !supervises(actor, state.unitId))
    refuse('forbidden_unit', { detail: 'the case belongs to another unit' });
  if (actor.role === 'mediator' && actor.id !== state.assigneeId)
    refuse('not_assignee', { detail: 'only the assigned mediator may do this' });
}
