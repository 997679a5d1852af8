import { and, desc, eq, isNull, lt, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { notifications } from '../../db/schema/index.js';
import { Refusal } from '../../domain/refusals.js';

function toItem(row: typeof notifications.$inferSelect) {
  return {
    key: row.key,
    caseNumber: row.caseNumber,
    kind: row.kind,
    title: row.title,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

/** A staff member's inbox, newest first: reminders, overdue notices, assignments, supervision orders. */
export async function listNotifications(
  db: Database,
  recipientId: string,
  query: { unread?: 'true' | 'false' | undefined; before?: string | undefined; limit: number },
) {
  const conditions: SQL[] = [eq(notifications.recipientId, recipientId)];
  if (query.unread === 'true') conditions.push(isNull(notifications.readAt));
  if (query.before) conditions.push(lt(notifications.createdAt, new Date(query.before)));
  const rows = await db
    .select()
    .from(notifications)
    .where(and(...conditions))
    .orderBy(desc(notifications.createdAt), desc(notifications.key))
    .limit(query.limit);
  return rows.map(toItem);
}

/** Mark one of the recipient's own notices read (marking it again keeps the first time). */
export async function markNotificationRead(db: Database, recipientId: string, key: string) {
  const [row] = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.key, key), eq(notifications.recipientId, recipientId)))
    .returning();
  if (!row) throw new Refusal('not_found', { detail: 'No such notification in your inbox.' });
  return toItem(row);
}
