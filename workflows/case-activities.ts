import { proxyActivities } from '@temporalio/workflow';
import type { CaseActivities } from '../activities/index.js';

/** The read model and the inbox must get every write: retried until PostgreSQL takes it. */
export const { projectCase, notify } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Look-ups that answer a person waiting on an Update: a few quick tries, then a clear failure. */
export const { planDeadline, planProsecutionDeadline, findConflicts } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumAttempts: 5 },
});
