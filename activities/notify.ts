import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { unitAndAncestors } from '../db/queries/unit-ancestors.js';
import { notifications, users } from '../db/schema/index.js';

export interface NotifyInput {
  /** Unique per case event; with the recipient it makes the inbox row idempotent. */
  key: string;
  caseNumber: string;
  kind: string;
  /**
   * `supervisorsOfUnit`: the supervisors of that unit and of every unit above it (a station's case
   * reaches the centre's supervisors too), as everyone whose supervision scope holds the case.
   */
  recipients: { userIds: string[]; supervisorsOfUnit: string | null };
  title: string;
  body: string;
  at: string;
}

interface NotifyResult {
  recipients: number;
  /** A notification webhook is configured: the workflow also sends the notice there. */
  webhook: boolean;
}

/** Put a notice in each recipient's inbox; a retried activity adds nothing twice. */
export async function notify(db: Database, input: NotifyInput, webhook = false): Promise<NotifyResult> {
  const recipients = new Set(input.recipients.userIds);
  if (input.recipients.supervisorsOfUnit) {
    const supervisors = await db
      .select({ id: users.id })
      .from(users)
      .where(
        and(
          inArray(users.unitId, await unitAndAncestors(db, input.recipients.supervisorsOfUnit)),
          eq(users.role, 'supervisor'),
          eq(users.active, true),
        ),
      );
    for (const supervisor of supervisors) recipients.add(supervisor.id);
  }
  if (recipients.size === 0) return { recipients: 0, webhook };
  const rows = [...recipients].map((recipientId) => ({
    key: `${input.key}:${recipientId}`,
    recipientId,
    caseNumber: input.caseNumber,
    kind: input.kind,
    title: input.title,
    body: input.body,
    createdAt: new Date(input.at),
  }));
  await db.insert(notifications).values(rows).onConflictDoNothing();
  return { recipients: rows.length, webhook };
}
