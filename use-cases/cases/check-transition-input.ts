import type { Database } from '../../db/client.js';
import { isBeforeDayOf, isFutureInstant } from '../../domain/date-plausibility.js';
import { refuseField } from '../../domain/refusals.js';
import type { TransitionName } from '../../domain/transition-table.js';
import type { SettleInput, TransitionInputs } from '../../workflows/case.messages.js';
import type { Principal } from '../auth/principal.js';
import type { CaseUpdateOptions } from './send-case-update.js';

/** An agreement is signed neither before the case came in nor later than now (clock skew allowed). */
function checkSignedAt(input: SettleInput): CaseUpdateOptions['check'] {
  const { signedAt } = input;
  if (signedAt === undefined) return undefined;
  if (isFutureInstant(signedAt, Date.now())) {
    refuseField('date_in_future', 'signedAt', 'is later than now', { reasonZh: '协议签订时间晚于当前时间' });
  }
  return (found) => {
    if (isBeforeDayOf(signedAt, found.view.registeredAt)) {
      refuseField('date_before_receipt', 'signedAt', 'is before the day the case was received', {
        reasonZh: '协议签订日期早于案件受理之日',
      });
    }
  };
}

/**
 * What a transition's input must satisfy beyond its schema and the workflow's rules: checked in the
 * use case because it needs the clock or PostgreSQL. Input-only checks refuse at once; checks against
 * the case come back as the `check` of sendCaseUpdate.
 */
export function transitionInputCheck<T extends TransitionName>(
  _db: Database,
  _principal: Principal,
  transition: T,
  input: TransitionInputs[T],
): CaseUpdateOptions['check'] {
  if (transition === 'settle') return checkSignedAt(input as SettleInput);
  return undefined;
}
