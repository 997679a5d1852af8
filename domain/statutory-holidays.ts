import { addDays, type IsoDate } from './dates.js';
import { lunarHolidayDates } from './lunar-holiday-dates.js';

/**
 * The days off that the law itself fixes, whatever the State Council's yearly notice arranges around
 * them: 《全国年节及纪念日放假办法》 (2024 revision, in force 2025-01-01) art 2 —
 *   元旦 1 January; 春节 four days, 除夕 to 正月初三; 清明 the day of the solar term; 劳动节 1–2 May;
 *   端午 五月初五; 中秋 八月十五; 国庆节 1–3 October.
 * The yearly notice only adds the 调休 arrangement (in-lieu rest days and make-up working days) and the
 * weekend days it joins to a block; those stay unknown until the notice is published.
 */
export interface StatutoryHoliday {
  date: IsoDate;
  nameZh: string;
  nameEn: string;
}

/** The first year the 2024 revision governs; earlier years are all in the package data. */
export const statutoryHolidaysFrom = 2025;

function dateIn(year: number, monthDay: string): IsoDate {
  return `${String(year).padStart(4, '0')}-${monthDay}`;
}

/**
 * The statutory holidays of `year`, in date order. Years beyond the lunar table get the Gregorian-fixed
 * days only (元旦, 劳动节, 国庆节); years before the revision get none.
 */
export function statutoryHolidaysOf(year: number): StatutoryHoliday[] {
  if (year < statutoryHolidaysFrom) return [];
  const days: StatutoryHoliday[] = [
    { date: dateIn(year, '01-01'), nameZh: '元旦', nameEn: "New Year's Day" },
  ];
  const lunar = lunarHolidayDates[year];
  if (lunar) {
    const [springFestival, qingming, duanwu, midAutumn] = lunar;
    const firstDay = dateIn(year, springFestival);
    for (let offset = -1; offset <= 2; offset += 1) {
      days.push({ date: addDays(firstDay, offset), nameZh: '春节', nameEn: 'Spring Festival' });
    }
    days.push({ date: dateIn(year, qingming), nameZh: '清明', nameEn: 'Tomb-sweeping Day' });
    days.push({ date: dateIn(year, duanwu), nameZh: '端午', nameEn: 'Dragon Boat Festival' });
    days.push({ date: dateIn(year, midAutumn), nameZh: '中秋', nameEn: 'Mid-autumn Festival' });
  }
  for (const day of ['05-01', '05-02']) {
    days.push({ date: dateIn(year, day), nameZh: '劳动节', nameEn: 'Labour Day' });
  }
  for (const day of ['10-01', '10-02', '10-03']) {
    days.push({ date: dateIn(year, day), nameZh: '国庆节', nameEn: 'National Day' });
  }
  // 中秋 can fall on 1–3 October (2028: 3 October): one day off, named for the first holiday listed.
  const byDate = new Map<IsoDate, StatutoryHoliday>();
  for (const day of days) if (!byDate.has(day.date)) byDate.set(day.date, day);
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
}
