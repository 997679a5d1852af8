import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { eq } from 'drizzle-orm';
import type { Principal } from '../../api/context.js';
import { problems } from '../../api/problem.js';
import { type CaseResponse, caseNumberPattern } from '../../api/schemas/case-schemas.js';
import type { Database } from '../../db/client.js';
import { cases } from '../../db/schema/index.js';
import { allowedTransitions } from '../../domain/transitions.js';
import { type CaseView, caseWorkflowId, getCaseQuery } from '../../workflows/case.messages.js';
import { type CaseScope, canSeeCase, seesFullContactDetails, supervisedUnitsOf } from './case-access.js';
import { maskParty } from './masking.js';

export function toCaseResponse(
  view: CaseView,
  principal: Principal,
  supervisedUnits: readonly string[] = [],
): CaseResponse {
  const { projectedSeq: _projectedSeq, ...rest } = view;
  const scope = { unitId: view.unitId, assigneeId: view.assigneeId };
  const facts = {
    stage: view.stage,
    assigneeId: view.assigneeId,
    outcome: view.disposition,
    extensionPending: view.extensions.some((extension) => extension.decision === null),
    followUpRecorded: view.followUp !== null,
    linkPending: view.linkPending !== null && view.linkPending !== undefined,
  };
  return {
    ...rest,
    parties: seesFullContactDetails(principal, scope, supervisedUnits)
      ? view.parties
      : view.parties.map(maskParty),
    deadlines: view.deadlines as unknown as CaseResponse['deadlines'],
    referral: (view.referral ?? null) as CaseResponse['referral'],
    court: (view.court ?? null) as CaseResponse['court'],
    prosecution: (view.prosecution ?? null) as CaseResponse['prosecution'],
    police: (view.police ?? null) as CaseResponse['police'],
    linkPending: view.linkPending ?? null,
    supervisionOrders: view.supervisionOrders ?? [],
    extensions: view.extensions as unknown as Record<string, unknown>[],
    followUp: view.followUp as unknown as Record<string, unknown> | null,
    outcome: view.outcome as CaseResponse['outcome'],
    allowedTransitions:
      principal.kind === 'staff'
        ? allowedTransitions(facts, { id: principal.userId, role: principal.role })
        : [],
    links: { self: `/v1/cases/${view.caseNumber}`, events: `/v1/cases/${view.caseNumber}/events` },
  };
}

export interface StoredCase extends CaseScope {
  view: CaseView;
  stage: string;
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
    .select({ state: cases.state, unitId: cases.unitId, assigneeId: cases.assigneeId, stage: cases.stage })
    .from(cases)
    .where(eq(cases.caseNumber, caseNumber))
    .limit(1);
  if (row)
    return { view: row.state as CaseView, unitId: row.unitId, assigneeId: row.assigneeId, stage: row.stage };
  if (!temporal || !caseNumberPattern.test(caseNumber)) return undefined;
  const view = await queryPendingCase(temporal, caseNumber);
  return view && { view, unitId: view.unitId, assigneeId: view.assigneeId, stage: view.stage };
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

/** The case as the read model holds it, if the caller may see it; otherwise 404. */
export async function readCase(
  db: Database,
  principal: Principal,
  caseNumber: string,
  temporal?: Client,
): Promise<CaseResponse> {
  const found = await loadCase(db, caseNumber, temporal);
  const supervised = await supervisedUnitsOf(db, principal);
  if (!found || !canSeeCase(principal, found, supervised)) throw problems.notFound(`No case ${caseNumber}.`);
  return toCaseResponse(found.view, principal, supervised);
}
