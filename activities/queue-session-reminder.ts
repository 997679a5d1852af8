import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { parties, sessionSlots, slotBookings, smsOutbox } from '../db/schema/index.js';
import { roomLabelsZh, sessionReminderTemplate, sessionTimeZh } from '../domain/session-rooms.js';

export interface SessionReminderInput {
  slotId: string;
  caseNumber: string;
  /** When the booking was made (ISO): a booking cancelled and made again is another booking. */
  bookedAt: string;
}

/**
 * The day-before reminder of a booked session, queued in the SMS outbox for every party of the case
 * with a mobile number, if the booking still stands (a cancelled booking gets none) and the session is
 * still ahead. A retried call queues nothing twice (one message per booking and phone).
 */
export async function queueSessionReminder(db: Database, input: SessionReminderInput): Promise<number> {
  const [booking] = await db
    .select({ startsAt: sessionSlots.startsAt, room: sessionSlots.room })
    .from(slotBookings)
    .innerJoin(sessionSlots, eq(sessionSlots.id, slotBookings.slotId))
    .where(
      and(
        eq(slotBookings.slotId, input.slotId),
        eq(slotBookings.caseNumber, input.caseNumber),
        // The booking's time to the millisecond, as JavaScript read it (PostgreSQL keeps microseconds).
        sql`date_trunc('milliseconds', ${slotBookings.bookedAt}) = ${input.bookedAt}::timestamptz`,
      ),
    )
    .limit(1);
  if (!booking || booking.startsAt.getTime() <= Date.now()) return 0;
  const phones = await db
    .selectDistinct({ phone: sql<string>`right(regexp_replace(${parties.phone}, '[^0-9]', '', 'g'), 11)` })
    .from(parties)
    .where(sql`${parties.caseNumber} = ${input.caseNumber} and ${parties.phone} is not null`);
  const params = {
    caseNumber: input.caseNumber,
    time: sessionTimeZh(booking.startsAt),
    room: roomLabelsZh[booking.room],
  };
  const rows = phones
    .filter(({ phone }) => /^1[3-9]\d{9}$/.test(phone))
    .map(({ phone }) => ({
      templateId: sessionReminderTemplate,
      phone,
      params,
      dedupeKey: `session-reminder:${input.slotId}:${new Date(input.bookedAt).getTime()}`,
    }));
  if (rows.length === 0) return 0;
  const queued = await db
    .insert(smsOutbox)
    .values(rows)
    .onConflictDoNothing({
      target: [smsOutbox.dedupeKey, smsOutbox.phone],
      where: sql`${smsOutbox.dedupeKey} is not null`,
    })
    .returning({ id: smsOutbox.id });
  return queued.length;
}
