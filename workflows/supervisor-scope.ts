import type { Actor } from './case.messages.js';

/** Whether a supervisor acts within their units: their own, or one the API vouched for. */
export function supervises(actor: Actor, unitId: string | null): boolean {
  if (unitId === null) return false;
  return (actor.scopeUnitIds ?? (actor.unitId ? [actor.unitId] : [])).includes(unitId);
}
