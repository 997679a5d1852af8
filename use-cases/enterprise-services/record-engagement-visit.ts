import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { enterpriseEngagements } from '../../db/schema/index.js';
import { isFutureDate } from '../../domain/date-plausibility.js';
import type { HealthCheckMatter } from '../../domain/enterprise-services-vocabulary.js';
import { refuseField } from '../../domain/refusals.js';
import type { StaffPrincipal } from '../auth/principal.js';
import { engagementAsItIs, loadEngagementToWorkOn, requireEngagementStage } from './engagement-access.js';
import type { Engagement } from './engagement-response.js';

export interface RecordVisitInput {
  visitedOn: string;
  team: string[];
  matters: HealthCheckMatter[];
}

/**
 * The team visited and examined the enterprise. Recording the same visit again (a retry) answers the
 * engagement as it is; a different visit once one is recorded is refused with the current stage.
 */
export async function recordEngagementVisit(
  db: Database,
  principal: StaffPrincipal,
  id: string,
  input: RecordVisitInput,
): Promise<Engagement> {
  if (isFutureDate(input.visitedOn, Date.now())) {
    refuseField('date_in_future', 'visitedOn', 'is later than today', { reasonZh: '体检日期晚于今天' });
  }
  const { engagement } = await loadEngagementToWorkOn(db, principal, id);
  const sameVisit =
    engagement.visitedOn === input.visitedOn &&
    JSON.stringify(engagement.matters) === JSON.stringify(input.matters) &&
    JSON.stringify(engagement.team) === JSON.stringify(input.team);
  if (sameVisit) return engagementAsItIs(db, principal, id);
  requireEngagementStage(engagement, ['requested'], '登记上门体检');
  const [updated] = await db
    .update(enterpriseEngagements)
    .set({ visitedOn: input.visitedOn, team: input.team, matters: input.matters, stage: 'visited' })
    .where(and(eq(enterpriseEngagements.id, id), eq(enterpriseEngagements.stage, 'requested')))
    .returning({ id: enterpriseEngagements.id });
  if (!updated) return recordEngagementVisit(db, principal, id, input);
  return engagementAsItIs(db, principal, id);
}
