import { chinaDateOf, type Instant, instantToEpochMilliseconds, isIsoDate } from '../domain/dates.js';

/** China Standard Time is UTC+8 all year. */
const chinaOffsetMilliseconds = 8 * 3_600_000;

/** A day as documents write it: 2026年12月2日 (no leading zeros). An instant is read in China time. */
export function dateZh(value: Instant): string {
  const date = typeof value === 'string' && isIsoDate(value) ? value : chinaDateOf(value);
  const [year, month, day] = date.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}

/** 2026年12月2日9时30分 (China time), for when a session was held. */
export function dateTimeZh(instant: Instant): string {
  const china = new Date(instantToEpochMilliseconds(instant) + chinaOffsetMilliseconds);
  const minutes = china.getUTCMinutes();
  return `${dateZh(instant)}${china.getUTCHours()}时${minutes === 0 ? '' : `${minutes}分`}`;
}
