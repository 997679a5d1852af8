import { setHandler } from '@temporalio/workflow';
import type { CaseView } from './case.messages.js';
import type { CaseEvent, CaseState } from './case-state.js';
import {
  checkPayment,
  checkProsecutionDecision,
  decideProsecution,
  recordPayment,
} from './prosecution-referral.js';
import { prosecutionDecisionUpdate, recordPaymentUpdate } from './referral.messages.js';

type Serially = <T>(work: () => Promise<T>) => Promise<T>;
type Commit = (...events: CaseEvent[]) => Promise<void>;

/** The prosecution docking's Updates: payments under the agreement, and the procuratorate's decision. */
export function registerProsecutionHandlers(
  state: CaseState,
  serially: Serially,
  commit: Commit,
  now: () => string,
): void {
  setHandler(
    recordPaymentUpdate,
    (input) =>
      serially(async (): Promise<CaseView> => {
        checkPayment(state, input);
        await commit(...(await recordPayment(state, input, now())));
        return state.view();
      }),
    { validator: (input) => checkPayment(state, input) },
  );
  setHandler(
    prosecutionDecisionUpdate,
    (input) =>
      serially(async (): Promise<CaseView> => {
        checkProsecutionDecision(state, input.actor);
        await commit(...(await decideProsecution(state, input, now())));
        return state.view();
      }),
    { validator: (input) => checkProsecutionDecision(state, input.actor) },
  );
}
