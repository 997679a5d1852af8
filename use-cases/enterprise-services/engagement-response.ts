import type { engagementFindings, enterpriseEngagements } from '../../db/schema/index.js';
import {
  type EngagementOrigin,
  type EngagementStage,
  engagementOriginLabelsZh,
  engagementStageLabelsZh,
  type FindingStatus,
  findingStatusLabelsZh,
  type HealthCheckMatter,
  healthCheckMatterLabelsZh,
  type RiskLevel,
  riskLevelLabelsZh,
} from '../../domain/enterprise-services-vocabulary.js';
import { type Enterprise, type EnterpriseRow, toEnterprise } from '../enterprises/enterprise-response.js';

export type EngagementRow = typeof enterpriseEngagements.$inferSelect;
export type FindingRow = typeof engagementFindings.$inferSelect;

export interface FindingFollowUp {
  at: string;
  by: string;
  note: string;
  closes: boolean;
}

export interface Finding {
  n: number;
  matter: HealthCheckMatter;
  matterZh: string;
  riskLevel: RiskLevel;
  riskLevelZh: string;
  description: string;
  recommendation: string;
  status: FindingStatus;
  statusZh: string;
  followUps: FindingFollowUp[];
  closedAt: string | null;
}

/** An engagement as staff read it: the enterprise (contacts masked unless theirs), the visit, the findings. */
export interface Engagement {
  id: string;
  enterprise: Pick<Enterprise, 'id' | 'name' | 'creditCode' | 'entityClassZh' | 'contacts'>;
  unitId: string;
  origin: EngagementOrigin;
  originZh: string;
  campaign: string | null;
  note: string | null;
  stage: EngagementStage;
  stageZh: string;
  visit: { visitedOn: string; team: string[]; matters: HealthCheckMatter[]; mattersZh: string[] } | null;
  findings: Finding[];
  report: { generatedAt: string; sha256: string; download: string } | null;
  closedAt: string | null;
  createdAt: string;
  links: { self: string };
}

export function toFinding(row: FindingRow): Finding {
  const matter = row.matter as HealthCheckMatter;
  const riskLevel = row.riskLevel as RiskLevel;
  const status = row.status as FindingStatus;
  return {
    n: row.n,
    matter,
    matterZh: healthCheckMatterLabelsZh[matter],
    riskLevel,
    riskLevelZh: riskLevelLabelsZh[riskLevel],
    description: row.description,
    recommendation: row.recommendation,
    status,
    statusZh: findingStatusLabelsZh[status],
    followUps: row.followUps as FindingFollowUp[],
    closedAt: row.closedAt?.toISOString() ?? null,
  };
}

export function toEngagement(
  row: EngagementRow,
  enterpriseRow: EnterpriseRow,
  findings: FindingRow[],
  { masked }: { masked: boolean },
): Engagement {
  const enterprise = toEnterprise(enterpriseRow, { masked });
  const origin = row.origin as EngagementOrigin;
  const stage = row.stage as EngagementStage;
  const matters = row.matters as HealthCheckMatter[];
  const self = `/v1/enterprise-services/engagements/${row.id}`;
  return {
    id: row.id,
    enterprise: {
      id: enterprise.id,
      name: enterprise.name,
      creditCode: enterprise.creditCode,
      entityClassZh: enterprise.entityClassZh,
      contacts: enterprise.contacts,
    },
    unitId: row.unitId,
    origin,
    originZh: engagementOriginLabelsZh[origin],
    campaign: row.campaign,
    note: row.note,
    stage,
    stageZh: engagementStageLabelsZh[stage],
    visit: row.visitedOn
      ? {
          visitedOn: row.visitedOn,
          team: row.team as string[],
          matters,
          mattersZh: matters.map((matter) => healthCheckMatterLabelsZh[matter]),
        }
      : null,
    findings: [...findings].sort((a, b) => a.n - b.n).map(toFinding),
    report:
      row.reportedAt && row.reportSha256
        ? { generatedAt: row.reportedAt.toISOString(), sha256: row.reportSha256, download: `${self}/report` }
        : null,
    closedAt: row.closedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    links: { self },
  };
}
