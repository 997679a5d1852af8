import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { type TransitionRefusalCode, transitionRefusalHttpStatus } from '../domain/transitions.js';
import { Problem, problems } from './problem.js';

const forbiddenTypes = new Set(['override_forbidden', 'forbidden_unit', 'forbidden', 'not_addressee']);
/** The thing was already done: repeating it conflicts with the current state. */
const conflictTypes = new Set(['already_signed', 'already_applied', 'already_decided', 'already_paid']);

/**
 * An activity the Update needed (a deadline or conflict look-up in PostgreSQL) ran out of retries on
 * a transient error: nothing was refused by a rule, the service was down. Domain refusals raised in
 * activities are non-retryable and keep their own code below.
 */
function lookupGaveUp(error: WorkflowUpdateFailedError): boolean {
  for (let current: unknown = error.cause; current; current = (current as { cause?: unknown }).cause) {
    if (current instanceof ActivityFailure) {
      const cause = current.cause;
      return !(cause instanceof ApplicationFailure && cause.nonRetryable);
    }
  }
  return false;
}

function findApplicationFailure(error: unknown): ApplicationFailure | undefined {
  for (let current = error; current; current = (current as { cause?: unknown }).cause) {
    if (current instanceof ApplicationFailure && current.type) return current;
  }
  return undefined;
}

/**
 * A refused Update becomes a problem: the transition table's refusals keep their status (409 wrong
 * stage with the current stage and what is allowed, 403 not yours, 422 a rule says no); every other
 * named refusal from the workflow (conflict of interest, extension cap, no policy in force) is a 422.
 */
export function updateFailureToProblem(error: unknown): Problem | undefined {
  if (!(error instanceof WorkflowUpdateFailedError)) return undefined;
  if (lookupGaveUp(error)) {
    return problems.unavailable('The case could not look up what it needed (PostgreSQL is not answering).');
  }
  const failure = findApplicationFailure(error);
  if (!failure?.type) return undefined;
  const details = (failure.details?.[0] ?? {}) as Record<string, unknown>;
  const { ok: _ok, code: _code, reason: _reason, ...extensions } = details;
  const known = transitionRefusalHttpStatus[failure.type as TransitionRefusalCode];
  const status =
    known ?? (forbiddenTypes.has(failure.type) ? 403 : conflictTypes.has(failure.type) ? 409 : 422);
  const title =
    status === 409
      ? 'Not possible in the current stage'
      : status === 403
        ? 'Not allowed'
        : 'Refused by a rule';
  return new Problem(status, failure.type, title, failure.message, extensions);
}
