import { timingSafeEqual } from 'node:crypto';
import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { citizenSignInCodes } from '../../db/schema/index.js';
import { startCitizenSession } from './citizen-session.js';
import { signInCodeHash, signInCodeTries } from './request-sign-in-code.js';

export type SignInOutcome =
  | { outcome: 'signed-in'; token: string; maxAgeSeconds: number }
  /** Wrong code; `triesLeft` more before the code is spent. */
  | { outcome: 'wrong-code'; triesLeft: number }
  /** Expired, used, out of tries or unknown: a new code is needed. */
  | { outcome: 'expired' };

/**
 * Check a one-time code against its challenge. Each try is counted before the comparison in one
 * statement (`tries < 5`), so parallel guesses cannot exceed the limit; a right code is spent by a
 * second conditional update, so it signs in once.
 */
export async function verifySignInCode(
  deps: { db: Database; secret: string },
  input: { challengeId: string; code: string },
): Promise<SignInOutcome> {
  if (!/^[0-9a-f-]{36}$/.test(input.challengeId)) return { outcome: 'expired' };
  const [challenge] = await deps.db
    .update(citizenSignInCodes)
    .set({ tries: sql`${citizenSignInCodes.tries} + 1` })
    .where(
      and(
        eq(citizenSignInCodes.id, input.challengeId),
        isNull(citizenSignInCodes.usedAt),
        gt(citizenSignInCodes.expiresAt, new Date()),
        lt(citizenSignInCodes.tries, signInCodeTries),
      ),
    )
    .returning({
      phone: citizenSignInCodes.phone,
      codeHash: citizenSignInCodes.codeHash,
      tries: citizenSignInCodes.tries,
    });
  if (!challenge) return { outcome: 'expired' };
  const given = Buffer.from(signInCodeHash(deps.secret, input.challengeId, input.code));
  const expected = Buffer.from(challenge.codeHash);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    const triesLeft = signInCodeTries - challenge.tries;
    return triesLeft > 0 ? { outcome: 'wrong-code', triesLeft } : { outcome: 'expired' };
  }
  const spent = await deps.db
    .update(citizenSignInCodes)
    .set({ usedAt: new Date() })
    .where(and(eq(citizenSignInCodes.id, input.challengeId), isNull(citizenSignInCodes.usedAt)))
    .returning({ id: citizenSignInCodes.id });
  if (spent.length === 0) return { outcome: 'expired' };
  return { outcome: 'signed-in', ...(await startCitizenSession(deps.db, challenge.phone)) };
}
