import { writeFile } from 'node:fs/promises';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import type { Actor } from '../../workflows/case.messages.js';
import type { CaseWorkflowHarness } from '../helpers/case-workflow-env.js';

/** Writes a workflow's history to test/fixtures/histories/<name>.json, where the replay test reads it. */
export async function saveHistory(h: CaseWorkflowHarness, name: string, workflowId: string, runId?: string) {
  const history = await h.env.client.workflow.getHandle(workflowId, runId).fetchHistory();
  await writeFile(
    new URL(`../fixtures/histories/${name}.json`, import.meta.url),
    `${historyToJSON(history)}\n`,
  );
}

/** A walk-in case triaged into `category`, assigned to the harness's mediator and accepted by them. */
export async function acceptedCase(
  h: CaseWorkflowHarness,
  caseNumber: string,
  category: string,
): Promise<WorkflowHandle> {
  const handle = await h.start(caseNumber);
  await h.transition(handle, 'triage', h.clerk, { triageClass: 'general', category: category as 'labour' });
  await h.transition(handle, 'assign', h.clerk, { mediatorId: h.mediator.id });
  await h.transition(handle, 'accept', h.mediator, {});
  return handle;
}

/** An institution answering through its API, as the workflow records it. */
export const institutionActor = (institution: { id: string }, role: Actor['role']): Actor => ({
  kind: 'institution',
  id: institution.id,
  role,
});
