import type { UpdateDefinition } from '@temporalio/common';
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { type TransitionName, transitionNames } from '../domain/transition-table.js';
import { checkTransition } from '../domain/transitions.js';
import {
  awaitProjectionUpdate,
  type CaseRegistration,
  type CaseView,
  calendarChangedSignal,
  explainSupervisionUpdate,
  getCaseQuery,
  issueSupervisionOrderUpdate,
  type TransitionRequest,
  transitionUpdates,
} from './case.messages.js';
import { projectCase } from './case-activities.js';
import { replanUnconfirmed } from './case-deadline-planning.js';
import { fireDueDeadlines } from './case-deadline-timers.js';
import type { CaseSnapshot } from './case-state.js';
import { type CaseEvent, CaseState } from './case-state.js';
import {
  checkSupervisionExplanation,
  checkSupervisionOrder,
  explainSupervision,
  issueSupervisionOrder,
} from './case-supervision.js';
import { transitionAppliers } from './case-transitions.js';
import { registerCourtHandlers } from './court-handlers.js';
import { planCourtAcceptance } from './court-referral.js';
import { checkPoliceSession } from './police-referral.js';
import { registerProsecutionHandlers } from './prosecution-handlers.js';
import { checkProsecutionSettlement, planProsecutionMediation } from './prosecution-referral.js';

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

  const commit = async (...events: CaseEvent[]) => {
    for (const event of events) {
      await projectCase({ event, view: state.view() });
      state.projectedSeq = Math.max(state.projectedSeq, event.seq);
    }
  };
  const now = () => new Date().toISOString();

  setHandler(getCaseQuery, () => state.view());
  setHandler(awaitProjectionUpdate, async (seq) => {
    await condition(() => state.projectedSeq >= seq);
    return state.view();
  });
  setHandler(calendarChangedSignal, ({ years }) => {
    void serially(async () => commit(...(await replanUnconfirmed(state, years, now()))));
  });

  for (const name of transitionNames) {
    registerTransition(name);
  }
  function registerTransition<T extends TransitionName>(name: T) {
    const refuseUnlessAllowed = (request: TransitionRequest<T>) => {
      const actor = request.actor;
      const check = checkTransition(state.facts(), name, {
        id: actor.id,
        role: (actor.role ?? 'none') as never,
      });
      if (!check.ok) {
        throw ApplicationFailure.create({
          type: check.code,
          message: check.reason,
          details: [check],
          nonRetryable: true,
        });
      }
      if (name === 'settle') checkProsecutionSettlement(state, request as TransitionRequest<'settle'>);
      if (name === 'recordSession') checkPoliceSession(state);
      if (name === 'accept' && state.court && !state.court.signedAt) {
        throw ApplicationFailure.create({
          type: 'materials_not_signed',
          message: 'sign for the court’s materials (签收) before accepting the mediation',
          details: [{ currentStage: state.stage }],
          nonRetryable: true,
        });
      }
    };
    const definition = transitionUpdates[name] as UpdateDefinition<CaseView, [TransitionRequest<T>]>;
    setHandler(
      definition,
      (request: TransitionRequest<T>) =>
        serially(async () => {
          // Checked again here: another Update may have changed the case since the validator ran.
          refuseUnlessAllowed(request);
          const events = await transitionAppliers[name](state, request, now());
          await commit(...events);
          return state.view();
        }),
      { validator: (request: TransitionRequest<T>) => refuseUnlessAllowed(request) },
    );
  }

  setHandler(
    issueSupervisionOrderUpdate,
    (request) =>
      serially(async () => {
        checkSupervisionOrder(state, request, now());
        await commit(...(await issueSupervisionOrder(state, request, now())));
        return state.view();
      }),
    { validator: (request) => checkSupervisionOrder(state, request, now()) },
  );
  setHandler(
    explainSupervisionUpdate,
    (request) =>
      serially(async () => {
        checkSupervisionExplanation(state, request);
        await commit(...(await explainSupervision(state, request, now())));
        return state.view();
      }),
    { validator: (request) => checkSupervisionExplanation(state, request) },
  );

  registerCourtHandlers(state, serially, commit, now);
  registerProsecutionHandlers(state, serially, commit, now);

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
