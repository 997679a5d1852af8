import { type Client, WithStartWorkflowOperation } from '@temporalio/client';
import { Problem } from '../../api/problem.js';
import type { Database } from '../../db/client.js';
import { allocateCaseNumber, allocateCaseNumberForUnit } from '../../db/queries/allocate-case-number.js';
import {
  type Actor,
  awaitProjectionUpdate,
  type CaseRegistration,
  type CaseView,
  caseWorkflowId,
  type PartyInput,
} from '../../workflows/case.messages.js';
import type { caseWorkflow } from '../../workflows/case.workflow.js';

export interface RegisterCaseDependencies {
  db: Database;
  temporal: Client;
  taskQueue: string;
  caseNumberPrefix: string;
}

export interface RegisterCaseInput {
  source: string;
  summary: string;
  unitId: string | null;
  parties: PartyInput[];
  actor: Actor;
}

/**
 * Number the case and start its workflow. Update-with-start answers only once the workflow has
 * written the case to the read model, so a GET right after the 201 finds it.
 */
export async function registerCase(
  deps: RegisterCaseDependencies,
  input: RegisterCaseInput,
): Promise<CaseView> {
  const registration = await numberedRegistration(deps, input);
  const startWorkflowOperation = new WithStartWorkflowOperation<typeof caseWorkflow>('caseWorkflow', {
    workflowId: caseWorkflowId(registration.caseNumber),
    taskQueue: deps.taskQueue,
    args: [registration],
    workflowIdConflictPolicy: 'FAIL',
  });
  return deps.temporal.workflow.executeUpdateWithStart(awaitProjectionUpdate, {
    args: [1],
    startWorkflowOperation,
  });
}

/**
 * Number the case and start its workflow without waiting for the worker (`Prefer: respond-async`, for
 * bulk intake channels): once Temporal has accepted the start the case cannot be lost, and it answers
 * reads at once from the workflow itself until the read model has it (see loadCase).
 */
export async function acceptCaseRegistration(
  deps: RegisterCaseDependencies,
  input: RegisterCaseInput,
): Promise<{ caseNumber: string }> {
  const registration = await numberedRegistration(deps, input);
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
  input: RegisterCaseInput,
): Promise<CaseRegistration> {
  const now = new Date();
  // The unit is checked in the same statement that numbers the case: its projection could never
  // write a case of no unit, and an unknown unit takes no number.
  const caseNumber =
    input.unitId === null
      ? await allocateCaseNumber(deps.db, deps.caseNumberPrefix, now)
      : await allocateCaseNumberForUnit(deps.db, deps.caseNumberPrefix, now, input.unitId);
  if (!caseNumber) {
    throw new Problem(422, 'unknown_unit', 'Refused by a rule', 'unitId: no unit has this id', {
      errors: [{ field: 'unitId', reason: 'no unit has this id' }],
    });
  }
  return {
    caseNumber,
    source: input.source,
    summary: input.summary,
    unitId: input.unitId,
    parties: input.parties,
    registeredBy: input.actor,
    registeredAt: now.toISOString(),
  };
}
