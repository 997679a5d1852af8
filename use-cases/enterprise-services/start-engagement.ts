import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { enterpriseEngagements, enterprises } from '../../db/schema/index.js';
import type { EngagementOrigin } from '../../domain/enterprise-services-vocabulary.js';
import { refuse, refuseField } from '../../domain/refusals.js';
import type { StaffPrincipal } from '../auth/principal.js';
import { workingUnitsOf } from '../shared/working-units.js';
import { scopeIncludes } from '../supervision/scope.js';
import { engagementAsItIs } from './engagement-access.js';
import type { Engagement } from './engagement-response.js';

export interface StartEngagementInput {
  enterpriseId: string;
  origin: EngagementOrigin;
  /** The campaign's name (法律体检专项活动), for a campaign. */
  campaign?: string | undefined;
  note?: string | undefined;
}

/**
 * 法治体检: an enterprise asks for a legal health check, or a campaign brings one; the unit that looks
 * after the enterprise takes it on.
 */
export async function startEngagement(
  db: Database,
  principal: StaffPrincipal,
  input: StartEngagementInput,
): Promise<Engagement> {
  if (input.origin === 'campaign' && !input.campaign) {
    refuseField('validation_failed', 'campaign', 'a campaign engagement names its campaign', {
      reasonZh: '专项活动须填写活动名称',
    });
  }
  const [enterprise] = await db.select().from(enterprises).where(eq(enterprises.id, input.enterpriseId));
  if (!enterprise) refuseField('unknown_reference', 'enterpriseId', 'no enterprise has this id');
  if (!scopeIncludes(await workingUnitsOf(db, principal), enterprise.unitId)) {
    refuse('unit_outside_scope', { detail: 'the enterprise is looked after by a unit you do not work for' });
  }
  const [created] = await db
    .insert(enterpriseEngagements)
    .values({
      enterpriseId: enterprise.id,
      unitId: enterprise.unitId,
      origin: input.origin,
      campaign: input.campaign ?? null,
      note: input.note ?? null,
      createdById: principal.userId,
    })
    .returning();
  return engagementAsItIs(db, principal, created!.id);
}
