import { createHash } from 'node:crypto';
import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { loginFailures } from '../../db/schema/index.js';

/** Second half of the advisory lock key's namespace, apart from the staff login limit's. */
const lockNamespace = 0x505542; // "PUB"

/** One counted limit: at most `limit` actions per sliding `windowSeconds` under `key`. */
export interface PublicLimit {
  /** What is counted and whose: e.g. `sms-phone` and the phone number (stored only as a SHA-256). */
  kind: string;
  value: string;
  limit: number;
  windowSeconds: number;
}

const storedKey = (limit: PublicLimit) =>
  `public-${limit.kind}:${createHash('sha256').update(limit.value).digest('base64url')}`;

/**
 * Count an action of the public channel (a code sent, an application, a message) against its limits,
 * in PostgreSQL like the staff login limit (use-cases/auth/database-login-throttle.ts) and in the same
 * table, so every API copy shares the counts and its sweep clears them (windows of at most an hour).
 * Under a transaction-scoped advisory lock per key, parallel requests are counted one after another.
 * Answers 0 when admitted (and counted), else the seconds until the next action may pass (not counted).
 */
export async function admitPublicAction(
  db: Database,
  limits: readonly PublicLimit[],
  now = Date.now(),
): Promise<number> {
  const counted = limits.map((limit) => ({ limit, name: storedKey(limit) }));
  return db.transaction(async (tx) => {
    for (const name of [...new Set(counted.map((entry) => entry.name))].sort())
      await tx.execute(sql`select pg_advisory_xact_lock(${lockNamespace}::integer, hashtext(${name}))`);
    let waitMs = 0;
    for (const { limit, name } of counted) {
      const cutoff = new Date(now - limit.windowSeconds * 1000);
      await tx
        .delete(loginFailures)
        .where(and(eq(loginFailures.key, name), lte(loginFailures.failedAt, cutoff)));
      const times = await tx
        .select({ at: loginFailures.failedAt })
        .from(loginFailures)
        .where(and(eq(loginFailures.key, name), gt(loginFailures.failedAt, cutoff)))
        .orderBy(asc(loginFailures.failedAt));
      if (times.length >= limit.limit) {
        const oldestCounting = times[times.length - limit.limit]!.at.getTime();
        waitMs = Math.max(waitMs, oldestCounting + limit.windowSeconds * 1000 - now);
      }
    }
    if (waitMs > 0) return Math.max(1, Math.ceil(waitMs / 1000));
    await tx
      .insert(loginFailures)
      .values(counted.map(({ name }) => ({ key: name, failedAt: new Date(now) })));
    return 0;
  });
}
