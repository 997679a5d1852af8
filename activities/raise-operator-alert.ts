import { Context } from '@temporalio/activity';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { notifications, operatorAlerts, users } from '../db/schema/index.js';

export interface OperatorAlert {
  /** Unique per occurrence: a retried activity raises it once. */
  key: string;
  kind: string;
  caseNumber: string | null;
  /** What failed, without personal data. */
  detail: string;
  titleZh: string;
  bodyZh: string;
}

/**
 * Tell the operators: an error line in the worker's log (every time, so a retrying failure stays
 * visible), one alert row, and one notice in every active admin's inbox. The notice names the case in
 * its text only, since the case row may be the very thing that could not be written.
 */
export async function raiseOperatorAlert(db: Database, alert: OperatorAlert): Promise<void> {
  logError(alert);
  const now = new Date();
  await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(operatorAlerts)
      .values({ key: alert.key, kind: alert.kind, caseNumber: alert.caseNumber, detail: alert.detail })
      .onConflictDoNothing()
      .returning({ key: operatorAlerts.key });
    if (inserted.length === 0) return;
    const admins = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, 'admin'), eq(users.active, true)));
    if (admins.length === 0) return;
    await tx
      .insert(notifications)
      .values(
        admins.map((admin) => ({
          key: `alert:${alert.key}:${admin.id}`,
          recipientId: admin.id,
          caseNumber: null,
          kind: 'operator_alert',
          title: alert.titleZh,
          body: alert.bodyZh,
          createdAt: now,
        })),
      )
      .onConflictDoNothing();
  });
}

function logError(alert: OperatorAlert): void {
  const fields = { alert: alert.kind, key: alert.key, caseNumber: alert.caseNumber, detail: alert.detail };
  try {
    Context.current().log.error('operator alert', fields);
  } catch {
    // Not inside an activity (a direct call): the console is the log.
    console.error('operator alert', fields);
  }
}
