import { createHash } from 'node:crypto';
import { and, desc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { loginFailures } from '../../db/schema/index.js';
import {
  defaultLoginLimits,
  type LoginThrottle,
  type LoginThrottleKey,
  type LoginThrottleLimits,
} from './login-throttle.js';

/** First half of the two-integer advisory lock key: keeps these locks apart from any other use. */
const lockNamespace = 0x4c4f47; // "LOG"
/** How often one API copy clears out failures of keys nobody has tried again. */
const sweepIntervalMs = 60_000;
const sweepBatch = 10_000;

/**
 * The stored key: kind and a SHA-256 of the value. A password typed into the username box is not kept
 * in a table for the length of the window, and text PostgreSQL cannot store (NUL) cannot fail the write.
 */
function storedKey(key: LoginThrottleKey): string {
  return `${key.kind}:${createHash('sha256').update(key.value).digest('base64url')}`;
}

/**
 * The failed-login limits of use-cases/auth/login-throttle.ts, counted in PostgreSQL (`login_failures`) so that
 * every API copy shares them. Each attempt takes a transaction-scoped advisory lock per key, then
 * counts and records under it: parallel guesses against several copies are counted one after another,
 * and no more than the limit get through to the password check.
 */
export function createDatabaseLoginThrottle(
  db: Database,
  limits: Partial<Omit<LoginThrottleLimits, 'maxKeys'>> = {},
  clock: () => number = Date.now,
): LoginThrottle {
  const { perUsername, perAddress, windowSeconds } = { ...defaultLoginLimits, ...limits };
  const windowMs = windowSeconds * 1000;
  const limitOf = (key: LoginThrottleKey) => (key.kind === 'username' ? perUsername : perAddress);
  let lastSweep = Number.NEGATIVE_INFINITY;

  type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
  /** Lock the keys in sorted order, so two attempts sharing both keys cannot wait for each other. */
  async function lockKeys(tx: Transaction, names: readonly string[]): Promise<void> {
    for (const name of [...new Set(names)].sort())
      await tx.execute(sql`select pg_advisory_xact_lock(${lockNamespace}::integer, hashtext(${name}))`);
  }

  /**
   * Failures of keys that are never tried again would stay forever: now and then delete every expired
   * row. Rows another transaction holds are skipped (they are pruned under their key's lock anyway).
   */
  async function sweep(now: number): Promise<void> {
    if (now - lastSweep < sweepIntervalMs) return;
    lastSweep = now;
    const expired = db
      .select({ row: sql`ctid` })
      .from(loginFailures)
      .where(lte(loginFailures.failedAt, new Date(now - windowMs)))
      .limit(sweepBatch)
      .for('update', { skipLocked: true });
    await db.delete(loginFailures).where(sql`ctid in (${expired})`);
  }

  return {
    async begin(keys) {
      const now = clock();
      const cutoff = new Date(now - windowMs);
      const counted = keys.map((key) => ({ name: storedKey(key), limit: limitOf(key) }));
      const names = counted.map(({ name }) => name);
      const waitMs = await db.transaction(async (tx) => {
        await lockKeys(tx, names);
        await tx
          .delete(loginFailures)
          .where(and(inArray(loginFailures.key, names), lte(loginFailures.failedAt, cutoff)));
        let wait = 0;
        for (const { name, limit } of counted) {
          // The limit-th most recent failure: once it leaves the window, one more attempt may be made.
          const [blocking] = await tx
            .select({ failedAt: loginFailures.failedAt })
            .from(loginFailures)
            .where(and(eq(loginFailures.key, name), gt(loginFailures.failedAt, cutoff)))
            .orderBy(desc(loginFailures.failedAt))
            .offset(limit - 1)
            .limit(1);
          if (blocking) wait = Math.max(wait, blocking.failedAt.getTime() + windowMs - now);
        }
        if (wait > 0) return wait;
        await tx.insert(loginFailures).values(names.map((key) => ({ key, failedAt: new Date(now) })));
        return 0;
      });
      await sweep(now);
      const attempt = { keys, at: now };
      return { retryAfterSeconds: waitMs > 0 ? Math.max(1, Math.ceil(waitMs / 1000)) : 0, attempt };
    },

    async succeeded(attempt) {
      await db.transaction(async (tx) => {
        await lockKeys(tx, attempt.keys.map(storedKey));
        for (const key of attempt.keys) {
          const name = storedKey(key);
          if (key.kind === 'username') {
            await tx.delete(loginFailures).where(eq(loginFailures.key, name));
            continue;
          }
          // Only this attempt's own row: other clients behind the same address keep their failures.
          const own = tx
            .select({ row: sql`ctid` })
            .from(loginFailures)
            .where(and(eq(loginFailures.key, name), eq(loginFailures.failedAt, new Date(attempt.at))))
            .limit(1);
          await tx.delete(loginFailures).where(sql`ctid = (${own})`);
        }
      });
    },
  };
}
