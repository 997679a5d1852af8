import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { bookingCancellations, sessionSlots, slotBookings } from '../../db/schema/index.js';
import { Refusal, refuse } from '../../domain/refusals.js';
import { partyBookingChangeCutoffMs } from '../../domain/session-rooms.js';
import type { CitizenPrincipal } from './citizen-session.js';
import { postgresCodeOf, uniqueViolation } from './database-errors.js';
import { announceBooking, offeredSlotOf, type ReminderScheduling } from './session-slots.js';

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/** What the party's own cancellation or move records as the reason (the party's page shows it). */
export const partyCancelReasonZh = '当事人取消';
export const partyMoveReasonZh = '当事人改约';

/**
 * The case's booking of the slot, locked for the change: refused when it was held, or when it starts
 * within the cut-off (centre policy, domain/session-rooms.ts). Undefined when there is none.
 */
async function lockChangeableBooking(tx: Transaction, caseNumber: string, slotId: string) {
  const [booking] = await tx
    .select({
      bookedAt: slotBookings.bookedAt,
      heldSessionSeq: slotBookings.heldSessionSeq,
      startsAt: sessionSlots.startsAt,
    })
    .from(slotBookings)
    .innerJoin(sessionSlots, eq(sessionSlots.id, slotBookings.slotId))
    .where(and(eq(slotBookings.slotId, slotId), eq(slotBookings.caseNumber, caseNumber)))
    .for('update', { of: slotBookings })
    .limit(1);
  if (!booking) return undefined;
  if (booking.heldSessionSeq !== null)
    refuse('booking_held', { detail: 'The booked session was held and recorded.' });
  if (booking.startsAt.getTime() - Date.now() < partyBookingChangeCutoffMs)
    refuse('booking_change_closed', {
      detail: 'A party changes a booking online only until 24 hours before it (centre policy).',
    });
  return booking;
}

/** The party's latest cancellation of the case's booking of this slot, if any. */
async function latestPartyCancellation(db: Database | Transaction, caseNumber: string, slotId: string) {
  const [row] = await db
    .select({ movedToSlotId: bookingCancellations.movedToSlotId })
    .from(bookingCancellations)
    .where(
      and(
        eq(bookingCancellations.slotId, slotId),
        eq(bookingCancellations.caseNumber, caseNumber),
        eq(bookingCancellations.cancelledByKind, 'party'),
      ),
    )
    .orderBy(desc(bookingCancellations.cancelledAt))
    .limit(1);
  return row;
}

/**
 * The party cancels their booking (取消预约) until the cut-off; the slot is free again and its
 * reminder sends nothing. A retried submit of a cancellation already made changes nothing.
 */
export async function partyCancelBooking(
  db: Database,
  _citizen: CitizenPrincipal,
  caseNumber: string,
  slotId: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const booking = await lockChangeableBooking(tx, caseNumber, slotId);
    if (!booking) {
      const earlier = await latestPartyCancellation(tx, caseNumber, slotId);
      if (earlier && earlier.movedToSlotId === null) return;
      refuse('booking_not_found', { detail: 'The case has no booking of this slot.' });
    }
    await tx.delete(slotBookings).where(eq(slotBookings.slotId, slotId));
    await tx.insert(bookingCancellations).values({
      slotId,
      caseNumber,
      reason: partyCancelReasonZh,
      bookedAt: booking.bookedAt,
      cancelledByKind: 'party',
    });
  });
}

/**
 * The party moves their booking to another slot offered for the case (改约), in one transaction: the
 * new slot is taken and the old one freed together. When another party takes the new slot first, the
 * insert fails on the slot's primary key, the transaction rolls back and the original booking stands
 * (slot_taken). A retried move that already happened changes nothing.
 */
export async function moveBooking(
  db: Database,
  _citizen: CitizenPrincipal,
  input: { caseNumber: string; fromSlotId: string; toSlotId: string },
  reminders: ReminderScheduling,
): Promise<void> {
  const { caseNumber, fromSlotId, toSlotId } = input;
  if (fromSlotId === toSlotId)
    refuse('validation_failed', {
      detail: 'toSlotId: is the slot already booked',
      errors: [{ field: 'toSlotId', reason: 'is the slot already booked' }],
      reasonZh: '请选择另一个时段',
    });
  const target = await offeredSlotOf(db, caseNumber, toSlotId);
  let moved: { bookedAt: Date; movedFrom: Date };
  try {
    moved = await db
      .transaction(async (tx) => {
        const booking = await lockChangeableBooking(tx, caseNumber, fromSlotId);
        if (!booking) return undefined;
        const [booked] = await tx
          .insert(slotBookings)
          .values({ slotId: toSlotId, caseNumber })
          .returning({ bookedAt: slotBookings.bookedAt });
        await tx.delete(slotBookings).where(eq(slotBookings.slotId, fromSlotId));
        await tx.insert(bookingCancellations).values({
          slotId: fromSlotId,
          caseNumber,
          reason: partyMoveReasonZh,
          bookedAt: booking.bookedAt,
          cancelledByKind: 'party',
          movedToSlotId: toSlotId,
        });
        return { bookedAt: booked!.bookedAt, movedFrom: booking.startsAt };
      })
      .then(async (done) => done ?? (await repeatedMove(db, input)));
  } catch (error) {
    if (postgresCodeOf(error) === uniqueViolation)
      throw new Refusal('slot_taken', { detail: 'Another party booked the slot first; the booking stands.' });
    throw error;
  }
  await announceBooking(db, reminders, {
    slotId: toSlotId,
    caseNumber,
    bookedAt: moved.bookedAt,
    slot: target,
    movedFrom: moved.movedFrom,
  });
}

/** The old booking is gone: if it was moved to this very slot and the case holds it, the move was done. */
async function repeatedMove(
  db: Database,
  input: { caseNumber: string; fromSlotId: string; toSlotId: string },
): Promise<{ bookedAt: Date; movedFrom: Date }> {
  const earlier = await latestPartyCancellation(db, input.caseNumber, input.fromSlotId);
  const [holder] = await db
    .select({ caseNumber: slotBookings.caseNumber, bookedAt: slotBookings.bookedAt })
    .from(slotBookings)
    .where(eq(slotBookings.slotId, input.toSlotId))
    .limit(1);
  const [from] = await db
    .select({ startsAt: sessionSlots.startsAt })
    .from(sessionSlots)
    .where(eq(sessionSlots.id, input.fromSlotId))
    .limit(1);
  if (earlier?.movedToSlotId === input.toSlotId && holder?.caseNumber === input.caseNumber && from)
    return { bookedAt: holder.bookedAt, movedFrom: from.startsAt };
  refuse('booking_not_found', { detail: 'The case has no booking of this slot.' });
}
