import { patched } from '@temporalio/workflow';
import { chinaDateOf } from '../domain/dates.js';
import { refuse, refuseField } from '../domain/refusals.js';
import type { TransitionName } from '../domain/transition-table.js';
import { isSettled } from '../domain/vocabulary.js';
import type {
  Actor,
  DecideOnNonPerformanceInput,
  PerformanceDecision,
  TransitionRequest,
} from './case.messages.js';
import { startDeadline } from './case-deadline-planning.js';
import type { CaseEvent, CaseState } from './case-state.js';
import { checkConfirmationWindow } from './hand-offs.js';
import { requireStaff } from './require-staff.js';

/**
 * Follow-through on agreements: a follow-up visit (回访) that finds the agreement not performed opens a
 * decision for the mediator, with its own deadline (follow_up.decision); the case is not archived
 * until it is taken. The centre supervises performance (人民调解法 art 31).
 */

function pendingDecision(state: CaseState): PerformanceDecision | undefined {
  return state.performanceDecisions.find((decision) => decision.decision === null);
}

function agreementSteps(state: CaseState): number {
  const performance = state.outcome?.details.performance;
  return Array.isArray(performance) ? performance.length : 0;
}

/** What a visit's record and the archive must respect; refuses by throwing. */
export function checkFollowThrough<T extends TransitionName>(
  state: CaseState,
  name: T,
  request: TransitionRequest<T>,
): void {
  if (name === 'archive' && pendingDecision(state))
    refuse('decision_pending', { detail: 'decide what follows the unperformed agreement first' });
  if (name !== 'recordFollowUp') return;
  const visit = request as TransitionRequest<'recordFollowUp'>;
  const steps = visit.unperformedSteps ?? [];
  if (visit.performed && steps.length > 0)
    refuseField('performance_conflict', 'unperformedSteps', 'a performed agreement has no unperformed steps');
  const beyond = steps.find((step) => step > agreementSteps(state));
  if (beyond !== undefined)
    refuseField('no_such_instalment', 'unperformedSteps', `the agreement has no step ${beyond}`);
}

/** After a visit: one that finds a settled agreement not performed opens the mediator's decision. */
export async function afterFollowUp(
  state: CaseState,
  request: TransitionRequest<'recordFollowUp'>,
  now: string,
): Promise<CaseEvent[]> {
  if (request.performed || !isSettled(state.outcome?.disposition ?? null) || pendingDecision(state))
    return [];
  // Cases that recorded an unperformed visit before this release replay without the decision.
  if (!patched('unperformed-follow-up-opens-decision')) return [];
  await startDeadline(
    state,
    'performance_decision',
    {
      policyKey: 'follow_up.decision',
      policyDate: chinaDateOf(now),
      startEvent: { kind: 'follow_up_unperformed', at: now },
      extensionDays: 0,
    },
    now,
  );
  const decideBy = state.deadline('performance_decision')!.explanation.dueAt;
  const unperformedSteps = request.unperformedSteps ?? [];
  const system: Actor = { kind: 'system', id: 'follow-through' };
  return [
    state.apply('performance_decision_opened', system, now, { unperformedSteps, decideBy }, () => {
      state.performanceDecisions = [
        ...state.performanceDecisions,
        { openedAt: now, unperformedSteps, decision: null },
      ];
    }),
  ];
}

function confirmedByCourt(state: CaseState): boolean {
  if (state.court?.confirmation?.decision?.decision === 'confirmed') return true;
  return state.handOffs.some(
    (handOff) => handOff.kind === 'judicial_confirmation' && handOff.result?.result === 'confirmed',
  );
}

export function checkPerformanceDecision(
  state: CaseState,
  input: DecideOnNonPerformanceInput & { actor: Actor },
): void {
  requireStaff(input.actor, ['mediator', 'supervisor', 'admin'], state);
  if (!pendingDecision(state))
    refuse('no_pending_decision', {
      detail: 'no visit found the agreement unperformed',
      currentStage: state.stage,
    });
  const confirmed = confirmedByCourt(state);
  if (input.action === 'enforcement' && !confirmed)
    refuseField(
      'action_not_available',
      'action',
      'only an agreement the court confirmed can be enforced (民事诉讼法 art 206); guide the party to litigation',
    );
  if (input.action === 'judicial_confirmation' && (confirmed || state.outcome?.details.form !== 'written'))
    refuseField(
      'action_not_available',
      'action',
      'only an unconfirmed written agreement goes to confirmation',
    );
}

export async function decideOnNonPerformance(
  state: CaseState,
  input: DecideOnNonPerformanceInput & { actor: Actor },
  now: string,
): Promise<CaseEvent[]> {
  if (input.action === 'judicial_confirmation') await checkConfirmationWindow(state, now);
  const pending = pendingDecision(state)!;
  return [
    state.apply('performance_decided', input.actor, now, { action: input.action, note: input.note }, () => {
      pending.decision = { action: input.action, note: input.note, at: now, by: input.actor.id };
      state.endDeadline('performance_decision', 'met', now);
    }),
  ];
}
