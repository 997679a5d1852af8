import type { SessionReminderInput } from '../activities/queue-session-reminder.js';

export type { SessionReminderInput };

/** The workflow id of a booking's reminder: one per booking (slot and the moment it was booked). */
export function sessionReminderWorkflowId(input: SessionReminderInput): string {
  return `session-reminder-${input.slotId}-${new Date(input.bookedAt).getTime()}`;
}
