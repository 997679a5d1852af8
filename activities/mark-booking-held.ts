import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/**
 * How long before a booked slot a recorded session still counts as that booking: parties come early,
 * and a mediator may start a little before the hour. Until the slot ends it counts too.
 */
const earlyStartMinutes = 60;

/**
 * A booking becomes the session record when held (已举行): the session the mediator records for the
 * case is linked to the case's booking whose slot it falls in (from an hour before the start to the
 * end), the nearest start first. Done in the projection, outside the workflow, because the session
 * record already carries its time. Idempotent: a replayed projection finds the session linked already;
 * a booking is linked to one session only, and a session to one booking.
 */
export async function markBookingHeld(
  tx: Transaction,
  input: { caseNumber: string; seq: number; heldAt: Date },
): Promise<void> {
  const heldAt = input.heldAt.toISOString();
  await tx.execute(sql`
    update slot_bookings b set held_session_seq = ${input.seq}
     where b.slot_id = (
             select s.id from slot_bookings sb join session_slots s on s.id = sb.slot_id
              where sb.case_number = ${input.caseNumber} and sb.held_session_seq is null
                and ${heldAt}::timestamptz >= s.starts_at - make_interval(mins => ${earlyStartMinutes})
                and ${heldAt}::timestamptz < s.ends_at
              order by abs(extract(epoch from (s.starts_at - ${heldAt}::timestamptz)))
              limit 1)
       and not exists (
             select 1 from slot_bookings linked
              where linked.case_number = ${input.caseNumber} and linked.held_session_seq = ${input.seq})`);
}
