import { holdConferenceUpdate, waiveConferenceUpdate } from './case.messages.js';
import {
  checkHoldConference,
  checkWaiveConference,
  holdConference,
  waiveConference,
} from './case-conferences.js';
import { type CaseRuntime, registerCaseUpdate } from './case-updates.js';

/** Case conferences (研): the mediator or a supervisor records one; a supervisor may waive it. */
export function registerConferenceHandlers(runtime: CaseRuntime): void {
  const { state, now } = runtime;
  registerCaseUpdate(runtime, holdConferenceUpdate, {
    check: (input) => checkHoldConference(state, input),
    apply: (input) => holdConference(state, input, now()),
  });
  registerCaseUpdate(runtime, waiveConferenceUpdate, {
    check: (input) => checkWaiveConference(state, input),
    apply: (input) => waiveConference(state, input, now()),
  });
}
