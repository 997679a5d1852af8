import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonthsClamped,
  chinaDateOf,
  chinaTimeOnDate,
  dayOfWeek,
  daysBetween,
  endOfChinaDay,
  endOfChinaDayEpochMilliseconds,
  formatChinaInstant,
  isIsoDate,
  maxDate,
  minDate,
} from '../../../domain/dates.js';
import { Refusal } from '../../../domain/refusals.js';

describe('China calendar dates', () => {
  it('converts instants to the China date they fall on (UTC+8)', () => {
    expect(chinaDateOf('2026-02-10T15:59:59.999Z')).toBe('2026-02-10'); // 23:59:59.999 in Beijing
    expect(chinaDateOf('2026-02-10T16:00:00Z')).toBe('2026-02-11'); // midnight in Beijing
    expect(chinaDateOf('2026-02-11T00:30:00+08:00')).toBe('2026-02-11');
    expect(chinaDateOf(Date.UTC(2025, 11, 31, 16, 0, 0))).toBe('2026-01-01');
  });

  it('refuses instants without an offset, which would depend on the host', () => {
    expect(() => chinaDateOf('2026-02-10T10:00:00')).toThrow(Refusal);
    expect(() => chinaDateOf('2026-02-10')).toThrow(Refusal);
    expect(() => chinaDateOf(Number.NaN)).toThrow(Refusal);
  });

  it('puts a deadline at the end of its last day in China time', () => {
    expect(endOfChinaDay('2026-02-25')).toBe('2026-02-25T15:59:59.999Z');
    expect(endOfChinaDayEpochMilliseconds('2026-02-25')).toBe(Date.UTC(2026, 1, 25, 15, 59, 59, 999));
    expect(formatChinaInstant(endOfChinaDay('2026-02-25'))).toBe('2026-02-25T23:59:59.999+08:00');
    expect(chinaTimeOnDate('2026-02-24', 9)).toBe('2026-02-24T01:00:00.000Z');
  });

  it('does day arithmetic across months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-02-10', '2026-02-25')).toBe(15);
    expect(dayOfWeek('2026-02-17')).toBe(2); // a Tuesday
  });

  it('adds months the way courts count them, clamping to the month end', () => {
    expect(addMonthsClamped('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonthsClamped('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonthsClamped('2026-03-31', 1)).toBe('2026-04-30');
    expect(addMonthsClamped('2026-11-15', 2)).toBe('2027-01-15');
  });

  it('validates dates', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-2-8')).toBe(false);
    expect(() => addDays('2026-13-01', 1)).toThrow(Refusal);
  });

  it('picks the earliest and latest dates', () => {
    expect(minDate('2026-03-05', '2026-02-28', '2026-03-01')).toBe('2026-02-28');
    expect(maxDate('2026-03-05', '2026-02-28', '2026-12-01')).toBe('2026-12-01');
  });
});
