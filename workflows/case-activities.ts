import { proxyActivities } from '@temporalio/workflow';
import type { CaseActivities } from '../activities/index.js';

/** The read model and the inbox must get every write: retried until PostgreSQL takes it. */
export const { projectCase, notify } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * Look-ups that answer a person waiting on an Update: a few quick tries, then a clear failure (the API
 * answers 503 and nothing was changed, so the person may simply try again).
 */
export const { planDeadline, findConflicts, centrePolicyInForce } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumAttempts: 5 },
});

/**
 * The same look-ups where nobody waits (a case starting, a Signal, a timer): retried until the database
 * answers, so that a case started during an outage waits instead of failing and being lost. A rule
 * refusal (no policy in force) is non-retryable and still ends the attempt at once.
 */
export const { planDeadline: planDeadlineDurably, planProsecutionDeadline: planProsecutionDeadlineDurably } =
  proxyActivities<CaseActivities>({
    startToCloseTimeout: '10 seconds',
    retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
  });
