import { z } from '@hono/zod-openapi';
import { caseSources } from '../../domain/vocabulary.js';
import type { ExplainSupervisionInput, IssueSupervisionOrderInput } from '../../workflows/case.messages.js';
import { CaseListQuery, CaseSchema, DeadlineExplanationSchema } from './case-schemas.js';
import { sameShape } from './same-shape.js';

const deadlineFilters = {
  unitId: z
    .string()
    .uuid()
    .optional()
    .openapi({ description: 'a unit and the units below it; must be one you supervise' }),
  assigneeId: z.string().uuid().optional().openapi({ description: 'the mediator the case is assigned to' }),
  kind: z
    .string()
    .regex(/^[a-z_]{1,40}(-\d{1,3})?$/, 'must be a deadline kind such as stage, court_period, instalment-2')
    .optional()
    .openapi({
      description:
        'stage, follow_up, supervision, court_acceptance, court_period, confirmation_window, prosecution, ' +
        'police_second_round, performance_decision (an unperformed agreement awaiting the mediator’s decision), ' +
        'instalment-N, or instalment for every instalment; hand_off-N, or hand_off for every partner body’s deadline (联动)',
    }),
  source: z.enum(caseSources).optional().openapi({ description: 'channel the case came in through' }),
};

const thresholds = {
  withinDays: z.coerce
    .number()
    .int()
    .min(0)
    .max(90)
    .default(2)
    .openapi({ description: 'at risk when due within this many days' }),
  pastFraction: z.coerce
    .number()
    .gt(0)
    .max(1)
    .default(0.8)
    .openapi({ description: 'at risk when this share of the period (start event → due) is used' }),
};

const page = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(400).optional().openapi({ description: 'nextCursor of the previous page' }),
};

export const OverdueListQuery = z.object({ ...deadlineFilters, ...page });
export const AtRiskListQuery = z.object({ ...deadlineFilters, ...thresholds, ...page });
export const SupervisionCountsQuery = z.object({ ...deadlineFilters, ...thresholds });

const SupervisedDeadlineSchema = z
  .object({
    caseNumber: z.string(),
    summary: z.string(),
    stage: z.string(),
    stageZh: z.string(),
    source: z.string(),
    sourceZh: z.string(),
    unit: z.object({ id: z.string(), name: z.string() }).nullable(),
    assignee: z.object({ id: z.string(), displayName: z.string() }).nullable(),
    kind: z.string(),
    kindZh: z.string().openapi({ example: '化解期限' }),
    status: z.string().openapi({ description: 'as last recorded by the workflow: open or overdue' }),
    startedAt: z.string(),
    dueAt: z.string(),
    lateSeconds: z.number().int().openapi({ description: 'now − dueAt; negative while time is left' }),
    lateZh: z.string().openapi({ example: '超期3天' }),
    elapsedFraction: z.number().nullable(),
    explanation: DeadlineExplanationSchema,
    openSupervisionOrder: z
      .object({ seq: z.number().int(), explainBy: z.string(), issuedAt: z.string() })
      .nullable(),
  })
  .openapi('SupervisedDeadline');

export const DeadlinePageSchema = z
  .object({
    items: z.array(SupervisedDeadlineSchema),
    nextCursor: z.string().nullable(),
    asOf: z.string(),
  })
  .openapi('SupervisedDeadlinePage');

const CountsSchema = {
  overdueDeadlines: z.number().int(),
  overdueCases: z.number().int(),
  atRiskDeadlines: z.number().int(),
  atRiskCases: z.number().int(),
};

export const SupervisionCountsSchema = z
  .object({
    asOf: z.string().openapi({ description: 'when these counts were counted (see fromSnapshot)' }),
    fromSnapshot: z.boolean().openapi({
      description:
        'true when the counts come from a snapshot at most 60 s old: a scope with 2,000 or more deadlines overdue or at risk is counted at most every 15 s. The lists are always live.',
    }),
    totals: z.object(CountsSchema),
    byUnit: z.array(
      z.object({ unitId: z.string().nullable(), unitName: z.string().nullable(), ...CountsSchema }),
    ),
    byAssignee: z.array(
      z.object({ assigneeId: z.string().nullable(), displayName: z.string().nullable(), ...CountsSchema }),
    ),
  })
  .openapi('SupervisionCounts');

export const IssueSupervisionOrderBody = z
  .object({
    note: z.string().trim().min(1).max(2000).openapi({ example: '案件超期未结，请说明原因及下一步安排' }),
    explainBy: z.iso.date().openapi({ description: 'the day (China time) by which the assignee explains' }),
  })
  .strict()
  .openapi('IssueSupervisionOrder');

export const ExplainSupervisionBody = z
  .object({ explanation: z.string().trim().min(1).max(8000) })
  .strict()
  .openapi('ExplainSupervision');

const SupervisionOrderSchema = z
  .object({
    seq: z.number().int(),
    note: z.string(),
    explainBy: z.string(),
    issuedBy: z.string(),
    issuedAt: z.string(),
    assigneeId: z.string(),
    explanation: z.string().nullable(),
    explainedAt: z.string().nullable(),
  })
  .openapi('SupervisionOrder');

export const SupervisionOrderResultSchema = z
  .object({ order: SupervisionOrderSchema, case: CaseSchema })
  .openapi('SupervisionOrderResult');

const exportFormats = ['csv', 'xlsx'] as const;

export const LedgerExportQuery = CaseListQuery.omit({ limit: true, cursor: true }).extend({
  format: z.enum(exportFormats).default('csv'),
  unitId: deadlineFilters.unitId,
});

sameShape<z.infer<typeof IssueSupervisionOrderBody>, IssueSupervisionOrderInput>();
sameShape<z.infer<typeof ExplainSupervisionBody>, ExplainSupervisionInput>();
