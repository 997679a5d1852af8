import { type CaseRuntime, registerCaseUpdate } from './case-updates.js';
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

/** The court docking's Updates (签收, 鉴定, 司法确认). */
export function registerCourtHandlers(runtime: CaseRuntime): void {
  const { state, now } = runtime;
  registerCaseUpdate(runtime, signForMaterialsUpdate, {
    check: (input) => checkSignForMaterials(state, input.actor),
    apply: (input) => signForMaterials(state, input.actor, now()),
  });
  registerCaseUpdate(runtime, startAppraisalUpdate, {
    check: (input) => checkAppraisal(state, input.actor, true),
    apply: (input) => startAppraisal(state, input, now()),
  });
  registerCaseUpdate(runtime, endAppraisalUpdate, {
    check: (input) => checkAppraisal(state, input.actor, false),
    apply: (input) => endAppraisal(state, input.actor, now()),
  });
  registerCaseUpdate(runtime, recordConfirmationApplicationUpdate, {
    check: (input) => checkConfirmationApplication(state, input.actor),
    apply: (input) => recordConfirmationApplication(state, input, now()),
  });
  registerCaseUpdate(runtime, confirmationDecisionUpdate, {
    check: (input) => checkConfirmationDecision(state, input.actor),
    apply: (input) => decideConfirmation(state, input, now()),
  });
}
