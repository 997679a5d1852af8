import { and, eq, ne, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { engagementFindings, enterpriseEngagements } from '../../db/schema/index.js';
import { refuse } from '../../domain/refusals.js';
import type { StaffPrincipal } from '../auth/principal.js';
import { answerOnce, type IdempotentRequest } from '../cases/idempotency-keys.js';
import { engagementAsItIs, loadEngagementToWorkOn, requireEngagementStage } from './engagement-access.js';
import type { Engagement } from './engagement-response.js';

export interface FollowUpFindingInput {
  note: string;
  /** The enterprise has put it right: the finding is closed. */
  closes: boolean;
}

/**
 * A follow-up on one finding after the report (整改跟进); one that closes the last open finding closes
 * the engagement. With an Idempotency-Key a retry records it once.
 */
export function followUpFinding(
  db: Database,
  principal: StaffPrincipal,
  id: string,
  n: number,
  input: FollowUpFindingInput,
  idempotency: IdempotentRequest | undefined,
): Promise<{ body: Engagement; replayed: boolean }> {
  return answerOnce(db, idempotency, 200, async () => {
    const { engagement } = await loadEngagementToWorkOn(db, principal, id);
    requireEngagementStage(engagement, ['reported'], '跟进整改');
    const now = new Date();
    const entry = { at: now.toISOString(), by: principal.userId, note: input.note, closes: input.closes };
    await db.transaction(async (tx) => {
      const [finding] = await tx
        .select()
        .from(engagementFindings)
        .where(and(eq(engagementFindings.engagementId, id), eq(engagementFindings.n, n)))
        .for('update');
      if (!finding) refuse('not_found', { detail: `No finding ${n} in engagement ${id}.` });
      if (finding.status === 'closed') {
        refuse('finding_closed', { detail: `finding ${n} is closed`, currentStatus: 'closed' });
      }
      await tx
        .update(engagementFindings)
        .set({
          followUps: sql`${engagementFindings.followUps} || ${JSON.stringify([entry])}::jsonb`,
          ...(input.closes ? { status: 'closed', closedAt: now } : {}),
        })
        .where(eq(engagementFindings.id, finding.id));
      const [stillOpen] = await tx
        .select({ id: engagementFindings.id })
        .from(engagementFindings)
        .where(and(eq(engagementFindings.engagementId, id), ne(engagementFindings.status, 'closed')))
        .limit(1);
      if (!stillOpen) {
        await tx
          .update(enterpriseEngagements)
          .set({ stage: 'closed', closedAt: now })
          .where(eq(enterpriseEngagements.id, id));
      }
    });
    return engagementAsItIs(db, principal, id);
  });
}
