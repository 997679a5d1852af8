import { z } from '@hono/zod-openapi';
import { leadRiskLevels, leadStatuses, leadTriageActions } from '../../domain/screening-vocabulary.js';
import { disputeCategories } from '../../domain/vocabulary.js';
import type { CampaignCoverage } from '../../use-cases/screening/campaign-coverage.js';
import type { CreateCampaignInput } from '../../use-cases/screening/create-campaign.js';
import type { GridLead } from '../../use-cases/screening/lead-response.js';
import type { LeadListFilter } from '../../use-cases/screening/list-leads.js';
import type { ReportLeadInput } from '../../use-cases/screening/report-lead.js';
import type { TriageLeadInput } from '../../use-cases/screening/triage-lead.js';
import { PartySchema } from './case-schemas.js';
import { sameShape } from './same-shape.js';

export const LeadIdParam = z.object({
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: 'id', in: 'path' }, example: '3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a99' }),
});

export const LeadPersonSchema = z
  .object({
    name: z.string().trim().min(1).max(100).openapi({ description: '姓名' }),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9][0-9 -]{5,19}$/, 'must be a phone number')
      .optional()
      .openapi({ description: '联系电话 (optional; masked in lists)' }),
  })
  .strict()
  .openapi('LeadPerson');

export const ReportLeadBody = z
  .object({
    place: z.string().trim().min(1).max(200).openapi({ description: '地点', example: '幸福村三组' }),
    people: z.array(LeadPersonSchema).max(20).openapi({ description: '涉及人员' }),
    category: z.enum(disputeCategories).openapi({ description: '纠纷类别' }),
    riskLevel: z
      .enum(leadRiskLevels)
      .openapi({ description: '风险等级: low 低, medium 中, high 高, major 重大' }),
    description: z.string().trim().min(1).max(4000).openapi({ description: '情况描述' }),
  })
  .strict()
  .openapi('ReportLead');

export const TriageLeadBody = z
  .object({
    action: z
      .enum(leadTriageActions)
      .openapi({ description: 'watch 关注, mediate 就地调解 (registers a case), escalate 上报' }),
    reason: z
      .string()
      .trim()
      .min(1)
      .max(2000)
      .optional()
      .openapi({ description: '上报理由: required to escalate' }),
    parties: z.array(PartySchema).min(1).max(50).optional().openapi({
      description: 'The case’s parties, to mediate; else the people the grid worker named',
    }),
  })
  .strict()
  .superRefine((body, context) => {
    if (body.action === 'escalate' && !body.reason)
      context.addIssue({ code: 'custom', path: ['reason'], message: 'required to escalate' });
  })
  .openapi('TriageLead');

export const LeadListQuery = z.object({
  status: z.enum(leadStatuses).optional(),
  riskLevel: z.enum(leadRiskLevels).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(300).optional().openapi({ description: 'nextCursor of the previous page' }),
});

export const GridLeadSchema = z
  .object({
    id: z.string(),
    unitId: z.string().openapi({ description: 'the grid the lead was found in' }),
    reportedById: z.string(),
    place: z.string(),
    people: z.array(
      z.object({
        name: z.string(),
        phone: z.string().optional().openapi({ description: 'masked in lists (138****1111)' }),
      }),
    ),
    category: z.enum(disputeCategories),
    categoryZh: z.string(),
    riskLevel: z.enum(leadRiskLevels),
    riskLevelZh: z.string(),
    description: z.string(),
    reportedAt: z.string(),
    status: z.enum(leadStatuses),
    statusZh: z.string(),
    triagedById: z.string().nullable(),
    triagedAt: z.string().nullable(),
    escalationReason: z.string().nullable(),
    caseNumber: z.string().nullable().openapi({ description: 'The case it became (就地调解)' }),
    links: z.object({ self: z.string(), case: z.string().nullable() }),
  })
  .openapi('GridLead');

sameShape<z.infer<typeof ReportLeadBody>, ReportLeadInput>();
sameShape<z.infer<typeof TriageLeadBody>, TriageLeadInput>();
sameShape<z.infer<typeof LeadListQuery>, LeadListFilter>();
sameShape<z.infer<typeof GridLeadSchema>, GridLead>();

export const CampaignIdParam = z.object({
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: 'id', in: 'path' }, example: '7d6c5b4a-3e2f-4a1b-8c9d-0e1f2a3b4c5d' }),
});

export const CreateCampaignBody = z
  .object({
    name: z.string().trim().min(1).max(200).openapi({ example: '2026年冬季矛盾纠纷大排查' }),
    startsOn: z.iso.date().openapi({ description: 'first day (China time), inclusive' }),
    endsOn: z.iso.date().openapi({ description: 'last day (China time), inclusive' }),
    unitIds: z
      .array(z.string().uuid())
      .min(1)
      .max(500)
      .openapi({ description: 'the units that screen in it; each one you supervise' }),
  })
  .strict()
  .refine((body) => body.startsOn <= body.endsOn, {
    message: 'startsOn must not be after endsOn',
    path: ['endsOn'],
  })
  .openapi('CreateScreeningCampaign');

export const CampaignSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    organiserUnitId: z.string(),
    createdAt: z.string(),
    coverage: z.object({
      leadsReported: z.number().int(),
      byRiskLevel: z.array(
        z.object({ riskLevel: z.enum(leadRiskLevels), riskLevelZh: z.string(), leads: z.number().int() }),
      ),
      unitsReporting: z.number().int().openapi({ description: 'units that reported at least one lead' }),
      unitsInCampaign: z.number().int(),
      units: z.array(z.object({ unitId: z.string(), name: z.string(), leads: z.number().int() })),
    }),
    links: z.object({ self: z.string() }),
  })
  .openapi('ScreeningCampaign');

export const CampaignSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  links: z.object({ self: z.string() }),
});

sameShape<z.infer<typeof CreateCampaignBody>, CreateCampaignInput>();
sameShape<z.infer<typeof CampaignSchema>, CampaignCoverage>();
