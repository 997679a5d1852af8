import { chinaDateOf, yearOf } from '../domain/dates.js';
import type { Actor, DeadlineKind } from './case.messages.js';
import { planDeadline, planDeadlineDurably } from './case-activities.js';
import type { CaseEvent, CaseState, TrackedDeadline } from './case-state.js';

const system: Actor = { kind: 'system', id: 'deadline-timer' };

/** Plan (or re-plan) a deadline from its policy, start event, extensions and the calendar. */
export async function startDeadline(
  state: CaseState,
  kind: DeadlineKind,
  request: Parameters<typeof planDeadline>[0],
  now: string,
  /** Nobody waits on this (a start, a Signal, a timer): retry until PostgreSQL answers. */
  durable = false,
): Promise<void> {
  const planned = await (durable ? planDeadlineDurably : planDeadline)(request);
  state.setDeadline(kind, planned.policy, planned.explanation, now);
}

/** Whether a calendar change for `years` may move this deadline. */
function movedByCalendar(deadline: TrackedDeadline, years: number[], corrected: boolean): boolean {
  const { unconfirmedYears, startEvent, dueDate } = deadline.explanation;
  if (unconfirmedYears.some((year) => years.includes(year))) return true;
  // A correction of a confirmed year moves every deadline whose period runs through it.
  return corrected && years.some((year) => yearOf(startEvent.date) <= year && year <= yearOf(dueDate));
}

/**
 * Deadlines computed on weekends alone for a year an admin has now loaded are computed again, and,
 * when the admin corrected a year already confirmed, every running deadline through that year; each
 * change is an event like any other.
 */
export async function replanForCalendar(
  state: CaseState,
  change: { years: number[]; corrected: boolean },
  now: string,
): Promise<CaseEvent[]> {
  const { years, corrected } = change;
  const events: CaseEvent[] = [];
  for (const deadline of state.deadlines) {
    const touched = movedByCalendar(deadline, years, corrected);
    if (deadline.closedAt !== null || !touched) continue;
    const before = deadline.explanation.dueDate;
    await startDeadline(
      state,
      deadline.kind,
      {
        policyKey: deadline.policy.key,
        pinnedPolicy: deadline.policy,
        policyDate: chinaDateOf(deadline.explanation.startEvent.at),
        startEvent: { kind: deadline.explanation.startEvent.kind, at: deadline.explanation.startEvent.at },
        extensionDays:
          deadline.kind === 'stage' || deadline.kind === 'court_period' ? state.grantedExtensionDays() : 0,
        ...(deadline.kind === 'court_period' && state.court
          ? {
              pauses: state.court.appraisals.map((appraisal) => ({
                from: appraisal.from,
                to: appraisal.to ?? chinaDateOf(now),
              })),
            }
          : {}),
      },
      now,
      true,
    );
    const after = state.deadline(deadline.kind)!.explanation.dueDate;
    events.push(
      state.apply('deadline_recomputed', system, now, {
        kind: deadline.kind,
        before,
        after,
        years,
        ...(corrected ? { corrected: true as const } : {}),
      }),
    );
  }
  return events;
}
