import type { Database } from '../../db/client.js';
import type { CourtReferral } from '../../workflows/referral.messages.js';
import { deliveryProgressOf } from './delivery-progress.js';
import { findReferralCase } from './find-referral-case.js';

/** What a court sees of its referral: progress, deadlines, the outcome and how the reports travelled. */
export async function referralStatus(db: Database, institutionId: string, reference: string) {
  const found = await findReferralCase(db, institutionId, 'court', reference);
  if (!found) return undefined;
  const { view, caseNumber } = found;
  const referral = view.referral as CourtReferral;
  const sent = found.deliveries;
  const outcome = view.outcome;
  return {
    reference,
    caseNumber,
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
    deliveries: await deliveryProgressOf(db, sent),
    links: { self: `/v1/court/referrals/${encodeURIComponent(reference)}` },
  };
}
