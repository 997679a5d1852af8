import { type CaseRuntime, registerCaseUpdate } from './case-updates.js';
import {
  checkPayment,
  checkProsecutionDecision,
  decideProsecution,
  recordPayment,
} from './prosecution-referral.js';
import { prosecutionDecisionUpdate, recordPaymentUpdate } from './referral.messages.js';

/** The prosecution docking's Updates: payments under the agreement, and the procuratorate's decision. */
export function registerProsecutionHandlers(runtime: CaseRuntime): void {
  const { state, now } = runtime;
  registerCaseUpdate(runtime, recordPaymentUpdate, {
    check: (input) => checkPayment(state, input),
    apply: (input) => recordPayment(state, input, now()),
  });
  registerCaseUpdate(runtime, prosecutionDecisionUpdate, {
    check: (input) => checkProsecutionDecision(state, input.actor),
    apply: (input) => decideProsecution(state, input, now()),
  });
}
