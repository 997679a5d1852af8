import type { UpdateDefinition } from '@temporalio/common';
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { transitionNames } from '../domain/transition-table.js';
import {
  awaitProjectionUpdate,
  type CaseRegistration,
  type CaseView,
  calendarChangedSignal,
  getCaseQuery,
  type TransitionRequest,
  transitionUpdates,
} from './case.messages.js';
import { projectCase } from './case-activities.js';
import { replanForCalendar } from './case-deadline-planning.js';
import { fireDueDeadlines } from './case-deadline-timers.js';
import type { CaseSnapshot } from './case-state.js';
import { type CaseEvent, CaseState } from './case-state.js';
import { registerSupervisionHandlers } from './case-supervision.js';
import { transitionHandler } from './case-transitions.js';
import { type CaseRuntime, registerCaseUpdate } from './case-updates.js';
import { registerConferenceHandlers } from './conference-handlers.js';
import { registerCourtHandlers } from './court-handlers.js';
import { planCourtAcceptance } from './court-referral.js';
import { registerGreenChannelHandlers } from './green-channel.js';
import { registerHandOffHandlers } from './hand-off-handlers.js';
import { registerMediationConsentHandlers } from './mediation-consent.js';
import { registerPerformanceHandlers } from './performance-handlers.js';
import { registerProsecutionHandlers } from './prosecution-handlers.js';
import { planProsecutionMediation } from './prosecution-referral.js';

export interface CaseWorkflowOptions {
  /** Continue as new after this many events in one run (the server also suggests it as history grows). */
  eventsPerRun?: number;
}

/**
 * Runs `work` after everything queued before it: Updates and timers change the case one at a time.
 * A change that fails halfway (a look-up that gave up after the event was applied in memory) is rolled
 * back, so the person told "try again" finds the case as it was and no event number is skipped; what
 * was already written to the read model cannot be taken back, so then the state stays.
 */
function createSerialQueue(state: CaseState) {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(async () => {
      const checkpoint = state.checkpoint();
      const seqBefore = state.seq;
      try {
        return await work();
      } catch (error) {
        const halfDone = state.projectedSeq <= seqBefore && state.checkpoint() !== checkpoint;
        if (halfDone && patched('roll-back-half-done-changes')) state.rollBack(checkpoint);
        throw error;
      }
    });
    tail = run.catch(() => undefined);
    return run;
  };
}

/** One long-lived workflow per case: the source of truth for its stage and deadlines. */
export async function caseWorkflow(
  registration: CaseRegistration,
  snapshot?: CaseSnapshot,
  options: CaseWorkflowOptions = {},
): Promise<void> {
  const state = new CaseState(registration, snapshot);
  const serially = createSerialQueue(state);
  const eventsPerRun = options.eventsPerRun ?? 1000;
  const firstSeqOfRun = state.seq;

  const project = async (events: CaseEvent[], rejectable: boolean) => {
    for (const event of events) {
      await projectCase({ event, view: state.view(), ...(rejectable ? { rejectable } : {}) });
      state.projectedSeq = Math.max(state.projectedSeq, event.seq);
    }
  };
  const commit = (...events: CaseEvent[]) => project(events, false);
  // A write the read model refuses for good fails the waiting Update (and is rolled back) instead of
  // being retried for ever with every later change of the case queued behind it.
  const commitAnswering = (...events: CaseEvent[]) =>
    project(events, events.length > 0 && patched('projection-rejection-fails-update'));
  const now = () => new Date().toISOString();

  const runtime: CaseRuntime = { state, serially, commit, commitAnswering, now };

  setHandler(getCaseQuery, () => state.view());
  setHandler(awaitProjectionUpdate, async (seq) => {
    await condition(() => state.projectedSeq >= seq);
    return state.view();
  });
  setHandler(calendarChangedSignal, ({ years, corrected = false }) => {
    const replanned = serially(async () =>
      commit(...(await replanForCalendar(state, { years, corrected }, now()))),
    );
    // Returned, the work counts as an unfinished handler: continue-as-new waits for it (allHandlersFinished)
    // instead of carrying the old deadlines into the next run. Earlier histories dropped the promise.
    if (patched('calendar-signal-awaited')) return replanned;
    void replanned;
  });

  for (const name of transitionNames) {
    registerCaseUpdate(
      runtime,
      transitionUpdates[name] as UpdateDefinition<CaseView, [TransitionRequest<typeof name>]>,
      transitionHandler(runtime, name),
    );
  }
  registerSupervisionHandlers(runtime);
  registerCourtHandlers(runtime);
  registerProsecutionHandlers(runtime);
  registerHandOffHandlers(runtime);
  registerPerformanceHandlers(runtime);
  registerMediationConsentHandlers(runtime);
  registerConferenceHandlers(runtime);
  registerGreenChannelHandlers(runtime);

  if (!snapshot) {
    await serially(async () => {
      await planCourtAcceptance(state, now());
      await planProsecutionMediation(state, now());
      await commit(
        state.apply('registered', registration.registeredBy, registration.registeredAt, {
          source: registration.source,
          ...(registration.referral ? { referral: registration.referral } : {}),
        }),
      );
    });
  }

  const archived = () => state.stage === 'archived';
  while (!archived()) {
    const version = state.deadlineVersion;
    const wakeAt = state.nextWakeUp();
    const waitMs = wakeAt === undefined ? undefined : wakeAt - Date.now();
    const somethingChanged = () =>
      state.deadlineVersion !== version || archived() || state.seq - firstSeqOfRun >= eventsPerRun;
    // An updatable timer: sleeps until the next reminder or due instant, or until a deadline moves.
    if (waitMs === undefined) await condition(somethingChanged);
    else if (waitMs > 0) await condition(somethingChanged, waitMs);
    await serially(async () => commit(...(await fireDueDeadlines(state, now()))));
    if (!archived() && (state.seq - firstSeqOfRun >= eventsPerRun || workflowInfo().continueAsNewSuggested)) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof caseWorkflow>(registration, state.snapshot(), options);
    }
  }
  await condition(allHandlersFinished);
}
