import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lte } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { citizenSessions } from '../../db/schema/index.js';

/**
 * A citizen signed in by phone and one-time code: its own kind of principal, apart from staff and
 * institutions (use-cases/auth/principal.ts), so no staff or institution use case takes it.
 */
export interface CitizenPrincipal {
  kind: 'citizen';
  /** The verified mobile number, 11 digits. */
  phone: string;
}

export const citizenSessionHours = 12;

const hashOf = (token: string) => createHash('sha256').update(token).digest('base64url');

/** A new session for a verified phone: the token for the cookie (the table keeps only its hash). */
export async function startCitizenSession(
  db: Database,
  phone: string,
): Promise<{ token: string; maxAgeSeconds: number }> {
  const token = randomBytes(32).toString('base64url');
  const now = Date.now();
  await db.insert(citizenSessions).values({
    tokenHash: hashOf(token),
    phone,
    expiresAt: new Date(now + citizenSessionHours * 3600_000),
  });
  // Now and then a session start clears out expired ones.
  if (Math.random() < 0.05)
    await db.delete(citizenSessions).where(lte(citizenSessions.expiresAt, new Date(now)));
  return { token, maxAgeSeconds: citizenSessionHours * 3600 };
}

export async function citizenOfSession(db: Database, token: string): Promise<CitizenPrincipal | undefined> {
  if (!/^[\w-]{43}$/.test(token)) return undefined;
  const [row] = await db
    .select({ phone: citizenSessions.phone })
    .from(citizenSessions)
    .where(and(eq(citizenSessions.tokenHash, hashOf(token)), gt(citizenSessions.expiresAt, new Date())))
    .limit(1);
  return row ? { kind: 'citizen', phone: row.phone } : undefined;
}

export async function endCitizenSession(db: Database, token: string): Promise<void> {
  await db.delete(citizenSessions).where(eq(citizenSessions.tokenHash, hashOf(token)));
}
