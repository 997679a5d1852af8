import { and, desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { bookingCancellations, parties, sessionSlots, slotBookings } from '../../db/schema/index.js';
import { refuse } from '../../domain/refusals.js';
import { sessionTimeZh } from '../../domain/session-rooms.js';
import type { StaffPrincipal } from '../auth/principal.js';
import { type Room, roomLabelsZh } from './session-slots.js';
import { queueSms, smsTemplates } from './sms-outbox.js';

export interface CancelledBooking {
  startsAt: Date;
  endsAt: Date;
  room: Room;
  reason: string;
  cancelledAt: Date;
  /** The party moved it to another slot (改约) rather than cancelling it. */
  moved: boolean;
}

/** A case's cancelled bookings, newest first, with the reason the party reads. */
export async function listCaseCancellations(db: Database, caseNumber: string): Promise<CancelledBooking[]> {
  return db
    .select({
      startsAt: sessionSlots.startsAt,
      endsAt: sessionSlots.endsAt,
      room: sessionSlots.room,
      reason: bookingCancellations.reason,
      cancelledAt: bookingCancellations.cancelledAt,
      moved: sql<boolean>`${bookingCancellations.movedToSlotId} is not null`,
    })
    .from(bookingCancellations)
    .innerJoin(sessionSlots, eq(sessionSlots.id, bookingCancellations.slotId))
    .where(eq(bookingCancellations.caseNumber, caseNumber))
    .orderBy(desc(bookingCancellations.cancelledAt))
    .limit(50);
}

/**
 * Staff cancel a party's booking with a reason the party sees (取消预约); the slot is free again, and
 * the parties with a mobile number get a text. The caller has checked the user may work the case; a
 * mediator cancels only bookings of their own slots. Sent again, a cancellation already made changes
 * nothing (no second text); a booking already held is not cancelled.
 */
export async function cancelBooking(
  db: Database,
  principal: StaffPrincipal,
  input: { caseNumber: string; slotId: string; reason: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [booking] = await tx
      .select({
        bookedAt: slotBookings.bookedAt,
        heldSessionSeq: slotBookings.heldSessionSeq,
        mediatorId: sessionSlots.mediatorId,
        startsAt: sessionSlots.startsAt,
        room: sessionSlots.room,
      })
      .from(slotBookings)
      .innerJoin(sessionSlots, eq(sessionSlots.id, slotBookings.slotId))
      .where(and(eq(slotBookings.slotId, input.slotId), eq(slotBookings.caseNumber, input.caseNumber)))
      .for('update', { of: slotBookings })
      .limit(1);
    if (!booking) {
      // A retried cancel (the page sent twice, a reload) finds it cancelled by staff already: done.
      const [earlier] = await tx
        .select({ kind: bookingCancellations.cancelledByKind })
        .from(bookingCancellations)
        .where(
          and(
            eq(bookingCancellations.slotId, input.slotId),
            eq(bookingCancellations.caseNumber, input.caseNumber),
          ),
        )
        .orderBy(desc(bookingCancellations.cancelledAt))
        .limit(1);
      if (earlier?.kind === 'staff') return;
      refuse('not_found', { detail: 'The case has no booking of this slot.' });
    }
    if (booking.heldSessionSeq !== null)
      refuse('booking_held', { detail: 'The booked session was held and recorded.' });
    if (principal.role === 'mediator' && booking.mediatorId !== principal.userId)
      refuse('forbidden', { detail: 'A mediator cancels only bookings of their own slots.' });
    await tx.delete(slotBookings).where(eq(slotBookings.slotId, input.slotId));
    await tx.insert(bookingCancellations).values({
      slotId: input.slotId,
      caseNumber: input.caseNumber,
      reason: input.reason,
      bookedAt: booking.bookedAt,
      cancelledByKind: 'staff',
      cancelledBy: principal.userId,
    });
    const phones = await tx
      .selectDistinct({ phone: sql<string>`right(regexp_replace(${parties.phone}, '[^0-9]', '', 'g'), 11)` })
      .from(parties)
      .where(sql`${parties.caseNumber} = ${input.caseNumber} and ${parties.phone} is not null`);
    const when = sessionTimeZh(booking.startsAt);
    for (const { phone } of phones)
      if (/^1[3-9]\d{9}$/.test(phone))
        await queueSms(tx, smsTemplates.bookingCancelled, phone, {
          caseNumber: input.caseNumber,
          time: `${when} ${roomLabelsZh[booking.room]}`,
        });
  });
}
