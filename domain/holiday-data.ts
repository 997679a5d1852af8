import packageData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import type { IsoDate } from './dates.js';

/**
 * Holiday data in the shape the `chinese-days` package ships it, each map keyed 'YYYY-MM-DD' with a
 * value 'English name,中文名,n':
 * - holidays:   every day off of a public holiday block (放假), including the weekend days inside
 *               the block and the in-lieu rest days;
 * - workdays:   make-up working days (调休上班), usually a Saturday or Sunday;
 * - inLieuDays: the ordinary weekdays inside a block that are off only because a make-up working day
 *               pays for them (调休休息日). They are a subset of `holidays`: as rest days they are
 *               non-working days like the statutory ones, and are treated the same here.
 */
export interface HolidaySource {
  holidays: Readonly<Record<IsoDate, string>>;
  workdays: Readonly<Record<IsoDate, string>>;
  inLieuDays: Readonly<Record<IsoDate, string>>;
}

/** The data of chinese-days (State Council holiday notices 2004–2026 in version 1.5.7). */
export const packageHolidaySource: HolidaySource = packageData;

interface HolidayNames {
  nameZh: string;
  nameEn: string;
}

/** 'Spring Festival,春节,4' → { nameEn: 'Spring Festival', nameZh: '春节' }. */
export function parseHolidayValue(value: string): HolidayNames {
  const [nameEn = '', nameZh = ''] = value.split(',');
  return { nameEn, nameZh: nameZh || nameEn };
}
