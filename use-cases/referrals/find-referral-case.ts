import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { cases, deliveries, referrals } from '../../db/schema/index.js';
import type { CaseView } from '../../workflows/case.messages.js';

/**
 * An institution's own referral of one kind, with the case as the read model holds it and the
 * deliveries sent about it: what every referral status (court, procuratorate, police) is built from.
 * Another institution's reference finds nothing.
 */
export async function findReferralCase(
  db: Database,
  institutionId: string,
  kind: 'court' | 'prosecution' | 'police',
  reference: string,
) {
  const [row] = await db
    .select({ caseNumber: referrals.caseNumber, state: cases.state })
    .from(referrals)
    .innerJoin(cases, eq(cases.caseNumber, referrals.caseNumber))
    .where(
      and(
        eq(referrals.institutionId, institutionId),
        eq(referrals.reference, reference),
        eq(referrals.kind, kind),
      ),
    )
    .limit(1);
  if (!row) return undefined;
  const sent = await db
    .select()
    .from(deliveries)
    .where(eq(deliveries.caseNumber, row.caseNumber))
    .orderBy(asc(deliveries.createdAt));
  return { caseNumber: row.caseNumber, view: row.state as CaseView, deliveries: sent };
}
