import { assertIsoDate, type IsoDate, isWeekend, yearOf } from './dates.js';
import { type HolidaySource, packageHolidaySource, parseHolidayValue } from './holiday-data.js';
import { Refusal } from './refusals.js';
import { type StatutoryHoliday, statutoryHolidaysOf } from './statutory-holidays.js';

/**
 * The working-day calendar: which China dates are working days.
 *
 * A date is a non-working day when it is a public holiday (including in-lieu rest days 调休休息日) or
 * a Saturday/Sunday that is not a make-up working day (调休上班). Admin overrides win over the package
 * data. In every year the package has no data for, the days the law itself fixes (《全国年节及纪念日放假
 * 办法》 art 2: 元旦, 春节, 清明, 劳动节, 端午, 中秋, 国庆节) are holidays. A year is confirmed when the
 * package has data for it or an admin has loaded its 调休 arrangement; in other years only that
 * arrangement is unknown, and callers flag results as unconfirmed rather than guess it.
 */
interface CalendarOverride {
  date: IsoDate;
  kind: 'holiday' | 'workday';
  name?: string | null;
}

type DayKind = 'workday' | 'weekend' | 'holiday' | 'make_up_workday';

export interface DayInfo {
  date: IsoDate;
  working: boolean;
  kind: DayKind;
  /** Holiday name in Chinese (e.g. 春节), for holidays and make-up working days. */
  name?: string;
  nameEn?: string;
  /** An ordinary weekday off only by 调休 (chinese-days `inLieuDays`). */
  inLieu: boolean;
  /** `statute`: a day off fixed by law (《全国年节及纪念日放假办法》 art 2) in a year the package has no data for. */
  source: 'override' | 'package' | 'statute' | 'weekday_rule';
  /** Whether the day's year is confirmed (package data or loaded by an admin). */
  confirmed: boolean;
}

export interface WorkingDayCalendar {
  dayInfo(date: IsoDate): DayInfo;
  isWorkingDay(date: IsoDate): boolean;
  /** A public holiday day off (including in-lieu rest days and weekend days inside a block), not an ordinary weekend. */
  isHoliday(date: IsoDate): boolean;
  /** A Saturday or Sunday worked in exchange for a holiday (调休上班). */
  isMakeUpWorkday(date: IsoDate): boolean;
  holidayName(date: IsoDate): string | undefined;
  isConfirmedYear(year: number): boolean;
  readonly confirmedYears: readonly number[];
}

interface CreateCalendarOptions {
  /** Admin-entered rows; they win over the package data. */
  overrides?: readonly CalendarOverride[];
  /** Years an admin has loaded in full (e.g. from the State Council's notice for next year). */
  loadedYears?: readonly number[];
  /** Defaults to the chinese-days package data. */
  source?: HolidaySource;
}

interface SpecialDay {
  kind: 'holiday' | 'make_up_workday';
  name?: string;
  nameEn?: string;
  inLieu: boolean;
  source: 'override' | 'package';
}

function yearsOfKeys(...maps: Readonly<Record<IsoDate, string>>[]): number[] {
  return maps.flatMap((map) => Object.keys(map).map((date) => Number(date.slice(0, 4))));
}

function specialDaysOf(
  source: HolidaySource,
  overrides: readonly CalendarOverride[],
): Map<IsoDate, SpecialDay> {
  const days = new Map<IsoDate, SpecialDay>();
  for (const [date, value] of Object.entries(source.holidays)) {
    const { nameZh, nameEn } = parseHolidayValue(value);
    const inLieu = date in source.inLieuDays;
    days.set(date, { kind: 'holiday', name: nameZh, nameEn, inLieu, source: 'package' });
  }
  for (const [date, value] of Object.entries(source.workdays)) {
    const { nameZh, nameEn } = parseHolidayValue(value);
    days.set(date, { kind: 'make_up_workday', name: nameZh, nameEn, inLieu: false, source: 'package' });
  }
  const seen = new Set<IsoDate>();
  for (const override of overrides) {
    const date = assertIsoDate(override.date, 'calendar override date');
    if (seen.has(date)) {
      throw new Refusal('duplicate_calendar_override', {
        detail: `the calendar has two overrides for ${date}`,
        reasonZh: `日历对 ${date} 有重复的调整记录`,
      });
    }
    seen.add(date);
    const name = override.name ?? undefined;
    if (override.kind === 'holiday') {
      days.set(date, { kind: 'holiday', name, inLieu: false, source: 'override' });
    } else if (isWeekend(date)) {
      days.set(date, { kind: 'make_up_workday', name, inLieu: false, source: 'override' });
    } else {
      // A weekday declared a working day cancels whatever holiday the package had there.
      days.delete(date);
    }
  }
  return days;
}

export function createCalendar(options: CreateCalendarOptions = {}): WorkingDayCalendar {
  const source = options.source ?? packageHolidaySource;
  const overrides = options.overrides ?? [];
  const specialDays = specialDaysOf(source, overrides);
  const overrideDates = new Set(overrides.map((override) => override.date));
  const packageYears = new Set<number>(yearsOfKeys(source.holidays, source.workdays));
  const confirmed = new Set<number>([...packageYears, ...(options.loadedYears ?? [])]);
  const confirmedYears = [...confirmed].sort((a, b) => a - b);
  const statutoryByYear = new Map<number, Map<IsoDate, StatutoryHoliday>>();
  const statutoryHoliday = (date: IsoDate, year: number): StatutoryHoliday | undefined => {
    let days = statutoryByYear.get(year);
    if (!days) {
      days = new Map(statutoryHolidaysOf(year).map((day) => [day.date, day]));
      statutoryByYear.set(year, days);
    }
    return days.get(date);
  };

  const dayInfo = (date: IsoDate): DayInfo => {
    const year = yearOf(date);
    const isConfirmed = confirmed.has(year);
    const special = specialDays.get(date);
    if (special) {
      return {
        date,
        working: special.kind === 'make_up_workday',
        kind: special.kind,
        ...(special.name !== undefined && { name: special.name }),
        ...(special.nameEn !== undefined && { nameEn: special.nameEn }),
        inLieu: special.inLieu,
        source: special.source,
        confirmed: isConfirmed,
      };
    }
    // Outside the package's years the law's own days count, loaded year or not; an admin's override (a
    // weekday declared a working day) wins over the statute as over the package.
    const statutory =
      packageYears.has(year) || overrideDates.has(date) ? undefined : statutoryHoliday(date, year);
    if (statutory) {
      return {
        date,
        working: false,
        kind: 'holiday',
        name: statutory.nameZh,
        nameEn: statutory.nameEn,
        inLieu: false,
        source: 'statute',
        confirmed: isConfirmed,
      };
    }
    const weekend = isWeekend(date);
    return {
      date,
      working: !weekend,
      kind: weekend ? 'weekend' : 'workday',
      inLieu: false,
      source: overrideDates.has(date) ? 'override' : 'weekday_rule',
      confirmed: isConfirmed,
    };
  };

  return {
    dayInfo,
    isWorkingDay: (date) => dayInfo(date).working,
    isHoliday: (date) => dayInfo(date).kind === 'holiday',
    isMakeUpWorkday: (date) => dayInfo(date).kind === 'make_up_workday',
    holidayName: (date) => {
      const info = dayInfo(date);
      return info.kind === 'holiday' ? info.name : undefined;
    },
    isConfirmedYear: (year) => confirmed.has(year),
    confirmedYears,
  };
}
