import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { referrals } from '../../db/schema/index.js';
import { decodeCursor, encodeCursor } from '../shared/cursor.js';
import type { ReferralListQuery } from './referral-inputs.js';

/**
 * A page of an institution's referrals of one kind, newest first, each as `status` makes it. A
 * referral whose case is still being started (its first request died midway) is left out until a
 * repeat starts it, rather than failing the whole page.
 */
export async function listReferrals<S>(
  db: Database,
  institutionId: string,
  kind: 'court' | 'prosecution' | 'police',
  query: ReferralListQuery,
  status: (reference: string) => Promise<S | undefined>,
): Promise<{ items: S[]; nextCursor: string | null }> {
  const conditions: SQL[] = [eq(referrals.institutionId, institutionId), eq(referrals.kind, kind)];
  if (query.cursor) {
    const [atText, reference] = decodeCursor(query.cursor, ['instant', 'text'] as const);
    const at = new Date(atText);
    conditions.push(
      or(lt(referrals.createdAt, at), and(eq(referrals.createdAt, at), lt(referrals.reference, reference)))!,
    );
  }
  const rows = await db
    .select({ reference: referrals.reference, createdAt: referrals.createdAt })
    .from(referrals)
    .where(and(...conditions))
    .orderBy(desc(referrals.createdAt), desc(referrals.reference))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const found = await Promise.all(page.map((row) => status(row.reference)));
  const last = page.at(-1);
  return {
    items: found.filter((item) => item !== undefined),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor([last.createdAt.toISOString(), last.reference]) : null,
  };
}
