import { z } from '@hono/zod-openapi';
import { caseSources, disputeCategories } from '../../domain/vocabulary.js';

export const StatisticsQuery = z
  .object({
    from: z.iso.date().optional().openapi({ description: 'first registration day (China time), inclusive' }),
    to: z.iso.date().optional().openapi({ description: 'last registration day (China time), inclusive' }),
    unitId: z
      .string()
      .uuid()
      .optional()
      .openapi({ description: 'a unit and the units below it; must be one you supervise' }),
    category: z.enum(disputeCategories).optional(),
    source: z.enum(caseSources).optional(),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    message: 'from must not be after to',
    path: ['to'],
  });

export const StatisticsExportQuery = z
  .object({
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    unitId: z.string().uuid().optional(),
    category: z.enum(disputeCategories).optional(),
    source: z.enum(caseSources).optional(),
    format: z.enum(['csv', 'xlsx']).default('csv'),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    message: 'from must not be after to',
    path: ['to'],
  });

const measures = {
  peopleServed: z.number().int().openapi({ description: 'sum of parties (服务群众)' }),
  received: z.number().int().openapi({ description: 'cases registered in the period (受理)' }),
  settled: z.number().int().openapi({ description: 'settled, written or oral (调解成功)' }),
  concluded: z.number().int().openapi({ description: 'settled, failed, withdrawn or terminated (调结)' }),
  successRate: z.number().nullable().openapi({ description: 'settled / concluded, 0–1' }),
  amountSettledFen: z.number().int().openapi({ description: 'sum of amount_fen of settled cases' }),
  claimAmountFen: z
    .number()
    .int()
    .openapi({ description: 'sum of claim_amount_fen (标的额) of the cases received' }),
  claimCount: z
    .number()
    .int()
    .openapi({ description: 'cases received with a claim amount (标的额) recorded' }),
  courtReceived: z.number().int(),
  courtSettled: z.number().int(),
  courtFeeSavedFen: z.number().int(),
  prosecutionReceived: z.number().int(),
  prosecutionSettled: z.number().int(),
  prosecutionAmountFen: z.number().int(),
  prosecutionDecisions: z.record(z.string(), z.number().int()),
  settledOnline: z.number().int().openapi({ description: 'settled cases that came in online or by WeChat' }),
  averageDurationDays: z.number().nullable(),
  p90DurationDays: z.number().nullable(),
  overdueNow: z.number().int(),
  everOverdue: z.number().int(),
  ratings: z
    .number()
    .int()
    .openapi({ description: 'the parties’ follow-up ratings of these cases (满意度评价)' }),
  averageSatisfaction: z
    .number()
    .nullable()
    .openapi({ description: 'mean rating, 1–5 to two places; null without ratings' }),
};

const StatisticsMeasuresSchema = z.object(measures).openapi('StatisticsMeasures');

export const StatisticsReportSchema = z
  .object({
    filter: z.record(z.string(), z.unknown()),
    units: z.union([z.literal('all'), z.array(z.string())]),
    generatedAt: z.string(),
    totals: StatisticsMeasuresSchema,
    byMonth: z.array(z.object({ month: z.string(), ...measures })),
    byUnit: z.array(
      z.object({ unitId: z.string().nullable(), unitName: z.string().nullable(), ...measures }),
    ),
    byCategory: z.array(z.object({ category: z.string().nullable(), categoryZh: z.string(), ...measures })),
    bySource: z.array(z.object({ source: z.string(), sourceZh: z.string(), ...measures })),
    byMediator: z.array(
      z.object({ mediatorId: z.string().nullable(), mediatorName: z.string().nullable(), ...measures }),
    ),
  })
  .openapi('StatisticsReport');
