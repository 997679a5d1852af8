import type { UpdateDefinition } from '@temporalio/common';
import { ApplicationFailure, setHandler } from '@temporalio/workflow';
import { Refusal } from '../domain/refusals.js';
import type { CaseView } from './case.messages.js';
import type { CaseEvent, CaseState } from './case-state.js';

/** What every handler of the case workflow works with. */
export interface CaseRuntime {
  state: CaseState;
  /** Runs work after everything queued before it, rolling back a change that fails halfway. */
  serially: <T>(work: () => Promise<T>) => Promise<T>;
  /** Project events to the read model, in order. */
  commit: (...events: CaseEvent[]) => Promise<void>;
  /**
   * The same for an Update a person waits on: a write the read model refuses for good (a constraint)
   * fails the Update with `change_not_recorded`, and the serial queue rolls the change back.
   */
  commitAnswering: (...events: CaseEvent[]) => Promise<void>;
  /** The workflow's current instant (ISO). */
  now: () => string;
}

/** One Update of the case: whether it may be recorded now, and what it records. */
export interface CaseUpdateHandler<I> {
  /** Throws a refusal; runs as the Update's validator and again when the Update's turn comes. */
  check(input: I): void;
  /** The change itself: the events to commit. */
  apply(input: I): Promise<CaseEvent[]>;
}

/** An Update's input as the event log records it: the actor is recorded beside it, not inside. */
export function withoutActor<T extends { actor: unknown }>(request: T): Omit<T, 'actor'> {
  const { actor: _actor, ...rest } = request;
  return rest;
}

/** A refusal crosses the Update boundary as a non-retryable ApplicationFailure typed by its code. */
function asUpdateFailure(error: unknown): unknown {
  if (!(error instanceof Refusal)) return error;
  return ApplicationFailure.create({
    type: error.code,
    message: error.message,
    details: [error.details],
    nonRetryable: true,
  });
}

/**
 * Register an Update of the case workflow, every one the same way: validated before anything is
 * recorded; checked again in the serial queue (another Update may have changed the case since); the
 * events committed; the case answered as it now is.
 */
export function registerCaseUpdate<I>(
  runtime: CaseRuntime,
  definition: UpdateDefinition<CaseView, [I]>,
  handler: CaseUpdateHandler<I>,
): void {
  setHandler(
    definition,
    (input: I) =>
      runtime.serially(async () => {
        try {
          handler.check(input);
          await runtime.commitAnswering(...(await handler.apply(input)));
          return runtime.state.view();
        } catch (error) {
          throw asUpdateFailure(error);
        }
      }),
    {
      validator: (input: I) => {
        try {
          handler.check(input);
        } catch (error) {
          throw asUpdateFailure(error);
        }
      },
    },
  );
}
