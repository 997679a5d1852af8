import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { cases } from '../../db/schema/index.js';
import { isCaseNumber } from '../../domain/case-number.js';
import { Refusal } from '../../domain/refusals.js';
import type { Stage } from '../../domain/stages.js';
import { type CaseView, caseWorkflowId, getCaseQuery } from '../../workflows/case.messages.js';
import type { Principal } from '../auth/principal.js';
import { type CaseScope, canSeeCase, caseReachOf } from './case-access.js';
import { type CaseResponse, toCaseResponse } from './case-response.js';

export interface StoredCase extends CaseScope {
  view: CaseView;
  stage: Stage;
  /** `import`: a case from the legacy ledger, with no workflow behind it. */
  origin: 'workflow' | 'import';
}

/**
 * A case as the read model holds it. With `temporal`, a case the read model does not have yet (one
 * accepted with `Prefer: respond-async` a moment ago) is asked of its workflow, so the Location of a
 * 202 answers at once; the workflow answers a Query once its first task has run, hence the short wait.
 */
export async function loadCase(
  db: Database,
  caseNumber: string,
  temporal?: Client,
): Promise<StoredCase | undefined> {
  const [row] = await db
    .select({
      state: cases.state,
      unitId: cases.unitId,
      assigneeId: cases.assigneeId,
      stage: cases.stage,
      origin: cases.origin,
    })
    .from(cases)
    .where(eq(cases.caseNumber, caseNumber))
    .limit(1);
  if (row) {
    const { state, stage, ...rest } = row;
    return { ...rest, view: state as CaseView, stage: stage as Stage };
  }
  if (!temporal || !isCaseNumber(caseNumber)) return undefined;
  const view = await queryPendingCase(temporal, caseNumber);
  return (
    view && {
      view,
      unitId: view.unitId,
      assigneeId: view.assigneeId,
      stage: view.stage,
      origin: 'workflow',
    }
  );
}

/** How long a read waits for a just-accepted case's workflow: bounded, so no worker means a quick 503. */
const pendingQueryPatienceMs = 5_000;

async function queryPendingCase(temporal: Client, caseNumber: string): Promise<CaseView | undefined> {
  const handle = temporal.workflow.getHandle(caseWorkflowId(caseNumber));
  const giveUpAt = Date.now() + pendingQueryPatienceMs;
  for (;;) {
    try {
      return await temporal.withDeadline(giveUpAt, () => handle.query(getCaseQuery));
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return undefined;
      // Not ready: the worker has not run the workflow's first task yet.
      if (Date.now() >= giveUpAt || !isNotReady(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function isNotReady(error: unknown): boolean {
  return error instanceof Error && /not ready|WorkflowNotReady/i.test(`${error.message} ${error.cause}`);
}

/** A case the caller may see, or 404 (which does not confirm that the case exists). */
export async function findVisibleCase(
  db: Database,
  principal: Principal,
  caseNumber: string,
  temporal?: Client,
) {
  const found = await loadCase(db, caseNumber, temporal);
  const reach = await caseReachOf(db, principal);
  if (!found || !canSeeCase(reach, found))
    throw new Refusal('not_found', { detail: `No case ${caseNumber}.` });
  return { found, reach };
}

/** The case as the read model holds it, if the caller may see it; otherwise 404. */
export async function readCase(
  db: Database,
  principal: Principal,
  caseNumber: string,
  temporal?: Client,
): Promise<CaseResponse> {
  const { found, reach } = await findVisibleCase(db, principal, caseNumber, temporal);
  return toCaseResponse(found.view, reach);
}
