import { z } from '@hono/zod-openapi';
import {
  engagementOrigins,
  engagementStages,
  healthCheckMatters,
  riskLevels,
} from '../../domain/enterprise-services-vocabulary.js';
import type { Engagement } from '../../use-cases/enterprise-services/engagement-response.js';
import type { FollowUpFindingInput } from '../../use-cases/enterprise-services/follow-up-finding.js';
import type { RecordFindingInput } from '../../use-cases/enterprise-services/record-engagement-finding.js';
import type { RecordVisitInput } from '../../use-cases/enterprise-services/record-engagement-visit.js';
import type { StartEngagementInput } from '../../use-cases/enterprise-services/start-engagement.js';
import { sameShape } from './same-shape.js';

const text = (max: number) => z.string().trim().min(1).max(max);

export const EngagementIdParam = z.object({
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: 'id', in: 'path' } }),
});
export const FindingParam = z.object({
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: 'id', in: 'path' } }),
  n: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000)
    .openapi({ param: { name: 'n', in: 'path' }, example: 1 }),
});

export const StartEngagementBody = z
  .object({
    enterpriseId: z.string().uuid(),
    origin: z.enum(engagementOrigins).openapi({ description: 'request 企业申请 | campaign 专项活动' }),
    campaign: text(200).optional(),
    note: text(2000).optional(),
  })
  .strict()
  .openapi('StartEngagement');
sameShape<z.infer<typeof StartEngagementBody>, StartEngagementInput>();

export const VisitBody = z
  .object({
    visitedOn: z.iso.date(),
    team: z.array(text(100)).min(1).max(30),
    matters: z
      .array(z.enum(healthCheckMatters))
      .min(1)
      .max(healthCheckMatters.length)
      .refine((matters) => new Set(matters).size === matters.length, 'each matter once')
      .openapi({
        description:
          'contracts 合同 | labour 劳动用工 | intellectual_property 知识产权 | tax_compliance 税务合规 | financing 融资 | corporate_governance 公司治理 | debt_collection 应收账款 | other',
      }),
  })
  .strict()
  .openapi('EngagementVisit');
sameShape<z.infer<typeof VisitBody>, RecordVisitInput>();

export const FindingBody = z
  .object({
    matter: z.enum(healthCheckMatters),
    riskLevel: z.enum(riskLevels).openapi({ description: 'low 低 | medium 中 | high 高' }),
    description: text(4000),
    recommendation: text(4000),
  })
  .strict()
  .openapi('EngagementFinding');
sameShape<z.infer<typeof FindingBody>, RecordFindingInput>();

export const FollowUpBody = z
  .object({ note: text(4000), closes: z.boolean() })
  .strict()
  .openapi('FindingFollowUp');
sameShape<z.infer<typeof FollowUpBody>, FollowUpFindingInput>();

export const EngagementListQuery = z.object({
  stage: z.enum(engagementStages).optional(),
  enterpriseId: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export const EngagementSchema = z
  .object({
    id: z.string(),
    enterprise: z.record(z.string(), z.unknown()).openapi({ description: 'contacts masked unless yours' }),
    unitId: z.string(),
    origin: z.enum(engagementOrigins),
    originZh: z.string(),
    campaign: z.string().nullable(),
    note: z.string().nullable(),
    stage: z.enum(engagementStages),
    stageZh: z.string(),
    visit: z.record(z.string(), z.unknown()).nullable(),
    findings: z.array(z.record(z.string(), z.unknown())),
    report: z.object({ generatedAt: z.string(), sha256: z.string(), download: z.string() }).nullable(),
    closedAt: z.string().nullable(),
    createdAt: z.string(),
    links: z.object({ self: z.string() }),
  })
  .openapi('Engagement');

export function engagementBody(engagement: Engagement): z.infer<typeof EngagementSchema> {
  return engagement as unknown as z.infer<typeof EngagementSchema>;
}
