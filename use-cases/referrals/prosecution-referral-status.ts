import type { Database } from '../../db/client.js';
import { deliveryProgressOf } from './delivery-progress.js';
import { findReferralCase } from './find-referral-case.js';

/** What a procuratorate sees of its referral: deadline, outcome, settlement, payments, package, decision. */
export async function prosecutionStatus(db: Database, institutionId: string, reference: string) {
  const found = await findReferralCase(db, institutionId, 'prosecution', reference);
  if (!found) return undefined;
  const { view, caseNumber, deliveries: sent } = found;
  const deadline = view.deadlines.find((candidate) => candidate.kind === 'prosecution');
  return {
    reference,
    caseNumber,
    stage: view.stage,
    receivedAt: view.registeredAt,
    deadline: deadline
      ? {
          status: deadline.status,
          dueAt: deadline.explanation.dueAt,
          summaryZh: deadline.explanation.summaryZh,
          latestMediationDate:
            (deadline.explanation as unknown as { latestMediationDate?: string }).latestMediationDate ?? null,
        }
      : null,
    outcome: view.outcome
      ? {
          result: view.outcome.disposition,
          at: view.outcome.at,
          automatic: view.outcome.by === 'prosecution-docking',
        }
      : null,
    settlement: (view.prosecution?.terms as Record<string, unknown> | null) ?? null,
    instalments: (view.prosecution?.instalments ?? []).map((instalment) => ({
      ...instalment,
      status: instalment.paidOn
        ? 'paid'
        : (view.deadlines.find((d) => d.kind === `instalment-${instalment.n}`)?.status ?? 'open'),
    })),
    packageSentAt: view.prosecution?.packageSentAt ?? null,
    decision: (view.prosecution?.decision as Record<string, unknown> | null) ?? null,
    deliveries: await deliveryProgressOf(db, sent),
    links: { self: `/v1/prosecution/referrals/${encodeURIComponent(reference)}` },
  };
}
