import { flagGreenChannelUpdate } from '../../workflows/case.messages.js';
import type { Principal } from '../auth/principal.js';
import { type CaseResponse, toCaseResponse } from '../cases/case-response.js';
import { answerOnce, type IdempotentRequest } from '../cases/idempotency-keys.js';
import { type CaseUpdateDependencies, sendCaseUpdate } from '../cases/send-case-update.js';
import { enterpriseForGreenChannel } from './enterprise-for-green-channel.js';

/**
 * 列入涉企绿色通道: a clerk or supervisor flags a case for a registered enterprise that is one of its
 * parties. The case then comes first in the queues, and, when flagged before triage, runs on the green
 * channel's shorter handling period. Flagging it again for the same enterprise changes nothing.
 */
export function flagGreenChannel(
  deps: CaseUpdateDependencies,
  principal: Principal,
  caseNumber: string,
  input: { enterpriseId: string },
  idempotency: IdempotentRequest | undefined,
): Promise<{ body: CaseResponse; replayed: boolean }> {
  return answerOnce(deps.db, idempotency, 200, async (updateId) => {
    const flag = await enterpriseForGreenChannel(deps.db, input.enterpriseId, 'enterpriseId');
    const { view, reach } = await sendCaseUpdate(deps, principal, caseNumber, flagGreenChannelUpdate, flag, {
      ...(updateId ? { updateId } : {}),
    });
    return toCaseResponse(view, reach);
  });
}
