import type { UpdateDefinition } from '@temporalio/common';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { users } from '../../db/schema/index.js';
import { refuseField } from '../../domain/refusals.js';
import type { TransitionName } from '../../domain/transition-table.js';
import {
  type Actor,
  type CaseView,
  type TransitionInputs,
  transitionUpdates,
} from '../../workflows/case.messages.js';
import type { StaffPrincipal } from '../auth/principal.js';
import { type CaseResponse, toCaseResponse } from './case-response.js';
import { type CaseUpdateDependencies, sendCaseUpdate } from './send-case-update.js';

async function assertMediator(db: Database, mediatorId: string): Promise<void> {
  const [mediator] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, mediatorId), eq(users.role, 'mediator'), eq(users.active, true)))
    .limit(1);
  if (!mediator) refuseField('not_a_mediator', 'mediatorId', 'no active mediator has this id');
}

/**
 * Carry out a staff transition: the workflow's Update validator decides (and refuses illegal ones
 * before anything is recorded); the answer is the case after the read model has caught up.
 */
export async function applyTransition<T extends TransitionName>(
  deps: CaseUpdateDependencies,
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
  const { view, reach } = await sendCaseUpdate(deps, principal, caseNumber, definition, input);
  return toCaseResponse(view, reach);
}

/** The inputs of each transition, for callers that build them (the workbench's forms). */
export type { TransitionInputs } from '../../workflows/case.messages.js';
