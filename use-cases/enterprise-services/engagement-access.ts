import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { engagementFindings, enterpriseEngagements, enterprises } from '../../db/schema/index.js';
import type { EngagementStage } from '../../domain/enterprise-services-vocabulary.js';
import { engagementStageLabelsZh } from '../../domain/enterprise-services-vocabulary.js';
import { Refusal, refuse } from '../../domain/refusals.js';
import type { StaffPrincipal } from '../auth/principal.js';
import { workingUnitsOf } from '../shared/working-units.js';
import { scopeIncludes } from '../supervision/scope.js';
import { type Engagement, type EngagementRow, toEngagement } from './engagement-response.js';

/** The engagement with its enterprise and findings, and whether the caller works for its unit. */
export async function loadEngagement(db: Database, principal: StaffPrincipal, id: string) {
  const [found] = await db
    .select({ engagement: enterpriseEngagements, enterprise: enterprises })
    .from(enterpriseEngagements)
    .innerJoin(enterprises, eq(enterprises.id, enterpriseEngagements.enterpriseId))
    .where(eq(enterpriseEngagements.id, id))
    .limit(1);
  if (!found) throw new Refusal('not_found', { detail: `No engagement ${id}.` });
  const ours = scopeIncludes(await workingUnitsOf(db, principal), found.engagement.unitId);
  return { ...found, ours };
}

/** Only staff of the engagement's unit (or above it) change it. */
export async function loadEngagementToWorkOn(db: Database, principal: StaffPrincipal, id: string) {
  const found = await loadEngagement(db, principal, id);
  if (!found.ours) {
    refuse('unit_outside_scope', { detail: 'the engagement belongs to a unit you do not work for' });
  }
  return found;
}

export function requireEngagementStage(row: EngagementRow, allowed: EngagementStage[], what: string): void {
  if (allowed.includes(row.stage as EngagementStage)) return;
  refuse('engagement_stage', {
    detail: `${what} is not possible while the engagement is ${row.stage}`,
    reasonZh: `体检处于“${engagementStageLabelsZh[row.stage as EngagementStage]}”阶段，不能${what}`,
    currentStage: row.stage,
    allowed,
  });
}

/** The engagement as it now is, read back in full. */
export async function engagementAsItIs(
  db: Database,
  principal: StaffPrincipal,
  id: string,
): Promise<Engagement> {
  const { engagement, enterprise, ours } = await loadEngagement(db, principal, id);
  const findings = await db.select().from(engagementFindings).where(eq(engagementFindings.engagementId, id));
  return toEngagement(engagement, enterprise, findings, { masked: !ours });
}
