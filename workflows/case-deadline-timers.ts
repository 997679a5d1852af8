import { formatChinaInstant } from '../domain/dates.js';
import { deadlineKindLabelZh } from '../domain/deadline-kinds.js';
import type { Actor } from './case.messages.js';
import { notifyCase } from './case-notify.js';
import type { CaseEvent, CaseState, TrackedDeadline } from './case-state.js';
import { afterDeadlineOverdue, onDeadlineDue } from './docking-hooks.js';

const system: Actor = { kind: 'system', id: 'deadline-timer' };

function recipients(state: CaseState, includeSupervisors: boolean) {
  const userIds = state.assigneeId ? [state.assigneeId] : [];
  return { userIds, supervisorsOfUnit: includeSupervisors || userIds.length === 0 ? state.unitId : null };
}

/**
 * Send the reminders that have come due and mark deadlines that have passed as overdue. An overdue
 * case is still open work: the workflow notes it, tells the assignee and the unit's supervisors, and
 * keeps waiting.
 */
export async function fireDueDeadlines(state: CaseState, now: string): Promise<CaseEvent[]> {
  const nowMs = Date.parse(now);
  const caseNumber = state.registration.caseNumber;
  const events: CaseEvent[] = [];
  for (const deadline of [...state.deadlines]) {
    // A paused deadline (appraisal time 鉴定 is not counted) neither reminds nor falls due.
    if (deadline.closedAt !== null || deadline.status === 'paused') continue;
    const label = deadlineKindLabelZh(deadline.kind);
    for (const reminder of deadline.explanation.reminders) {
      const due = reminder.atEpochMilliseconds <= nowMs;
      if (!due || reminder.at <= deadline.plannedAt || deadline.remindersSent.includes(reminder.at)) continue;
      const event = state.apply('deadline_reminder', system, now, { kind: deadline.kind, reminder }, () => {
        deadline.remindersSent = [...deadline.remindersSent, reminder.at];
      });
      events.push(event);
      await notifyCase({
        key: `${caseNumber}:${event.seq}`,
        caseNumber,
        kind: 'deadline_reminder',
        recipients: recipients(state, false),
        title: `${caseNumber} ${label}即将届满`,
        body: `${label}将于${formatChinaInstant(deadline.explanation.dueAt)}届满。${deadline.explanation.summaryZh}`,
        at: now,
      });
    }
    if (deadline.status === 'open' && deadline.explanation.dueAtEpochMilliseconds <= nowMs) {
      const handled = await onDeadlineDue(state, deadline, now);
      if (handled) {
        events.push(...handled);
        continue;
      }
      const event = markOverdue(state, deadline, now);
      events.push(event);
      await notifyCase({
        key: `${caseNumber}:${event.seq}`,
        caseNumber,
        kind: 'deadline_overdue',
        recipients: recipients(state, true),
        title: `${caseNumber} ${label}已超期`,
        body: `${label}已于${formatChinaInstant(deadline.explanation.dueAt)}届满，案件仍未办结，请尽快处理。`,
        at: now,
      });
      events.push(...(await afterDeadlineOverdue(state, deadline, now)));
    }
  }
  return events;
}

function markOverdue(state: CaseState, deadline: TrackedDeadline, now: string): CaseEvent {
  return state.apply(
    'deadline_overdue',
    system,
    now,
    { kind: deadline.kind, dueAt: deadline.explanation.dueAt, dueDate: deadline.explanation.dueDate },
    () => {
      deadline.status = 'overdue';
      deadline.overdueSince = now;
    },
  );
}
