import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { isRefusalCode, Refusal, type RefusalDetails } from '../../domain/refusals.js';

/**
 * An activity the Update needed (a deadline or conflict look-up in PostgreSQL) ran out of retries on
 * a transient error: nothing was refused by a rule, the service was down. Refusals raised in
 * activities are non-retryable and keep their own code.
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
 * A failed Update as the refusal the workflow (or an activity it called) raised: its code, details
 * and status come from the registry. A failure of a type the registry does not know is a bug and is
 * left to surface as one (undefined).
 */
export function refusalFromUpdateFailure(error: unknown): Refusal | undefined {
  if (error instanceof WorkflowNotFoundError) {
    return new Refusal('case_closed', { detail: 'The case has been archived; it takes no more changes.' });
  }
  if (!(error instanceof WorkflowUpdateFailedError)) return undefined;
  if (lookupGaveUp(error)) {
    return new Refusal('service_unavailable', {
      detail: 'The case could not look up what it needed (PostgreSQL is not answering).',
      retryAfterSeconds: 5,
    });
  }
  const failure = findApplicationFailure(error);
  if (!failure || !isRefusalCode(failure.type)) return undefined;
  const details = (failure.details?.[0] ?? {}) as RefusalDetails;
  return new Refusal(failure.type, { ...details, detail: details.detail ?? failure.message });
}
