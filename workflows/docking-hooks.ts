import type { TransitionName } from '../domain/transition-table.js';
import type { TransitionRequest } from './case.messages.js';
import { checkConferenceGate } from './case-conferences.js';
import type { CaseEvent, CaseState, TrackedDeadline } from './case-state.js';
import {
  afterCourtDeadlineOverdue,
  afterCourtOutcome,
  checkCourtTransition,
  onCourtDeadlineDue,
} from './court-referral.js';
import { checkFollowThrough } from './performance-follow-through.js';
import { afterPoliceOutcome, checkPoliceTransition, onPoliceDeadlineDue } from './police-referral.js';
import {
  afterProsecutionDeadlineOverdue,
  afterProsecutionOutcome,
  checkProsecutionTransition,
} from './prosecution-referral.js';

/**
 * Where the dockings (court, procuratorate, police) join the case's common path. Each returns nothing
 * (and schedules nothing) for a case that has no referral, so ordinary cases replay exactly as before.
 */
/** What a docking adds to a staff transition's rules (refuses by throwing); nothing for other cases. */
export function checkDockingTransition<T extends TransitionName>(
  state: CaseState,
  name: T,
  request: TransitionRequest<T>,
): void {
  checkCourtTransition(state, name);
  checkProsecutionTransition(state, name, request);
  checkPoliceTransition(state, name);
  checkFollowThrough(state, name, request);
  checkConferenceGate(state, name);
}

export async function afterOutcome(state: CaseState, now: string): Promise<CaseEvent[]> {
  return [
    ...(await afterCourtOutcome(state, now)),
    ...(await afterProsecutionOutcome(state, now)),
    ...(await afterPoliceOutcome(state, now)),
  ];
}

/** A deadline a docking ends itself when it passes (a window, not a duty); undefined: mark it overdue. */
export async function onDeadlineDue(
  state: CaseState,
  deadline: TrackedDeadline,
  now: string,
): Promise<CaseEvent[] | undefined> {
  return (
    (await onCourtDeadlineDue(state, deadline, now)) ?? (await onPoliceDeadlineDue(state, deadline, now))
  );
}

export async function afterDeadlineOverdue(
  state: CaseState,
  deadline: TrackedDeadline,
  now: string,
): Promise<CaseEvent[]> {
  return [
    ...(await afterCourtDeadlineOverdue(state, deadline, now)),
    ...(await afterProsecutionDeadlineOverdue(state, deadline, now)),
  ];
}
