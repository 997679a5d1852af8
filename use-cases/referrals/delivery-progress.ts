import { inArray, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { type deliveries, deliveryAttempts } from '../../db/schema/index.js';

type DeliveryRow = typeof deliveries.$inferSelect;

/**
 * How a report to an institution travelled, as the institution may see it: delivered, still being
 * tried and since when it fails, or left for it to pull. Never the receiver's status code or error:
 * an institution that gave a callback URL must not learn from us how some address answered (that would
 * make every API key a port scanner). Operators read those in `deliveries` and `delivery_attempts`.
 */
export interface DeliveryProgress {
  id: string;
  kind: string;
  /** delivered | pending (not tried yet) | failing (tried and not taken yet; retried) | pull */
  status: 'delivered' | 'pending' | 'failing' | 'pull';
  attempts: number;
  deliveredAt: string | null;
  /** While failing: the first attempt that failed ("failing since"). */
  firstFailedAt: string | null;
  lastAttemptAt: string | null;
}

/** The deliveries of a case with when their attempts were made, for a referral's status. */
export async function deliveryProgressOf(
  db: Database,
  rows: readonly DeliveryRow[],
): Promise<DeliveryProgress[]> {
  const ids = rows.map((row) => row.id);
  const times =
    ids.length === 0
      ? []
      : await db
          .select({
            deliveryId: deliveryAttempts.deliveryId,
            firstFailedAt: sql<
              string | null
            >`min(${deliveryAttempts.at}) filter (where ${deliveryAttempts.error} is not null)`,
            lastAttemptAt: sql<string | null>`max(${deliveryAttempts.at})`,
          })
          .from(deliveryAttempts)
          .where(inArray(deliveryAttempts.deliveryId, ids))
          .groupBy(deliveryAttempts.deliveryId);
  const byId = new Map(times.map((time) => [time.deliveryId, time]));
  return rows.map((row) => {
    const time = byId.get(row.id);
    const failedAt = time?.firstFailedAt ? new Date(time.firstFailedAt) : null;
    const status =
      row.status === 'pending' && failedAt ? 'failing' : (row.status as 'delivered' | 'pending' | 'pull');
    return {
      id: row.id,
      kind: row.kind,
      status,
      attempts: row.attempts,
      deliveredAt: row.deliveredAt?.toISOString() ?? null,
      firstFailedAt: status === 'failing' && failedAt ? failedAt.toISOString() : null,
      lastAttemptAt: time?.lastAttemptAt ? new Date(time.lastAttemptAt).toISOString() : null,
    };
  });
}
