import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { onlineApplications, users } from '../../db/schema/index.js';
import { type CaseMessage, listCaseMessages } from './case-messages.js';
import { partyRatingsOf } from './rate-follow-up.js';
import { listCaseBookings, listMediatorSlots, type SessionSlot } from './session-slots.js';

/** What the staff's case page shows of the public channel. The caller has checked the case is theirs to see. */
export interface PublicChannelForStaff {
  /** The mediator the applicant chose in the 调解超市, when the case came in online. */
  preferredMediator: { id: string; name: string } | null;
  messages: CaseMessage[];
  bookings: SessionSlot[];
  /** The assignee's slots from now on (booked or free). */
  assigneeSlots: SessionSlot[];
  ratings: { average: number | null; count: number };
}

export async function readPublicChannelForStaff(
  db: Database,
  caseNumber: string,
  assigneeId: string | null,
): Promise<PublicChannelForStaff> {
  const [preference, messages, bookings, assigneeSlots, ratings] = await Promise.all([
    db
      .select({ id: users.id, name: users.displayName })
      .from(onlineApplications)
      .innerJoin(users, eq(users.id, onlineApplications.preferredMediatorId))
      .where(eq(onlineApplications.caseNumber, caseNumber))
      .limit(1),
    listCaseMessages(db, caseNumber),
    listCaseBookings(db, caseNumber),
    assigneeId ? listMediatorSlots(db, assigneeId) : Promise.resolve([]),
    partyRatingsOf(db, caseNumber),
  ]);
  return { preferredMediator: preference[0] ?? null, messages, bookings, assigneeSlots, ratings };
}
