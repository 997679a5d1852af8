import { proxyActivities } from '@temporalio/workflow';
import type { CaseActivities } from '../activities/index.js';
import type { SessionReminderInput } from '../activities/queue-session-reminder.js';

/**
 * The day-before SMS reminder of a booked session. Started with a start delay when the party books
 * (use-cases/public/session-slots.ts bookSlot): Temporal holds the timer durably, nothing polls. When
 * it runs, the activity queues the text only if the booking still stands, so a cancelled booking's
 * reminder comes to nothing.
 */
export async function sessionReminderWorkflow(input: SessionReminderInput): Promise<number> {
  const { queueSessionReminder } = proxyActivities<CaseActivities>({ startToCloseTimeout: '30 seconds' });
  return queueSessionReminder(input);
}
