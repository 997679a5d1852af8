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
    expect(calendar.dayInfo('2027-01-01')).toMatchObject({
      confirmed: false,
      working: true,
      kind: 'workday',
    });
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
