import { setHandler } from '@temporalio/workflow';
import type { CaseView } from './case.messages.js';
import type { CaseEvent, CaseState } from './case-state.js';
import {
  checkAppraisal,
  checkConfirmationApplication,
  checkConfirmationDecision,
  checkSignForMaterials,
  decideConfirmation,
  endAppraisal,
  recordConfirmationApplication,
  signForMaterials,
  startAppraisal,
} from './court-referral.js';
import {
  confirmationDecisionUpdate,
  endAppraisalUpdate,
  recordConfirmationApplicationUpdate,
  signForMaterialsUpdate,
  startAppraisalUpdate,
} from './referral.messages.js';

type Serially = <T>(work: () => Promise<T>) => Promise<T>;
type Commit = (...events: CaseEvent[]) => Promise<void>;

/**
 * The court docking's Updates (签收, 鉴定, 司法确认). Each is validated before it is recorded and checked
 * again when it runs, like the staff transitions.
 */
export function registerCourtHandlers(
  state: CaseState,
  serially: Serially,
  commit: Commit,
  now: () => string,
): void {
  function handle<I extends { actor: Parameters<typeof checkSignForMaterials>[1] }>(
    definition: Parameters<typeof setHandler>[0],
    check: (input: I) => void,
    apply: (input: I) => Promise<CaseEvent[]>,
  ) {
    setHandler(
      definition as typeof signForMaterialsUpdate,
      ((input: I) =>
        serially(async (): Promise<CaseView> => {
          check(input);
          await commit(...(await apply(input)));
          return state.view();
        })) as never,
      { validator: ((input: I) => check(input)) as never },
    );
  }

  handle(
    signForMaterialsUpdate,
    (input) => checkSignForMaterials(state, input.actor),
    (input) => signForMaterials(state, input.actor, now()),
  );
  handle(
    startAppraisalUpdate,
    (input) => checkAppraisal(state, input.actor, true),
    (input: Parameters<typeof startAppraisal>[1]) => startAppraisal(state, input, now()),
  );
  handle(
    endAppraisalUpdate,
    (input) => checkAppraisal(state, input.actor, false),
    (input) => endAppraisal(state, input.actor, now()),
  );
  handle(
    recordConfirmationApplicationUpdate,
    (input) => checkConfirmationApplication(state, input.actor),
    (input: Parameters<typeof recordConfirmationApplication>[1]) =>
      recordConfirmationApplication(state, input, now()),
  );
  handle(
    confirmationDecisionUpdate,
    (input) => checkConfirmationDecision(state, input.actor),
    (input: Parameters<typeof decideConfirmation>[1]) => decideConfirmation(state, input, now()),
  );
}
