import { Refusal } from './refusals.js';

/**
 * Calendar dates and instants in China time (Asia/Shanghai: UTC+8 all year, no daylight saving).
 *
 * A calendar date is a 'YYYY-MM-DD' string. Day arithmetic goes through day numbers (days since
 * 1970-01-01) built with Date.UTC, which is deterministic: nothing here reads the clock or the host's
 * time zone, so workflows may use it.
 */
export type IsoDate = string;

/** An instant: an ISO 8601 string with an explicit offset ('Z' or '+08:00'), or epoch milliseconds. */
export type Instant = string | number;

const millisecondsPerDay = 86_400_000;
/** China Standard Time is UTC+8 with no daylight saving time. */
const chinaUtcOffsetMilliseconds = 8 * 60 * 60 * 1000;

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Date and time with an explicit offset; a string without one would be read in the host's zone. */
const isoInstantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function parseIsoDate(value: string): { year: number; month: number; day: number } | undefined {
  const match = isoDatePattern.exec(value);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

export function isIsoDate(value: string): boolean {
  return parseIsoDate(value) !== undefined;
}

function invalidDate(value: string, what: string): Refusal {
  return new Refusal('invalid_date', {
    detail: `${what} must be a calendar date 'YYYY-MM-DD', got '${value}'`,
    reasonZh: `日期格式应为 YYYY-MM-DD：${value}`,
  });
}

/** Returns the date unchanged, or throws `invalid_date` naming what was wrong. */
export function assertIsoDate(value: string, what = 'date'): IsoDate {
  if (!isIsoDate(value)) throw invalidDate(value, what);
  return value;
}

function dayNumberOf(date: IsoDate): number {
  const parsed = parseIsoDate(date);
  if (!parsed) throw invalidDate(date, 'date');
  return Date.UTC(parsed.year, parsed.month - 1, parsed.day) / millisecondsPerDay;
}

function dateOfDayNumber(dayNumber: number): IsoDate {
  return new Date(dayNumber * millisecondsPerDay).toISOString().slice(0, 10);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return dateOfDayNumber(dayNumberOf(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumberOf(to) - dayNumberOf(from);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return new Date(dayNumberOf(date) * millisecondsPerDay).getUTCDay();
}

export function isWeekend(date: IsoDate): boolean {
  const weekday = dayOfWeek(date);
  return weekday === 0 || weekday === 6;
}

const weekdayNamesZh = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;

export function weekdayNameZh(date: IsoDate): string {
  return weekdayNamesZh[dayOfWeek(date)]!;
}

export function yearOf(date: IsoDate): number {
  return Number(assertIsoDate(date).slice(0, 4));
}

/**
 * The same day `months` later; when that month is shorter, its last day (31 Jan + 1 month = 28/29 Feb).
 * This is how courts count month periods: "不分大月、小月 … 没有对应的那一天的，为届满那个月的最后一天".
 */
export function addMonthsClamped(date: IsoDate, months: number): IsoDate {
  const parsed = parseIsoDate(date);
  if (!parsed) throw invalidDate(date, 'date');
  const monthIndex = parsed.year * 12 + (parsed.month - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  const day = Math.min(parsed.day, daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The earliest of the dates ('YYYY-MM-DD' strings order like the dates they name). */
export function minDate(first: IsoDate, ...rest: IsoDate[]): IsoDate {
  return [first, ...rest].sort()[0]!;
}

export function maxDate(first: IsoDate, ...rest: IsoDate[]): IsoDate {
  return [first, ...rest].sort().at(-1)!;
}

/** Epoch milliseconds of an instant; strings must carry an explicit offset. */
export function instantToEpochMilliseconds(instant: Instant): number {
  if (typeof instant === 'number') {
    if (!Number.isFinite(instant)) {
      throw new Refusal('invalid_instant', {
        detail: `instant must be finite epoch milliseconds, got ${instant}`,
      });
    }
    return instant;
  }
  const milliseconds = isoInstantPattern.test(instant) ? Date.parse(instant) : Number.NaN;
  if (Number.isNaN(milliseconds)) {
    throw new Refusal('invalid_instant', {
      detail: `instant must be an ISO 8601 date-time with an offset (e.g. '2026-02-10T09:30:00+08:00'), got '${instant}'`,
      reasonZh: `时间格式应为带时区的 ISO 8601：${instant}`,
    });
  }
  return milliseconds;
}

/** The China calendar date on which an instant falls. */
export function chinaDateOf(instant: Instant): IsoDate {
  const milliseconds = instantToEpochMilliseconds(instant);
  return dateOfDayNumber(Math.floor((milliseconds + chinaUtcOffsetMilliseconds) / millisecondsPerDay));
}

/** Epoch milliseconds of 00:00:00.000 China time on `date`. */
export function startOfChinaDayEpochMilliseconds(date: IsoDate): number {
  return dayNumberOf(date) * millisecondsPerDay - chinaUtcOffsetMilliseconds;
}

/** Epoch milliseconds of 23:59:59.999 China time on `date`: a deadline falls due at the end of its last day. */
export function endOfChinaDayEpochMilliseconds(date: IsoDate): number {
  return startOfChinaDayEpochMilliseconds(date) + millisecondsPerDay - 1;
}

/** ISO instant (UTC, 'Z') of the end of `date` in China time, e.g. '2026-02-25' → '2026-02-25T15:59:59.999Z'. */
export function endOfChinaDay(date: IsoDate): string {
  return new Date(endOfChinaDayEpochMilliseconds(date)).toISOString();
}

/** ISO instant (UTC) of a wall-clock time on a China date, e.g. (date, 9) → 09:00 China time. */
export function chinaTimeOnDate(date: IsoDate, hour: number, minute = 0): string {
  const milliseconds = startOfChinaDayEpochMilliseconds(date) + (hour * 60 + minute) * 60_000;
  return new Date(milliseconds).toISOString();
}

/** The same instant written in China time, e.g. '2026-02-25T23:59:59.999+08:00' (for people to read). */
export function formatChinaInstant(instant: Instant): string {
  const milliseconds = instantToEpochMilliseconds(instant) + chinaUtcOffsetMilliseconds;
  return `${new Date(milliseconds).toISOString().slice(0, 23)}+08:00`;
}

/** The calendar year in China time that an instant falls in (case numbers are counted by it). */
export function chinaYearOf(instant: Instant): number {
  return yearOf(chinaDateOf(instant));
}

/** '2026-02-25 09:30': an instant as people in China read it on a page. */
export function chinaDateTimeText(instant: Instant): string {
  return formatChinaInstant(instant).slice(0, 16).replace('T', ' ');
}
