import type { Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { StaffPrincipal } from '../../api/context.js';
import { Problem, problems } from '../../api/problem.js';
import type { CaseResponse } from '../../api/schemas/case-schemas.js';
import { updateFailureToProblem } from '../../api/update-errors.js';
import type { Database } from '../../db/client.js';
import { type Actor, type CaseView, caseWorkflowId } from '../../workflows/case.messages.js';
import { supervisedUnitsOf } from './case-access.js';
import { loadCase, toCaseResponse } from './read-case.js';

export interface CaseUpdateDependencies {
  db: Database;
  temporal: Client;
}

export function staffActor(principal: StaffPrincipal): Actor {
  return { kind: 'staff', id: principal.userId, role: principal.role, unitId: principal.unitId };
}

/**
 * Send a staff member's Update to a case's workflow: the case must exist, a supervisor must be of its
 * unit, an archived case takes nothing; the workflow's validator decides the rest. Answers the case
 * after the read model has caught up, or the refusal as a problem.
 */
export async function executeCaseUpdate<I extends object>(
  deps: CaseUpdateDependencies,
  principal: StaffPrincipal,
  caseNumber: string,
  definition: UpdateDefinition<CaseView, [I & { actor: Actor }]>,
  input: I,
): Promise<CaseResponse> {
  const found = await loadCase(deps.db, caseNumber, deps.temporal);
  if (!found) throw problems.notFound(`No case ${caseNumber}.`);
  let actor = staffActor(principal);
  if (principal.role === 'supervisor') {
    // A centre supervisor acts on the cases of its stations too: the workflow is told which unit.
    const supervised = await supervisedUnitsOf(deps.db, principal);
    if (!found.unitId || !supervised.includes(found.unitId)) {
      throw new Problem(
        403,
        'forbidden_unit',
        'Not allowed',
        'The case belongs to a unit you do not supervise.',
      );
    }
    actor = { ...actor, scopeUnitIds: [found.unitId] };
  }
  if (found.stage === 'archived') {
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
  try {
    const view = await deps.temporal.workflow
      .getHandle(caseWorkflowId(caseNumber))
      .executeUpdate(definition, { args: [{ ...input, actor }] });
    return toCaseResponse(view, principal);
  } catch (error) {
    throw updateFailureToProblem(error) ?? error;
  }
}
