import type { Client } from '@temporalio/client';
import { eq } from 'drizzle-orm';
import type { StaffPrincipal } from '../../api/context.js';
import { Problem, problems } from '../../api/problem.js';
import type { CaseResponse } from '../../api/schemas/case-schemas.js';
import { updateFailureToProblem } from '../../api/update-errors.js';
import type { Database } from '../../db/client.js';
import { cases } from '../../db/schema/index.js';
import {
  type Actor,
  caseWorkflowId,
  explainSupervisionUpdate,
  issueSupervisionOrderUpdate,
  type SupervisionOrder,
} from '../../workflows/case.messages.js';
import { toCaseResponse } from '../cases/read-case.js';
import { forbiddenUnit, resolveSupervisionScope, scopeIncludes } from './scope.js';

export interface SupervisionOrderDependencies {
  db: Database;
  temporal: Client;
}

export interface SupervisionOrderResult {
  /** The order just issued or just answered. */
  order: SupervisionOrder;
  /** The case after the workflow recorded it. */
  case: CaseResponse;
}

function actorOf(principal: StaffPrincipal): Actor {
  return { kind: 'staff', id: principal.userId, role: principal.role, unitId: principal.unitId };
}

async function findLiveCase(db: Database, caseNumber: string) {
  const [found] = await db
    .select({ unitId: cases.unitId, stage: cases.stage, origin: cases.origin })
    .from(cases)
    .where(eq(cases.caseNumber, caseNumber))
    .limit(1);
  if (!found) throw problems.notFound(`No case ${caseNumber}.`);
  if (found.stage === 'archived' || found.origin === 'import') {
    throw new Problem(
      409,
      'illegal_transition',
      'Not possible in the current stage',
      'The case is archived.',
      {
        currentStage: 'archived',
        allowed: [],
      },
    );
  }
  return found;
}

/**
 * Issue a supervision order (督办) to the case's assignee: a note and the day by which they must
 * explain. The workflow decides (forbidden_role / forbidden_unit 403, no_assignee / supervision_pending /
 * explain_by_not_in_future 422, illegal_transition 409); a supervisor outside the case's units is
 * refused here first with forbidden_unit.
 */
export async function issueSupervisionOrder(
  deps: SupervisionOrderDependencies,
  principal: StaffPrincipal,
  caseNumber: string,
  input: { note: string; explainBy: string },
): Promise<SupervisionOrderResult> {
  const found = await findLiveCase(deps.db, caseNumber);
  if (principal.role === 'supervisor') {
    const scope = await resolveSupervisionScope(deps.db, principal);
    if (!scopeIncludes(scope, found.unitId)) throw forbiddenUnit();
  }
  try {
    const view = await deps.temporal.workflow
      .getHandle(caseWorkflowId(caseNumber))
      .executeUpdate(issueSupervisionOrderUpdate, {
        args: [
          {
            note: input.note,
            explainBy: input.explainBy,
            // The scope check above vouches for the case's unit (a centre supervises its stations).
            actor: { ...actorOf(principal), ...(found.unitId ? { scopeUnitIds: [found.unitId] } : {}) },
          },
        ],
      });
    return { order: view.supervisionOrders.at(-1)!, case: toCaseResponse(view, principal) };
  } catch (error) {
    throw updateFailureToProblem(error) ?? error;
  }
}

/**
 * The assignee answers the open supervision order with an explanation. The workflow checks that the
 * caller is the addressee (not_addressee 403) and that an order is open (no_open_supervision 422).
 */
export async function explainSupervisionOrder(
  deps: SupervisionOrderDependencies,
  principal: StaffPrincipal,
  caseNumber: string,
  input: { explanation: string },
): Promise<SupervisionOrderResult> {
  await findLiveCase(deps.db, caseNumber);
  try {
    const view = await deps.temporal.workflow
      .getHandle(caseWorkflowId(caseNumber))
      .executeUpdate(explainSupervisionUpdate, {
        args: [{ explanation: input.explanation, actor: actorOf(principal) }],
      });
    const answered = [...view.supervisionOrders].reverse().find((order) => order.explainedAt !== null)!;
    return { order: answered, case: toCaseResponse(view, principal) };
  } catch (error) {
    throw updateFailureToProblem(error) ?? error;
  }
}
