import { eq, max } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { engagementFindings } from '../../db/schema/index.js';
import type { HealthCheckMatter, RiskLevel } from '../../domain/enterprise-services-vocabulary.js';
import { refuseField } from '../../domain/refusals.js';
import type { StaffPrincipal } from '../auth/principal.js';
import { answerOnce, type IdempotentRequest } from '../cases/idempotency-keys.js';
import { engagementAsItIs, loadEngagementToWorkOn, requireEngagementStage } from './engagement-access.js';
import type { Engagement } from './engagement-response.js';

export interface RecordFindingInput {
  matter: HealthCheckMatter;
  riskLevel: RiskLevel;
  description: string;
  recommendation: string;
}

/**
 * A risk the visit found, before the report is issued: numbered 1, 2, … within the engagement. With an
 * Idempotency-Key a retry records it once.
 */
export function recordEngagementFinding(
  db: Database,
  principal: StaffPrincipal,
  id: string,
  input: RecordFindingInput,
  idempotency: IdempotentRequest | undefined,
): Promise<{ body: Engagement; replayed: boolean }> {
  return answerOnce(db, idempotency, 201, async () => {
    const { engagement } = await loadEngagementToWorkOn(db, principal, id);
    requireEngagementStage(engagement, ['visited'], '登记体检发现的问题');
    if (!(engagement.matters as string[]).includes(input.matter)) {
      refuseField('validation_failed', 'matter', 'the visit did not examine this matter', {
        reasonZh: '本次体检未检查该事项',
      });
    }
    for (let attempt = 0; attempt < 5; attempt++) {
      const [latest] = await db
        .select({ n: max(engagementFindings.n) })
        .from(engagementFindings)
        .where(eq(engagementFindings.engagementId, id));
      const [inserted] = await db
        .insert(engagementFindings)
        .values({ engagementId: id, n: (latest?.n ?? 0) + 1, ...input, recordedById: principal.userId })
        .onConflictDoNothing()
        .returning({ id: engagementFindings.id });
      if (inserted) return engagementAsItIs(db, principal, id);
    }
    throw new Error('could not number the finding after 5 attempts');
  });
}
