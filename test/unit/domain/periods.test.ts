import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../../domain/calendar.js';
import {
  countCalendarDays,
  countMonths,
  countPeriod,
  countWorkingDays,
  earliestDue,
  subtractWorkingDays,
} from '../../../domain/periods.js';
import { Refusal } from '../../../domain/refusals.js';

const calendar = createCalendar();
const springFestival2026 = [
  '2026-02-15',
  '2026-02-16',
  '2026-02-17',
  '2026-02-18',
  '2026-02-19',
  '2026-02-20',
  '2026-02-21',
  '2026-02-22',
  '2026-02-23',
];

describe('working-day periods', () => {
  it('skips the 2026 Spring Festival but counts the make-up Saturday before it', () => {
    // Thu 12 Feb: Fri 13 (1), Sat 14 worked (2), 15–23 off, Tue 24 (3).
    const result = countWorkingDays(calendar, '2026-02-12', 3);
    expect(result.dueDate).toBe('2026-02-24');
    expect(result.skipped.map((day) => day.date)).toEqual(springFestival2026);
    expect(result.skipped.filter((day) => !(day.why === 'holiday' && day.name === '春节'))).toEqual([]);
    expect(result.rolledOver).toBe(false);
    expect(result.calendarUnconfirmed).toBe(false);
  });

  it('ends on a make-up Saturday when that is the Nth working day', () => {
    expect(countWorkingDays(calendar, '2026-02-13', 1).dueDate).toBe('2026-02-14');
  });

  it('runs through National Day 2025 and Mid-Autumn to the make-up Saturday', () => {
    // Tue 30 Sep: 1–8 Oct off, Thu 9 (1), Fri 10 (2), Sat 11 worked (3).
    const result = countWorkingDays(calendar, '2025-09-30', 3);
    expect(result.dueDate).toBe('2025-10-11');
    expect(result.skipped).toHaveLength(8);
    expect(result.skipped.find((day) => day.date === '2025-10-06')).toEqual({
      date: '2025-10-06',
      why: 'holiday',
      name: '中秋',
    });
  });

  it('skips ordinary weekends as weekends', () => {
    const result = countWorkingDays(calendar, '2026-03-06', 2); // Fri → Mon 9, Tue 10
    expect(result.dueDate).toBe('2026-03-10');
    expect(result.skipped).toEqual([
      { date: '2026-03-07', why: 'weekend' },
      { date: '2026-03-08', why: 'weekend' },
    ]);
  });
});

describe('calendar-day periods (民事诉讼法 art 85)', () => {
  it('does not count the start day', () => {
    const result = countCalendarDays(calendar, '2026-03-02', 1);
    expect(result.dueDate).toBe('2026-03-03');
  });

  it('rolls a period ending on a holiday over to the next working day', () => {
    // Tue 10 Feb + 7 days = Tue 17 Feb, 春节; the holiday runs to Mon 23; due Tue 24.
    const result = countCalendarDays(calendar, '2026-02-10', 7);
    expect(result.unrolledDueDate).toBe('2026-02-17');
    expect(result.dueDate).toBe('2026-02-24');
    expect(result.rolledOver).toBe(true);
    expect(result.skipped.map((day) => day.date)).toEqual(springFestival2026.slice(2));
  });

  it('rolls a period ending on a weekend over to Monday', () => {
    const result = countCalendarDays(calendar, '2026-03-02', 5); // Mon + 5 = Sat 7
    expect(result.dueDate).toBe('2026-03-09');
    expect(result.skipped).toEqual([
      { date: '2026-03-07', why: 'weekend' },
      { date: '2026-03-08', why: 'weekend' },
    ]);
  });

  it('counts holidays in the middle and ends on a make-up Saturday without rolling', () => {
    const result = countCalendarDays(calendar, '2026-02-21', 7); // Sat 28 Feb is worked
    expect(result.dueDate).toBe('2026-02-28');
    expect(result.rolledOver).toBe(false);
    expect(result.skipped).toEqual([]);
  });

  it('pushes the end out by paused days (appraisal 鉴定 time is not counted)', () => {
    // 15 days from Mon 2 Mar with 5–9 Mar paused: 20 calendar days → Sun 22 Mar → Mon 23 Mar.
    const result = countCalendarDays(calendar, '2026-03-02', 15, {
      pauses: [{ from: '2026-03-05', to: '2026-03-09' }],
    });
    expect(result.pausedDays).toEqual(['2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09']);
    expect(result.unrolledDueDate).toBe('2026-03-22');
    expect(result.dueDate).toBe('2026-03-23');
  });

  it('refuses empty periods and backwards pauses', () => {
    expect(() => countCalendarDays(calendar, '2026-03-02', 0)).toThrow(Refusal);
    expect(() => countCalendarDays(calendar, '2026-03-02', 1.5)).toThrow(Refusal);
    expect(() =>
      countCalendarDays(calendar, '2026-03-02', 3, { pauses: [{ from: '2026-03-05', to: '2026-03-04' }] }),
    ).toThrow(Refusal);
  });
});

describe('month periods', () => {
  it('ends on the same day next month, or the month end', () => {
    expect(countMonths(calendar, '2026-03-31', 1).dueDate).toBe('2026-04-30');
    expect(countMonths(calendar, '2024-01-31', 1).dueDate).toBe('2024-02-29');
    expect(countMonths(calendar, '2025-01-31', 1).dueDate).toBe('2025-02-28');
  });

  it('ends on 28 Feb 2026, a make-up Saturday, without rolling', () => {
    const result = countMonths(calendar, '2026-01-31', 1);
    expect(result.dueDate).toBe('2026-02-28');
    expect(result.rolledOver).toBe(false);
  });

  it('rolls over National Day', () => {
    const result = countMonths(calendar, '2026-09-01', 1); // 1 Oct 2026 → off until 7 Oct
    expect(result.unrolledDueDate).toBe('2026-10-01');
    expect(result.dueDate).toBe('2026-10-08');
  });

  it('adds extension days after the months', () => {
    // 1 month + 15 days (刑事诉讼法 art 172) from 2 Mar: 2 Apr + 15 = Fri 17 Apr.
    expect(
      countPeriod(calendar, '2026-03-02', { unit: 'months', length: 1 }, { extensionLength: 15 }).dueDate,
    ).toBe('2026-04-17');
  });
});

describe('years without confirmed holiday data', () => {
  it('flags a period running into 2027 and computes it on weekends alone', () => {
    // 25 Dec 2026 + 15 = Sat 9 Jan 2027 → Mon 11 Jan.
    const result = countCalendarDays(calendar, '2026-12-25', 15);
    expect(result.calendarUnconfirmed).toBe(true);
    expect(result.unconfirmedYears).toEqual([2027]);
    expect(result.dueDate).toBe('2027-01-11');
  });

  it('counts the days the law fixes: 3 working days from Wed 30 Dec 2026 skip 元旦 and end on Tue 5 Jan 2027', () => {
    const result = countWorkingDays(calendar, '2026-12-30', 3);
    expect(result.dueDate).toBe('2027-01-05');
    expect(result.skipped).toEqual([
      { date: '2027-01-01', why: 'holiday', name: '元旦' },
      { date: '2027-01-02', why: 'weekend' },
      { date: '2027-01-03', why: 'weekend' },
    ]);
    // Only the 调休 arrangement is unknown: the result is still flagged.
    expect(result.unconfirmedYears).toEqual([2027]);
  });

  it('rolls a period ending on 国庆 2027 over to Mon 4 Oct', () => {
    // 16 Sep 2027 + 15 = Fri 1 Oct (国庆节, fixed by law) → 2, 3 Oct → Mon 4 Oct.
    const result = countCalendarDays(calendar, '2027-09-16', 15);
    expect(result.unrolledDueDate).toBe('2027-10-01');
    expect(result.dueDate).toBe('2027-10-04');
    expect(result.rolledOver).toBe(true);
  });

  it('becomes confirmed when an admin loads 2027, and uses the loaded holidays', () => {
    const loaded = createCalendar({
      loadedYears: [2027],
      overrides: [{ date: '2027-01-11', kind: 'holiday', name: '测试假日' }],
    });
    const result = countCalendarDays(loaded, '2026-12-25', 15);
    expect(result.calendarUnconfirmed).toBe(false);
    expect(result.unconfirmedYears).toEqual([]);
    expect(result.dueDate).toBe('2027-01-12');
  });

  it('does not flag a period that stays within confirmed years', () => {
    expect(countWorkingDays(calendar, '2026-12-01', 5).calendarUnconfirmed).toBe(false);
    expect(countWorkingDays(calendar, '2026-12-28', 5).unconfirmedYears).toEqual([2027]);
  });
});

describe('subtracting working days', () => {
  it('leaves the buffer before a deadline: Tue 10 Mar minus 3 working days is Thu 5 Mar', () => {
    expect(subtractWorkingDays(calendar, '2026-03-10', 3).date).toBe('2026-03-05');
    // and counting forward again lands on the deadline
    expect(countWorkingDays(calendar, '2026-03-05', 3).dueDate).toBe('2026-03-10');
  });

  it('steps back over the Spring Festival to the make-up Saturday', () => {
    // Wed 25 Feb: Tue 24 (1), 15–23 off, Sat 14 worked (2), Fri 13 (3).
    const result = subtractWorkingDays(calendar, '2026-02-25', 3);
    expect(result.date).toBe('2026-02-13');
    expect(result.skipped).toHaveLength(9);
  });
});

describe('earliestDue', () => {
  it('returns the result that falls due first', () => {
    const a = countWorkingDays(calendar, '2026-03-02', 10);
    const b = countCalendarDays(calendar, '2026-03-02', 7);
    expect(earliestDue(a, b)).toBe(b);
    expect(earliestDue(b, a)).toBe(b);
  });
});
