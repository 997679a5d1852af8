import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { users } from '../../db/schema/index.js';
import { isStorableText } from '../../domain/storable-text.js';
import { type LoginThrottle, loginThrottleKeys } from './login-throttle.js';
import { decoyPasswordHash, verifyPassword } from './passwords.js';

type StaffUserRow = typeof users.$inferSelect;

type LoginCheck =
  | { outcome: 'accepted'; user: StaffUserRow }
  | { outcome: 'refused' }
  | { outcome: 'throttled'; retryAfterSeconds: number };

/**
 * Check a staff username and password, for the API's token endpoint and the dashboard's login alike:
 * one throttle for both, the same answer for an unknown username as for a wrong password, and a decoy
 * hash so the time taken does not tell them apart either.
 */
export async function checkLogin(
  deps: { db: Database; loginThrottle: LoginThrottle },
  attempt: { username: string; password: string; clientAddress: string },
): Promise<LoginCheck> {
  const { retryAfterSeconds, attempt: counted } = await deps.loginThrottle.begin(
    loginThrottleKeys(attempt.username, attempt.clientAddress),
  );
  if (retryAfterSeconds > 0) return { outcome: 'throttled', retryAfterSeconds };
  // No account has such a name or password (PostgreSQL could not even compare it): a wrong login.
  if (!isStorableText(attempt.username) || !isStorableText(attempt.password)) return { outcome: 'refused' };
  const [user] = await deps.db.select().from(users).where(eq(users.username, attempt.username)).limit(1);
  const valid = await verifyPassword(attempt.password, user?.passwordHash ?? decoyPasswordHash);
  if (!user || !valid || !user.active) return { outcome: 'refused' };
  await deps.loginThrottle.succeeded(counted);
  return { outcome: 'accepted', user };
}
