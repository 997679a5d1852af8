import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../../domain/calendar.js';
import type { HolidaySource } from '../../../domain/holiday-data.js';
import { Refusal } from '../../../domain/refusals.js';

/**
 * Expectations come from the State Council's holiday notices (国务院办公厅关于2025年/2026年部分节假日
 * 安排的通知), not from the package: e.g. 2026 春节 2月15日至23日放假调休共9天, 2月14日（周六）、
 * 2月28日（周六）上班; 2025 国庆节、中秋节 10月1日至8日放假调休共8天, 9月28日（周日）、10月11日（周六）上班.
 */
const calendar = createCalendar();

describe('the package calendar, 2025–2026', () => {
  it('knows the 2026 Spring Festival block and its make-up Saturdays', () => {
    for (const date of [
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
      '2026-02-23',
    ]) {
      expect(calendar.isWorkingDay(date), date).toBe(false);
      expect(calendar.isHoliday(date), date).toBe(true);
      expect(calendar.holidayName(date), date).toBe('春节');
    }
    expect(calendar.isWorkingDay('2026-02-24')).toBe(true);
    for (const date of ['2026-02-14', '2026-02-28']) {
      expect(calendar.isWorkingDay(date), date).toBe(true);
      expect(calendar.isMakeUpWorkday(date), date).toBe(true);
      expect(calendar.isHoliday(date), date).toBe(false);
    }
  });

  it('treats National Day 2025 overlapping the Mid-Autumn Festival as one block of 8 days', () => {
    const block = [
      '2025-10-01',
      '2025-10-02',
      '2025-10-03',
      '2025-10-04',
      '2025-10-05',
      '2025-10-06',
      '2025-10-07',
      '2025-10-08',
    ];
    for (const date of block) expect(calendar.isWorkingDay(date), date).toBe(false);
    expect(calendar.holidayName('2025-10-06')).toBe('中秋');
    expect(calendar.holidayName('2025-10-01')).toBe('国庆节');
    expect(calendar.isWorkingDay('2025-09-28')).toBe(true); // a Sunday worked
    expect(calendar.isWorkingDay('2025-10-11')).toBe(true); // a Saturday worked
    expect(calendar.isWorkingDay('2025-10-09')).toBe(true);
  });

  it('counts in-lieu rest days (调休休息日) as holidays, not working days', () => {
    // 2025-10-08 is a Wednesday, off only because 9-28 and 10-11 are worked.
    expect(calendar.dayInfo('2025-10-08')).toMatchObject({ working: false, kind: 'holiday', inLieu: true });
    expect(calendar.dayInfo('2025-10-01')).toMatchObject({ working: false, kind: 'holiday', inLieu: false });
  });

  it('tells ordinary weekends from holidays', () => {
    expect(calendar.dayInfo('2026-03-07')).toMatchObject({
      working: false,
      kind: 'weekend',
      source: 'weekday_rule',
    });
    expect(calendar.isHoliday('2026-03-07')).toBe(false);
    expect(calendar.holidayName('2026-03-07')).toBeUndefined();
    expect(calendar.isWorkingDay('2026-03-09')).toBe(true);
  });

  it('confirms the years the package has and no others', () => {
    expect(calendar.isConfirmedYear(2025)).toBe(true);
    expect(calendar.isConfirmedYear(2026)).toBe(true);
    expect(calendar.isConfirmedYear(2027)).toBe(false);
    expect(calendar.dayInfo('2027-01-04')).toMatchObject({
      confirmed: false,
      working: true,
      kind: 'workday',
    });
  });
});

describe('the days the law fixes, in a year without a holiday notice', () => {
  // 《全国年节及纪念日放假办法》 (2024) art 2; 2027 dates of the Chinese calendar from the 万年历:
  // 除夕 5 Feb, 正月初一 6 Feb, 清明 5 Apr, 端午 9 Jun, 中秋 15 Sep.
  it('counts 元旦, the four days of 春节 from 除夕, 清明, 劳动节, 端午, 中秋 and 国庆 as holidays in 2027', () => {
    const expected: [string, string][] = [
      ['2027-01-01', '元旦'],
      ['2027-02-05', '春节'],
      ['2027-02-06', '春节'],
      ['2027-02-07', '春节'],
      ['2027-02-08', '春节'],
      ['2027-04-05', '清明'],
      ['2027-05-01', '劳动节'],
      ['2027-05-02', '劳动节'],
      ['2027-06-09', '端午'],
      ['2027-09-15', '中秋'],
      ['2027-10-01', '国庆节'],
      ['2027-10-02', '国庆节'],
      ['2027-10-03', '国庆节'],
    ];
    for (const [date, name] of expected) {
      expect(calendar.dayInfo(date), date).toMatchObject({
        working: false,
        kind: 'holiday',
        name,
        source: 'statute',
        confirmed: false,
      });
    }
    // 正月初四 and 4 October are not fixed by law: only the yearly notice can make them days off.
    expect(calendar.isWorkingDay('2027-02-09')).toBe(true);
    expect(calendar.isWorkingDay('2027-10-04')).toBe(true);
    expect(calendar.isConfirmedYear(2027)).toBe(false);
  });

  it('works in any later year, e.g. 2031 (春节 23 January, so 除夕 22 January)', () => {
    expect(calendar.dayInfo('2031-01-22')).toMatchObject({
      kind: 'holiday',
      name: '春节',
      source: 'statute',
    });
    expect(calendar.isWorkingDay('2031-01-21')).toBe(true);
  });

  it('gives way to an admin override and to a loaded year', () => {
    const adjusted = createCalendar({ overrides: [{ date: '2027-01-01', kind: 'workday' }] });
    expect(adjusted.isWorkingDay('2027-01-01')).toBe(true);
    // A year an admin loads keeps the days the law fixes; the admin's rows add the 调休 around them.
    const loaded = createCalendar({
      loadedYears: [2027],
      overrides: [{ date: '2027-02-09', kind: 'holiday' }],
    });
    expect(loaded.dayInfo('2027-01-01')).toMatchObject({ working: false, kind: 'holiday', confirmed: true });
    expect(loaded.isWorkingDay('2027-02-09')).toBe(false);
  });
});

describe('admin overrides', () => {
  it('win over the package and confirm loaded years', () => {
    const adjusted = createCalendar({
      overrides: [
        { date: '2026-10-07', kind: 'workday' }, // a Wednesday the package has as National Day
        { date: '2026-07-13', kind: 'holiday', name: '那达慕' }, // a local holiday on a Monday
        { date: '2027-02-20', kind: 'workday', name: '春节' }, // a make-up Saturday
      ],
      loadedYears: [2027],
    });
    expect(adjusted.isWorkingDay('2026-10-07')).toBe(true);
    expect(adjusted.isHoliday('2026-10-07')).toBe(false);
    expect(adjusted.dayInfo('2026-07-13')).toMatchObject({
      working: false,
      kind: 'holiday',
      name: '那达慕',
      source: 'override',
    });
    expect(adjusted.dayInfo('2027-02-20')).toMatchObject({
      working: true,
      kind: 'make_up_workday',
      confirmed: true,
    });
    expect(adjusted.isConfirmedYear(2027)).toBe(true);
    expect(adjusted.confirmedYears.at(-1)).toBe(2027);
  });

  it('refuses two overrides for the same day', () => {
    const build = () =>
      createCalendar({
        overrides: [
          { date: '2027-01-01', kind: 'holiday' },
          { date: '2027-01-01', kind: 'workday' },
        ],
      });
    expect(build).toThrow(Refusal);
    expect(build).toThrow(/two overrides/);
  });

  it('reads any source in the package shape', () => {
    const source: HolidaySource = {
      holidays: { '2030-05-01': 'Labour Day,劳动节,2', '2030-05-02': 'Labour Day,劳动节,2' },
      workdays: { '2030-04-27': 'Labour Day,劳动节,2' },
      inLieuDays: { '2030-05-02': 'Labour Day,劳动节,2' },
    };
    const custom = createCalendar({ source });
    expect(custom.isConfirmedYear(2030)).toBe(true);
    expect(custom.isConfirmedYear(2026)).toBe(false);
    expect(custom.dayInfo('2030-05-02')).toMatchObject({
      working: false,
      inLieu: true,
      nameEn: 'Labour Day',
    });
    expect(custom.isWorkingDay('2030-04-27')).toBe(true); // a Saturday
  });
});
