import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure, RetryState } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { refusalFromUpdateFailure } from '../../../use-cases/cases/update-failure.js';

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

describe('an Update that failed, as the use cases report it', () => {
  it('is service_unavailable (503, retry later) when a look-up activity ran out of retries on a transient error', () => {
    // What a failed PostgreSQL query in an activity becomes: a retryable ApplicationFailure named after it.
    const refusal = refusalFromUpdateFailure(
      activityGaveUp(ApplicationFailure.retryable('Failed query: select …', 'DrizzleQueryError')),
    );
    expect(refusal).toMatchObject({ status: 503, code: 'service_unavailable' });
    expect(refusal!.details.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('keeps a rule’s refusal raised inside an activity (non-retryable) as that rule’s refusal', () => {
    const refusal = refusalFromUpdateFailure(
      activityGaveUp(
        ApplicationFailure.create({
          type: 'no_policy_in_force',
          message: 'no deadline policy in force',
          nonRetryable: true,
          details: [{ reasonZh: '没有生效的期限规则' }],
        }),
      ),
    );
    expect(refusal).toMatchObject({
      status: 422,
      code: 'no_policy_in_force',
      reasonZh: '没有生效的期限规则',
    });
  });

  it('keeps a refusal of the workflow itself, with its status from the registry', () => {
    const refusal = refusalFromUpdateFailure(
      new WorkflowUpdateFailedError(
        'Workflow Update failed',
        ApplicationFailure.create({ type: 'already_signed', message: 'signed', nonRetryable: true }),
      ),
    );
    expect(refusal).toMatchObject({ status: 409, code: 'already_signed', message: 'signed' });
  });

  it('leaves a failure of a type the registry does not know to surface as the bug it is', () => {
    const failure = new WorkflowUpdateFailedError(
      'Workflow Update failed',
      ApplicationFailure.create({ type: 'made_up_code', message: 'x', nonRetryable: true }),
    );
    expect(refusalFromUpdateFailure(failure)).toBeUndefined();
  });

  it('answers a case whose workflow has ended as case_closed (409)', () => {
    const refusal = refusalFromUpdateFailure(new WorkflowNotFoundError('gone', 'case-X', undefined));
    expect(refusal).toMatchObject({ status: 409, code: 'case_closed' });
  });
});
