import { isFutureDate } from '../../domain/date-plausibility.js';
import { Refusal, refuseField } from '../../domain/refusals.js';

/** A referral cannot be dated after the day it arrives (a few minutes of clock skew allowed). */
export function assertReferralDateNotInFuture(referralDate: string, now = Date.now()): void {
  if (isFutureDate(referralDate, now)) {
    refuseField('date_in_future', 'referralDate', 'is after today (China time)', {
      reasonZh: `移送日期 ${referralDate} 晚于今天`,
    });
  }
}

/**
 * Run a policy look-up for the referral date: a refusal about the date (no policy in force, two at
 * once) names `referralDate`, so the caller knows which field to correct.
 */
export async function namingReferralDate<T>(lookUp: () => Promise<T>): Promise<T> {
  try {
    return await lookUp();
  } catch (error) {
    if (error instanceof Refusal && error.details.errors === undefined) {
      throw new Refusal(error.code, {
        ...error.details,
        detail: `referralDate: ${error.message}`,
        errors: [{ field: 'referralDate', reason: error.message, reasonZh: error.reasonZh }],
      });
    }
    throw error;
  }
}
