import { createHash } from 'node:crypto';
import { and, desc, eq, gt, lte, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { loginFailures } from '../../db/schema/index.js';
import {
  keyRules,
  type LoginThrottle,
  type LoginThrottleKey,
  type LoginThrottleLimits,
  waitMs,
} from './login-throttle.js';

/** First half of the two-integer advisory lock key: keeps these locks apart from any other use. */
const lockNamespace = 0x4c4f47; // "LOG"
/** How often one API copy clears out failures of keys nobody has tried again. */
const sweepIntervalMs = 60_000;
const sweepBatch = 10_000;

/**
 * The stored key: kind and a SHA-256 of the value (a username, an address, or both). A password typed
 * into the username box is not kept in a table for the length of the window, and text PostgreSQL cannot
 * store (NUL) cannot fail the write.
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
  const rules = keyRules(limits);
  /** Rows older than the longest window count for no key. */
  const longestWindowMs = Math.max(...Object.values(rules).map((rule) => rule.windowMs));
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
      .where(lte(loginFailures.failedAt, new Date(now - longestWindowMs)))
      .limit(sweepBatch)
      .for('update', { skipLocked: true });
    await db.delete(loginFailures).where(sql`ctid in (${expired})`);
  }

  return {
    async begin(keys) {
      const now = clock();
      const counted = keys.map((key) => ({ name: storedKey(key), rule: rules[key.kind] }));
      const waitFor = await db.transaction(async (tx) => {
        await lockKeys(
          tx,
          counted.map(({ name }) => name),
        );
        let wait = 0;
        for (const { name, rule } of counted) {
          const cutoff = new Date(now - rule.windowMs);
          await tx
            .delete(loginFailures)
            .where(and(eq(loginFailures.key, name), lte(loginFailures.failedAt, cutoff)));
          // Admitted attempts only are counted, so a window holds a few more than its limit at most.
          const failures = await tx
            .select({ failedAt: loginFailures.failedAt })
            .from(loginFailures)
            .where(and(eq(loginFailures.key, name), gt(loginFailures.failedAt, cutoff)))
            .orderBy(desc(loginFailures.failedAt));
          wait = Math.max(
            wait,
            waitMs(
              rule,
              failures.map((failure) => failure.failedAt.getTime()),
              now,
            ),
          );
        }
        if (wait > 0) return wait;
        await tx
          .insert(loginFailures)
          .values(counted.map(({ name }) => ({ key: name, failedAt: new Date(now) })));
        return 0;
      });
      await sweep(now);
      const attempt = { keys, at: now };
      return { retryAfterSeconds: waitFor > 0 ? Math.max(1, Math.ceil(waitFor / 1000)) : 0, attempt };
    },

    async succeeded(attempt) {
      await db.transaction(async (tx) => {
        await lockKeys(tx, attempt.keys.map(storedKey));
        for (const key of attempt.keys) {
          const name = storedKey(key);
          if (key.kind === 'pair') {
            await tx.delete(loginFailures).where(eq(loginFailures.key, name));
            continue;
          }
          // Only this attempt's own row: others behind the same address, or on the account, keep theirs.
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
