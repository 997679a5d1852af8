import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { cases, deliveries, referrals } from '../../../db/schema/index.js';
import type { CaseView } from '../../../workflows/case.messages.js';
import type { CourtReferral } from '../../../workflows/referral.messages.js';
import type { CourtReferralStatus } from '../../schemas/court-schemas.js';

/** What a court sees of its referral: progress, deadlines, the outcome and how the reports travelled. */
export async function referralStatus(
  db: Database,
  institutionId: string,
  reference: string,
): Promise<CourtReferralStatus | undefined> {
  const [row] = await db
    .select({ caseNumber: referrals.caseNumber, state: cases.state })
    .from(referrals)
    .innerJoin(cases, eq(cases.caseNumber, referrals.caseNumber))
    .where(
      and(
        eq(referrals.institutionId, institutionId),
        eq(referrals.reference, reference),
        eq(referrals.kind, 'court'),
      ),
    )
    .limit(1);
  if (!row) return undefined;
  const view = row.state as CaseView;
  const referral = view.referral as CourtReferral;
  const sent = await db
    .select()
    .from(deliveries)
    .where(eq(deliveries.caseNumber, row.caseNumber))
    .orderBy(asc(deliveries.createdAt));
  const outcome = view.outcome;
  return {
    reference,
    caseNumber: row.caseNumber,
    type: referral.type,
    procedure: referral.procedure,
    receivedAt: referral.receivedAt,
    stage: view.stage,
    signedAt: view.court?.signedAt ?? null,
    deadlines: view.deadlines
      .filter((deadline) =>
        ['court_acceptance', 'court_period', 'confirmation_window'].includes(deadline.kind),
      )
      .map((deadline) => ({
        kind: deadline.kind,
        status: deadline.status,
        dueAt: deadline.explanation.dueAt,
        summaryZh: deadline.explanation.summaryZh,
      })),
    outcome: outcome
      ? {
          result: outcome.disposition,
          at: outcome.at,
          automatic: outcome.by === 'court-docking',
          details: outcome.details,
        }
      : null,
    feeSavedFen: view.court?.feeSavedFen ?? null,
    confirmation: (view.court?.confirmation as Record<string, unknown> | null) ?? null,
    deliveries: sent.map((delivery) => ({
      id: delivery.id,
      kind: delivery.kind,
      status: delivery.status,
      attempts: delivery.attempts,
      lastStatusCode: delivery.lastStatusCode,
      deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
    })),
    links: { self: `/v1/court/referrals/${encodeURIComponent(reference)}` },
  };
}
