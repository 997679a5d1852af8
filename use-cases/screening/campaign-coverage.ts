import { and, asc, count, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { gridLeads, screeningCampaigns, screeningCampaignUnits, units } from '../../db/schema/index.js';
import { addDays, startOfChinaDayEpochMilliseconds } from '../../domain/dates.js';
import { Refusal } from '../../domain/refusals.js';
import {
  type LeadRiskLevel,
  leadRiskLevelLabelsZh,
  leadRiskLevels,
} from '../../domain/screening-vocabulary.js';
import type { StaffPrincipal } from '../auth/principal.js';
import { resolveSupervisionScope, scopeIncludes } from '../supervision/scope.js';

/** One unit of a campaign and what it reported in the period. */
export interface CampaignUnitCoverage {
  unitId: string;
  name: string;
  leads: number;
}

/** A campaign with its coverage figures: what the 大排查 found, and where nobody reported anything. */
export interface CampaignCoverage {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
  organiserUnitId: string;
  createdAt: string;
  coverage: {
    /** Leads reported in the campaign's units during its period. */
    leadsReported: number;
    /** Every risk level in order, zero where none was reported. */
    byRiskLevel: { riskLevel: LeadRiskLevel; riskLevelZh: string; leads: number }[];
    /** Units that reported at least one lead, against all the campaign's units (覆盖率). */
    unitsReporting: number;
    unitsInCampaign: number;
    units: CampaignUnitCoverage[];
  };
  links: { self: string };
}

function notFound(): Refusal {
  return new Refusal('not_found', { detail: 'No campaign with this id among the units you supervise.' });
}

/**
 * A campaign and its figures, for supervisors of the unit that runs it (and admins). Figures count the
 * leads of the campaign's units reported from its first day to its last (China time), whatever their
 * status now.
 */
export async function campaignCoverage(
  db: Database,
  principal: StaffPrincipal,
  id: string,
): Promise<CampaignCoverage> {
  const [campaign] = await db.select().from(screeningCampaigns).where(eq(screeningCampaigns.id, id)).limit(1);
  if (!campaign || !scopeIncludes(await resolveSupervisionScope(db, principal), campaign.organiserUnitId))
    throw notFound();
  const members = await db
    .select({ unitId: units.id, name: units.name })
    .from(screeningCampaignUnits)
    .innerJoin(units, eq(units.id, screeningCampaignUnits.unitId))
    .where(eq(screeningCampaignUnits.campaignId, id))
    .orderBy(asc(units.name));
  const unitIds = members.map((member) => member.unitId);
  const rows =
    unitIds.length === 0
      ? []
      : await db
          .select({ unitId: gridLeads.unitId, riskLevel: gridLeads.riskLevel, leads: count() })
          .from(gridLeads)
          .where(
            and(
              inArray(gridLeads.unitId, unitIds),
              gte(gridLeads.reportedAt, new Date(startOfChinaDayEpochMilliseconds(campaign.startsOn))),
              lt(
                gridLeads.reportedAt,
                new Date(startOfChinaDayEpochMilliseconds(addDays(campaign.endsOn, 1))),
              ),
            ),
          )
          .groupBy(gridLeads.unitId, gridLeads.riskLevel);
  const sum = (keep: (row: (typeof rows)[number]) => boolean) =>
    rows.filter(keep).reduce((total, row) => total + row.leads, 0);
  const perUnit = members.map((member) => ({ ...member, leads: sum((row) => row.unitId === member.unitId) }));
  return {
    id: campaign.id,
    name: campaign.name,
    startsOn: campaign.startsOn,
    endsOn: campaign.endsOn,
    organiserUnitId: campaign.organiserUnitId,
    createdAt: campaign.createdAt.toISOString(),
    coverage: {
      leadsReported: sum(() => true),
      byRiskLevel: leadRiskLevels.map((riskLevel) => ({
        riskLevel,
        riskLevelZh: leadRiskLevelLabelsZh[riskLevel],
        leads: sum((row) => row.riskLevel === riskLevel),
      })),
      unitsReporting: perUnit.filter((unit) => unit.leads > 0).length,
      unitsInCampaign: perUnit.length,
      units: perUnit,
    },
    links: { self: `/v1/screening-campaigns/${campaign.id}` },
  };
}

/** The campaigns run by units the caller supervises, newest first (without figures: open one for them). */
export async function listCampaigns(
  db: Database,
  principal: StaffPrincipal,
): Promise<{ id: string; name: string; startsOn: string; endsOn: string; links: { self: string } }[]> {
  const scope = await resolveSupervisionScope(db, principal);
  const rows = await db
    .select()
    .from(screeningCampaigns)
    .where(
      scope === 'all'
        ? undefined
        : scope.length > 0
          ? inArray(screeningCampaigns.organiserUnitId, [...scope])
          : sql`false`,
    )
    .orderBy(desc(screeningCampaigns.startsOn), desc(screeningCampaigns.createdAt))
    .limit(200);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    links: { self: `/v1/screening-campaigns/${row.id}` },
  }));
}
