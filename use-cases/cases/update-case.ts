import type { UpdateDefinition } from '@temporalio/common';
import type { Actor, CaseView } from '../../workflows/case.messages.js';
import type { Principal } from '../auth/principal.js';
import { type CaseResponse, toCaseResponse } from './case-response.js';
import { answerOnce, type IdempotentRequest } from './idempotency-keys.js';
import { type CaseUpdateDependencies, sendCaseUpdate } from './send-case-update.js';

/**
 * A change to a case the caller reads back at once (staff actions of the dockings, payments); with an
 * Idempotency-Key, a retry gets the first answer and the change happens once.
 */
export function updateCaseOnce<I extends object>(
  deps: CaseUpdateDependencies,
  principal: Principal,
  caseNumber: string,
  definition: UpdateDefinition<CaseView, [I & { actor: Actor }]>,
  input: I,
  idempotency: IdempotentRequest | undefined,
): Promise<{ body: CaseResponse; replayed: boolean }> {
  return answerOnce(deps.db, idempotency, 200, async (updateId) => {
    const { view, reach } = await sendCaseUpdate(deps, principal, caseNumber, definition, input, {
      ...(updateId ? { updateId } : {}),
    });
    return toCaseResponse(view, reach);
  });
}
