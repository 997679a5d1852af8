import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure, RetryState } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { updateFailureToProblem } from '../../../api/update-errors.js';

function activityGaveUp(cause: Error) {
  return new WorkflowUpdateFailedError(
    'Workflow Update failed',
    new ActivityFailure(
      'Activity task failed',
      'planDeadline',
      '3',
      RetryState.MAXIMUM_ATTEMPTS_REACHED,
      'worker',
      cause,
    ),
  );
}

describe('an Update that failed, as the API answers it', () => {
  it('is a 503 with Retry-After when a look-up activity ran out of retries on a transient error', () => {
    // What a failed PostgreSQL query in an activity becomes: a retryable ApplicationFailure named after it.
    const problem = updateFailureToProblem(
      activityGaveUp(ApplicationFailure.retryable('Failed query: select …', 'DrizzleQueryError')),
    );
    expect(problem).toMatchObject({ status: 503, code: 'service_unavailable' });
    expect(problem!.headers['retry-after']).toMatch(/^\d+$/);
  });

  it('keeps a rule’s refusal raised inside an activity (non-retryable) as that rule’s 422', () => {
    const problem = updateFailureToProblem(
      activityGaveUp(ApplicationFailure.nonRetryable('no deadline policy in force', 'no_policy')),
    );
    expect(problem).toMatchObject({ status: 422, code: 'no_policy' });
  });

  it('keeps a refusal of the workflow itself', () => {
    const problem = updateFailureToProblem(
      new WorkflowUpdateFailedError(
        'Workflow Update failed',
        ApplicationFailure.create({ type: 'conflict_of_interest', message: 'conflict', nonRetryable: true }),
      ),
    );
    expect(problem).toMatchObject({ status: 422, code: 'conflict_of_interest' });
  });
});
