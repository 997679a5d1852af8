import { type Client, WithStartWorkflowOperation } from '@temporalio/client';
import type { Database } from '../../db/client.js';
import { allocateCaseNumberForUnit } from '../../db/queries/allocate-case-number.js';
import { refuseField } from '../../domain/refusals.js';
import type { CaseSource } from '../../domain/vocabulary.js';
import {
  type Actor,
  awaitProjectionUpdate,
  type CaseRegistration,
  caseWorkflowId,
  type DuplicateOverride,
  type PartyInput,
} from '../../workflows/case.messages.js';
import type { caseWorkflow } from '../../workflows/case.workflow.js';
import type { StaffPrincipal } from '../auth/principal.js';
import { caseReachOf } from './case-access.js';
import { type CaseResponse, toCaseResponse } from './case-response.js';
import { actorOf } from './send-case-update.js';

interface RegisterCaseDependencies {
  db: Database;
  temporal: Client;
  taskQueue: string;
  caseNumberPrefix: string;
}

/** A dispute as staff register it (接案). */
export interface RegisterCaseInput {
  /** Channel the dispute came in through (来源渠道). */
  source: CaseSource;
  summary: string;
  /** Unit that takes the case; defaults to the registering clerk's. */
  unitId?: string | undefined;
  parties: PartyInput[];
  /** 标的额 in fen, when the dispute is about money or property. */
  claimAmountFen?: number | undefined;
  /** Who applied for or agreed to mediation (申请/同意调解): names of parties of this case. */
  mediationConsent?: { givenBy: string[] } | undefined;
  /** Registering despite open cases of the same party, with the reason (recorded on the case). */
  duplicateOverride?: DuplicateOverride | undefined;
}

interface NumberingInput {
  source: CaseSource;
  summary: string;
  unitId: string;
  parties: PartyInput[];
  claimAmountFen?: number | undefined;
  mediationConsent?: { givenBy: string[] } | undefined;
  duplicateOverride?: DuplicateOverride | undefined;
  actor: Actor;
}

/** The case's unit and who registered it: a user without a unit must name one. */
function numberingInput(principal: StaffPrincipal, input: RegisterCaseInput): NumberingInput {
  const unitId = input.unitId ?? principal.unitId;
  if (!unitId) refuseField('unit_required', 'unitId', 'required when the registering user has no unit');
  const names = new Set(input.parties.map((party) => party.name));
  for (const name of input.mediationConsent?.givenBy ?? [])
    if (!names.has(name))
      refuseField(
        'validation_failed',
        'mediationConsent.givenBy',
        'names a person who is not a party of the case',
      );
  return {
    source: input.source,
    summary: input.summary,
    unitId,
    parties: input.parties,
    claimAmountFen: input.claimAmountFen,
    mediationConsent: input.mediationConsent,
    duplicateOverride: input.duplicateOverride,
    actor: actorOf(principal),
  };
}

/**
 * Number the case and start its workflow. Update-with-start answers only once the workflow has
 * written the case to the read model, so a GET right after the 201 finds it.
 */
export async function registerCase(
  deps: RegisterCaseDependencies,
  principal: StaffPrincipal,
  input: RegisterCaseInput,
): Promise<CaseResponse> {
  const registration = await numberedRegistration(deps, numberingInput(principal, input));
  const startWorkflowOperation = new WithStartWorkflowOperation<typeof caseWorkflow>('caseWorkflow', {
    workflowId: caseWorkflowId(registration.caseNumber),
    taskQueue: deps.taskQueue,
    args: [registration],
    workflowIdConflictPolicy: 'FAIL',
  });
  const view = await deps.temporal.workflow.executeUpdateWithStart(awaitProjectionUpdate, {
    args: [1],
    startWorkflowOperation,
  });
  return toCaseResponse(view, await caseReachOf(deps.db, principal));
}

/**
 * Number the case and start its workflow without waiting for the worker (`Prefer: respond-async`, for
 * bulk intake channels): once Temporal has accepted the start the case cannot be lost, and it answers
 * reads at once from the workflow itself until the read model has it (see loadCase).
 */
export async function acceptCaseRegistration(
  deps: RegisterCaseDependencies,
  principal: StaffPrincipal,
  input: RegisterCaseInput,
): Promise<{ caseNumber: string }> {
  const registration = await numberedRegistration(deps, numberingInput(principal, input));
  await deps.temporal.workflow.start<typeof caseWorkflow>('caseWorkflow', {
    workflowId: caseWorkflowId(registration.caseNumber),
    taskQueue: deps.taskQueue,
    args: [registration],
    workflowIdConflictPolicy: 'FAIL',
  });
  return { caseNumber: registration.caseNumber };
}

async function numberedRegistration(
  deps: RegisterCaseDependencies,
  input: NumberingInput,
): Promise<CaseRegistration> {
  const now = new Date();
  // The unit is checked in the same statement that numbers the case: its projection could never
  // write a case of no unit, and an unknown unit takes no number.
  const caseNumber = await allocateCaseNumberForUnit(deps.db, deps.caseNumberPrefix, now, input.unitId);
  if (!caseNumber) refuseField('unknown_unit', 'unitId', 'no unit has this id');
  return {
    caseNumber,
    source: input.source,
    summary: input.summary,
    unitId: input.unitId,
    parties: input.parties,
    registeredBy: input.actor,
    registeredAt: now.toISOString(),
    ...(input.claimAmountFen !== undefined ? { claimAmountFen: input.claimAmountFen } : {}),
    ...(input.mediationConsent
      ? { mediationConsent: { givenBy: input.mediationConsent.givenBy, recordedAt: now.toISOString() } }
      : {}),
    ...(input.duplicateOverride ? { duplicateOverride: input.duplicateOverride } : {}),
  };
}
