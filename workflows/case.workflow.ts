import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { CaseActivities } from '../activities/index.js';
import { awaitProjectionUpdate, type CaseRegistration, getCaseQuery } from './case.messages.js';
import { type CaseEvent, CaseState } from './case-state.js';

const { projectCase } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  // Retried until PostgreSQL takes the write: a case's history must reach the read model.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** One long-lived workflow per case: the source of truth for its stage and deadlines. */
export async function caseWorkflow(registration: CaseRegistration): Promise<void> {
  const state = new CaseState(registration);

  setHandler(getCaseQuery, () => state.view());
  setHandler(awaitProjectionUpdate, async (seq) => {
    await condition(() => state.projectedSeq >= seq);
    return state.view();
  });

  const project = async (event: CaseEvent) => {
    await projectCase({ event, view: state.view() });
    state.projectedSeq = Math.max(state.projectedSeq, event.seq);
  };

  await project(
    state.apply('registered', registration.registeredBy, registration.registeredAt, {
      source: registration.source,
    }),
  );

  await condition(() => state.stage === 'archived');
}
