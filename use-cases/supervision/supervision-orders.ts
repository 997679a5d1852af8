import {
  explainSupervisionUpdate,
  issueSupervisionOrderUpdate,
  type SupervisionOrder,
} from '../../workflows/case.messages.js';
import type { StaffPrincipal } from '../auth/principal.js';
import { type CaseResponse, toCaseResponse } from '../cases/case-response.js';
import { type CaseUpdateDependencies, sendCaseUpdate } from '../cases/send-case-update.js';

type SupervisionOrderDependencies = CaseUpdateDependencies;

interface SupervisionOrderResult {
  /** The order just issued or just answered. */
  order: SupervisionOrder;
  /** The case after the workflow recorded it. */
  case: CaseResponse;
}

/**
 * Issue a supervision order (督办) to the case's assignee: a note and the day by which they must
 * explain. The workflow decides (forbidden_role / forbidden_unit 403, no_assignee / supervision_pending /
 * explain_by_not_in_future / explain_by_too_far 422, illegal_transition 409); a supervisor outside the case's units is
 * refused first with forbidden_unit.
 */
export async function issueSupervisionOrder(
  deps: SupervisionOrderDependencies,
  principal: StaffPrincipal,
  caseNumber: string,
  input: { note: string; explainBy: string },
): Promise<SupervisionOrderResult> {
  const { view, reach } = await sendCaseUpdate(deps, principal, caseNumber, issueSupervisionOrderUpdate, {
    note: input.note,
    explainBy: input.explainBy,
  });
  return { order: view.supervisionOrders.at(-1)!, case: toCaseResponse(view, reach) };
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
  const { view, reach } = await sendCaseUpdate(deps, principal, caseNumber, explainSupervisionUpdate, {
    explanation: input.explanation,
  });
  const answered = [...view.supervisionOrders].reverse().find((order) => order.explainedAt !== null)!;
  return { order: answered, case: toCaseResponse(view, reach) };
}
