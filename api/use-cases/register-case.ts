import { type Client, WithStartWorkflowOperation } from '@temporalio/client';
import type { Database } from '../../db/client.js';
import { allocateCaseNumber } from '../../db/queries/allocate-case-number.js';
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
  const now = new Date();
  const caseNumber = await allocateCaseNumber(deps.db, deps.caseNumberPrefix, now);
  const registration: CaseRegistration = {
    caseNumber,
    source: input.source,
    summary: input.summary,
    unitId: input.unitId,
    parties: input.parties,
    registeredBy: input.actor,
    registeredAt: now.toISOString(),
  };
  const startWorkflowOperation = new WithStartWorkflowOperation<typeof caseWorkflow>('caseWorkflow', {
    workflowId: caseWorkflowId(caseNumber),
    taskQueue: deps.taskQueue,
    args: [registration],
    workflowIdConflictPolicy: 'FAIL',
  });
  return deps.temporal.workflow.executeUpdateWithStart(awaitProjectionUpdate, {
    args: [1],
    startWorkflowOperation,
  });
}
