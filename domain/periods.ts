import type { WorkingDayCalendar } from './calendar.js';
import { addDays, addMonthsClamped, assertIsoDate, daysBetween, type IsoDate, yearOf } from './dates.js';
import { Refusal } from './refusals.js';

/**
 * Counting periods (期间) the way 民事诉讼法 art 85 (2023 text; the same article number since the
 * 2021 amendment, art 82 before it) says:
 *   "期间以时、日、月、年计算。期间开始的时和日，不计算在期间内。
 *    期间届满的最后一日是法定休假日的，以法定休假日后的第一日为期间届满的日期。"
 *
 * - The start day is not counted: the first counted day is the day after the start event.
 * - Rest days in the middle of a calendar-day or month period are counted (节假日在期间中间的不予扣除).
 * - 法定休假日 covers the weekly rest days as well as public holidays: courts read it so (an SPC
 *   answer of 2014-12-12 lists "星期六、星期日、'五一'、'十一'、元旦、春节"), and Saturday and Sunday are
 *   the statutory weekly rest days (国务院关于职工工作时间的规定 art 7). So a last day that falls on a
 *   weekend or a holiday rolls over to the next working day; a make-up working day (调休上班) is a
 *   working day and does not roll over.
 * - Month periods end on the same day of the month N months later, or that month's last day when it has
 *   no such day (31 Jan + 1 month = 28/29 Feb).
 * - Working-day periods (a rule's own unit, e.g. 3 个工作日) count only working days after the start.
 * - Pauses (e.g. appraisal 鉴定 time, which is not counted) are inclusive date ranges whose days are not
 *   counted; they push the end out.
 * A period that touches a year the calendar has no data for is computed on weekends alone and flagged
 * `calendarUnconfirmed`, with the years, never silently guessed.
 */
export const periodUnits = ['calendar_days', 'working_days', 'months'] as const;
export type PeriodUnit = (typeof periodUnits)[number];

export const periodUnitLabelsZh: Record<PeriodUnit, string> = {
  calendar_days: '日',
  working_days: '个工作日',
  months: '个月',
};

export interface Period {
  unit: PeriodUnit;
  length: number;
}

/** An inclusive range of China dates. */
export interface DateRange {
  from: IsoDate;
  to: IsoDate;
}

export interface SkippedDay {
  date: IsoDate;
  why: 'weekend' | 'holiday';
  name?: string;
}

interface PeriodResult {
  start: IsoDate;
  dueDate: IsoDate;
  /** The last day before rolling over a rest day (equal to dueDate when nothing rolled). */
  unrolledDueDate: IsoDate;
  /** Days not counted because they were rest days (within a working-day count, or rolled over). */
  skipped: SkippedDay[];
  rolledOver: boolean;
  /** Days inside a pause that were not counted. */
  pausedDays: IsoDate[];
  calendarUnconfirmed: boolean;
  unconfirmedYears: number[];
}

interface PeriodOptions {
  pauses?: readonly DateRange[];
}

/** No period in this domain runs anywhere near this long; reaching it means the data is wrong. */
const maximumScannedDays = 20 * 366;

function assertCount(length: number, what: string, minimum: number): void {
  if (!Number.isSafeInteger(length) || length < minimum) {
    throw new Refusal('invalid_period', { detail: `${what} must be an integer ≥ ${minimum}, got ${length}` });
  }
}

function pausePredicate(pauses: readonly DateRange[]): (date: IsoDate) => boolean {
  for (const pause of pauses) {
    assertIsoDate(pause.from, 'pause start');
    assertIsoDate(pause.to, 'pause end');
    if (pause.to < pause.from) {
      throw new Refusal('invalid_pause', {
        detail: `pause ends (${pause.to}) before it starts (${pause.from})`,
      });
    }
  }
  return (date) => pauses.some((pause) => pause.from <= date && date <= pause.to);
}

/** Walks forward day by day from the day after `start`, collecting what a PeriodResult reports. */
class DayWalk {
  readonly skipped: SkippedDay[] = [];
  readonly pausedDays: IsoDate[] = [];
  readonly unconfirmed = new Set<number>();
  date: IsoDate;
  private scanned = 0;

  constructor(
    private readonly calendar: WorkingDayCalendar,
    readonly start: IsoDate,
    private readonly isPaused: (date: IsoDate) => boolean,
    private readonly step: 1 | -1 = 1,
  ) {
    this.date = assertIsoDate(start, 'period start');
  }

  /** Moves one day and says what kind of day it is. */
  next(): 'paused' | 'rest' | 'working' {
    this.scanned += 1;
    if (this.scanned > maximumScannedDays) {
      throw new Refusal('period_too_long', {
        detail: `a period from ${this.start} ran past ${maximumScannedDays} days`,
      });
    }
    this.date = addDays(this.date, this.step);
    const year = yearOf(this.date);
    if (!this.calendar.isConfirmedYear(year)) this.unconfirmed.add(year);
    if (this.isPaused(this.date)) {
      this.pausedDays.push(this.date);
      return 'paused';
    }
    const info = this.calendar.dayInfo(this.date);
    if (info.working) return 'working';
    this.skipped.push({
      date: this.date,
      why: info.kind === 'holiday' ? 'holiday' : 'weekend',
      ...(info.name !== undefined && { name: info.name }),
    });
    return 'rest';
  }

  result(unrolledDueDate: IsoDate): PeriodResult {
    const unconfirmedYears = [...this.unconfirmed].sort((a, b) => a - b);
    return {
      start: this.start,
      dueDate: this.date,
      unrolledDueDate,
      skipped: this.skipped,
      rolledOver: unrolledDueDate !== this.date,
      pausedDays: this.pausedDays,
      calendarUnconfirmed: unconfirmedYears.length > 0,
      unconfirmedYears,
    };
  }
}

/** N calendar days after `start` (art 85), rolled over to the next working day when the last is a rest day. */
export function countCalendarDays(
  calendar: WorkingDayCalendar,
  start: IsoDate,
  days: number,
  options: PeriodOptions = {},
): PeriodResult {
  assertCount(days, 'a calendar-day period', 1);
  const walk = new DayWalk(calendar, start, pausePredicate(options.pauses ?? []));
  let counted = 0;
  let kind: ReturnType<DayWalk['next']> = 'working';
  while (counted < days) {
    kind = walk.next();
    if (kind !== 'paused') counted += 1;
  }
  // Days counted in the middle are not skipped, whatever they were; only the roll-over is reported.
  walk.skipped.length = 0;
  const unrolledDueDate = walk.date;
  if (kind === 'rest') {
    const info = calendar.dayInfo(unrolledDueDate);
    walk.skipped.push({
      date: unrolledDueDate,
      why: info.kind === 'holiday' ? 'holiday' : 'weekend',
      ...(info.name !== undefined && { name: info.name }),
    });
    while (walk.next() !== 'working') {
      // keep rolling over rest days (and pause days) to the first working day
    }
  }
  return walk.result(unrolledDueDate);
}

/** N working days after `start`: rest days and pause days are not counted; the end is always a working day. */
export function countWorkingDays(
  calendar: WorkingDayCalendar,
  start: IsoDate,
  days: number,
  options: PeriodOptions = {},
): PeriodResult {
  assertCount(days, 'a working-day period', 1);
  const walk = new DayWalk(calendar, start, pausePredicate(options.pauses ?? []));
  let counted = 0;
  while (counted < days) {
    if (walk.next() === 'working') counted += 1;
  }
  return walk.result(walk.date);
}

/**
 * N months after `start` (same day of the month, clamped to the month's end), plus `extraDays` calendar
 * days (an extension), rolled over like a calendar-day period. Pause days push the end out day by day.
 */
export function countMonths(
  calendar: WorkingDayCalendar,
  start: IsoDate,
  months: number,
  options: PeriodOptions & { extraDays?: number } = {},
): PeriodResult {
  assertCount(months, 'a month period', 1);
  const extraDays = options.extraDays ?? 0;
  assertCount(extraDays, 'extra days', 0);
  const days = daysBetween(start, addMonthsClamped(start, months)) + extraDays;
  return countCalendarDays(calendar, start, days, options);
}

/**
 * A period of `period.length` units plus `extensionLength` more: days in the period's own unit, and
 * calendar days for a month period.
 */
export function countPeriod(
  calendar: WorkingDayCalendar,
  start: IsoDate,
  period: Period,
  options: PeriodOptions & { extensionLength?: number } = {},
): PeriodResult {
  const extension = options.extensionLength ?? 0;
  assertCount(extension, 'an extension', 0);
  switch (period.unit) {
    case 'calendar_days':
      return countCalendarDays(calendar, start, period.length + extension, options);
    case 'working_days':
      return countWorkingDays(calendar, start, period.length + extension, options);
    case 'months':
      return countMonths(calendar, start, period.length, { ...options, extraDays: extension });
  }
}

interface SubtractResult {
  date: IsoDate;
  skipped: SkippedDay[];
  calendarUnconfirmed: boolean;
  unconfirmedYears: number[];
}

/**
 * The working day that lies `days` working days before `date`, so that counting `days` working days
 * forward from the result lands on `date` again (when `date` is a working day). Used to keep a buffer
 * before someone else's deadline: deadline Tue 10 minus 3 working days = Thu 5 (Fri 6, Mon 9, Tue 10).
 */
export function subtractWorkingDays(
  calendar: WorkingDayCalendar,
  date: IsoDate,
  days: number,
): SubtractResult {
  assertCount(days, 'working days to subtract', 0);
  const walk = new DayWalk(calendar, date, () => false, -1);
  let counted = 0;
  while (counted < days) {
    if (walk.next() === 'working') counted += 1;
  }
  const unconfirmedYears = [...walk.unconfirmed].sort((a, b) => a - b);
  return {
    date: walk.date,
    skipped: walk.skipped,
    calendarUnconfirmed: unconfirmedYears.length > 0,
    unconfirmedYears,
  };
}

/** The result that falls due first (the first of equals). */
export function earliestDue<T extends { dueDate: IsoDate }>(first: T, ...rest: T[]): T {
  return rest.reduce((earliest, result) => (result.dueDate < earliest.dueDate ? result : earliest), first);
}
