import { asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { caseMessages, cases, notifications, parties, users } from '../../db/schema/index.js';
import { refuse } from '../../domain/refusals.js';
import type { StaffPrincipal } from '../auth/principal.js';
import type { CitizenPrincipal } from './citizen-session.js';
import { admitPublicAction } from './public-rate-limit.js';
import { queueSms, smsTemplates } from './sms-outbox.js';

export const messageMaxLength = 1000;
export const messageLimits = { perPhoneHour: 20 };

export interface CaseMessage {
  id: string;
  authorKind: 'party' | 'staff';
  /** The member of staff's name; a party's message says 当事人. */
  authorName: string;
  body: string;
  createdAt: Date;
}

/** The thread of a case (留言), oldest first. The caller has checked that the reader may see the case. */
export async function listCaseMessages(db: Database, caseNumber: string): Promise<CaseMessage[]> {
  const rows = await db
    .select({
      id: caseMessages.id,
      authorKind: caseMessages.authorKind,
      authorName: users.displayName,
      body: caseMessages.body,
      createdAt: caseMessages.createdAt,
    })
    .from(caseMessages)
    .leftJoin(users, eq(users.id, caseMessages.authorUserId))
    .where(eq(caseMessages.caseNumber, caseNumber))
    .orderBy(asc(caseMessages.createdAt), asc(caseMessages.id))
    .limit(500);
  return rows.map((row) => ({
    ...row,
    authorName: row.authorKind === 'party' ? '当事人' : (row.authorName ?? '工作人员'),
  }));
}

/**
 * A party writes to their case's mediator (the caller has checked the case is theirs). Limited per
 * phone; the assigned mediator gets a notice in their inbox.
 */
export async function postPartyMessage(
  db: Database,
  citizen: CitizenPrincipal,
  caseNumber: string,
  body: string,
): Promise<void> {
  const retryAfterSeconds = await admitPublicAction(db, [
    { kind: 'message-phone', value: citizen.phone, limit: messageLimits.perPhoneHour, windowSeconds: 3600 },
  ]);
  if (retryAfterSeconds > 0)
    refuse('too_many_requests', {
      detail: `Too many messages; retry after ${retryAfterSeconds} s.`,
      reasonZh: `留言过于频繁，请 ${Math.ceil(retryAfterSeconds / 60)} 分钟后再试`,
    });
  await db.transaction(async (tx) => {
    const [message] = await tx
      .insert(caseMessages)
      .values({ caseNumber, authorKind: 'party', body })
      .returning({ id: caseMessages.id, createdAt: caseMessages.createdAt });
    const [row] = await tx
      .select({ assigneeId: cases.assigneeId })
      .from(cases)
      .where(eq(cases.caseNumber, caseNumber))
      .limit(1);
    if (row?.assigneeId)
      await tx.insert(notifications).values({
        key: `party-message:${message!.id}`,
        recipientId: row.assigneeId,
        caseNumber,
        kind: 'party_message',
        title: `案件 ${caseNumber} 有当事人新留言`,
        body: body.length > 60 ? `${body.slice(0, 60)}…` : body,
        createdAt: message!.createdAt,
      });
  });
}

/**
 * A member of staff answers in a case's thread (the caller has checked they may work the case). The
 * parties who have a mobile number get a text message, at most one an hour per case.
 */
export async function postStaffMessage(
  db: Database,
  principal: StaffPrincipal,
  caseNumber: string,
  body: string,
): Promise<void> {
  await db
    .insert(caseMessages)
    .values({ caseNumber, authorKind: 'staff', authorUserId: principal.userId, body });
  const phones = await db
    .selectDistinct({ phone: sql<string>`right(regexp_replace(${parties.phone}, '[^0-9]', '', 'g'), 11)` })
    .from(parties)
    .where(sql`${parties.caseNumber} = ${caseNumber} and ${parties.phone} is not null`);
  const mobiles = phones.map((row) => row.phone).filter((phone) => /^1[3-9]\d{9}$/.test(phone));
  if (mobiles.length === 0) return;
  const wait = await admitPublicAction(db, [
    { kind: 'sms-reply-case', value: caseNumber, limit: 1, windowSeconds: 3600 },
  ]);
  if (wait > 0) return;
  for (const phone of mobiles) await queueSms(db, smsTemplates.messageReply, phone, { caseNumber });
}
