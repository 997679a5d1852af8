import type { UpdateDefinition } from '@temporalio/common';
import type { Actor, CaseView } from '../../workflows/case.messages.js';
import type { Principal } from '../auth/principal.js';
import { type CaseResponse, toCaseResponse } from './case-response.js';
import { type CaseUpdateDependencies, sendCaseUpdate } from './send-case-update.js';

/** A change to a case the caller reads back at once (staff actions of the dockings, payments). */
export async function updateCase<I extends object>(
  deps: CaseUpdateDependencies,
  principal: Principal,
  caseNumber: string,
  definition: UpdateDefinition<CaseView, [I & { actor: Actor }]>,
  input: I,
): Promise<CaseResponse> {
  const { view, reach } = await sendCaseUpdate(deps, principal, caseNumber, definition, input);
  return toCaseResponse(view, reach);
}
