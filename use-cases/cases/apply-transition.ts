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
import { type TransitionRules, transitionInputCheck } from './check-transition-input.js';
import { answerOnce, type IdempotentRequest } from './idempotency-keys.js';
import { type CaseUpdateDependencies, sendCaseUpdate } from './send-case-update.js';

/**
 * Carry out a staff transition: the workflow's Update validator decides (and refuses illegal ones
 * before anything is recorded); the answer is the case after the read model has caught up.
 */
export async function applyTransition<T extends TransitionName>(
  deps: CaseUpdateDependencies & TransitionRules,
  principal: StaffPrincipal,
  caseNumber: string,
  transition: T,
  input: TransitionInputs[T],
): Promise<CaseResponse> {
  return (await applyTransitionOnce(deps, principal, caseNumber, transition, input, undefined)).body;
}

/**
 * The same with an Idempotency-Key: a retry gets the first answer. The key also names the Update, so
 * a retry whose first request died before it was answered attaches to that very Update in Temporal
 * instead of applying the transition twice. A refusal keeps no key: nothing was changed.
 */
export function applyTransitionOnce<T extends TransitionName>(
  deps: CaseUpdateDependencies & TransitionRules,
  principal: StaffPrincipal,
  caseNumber: string,
  transition: T,
  input: TransitionInputs[T],
  idempotency: IdempotentRequest | undefined,
): Promise<{ body: CaseResponse; replayed: boolean }> {
  return answerOnce(deps.db, idempotency, 200, (updateId) =>
    transitionCase(deps, principal, caseNumber, transition, input, updateId),
  );
}

async function transitionCase<T extends TransitionName>(
  deps: CaseUpdateDependencies & TransitionRules,
  principal: StaffPrincipal,
  caseNumber: string,
  transition: T,
  input: TransitionInputs[T],
  updateId?: string,
): Promise<CaseResponse> {
  const definition = transitionUpdates[transition] as unknown as UpdateDefinition<
    CaseView,
    [TransitionInputs[T] & { actor: Actor }]
  >;
  const check = transitionInputCheck(deps.db, principal, transition, input, deps);
  const { view, reach } = await sendCaseUpdate(deps, principal, caseNumber, definition, input, {
    ...(check ? { check } : {}),
    ...(updateId ? { updateId } : {}),
  });
  return toCaseResponse(view, reach);
}

/** The inputs of each transition, for callers that build them (the workbench's forms). */
export type { TransitionInputs } from '../../workflows/case.messages.js';
