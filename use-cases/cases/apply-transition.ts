import type { Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { and, eq } from 'drizzle-orm';
import type { StaffPrincipal } from '../../api/context.js';
import { Problem } from '../../api/problem.js';
import type { CaseResponse } from '../../api/schemas/case-schemas.js';
import type { Database } from '../../db/client.js';
import { users } from '../../db/schema/index.js';
import type { TransitionName } from '../../domain/transition-table.js';
import {
  type Actor,
  type CaseView,
  type TransitionInputs,
  transitionUpdates,
} from '../../workflows/case.messages.js';
import { executeCaseUpdate } from './send-case-update.js';

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
  if (transition === 'assign')
    await assertMediator(deps.db, (input as TransitionInputs['assign']).mediatorId);
  const definition = transitionUpdates[transition] as unknown as UpdateDefinition<
    CaseView,
    [TransitionInputs[T] & { actor: Actor }]
  >;
  return executeCaseUpdate(deps, principal, caseNumber, definition, input as TransitionInputs[T] & object);
}
