import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { cases, notifications, sessionSlots, slotBookings, users } from '../../db/schema/index.js';
import { Refusal, refuse } from '../../domain/refusals.js';
import { type Room, roomLabelsZh, sessionReminderLeadMs, sessionTimeZh } from '../../domain/session-rooms.js';
import {
  type SessionReminderInput,
  sessionReminderWorkflowId,
} from '../../workflows/session-reminder.messages.js';
import type { sessionReminderWorkflow } from '../../workflows/session-reminder.workflow.js';
import type { StaffPrincipal } from '../auth/principal.js';
import type { CitizenPrincipal } from './citizen-session.js';
import { exclusionViolation, postgresCodeOf, uniqueViolation } from './database-errors.js';

export { type Room, roomLabelsZh, rooms } from '../../domain/session-rooms.js';

export interface SessionSlot {
  id: string;
  mediatorId: string;
  room: Room;
  startsAt: Date;
  endsAt: Date;
  /** The case that booked it, if any. */
  bookedBy: string | null;
  /** Set once the booking became a session record (已举行): the seq of its session_recorded event. */
  heldSessionSeq: number | null;
}

/**
 * A mediator offers a time for sessions (可预约时段); a clerk, supervisor or admin may publish for them.
 * Overlapping slots of the mediator, or of a room of their unit, are refused by the database's
 * exclusion constraints (no check-then-insert).
 */
export async function publishSlot(
  db: Database,
  principal: StaffPrincipal,
  input: { mediatorId: string; room: Room; startsAt: Date; endsAt: Date },
): Promise<string> {
  if (principal.role === 'mediator' && principal.userId !== input.mediatorId)
    refuse('forbidden', { detail: 'A mediator publishes only their own slots.' });
  if (input.endsAt <= input.startsAt || input.startsAt.getTime() < Date.now())
    refuse('validation_failed', {
      detail: 'startsAt: must be in the future and before endsAt',
      errors: [{ field: 'startsAt', reason: 'must be in the future and before endsAt' }],
      reasonZh: '时段须在将来，且结束时间晚于开始时间',
    });
  const [mediator] = await db
    .select({ unitId: users.unitId })
    .from(users)
    .where(and(eq(users.id, input.mediatorId), eq(users.role, 'mediator'), eq(users.active, true)))
    .limit(1);
  if (!mediator) refuse('not_found', { detail: 'No active mediator has this id.' });
  try {
    const [slot] = await db
      .insert(sessionSlots)
      .values({ ...input, unitId: mediator.unitId, publishedBy: principal.userId })
      .returning({ id: sessionSlots.id });
    return slot!.id;
  } catch (error) {
    if (postgresCodeOf(error) === exclusionViolation)
      throw new Refusal('slot_overlaps', { detail: 'The slot overlaps one of the mediator or the room.' });
    throw error;
  }
}

/** The mediator's slots from now on, booked or not. */
export async function listMediatorSlots(db: Database, mediatorId: string): Promise<SessionSlot[]> {
  const rows = await db
    .select({
      id: sessionSlots.id,
      mediatorId: sessionSlots.mediatorId,
      room: sessionSlots.room,
      startsAt: sessionSlots.startsAt,
      endsAt: sessionSlots.endsAt,
      bookedBy: slotBookings.caseNumber,
      heldSessionSeq: slotBookings.heldSessionSeq,
    })
    .from(sessionSlots)
    .leftJoin(slotBookings, eq(slotBookings.slotId, sessionSlots.id))
    .where(and(eq(sessionSlots.mediatorId, mediatorId), gt(sessionSlots.endsAt, new Date())))
    .orderBy(asc(sessionSlots.startsAt))
    .limit(200);
  return rows;
}

/** The mediator's booked sessions from now on (the workbench shows them), soonest first. */
export async function listMediatorBookings(db: Database, mediatorId: string): Promise<SessionSlot[]> {
  return (await listMediatorSlots(db, mediatorId)).filter((slot) => slot.bookedBy !== null);
}

/** Free slots of the case's mediator, for its party to pick from. */
export async function listBookableSlots(db: Database, mediatorId: string): Promise<SessionSlot[]> {
  const rows = await db
    .select({
      id: sessionSlots.id,
      mediatorId: sessionSlots.mediatorId,
      room: sessionSlots.room,
      startsAt: sessionSlots.startsAt,
      endsAt: sessionSlots.endsAt,
      bookedBy: slotBookings.caseNumber,
      heldSessionSeq: slotBookings.heldSessionSeq,
    })
    .from(sessionSlots)
    .leftJoin(slotBookings, eq(slotBookings.slotId, sessionSlots.id))
    .where(
      and(
        eq(sessionSlots.mediatorId, mediatorId),
        gt(sessionSlots.startsAt, new Date()),
        isNull(slotBookings.slotId),
      ),
    )
    .orderBy(asc(sessionSlots.startsAt))
    .limit(50);
  return rows;
}

/** The sessions booked for a case, soonest first. */
export async function listCaseBookings(db: Database, caseNumber: string): Promise<SessionSlot[]> {
  return db
    .select({
      id: sessionSlots.id,
      mediatorId: sessionSlots.mediatorId,
      room: sessionSlots.room,
      startsAt: sessionSlots.startsAt,
      endsAt: sessionSlots.endsAt,
      bookedBy: slotBookings.caseNumber,
      heldSessionSeq: slotBookings.heldSessionSeq,
    })
    .from(slotBookings)
    .innerJoin(sessionSlots, eq(sessionSlots.id, slotBookings.slotId))
    .where(eq(slotBookings.caseNumber, caseNumber))
    .orderBy(asc(sessionSlots.startsAt));
}

/**
 * A party books a slot of their case's mediator (the caller has checked the case is theirs). The slot
 * is the primary key of the booking, so of any number of parties racing for it exactly one insert
 * succeeds; the others are told it is taken. Booking the same slot again for the same case is a no-op.
 */
export async function bookSlot(
  db: Database,
  _citizen: CitizenPrincipal,
  caseNumber: string,
  slotId: string,
  reminders: ReminderScheduling,
): Promise<void> {
  const slot = await offeredSlotOf(db, caseNumber, slotId);
  let bookedAt: Date;
  try {
    const [booked] = await db
      .insert(slotBookings)
      .values({ slotId, caseNumber })
      .returning({ bookedAt: slotBookings.bookedAt });
    bookedAt = booked!.bookedAt;
  } catch (error) {
    if (postgresCodeOf(error) !== uniqueViolation) throw error;
    const [holder] = await db
      .select({ caseNumber: slotBookings.caseNumber, bookedAt: slotBookings.bookedAt })
      .from(slotBookings)
      .where(eq(slotBookings.slotId, slotId))
      .limit(1);
    if (holder?.caseNumber !== caseNumber)
      throw new Refusal('slot_taken', { detail: 'Another party booked this slot first.' });
    // Booked already (a retried submit): its reminder is scheduled again, which changes nothing.
    bookedAt = holder.bookedAt;
  }
  await announceBooking(db, reminders, { slotId, caseNumber, bookedAt, slot });
}

/** A slot of the case's mediator, still ahead, while the case is being mediated; else slot_unavailable. */
export async function offeredSlotOf(db: Database, caseNumber: string, slotId: string) {
  const [slot] = await db
    .select({
      startsAt: sessionSlots.startsAt,
      room: sessionSlots.room,
      mediatorId: sessionSlots.mediatorId,
      stage: cases.stage,
    })
    .from(sessionSlots)
    .innerJoin(cases, eq(cases.assigneeId, sessionSlots.mediatorId))
    .where(and(eq(sessionSlots.id, slotId), eq(cases.caseNumber, caseNumber)))
    .limit(1);
  if (!slot || slot.startsAt.getTime() <= Date.now() || (slot.stage !== 'divert' && slot.stage !== 'resolve'))
    refuse('slot_unavailable', {
      detail: 'The slot is past, or not of the case’s mediator, or the case is not being mediated.',
    });
  return slot;
}

/**
 * What follows a booking: the mediator's inbox hears of it (once per booking, however often the party
 * submits) and its day-before reminder is scheduled (once per booking).
 */
export async function announceBooking(
  db: Database,
  reminders: ReminderScheduling,
  booking: {
    slotId: string;
    caseNumber: string;
    bookedAt: Date;
    slot: { startsAt: Date; room: Room; mediatorId: string };
    movedFrom?: Date;
  },
): Promise<void> {
  const { slotId, caseNumber, bookedAt, slot } = booking;
  const when = `${sessionTimeZh(slot.startsAt)} ${roomLabelsZh[slot.room]}`;
  await db
    .insert(notifications)
    .values({
      key: `session-booked:${slotId}:${bookedAt.getTime()}`,
      recipientId: slot.mediatorId,
      caseNumber,
      kind: 'session_booked',
      title: booking.movedFrom
        ? `案件 ${caseNumber} 的当事人改约了调解`
        : `案件 ${caseNumber} 的当事人预约了调解`,
      body: booking.movedFrom ? `由 ${sessionTimeZh(booking.movedFrom)} 改为 ${when}` : when,
      createdAt: bookedAt,
    })
    .onConflictDoNothing();
  await scheduleSessionReminder(
    reminders,
    { slotId, caseNumber, bookedAt: bookedAt.toISOString() },
    slot.startsAt,
  );
}

/** Where the day-before reminders are scheduled: the Temporal client and the case task queue. */
export interface ReminderScheduling {
  temporal: Client;
  taskQueue: string;
}

/**
 * The day-before SMS reminder of a booking, as a workflow that starts a day before the session
 * (Temporal's start delay: a durable timer, nothing polls); a booking made less than a day ahead is
 * reminded at once. One workflow per booking: scheduling it again changes nothing.
 */
async function scheduleSessionReminder(
  { temporal, taskQueue }: ReminderScheduling,
  input: SessionReminderInput,
  startsAt: Date,
): Promise<void> {
  const delayMs = startsAt.getTime() - sessionReminderLeadMs - Date.now();
  try {
    await temporal.workflow.start<typeof sessionReminderWorkflow>('sessionReminderWorkflow', {
      workflowId: sessionReminderWorkflowId(input),
      taskQueue,
      args: [input],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      ...(delayMs > 0 ? { startDelay: delayMs } : {}),
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}
