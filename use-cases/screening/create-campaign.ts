import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { screeningCampaigns, screeningCampaignUnits, units } from '../../db/schema/index.js';
import { refuseField } from '../../domain/refusals.js';
import type { StaffPrincipal } from '../auth/principal.js';
import { resolveSupervisionScope, scopeIncludes } from '../supervision/scope.js';
import { type CampaignCoverage, campaignCoverage } from './campaign-coverage.js';

/** A screening campaign (大排查) as a supervisor sets it up. */
export interface CreateCampaignInput {
  name: string;
  /** First and last day (China time), inclusive. */
  startsOn: string;
  endsOn: string;
  /** The units that screen in it (grids, points, stations): each one the caller supervises. */
  unitIds: string[];
}

/**
 * A supervisor (or admin) sets up a campaign over units they supervise; it is run by their unit. With an
 * idempotency key a resent request finds the campaign created the first time.
 */
export async function createCampaign(
  db: Database,
  principal: StaffPrincipal,
  input: CreateCampaignInput,
  idempotencyKey?: string,
): Promise<{ campaign: CampaignCoverage; created: boolean }> {
  const scope = await resolveSupervisionScope(db, principal);
  const unitIds = [...new Set(input.unitIds)];
  const known = new Set(
    (await db.select({ id: units.id }).from(units).where(inArray(units.id, unitIds))).map((unit) => unit.id),
  );
  unitIds.forEach((unitId, index) => {
    if (!known.has(unitId)) refuseField('unknown_unit', `unitIds[${index}]`, 'no unit has this id');
    if (!scopeIncludes(scope, unitId))
      refuseField('forbidden_unit', `unitIds[${index}]`, 'outside the units you supervise', {
        reasonZh: '所选单位不在您督办的单位范围内',
      });
  });
  const organiserUnitId = principal.unitId ?? unitIds[0];
  if (!organiserUnitId) refuseField('unit_required', 'unitIds', 'name at least one unit');
  const id = await db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(screeningCampaigns)
      .values({
        name: input.name,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        organiserUnitId,
        createdById: principal.userId,
        idempotencyKey: idempotencyKey ?? null,
      })
      .onConflictDoNothing({ target: [screeningCampaigns.createdById, screeningCampaigns.idempotencyKey] })
      .returning({ id: screeningCampaigns.id });
    if (!inserted) return undefined;
    await tx
      .insert(screeningCampaignUnits)
      .values(unitIds.map((unitId) => ({ campaignId: inserted.id, unitId })));
    return inserted.id;
  });
  if (id) return { campaign: await campaignCoverage(db, principal, id), created: true };
  const [earlier] = await db
    .select({ id: screeningCampaigns.id })
    .from(screeningCampaigns)
    .where(
      and(
        eq(screeningCampaigns.createdById, principal.userId),
        eq(screeningCampaigns.idempotencyKey, idempotencyKey ?? ''),
      ),
    )
    .limit(1);
  if (!earlier) throw new Error('campaign insert conflicted but no earlier campaign was found');
  return { campaign: await campaignCoverage(db, principal, earlier.id), created: false };
}
