import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { cases, deliveries, referrals } from '../../../db/schema/index.js';
import type { CaseView } from '../../../workflows/case.messages.js';

/** What a procuratorate sees of its referral: deadline, outcome, settlement, payments, package, decision. */
export async function prosecutionStatus(db: Database, institutionId: string, reference: string) {
  const [row] = await db
    .select({ caseNumber: referrals.caseNumber, state: cases.state })
    .from(referrals)
    .innerJoin(cases, eq(cases.caseNumber, referrals.caseNumber))
    .where(
      and(
        eq(referrals.institutionId, institutionId),
        eq(referrals.reference, reference),
        eq(referrals.kind, 'prosecution'),
      ),
    )
    .limit(1);
  if (!row) return undefined;
  const view = row.state as CaseView;
  const deadline = view.deadlines.find((candidate) => candidate.kind === 'prosecution');
  const sent = await db
    .select()
    .from(deliveries)
    .where(eq(deliveries.caseNumber, row.caseNumber))
    .orderBy(asc(deliveries.createdAt));
  return {
    reference,
    caseNumber: row.caseNumber,
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
    deliveries: sent.map((delivery) => ({
      id: delivery.id,
      kind: delivery.kind,
      status: delivery.status,
      attempts: delivery.attempts,
      deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
    })),
    links: { self: `/v1/prosecution/referrals/${encodeURIComponent(reference)}` },
  };
}
