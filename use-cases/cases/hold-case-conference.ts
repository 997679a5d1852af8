import { isBeforeDayOf, isFutureInstant } from '../../domain/date-plausibility.js';
import { refuseField } from '../../domain/refusals.js';
import { type HoldConferenceInput, holdConferenceUpdate } from '../../workflows/case.messages.js';
import type { Principal } from '../auth/principal.js';
import { type CaseResponse, toCaseResponse } from './case-response.js';
import { answerOnce, type IdempotentRequest } from './idempotency-keys.js';
import { type CaseUpdateDependencies, sendCaseUpdate } from './send-case-update.js';

/**
 * 研: record a case conference on a case (its mediator or a supervisor), with who sat, what it
 * concluded and the plan agreed. A complex case must have one before it settles (centre policy).
 * The conference sat neither in the future nor before the case came in.
 */
export function holdCaseConference(
  deps: CaseUpdateDependencies,
  principal: Principal,
  caseNumber: string,
  input: HoldConferenceInput,
  idempotency: IdempotentRequest | undefined,
): Promise<{ body: CaseResponse; replayed: boolean }> {
  if (isFutureInstant(input.heldAt, Date.now())) {
    refuseField('date_in_future', 'heldAt', 'is later than now', { reasonZh: '研判会时间晚于当前时间' });
  }
  return answerOnce(deps.db, idempotency, 200, async (updateId) => {
    const { view, reach } = await sendCaseUpdate(deps, principal, caseNumber, holdConferenceUpdate, input, {
      ...(updateId ? { updateId } : {}),
      check: (found) => {
        if (isBeforeDayOf(input.heldAt, found.view.registeredAt)) {
          refuseField('date_before_receipt', 'heldAt', 'is before the day the case was received', {
            reasonZh: '研判会日期早于案件受理之日',
          });
        }
      },
    });
    return toCaseResponse(view, reach);
  });
}
