import type { Database } from '../../db/client.js';
import { Refusal } from '../../domain/refusals.js';
import { deliveryProgressOf } from './delivery-progress.js';
import { findReferralCase } from './find-referral-case.js';

/** What a police station sees of its referral: sessions, the second-round window, the outcome. */
export async function policeReferralStatus(db: Database, institutionId: string, reference: string) {
  const found = await findReferralCase(db, institutionId, 'police', reference);
  if (!found) throw new Refusal('not_found', { detail: `No referral ${reference} from this station.` });
  const { view, caseNumber, deliveries: sent } = found;
  const window = view.deadlines.find((deadline) => deadline.kind === 'police_second_round');
  return {
    reference,
    caseNumber,
    stage: view.stage,
    sessions: view.sessions,
    secondRoundWindow: window
      ? { status: window.status, dueAt: window.explanation.dueAt, summaryZh: window.explanation.summaryZh }
      : null,
    outcome: view.outcome ? { result: view.outcome.disposition, at: view.outcome.at } : null,
    deliveries: await deliveryProgressOf(db, sent),
  };
}
