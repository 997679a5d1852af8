import type { UpdateDefinition } from '@temporalio/common';
import type { TransitionName } from '../../domain/transition-table.js';
import {
  type Actor,
  type CaseView,
  type TransitionInputs,
  transitionUpdates,
} from '../../workflows/case.messages.js';
import type { StaffPrincipal } from '../auth/principal.js';
import { type CaseResponse, toCaseResponse } from './case-response.js';
import { transitionInputCheck } from './check-transition-input.js';
import { type CaseUpdateDependencies, sendCaseUpdate } from './send-case-update.js';

/**
 * Carry out a staff transition: the workflow's Update validator decides (and refuses illegal ones
 * before anything is recorded); the answer is the case after the read model has caught up.
 */
export async function applyTransition<T extends TransitionName>(
  deps: CaseUpdateDependencies,
  principal: StaffPrincipal,
  caseNumber: string,
  transition: T,
  input: TransitionInputs[T],
): Promise<CaseResponse> {
  const definition = transitionUpdates[transition] as unknown as UpdateDefinition<
    CaseView,
    [TransitionInputs[T] & { actor: Actor }]
  >;
  const check = transitionInputCheck(deps.db, principal, transition, input);
  const { view, reach } = await sendCaseUpdate(deps, principal, caseNumber, definition, input, {
    ...(check ? { check } : {}),
  });
  return toCaseResponse(view, reach);
}
