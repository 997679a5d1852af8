import { chinaDateOf, daysBetween } from '../../domain/dates.js';
import { fixedDeadlineKinds } from '../../domain/deadline-kinds.js';

/**
 * The kinds a supervisor filters by; `instalment` matches every `instalment-N`, `hand_off` every
 * partner body's deadline (`hand_off-N`, 联动).
 */
export const deadlineKindFilters = [...fixedDeadlineKinds, 'instalment', 'hand_off'] as const;
const families = new Set(['instalment', 'hand_off']);

/** What a family of kinds is called on the filter. */
export const deadlineFamilyLabelsZh: Record<string, string> = {
  instalment: '分期履行期限',
  hand_off: '联动单位办理期限',
};

/**
 * How a kind filter matches: a whole kind exactly, or a family prefix (`instalment` → `instalment-%`).
 * A prefix is matched with LIKE on a C-collated text column, so the value is escaped for LIKE.
 */
export function kindCondition(filter: string): { exact: string } | { prefix: string } {
  if (families.has(filter) || filter.endsWith('-')) {
    const stem = filter.endsWith('-') ? filter : `${filter}-`;
    return { prefix: `${stem.replace(/[\\%_]/g, (c) => `\\${c}`)}%` };
  }
  return { exact: filter };
}

/**
 * How late a deadline is, for people: 超期3天 (calendar days in China time after the due date),
 * 超期5小时 on the due day itself, 今日到期 or 剩余2天 before it is due.
 */
export function describeLateness(dueAt: Date, now: Date): { lateSeconds: number; lateZh: string } {
  const lateMilliseconds = now.getTime() - dueAt.getTime();
  const lateSeconds = Math.trunc(lateMilliseconds / 1000);
  const days = daysBetween(chinaDateOf(dueAt.getTime()), chinaDateOf(now.getTime()));
  if (lateMilliseconds > 0) {
    if (days >= 1) return { lateSeconds, lateZh: `超期${days}天` };
    const hours = Math.floor(lateMilliseconds / 3_600_000);
    if (hours >= 1) return { lateSeconds, lateZh: `超期${hours}小时` };
    return { lateSeconds, lateZh: `超期${Math.max(1, Math.floor(lateMilliseconds / 60_000))}分钟` };
  }
  if (days === 0) return { lateSeconds, lateZh: '今日到期' };
  return { lateSeconds, lateZh: `剩余${-days}天` };
}

/**
 * Share of a deadline's period already used at `now`: 0 at the start event, 1 at the due instant.
 * Null for a degenerate period (due at or before its start).
 */
export function elapsedFraction(startedAt: Date, dueAt: Date, now: Date): number | null {
  const period = dueAt.getTime() - startedAt.getTime();
  if (period <= 0) return null;
  return Math.round(((now.getTime() - startedAt.getTime()) / period) * 1000) / 1000;
}
