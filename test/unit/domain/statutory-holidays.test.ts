import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { lunarHolidayDates } from '../../../domain/lunar-holiday-dates.js';
import { statutoryHolidaysOf } from '../../../domain/statutory-holidays.js';

const { getSolarDateFromLunar, getSolarTermDate } = chineseDays;

describe('the table of lunar holiday dates', () => {
  it('agrees with the chinese-days lunar conversion for every year it lists', () => {
    const years = Object.keys(lunarHolidayDates).map(Number);
    expect(years[0]).toBe(2025);
    expect(years.at(-1)).toBe(2099);
    for (const year of years) {
      const expected = [
        getSolarDateFromLunar(`${year}-01-01`).date,
        getSolarTermDate(year, 4, 'pure_brightness'),
        getSolarDateFromLunar(`${year}-05-05`).date,
        getSolarDateFromLunar(`${year}-08-15`).date,
      ].map((date) => date.slice(5));
      expect(lunarHolidayDates[year], String(year)).toEqual(expected);
    }
  });

  it('agrees with the State Council notices the package holds (2025, 2026)', () => {
    // 2025: 春节 29 Jan (除夕 28 Jan), 清明 4 Apr, 端午 31 May, 中秋 6 Oct; 2026: 17 Feb, 5 Apr, 19 Jun, 25 Sep.
    expect(lunarHolidayDates[2025]).toEqual(['01-29', '04-04', '05-31', '10-06']);
    expect(lunarHolidayDates[2026]).toEqual(['02-17', '04-05', '06-19', '09-25']);
  });
});

describe('the statutory holidays of a year', () => {
  it('are the 13 days of art 2, 除夕 included', () => {
    const days = statutoryHolidaysOf(2027);
    expect(days).toHaveLength(13);
    expect(days.map((day) => day.date)).toContain('2027-02-05');
  });

  it('count a day once when 中秋 falls within 国庆 (2028: 3 October)', () => {
    const days = statutoryHolidaysOf(2028);
    expect(days).toHaveLength(12);
    expect(days.filter((day) => day.date === '2028-10-03')).toHaveLength(1);
  });

  it('are the Gregorian-fixed days only beyond the table, and none before the revision', () => {
    expect(statutoryHolidaysOf(2100).map((day) => day.nameZh)).toEqual([
      '元旦',
      '劳动节',
      '劳动节',
      '国庆节',
      '国庆节',
      '国庆节',
    ]);
    expect(statutoryHolidaysOf(2024)).toEqual([]);
  });
});
