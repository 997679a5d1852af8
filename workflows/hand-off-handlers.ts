import { type CaseRuntime, registerCaseUpdate } from './case-updates.js';
import {
  acknowledgeHandOffUpdate,
  handOffUpdate,
  recordHandOffResultUpdate,
  withdrawHandOffUpdate,
} from './hand-off.messages.js';
import {
  acknowledgeHandOff,
  checkAcknowledgement,
  checkHandOff,
  checkHandOffResult,
  checkWithdrawal,
  recordHandOffResult,
  sendHandOff,
  withdrawHandOff,
} from './hand-offs.js';

/** The hand-offs' Updates (联动): staff send and withdraw; the receiving body acknowledges and answers. */
export function registerHandOffHandlers(runtime: CaseRuntime): void {
  const { state, now } = runtime;
  registerCaseUpdate(runtime, handOffUpdate, {
    check: (input) => checkHandOff(state, input),
    apply: (input) => sendHandOff(state, input, now()),
  });
  registerCaseUpdate(runtime, acknowledgeHandOffUpdate, {
    check: (input) => checkAcknowledgement(state, input),
    apply: (input) => acknowledgeHandOff(state, input, now()),
  });
  registerCaseUpdate(runtime, recordHandOffResultUpdate, {
    check: (input) => checkHandOffResult(state, input),
    apply: (input) => recordHandOffResult(state, input, now()),
  });
  registerCaseUpdate(runtime, withdrawHandOffUpdate, {
    check: (input) => checkWithdrawal(state, input),
    apply: (input) => withdrawHandOff(state, input, now()),
  });
}
