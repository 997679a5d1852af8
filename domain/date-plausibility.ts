import { chinaDateOf, type Instant, type IsoDate, instantToEpochMilliseconds } from './dates.js';

/**
 * How far ahead of our clock a caller's clock may be: a court's server a few minutes fast must not
 * have its referral of "today" refused just after midnight.
 */
export const clockSkewAllowanceMilliseconds = 5 * 60_000;

/** A calendar date (China time) that has not begun yet, even allowing for the caller's clock. */
export function isFutureDate(date: IsoDate, nowEpochMilliseconds: number): boolean {
  return date > chinaDateOf(nowEpochMilliseconds + clockSkewAllowanceMilliseconds);
}

/** An instant later than now, beyond the clock-skew allowance. */
export function isFutureInstant(instant: Instant, nowEpochMilliseconds: number): boolean {
  return instantToEpochMilliseconds(instant) > nowEpochMilliseconds + clockSkewAllowanceMilliseconds;
}

/**
 * Whether an instant falls on a day before the case was received. Compared by China calendar day, not
 * by instant: an agreement signed on the spot in the morning is often registered in the afternoon.
 */
export function isBeforeDayOf(instant: Instant, receivedAt: Instant): boolean {
  return chinaDateOf(instant) < chinaDateOf(receivedAt);
}
