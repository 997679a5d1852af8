import type { Client } from '@temporalio/client';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { users } from '../../db/schema/index.js';
import type { TransitionName } from '../../domain/transition-table.js';
import { caseWorkflowId, type TransitionInputs, transitionUpdates } from '../../workflows/case.messages.js';
import type { StaffPrincipal } from '../context.js';
import { Problem, problems } from '../problem.js';
import type { CaseResponse } from '../schemas/case-schemas.js';
import { updateFailureToProblem } from '../update-errors.js';
import { loadCase, toCaseResponse } from './read-case.js';

export interface ApplyTransitionDependencies {
  db: Database;
  temporal: Client;
}

async function assertMediator(db: Database, mediatorId: string): Promise<void> {
  const [mediator] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, mediatorId), eq(users.role, 'mediator'), eq(users.active, true)))
    .limit(1);
  if (!mediator) {
    throw new Problem(
      422,
      'not_a_mediator',
      'Refused by a rule',
      'mediatorId: no active mediator has this id',
      {
        errors: [{ field: 'mediatorId', reason: 'no active mediator has this id' }],
      },
    );
  }
}

/**
 * Carry out a staff transition: the workflow's Update validator decides (and refuses illegal ones
 * before anything is recorded); the answer is the case after the read model has caught up.
 */
export async function applyTransition<T extends TransitionName>(
  deps: ApplyTransitionDependencies,
  principal: StaffPrincipal,
  caseNumber: string,
  transition: T,
  input: TransitionInputs[T],
): Promise<CaseResponse> {
  const found = await loadCase(deps.db, caseNumber);
  if (!found) throw problems.notFound(`No case ${caseNumber}.`);
  if (principal.role === 'supervisor' && principal.unitId !== found.unitId) {
    throw new Problem(403, 'forbidden_unit', 'Not allowed', 'The case belongs to another unit.');
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
  if (transition === 'assign')
    await assertMediator(deps.db, (input as TransitionInputs['assign']).mediatorId);
  const actor = {
    kind: 'staff' as const,
    id: principal.userId,
    role: principal.role,
    unitId: principal.unitId,
  };
  try {
    const view = await deps.temporal.workflow
      .getHandle(caseWorkflowId(caseNumber))
      .executeUpdate(transitionUpdates[transition] as (typeof transitionUpdates)['accept'], {
        args: [{ ...(input as object), actor } as never],
      });
    return toCaseResponse(view, principal);
  } catch (error) {
    throw updateFailureToProblem(error) ?? error;
  }
}
