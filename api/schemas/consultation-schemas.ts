import { z } from '@hono/zod-openapi';
import {
  consultationChannels,
  consultationReferrals,
  consultationTopics,
} from '../../domain/consultation-vocabulary.js';
import type { Consultation } from '../../use-cases/consultations/consultation-response.js';
import type {
  ConsultationStatistics,
  ConsultationStatisticsFilter,
} from '../../use-cases/consultations/consultation-statistics.js';
import type { ConsultationListFilter } from '../../use-cases/consultations/list-consultations.js';
import type { RecordConsultationInput } from '../../use-cases/consultations/record-consultation.js';
import type { TurnConsultationIntoCaseInput } from '../../use-cases/consultations/turn-consultation-into-case.js';
import { PartySchema } from './case-schemas.js';
import { sameShape } from './same-shape.js';

const longText = (description: string) => z.string().trim().min(1).max(4000).openapi({ description });

export const ConsultationIdParam = z.object({
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: 'id', in: 'path' }, example: '0b9f6c1e-6f7a-4c55-9d3e-2a1f0c7d8e90' }),
});

export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .trim()
    .min(8)
    .max(100)
    .regex(/^[\x21-\x7e]+$/, 'visible ASCII characters only')
    .optional()
    .openapi({
      description:
        'Any unique string the client makes up per consultation (a UUID): a retry with the same key answers ' +
        '200 with the consultation recorded the first time instead of recording it twice.',
      example: '4f7d2c9a-consultation-1',
    }),
});

export const RecordConsultationBody = z
  .object({
    channel: z.enum(consultationChannels).openapi({ description: '咨询渠道' }),
    topic: z.enum(consultationTopics).openapi({ description: '咨询事项类别' }),
    question: longText('What the person asked (咨询事项)'),
    facts: longText(
      'What happened, as the person told it (基本事实): the case summary if it becomes one',
    ).optional(),
    answer: longText('The answer given (解答意见)'),
    parties: z
      .array(PartySchema)
      .max(50)
      .default([])
      .openapi({ description: 'The person asking and anyone else involved; needed only to become a case' }),
    referral: z.enum(consultationReferrals).optional().openapi({ description: '引导去向, if any' }),
    unitId: z
      .string()
      .uuid()
      .optional()
      .openapi({ description: 'Unit the consultation belongs to; defaults to the recorder’s own' }),
  })
  .strict()
  .openapi('RecordConsultation');

export const TurnConsultationIntoCaseBody = z
  .object({
    parties: z.array(PartySchema).min(1).max(50).optional().openapi({
      description: 'The case’s parties, where the consultation recorded none; else those recorded',
    }),
  })
  .strict()
  .openapi('TurnConsultationIntoCase');

const PartyViewSchema = z.object({
  kind: z.enum(['person', 'organisation']),
  name: z.string(),
  role: z.enum(['applicant', 'respondent', 'agent', 'third_party']),
  idType: z.enum(['resident_id', 'passport', 'unified_social_credit_code', 'other']).optional(),
  idNumber: z.string().optional().openapi({ description: 'masked in lists (150702********1234)' }),
  phone: z.string().optional().openapi({ description: 'masked in lists (138****1111)' }),
  address: z.string().optional(),
});

export const ConsultationSchema = z
  .object({
    id: z.string(),
    unitId: z.string(),
    channel: z.enum(consultationChannels),
    channelZh: z.string(),
    topic: z.enum(consultationTopics),
    topicZh: z.string(),
    question: z.string(),
    facts: z.string().nullable(),
    answer: z.string(),
    parties: z.array(PartyViewSchema),
    referral: z.enum(consultationReferrals).nullable(),
    referralZh: z.string().nullable(),
    answeredById: z.string(),
    recordedAt: z.string(),
    caseNumber: z.string().nullable().openapi({ description: 'The case it became, if any' }),
    convertedAt: z.string().nullable(),
    links: z.object({ self: z.string(), case: z.string().nullable() }),
  })
  .openapi('Consultation');

const dayRange = {
  recordedFrom: z.iso
    .date()
    .optional()
    .openapi({ description: 'first day recorded (China time), inclusive' }),
  recordedTo: z.iso.date().optional().openapi({ description: 'last day recorded (China time), inclusive' }),
};
const fromNotAfterTo = (query: { recordedFrom?: string | undefined; recordedTo?: string | undefined }) =>
  !query.recordedFrom || !query.recordedTo || query.recordedFrom <= query.recordedTo;
const fromNotAfterToError = { message: 'recordedFrom must not be after recordedTo', path: ['recordedTo'] };

export const ConsultationListQuery = z
  .object({
    channel: z.enum(consultationChannels).optional(),
    topic: z.enum(consultationTopics).optional(),
    referral: z.enum(consultationReferrals).optional(),
    unitId: z.string().uuid().optional(),
    converted: z
      .enum(['true', 'false'])
      .optional()
      .openapi({ description: 'only those that became a case, or not' }),
    ...dayRange,
    q: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .openapi({ description: 'text in the question, facts, answer or a party’s name' }),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(300).optional().openapi({ description: 'nextCursor of the previous page' }),
  })
  .refine(fromNotAfterTo, fromNotAfterToError);

export const ConsultationStatisticsQuery = z
  .object({
    ...dayRange,
    unitId: z
      .string()
      .uuid()
      .optional()
      .openapi({ description: 'a unit and the units below it; must be one you supervise' }),
  })
  .refine(fromNotAfterTo, fromNotAfterToError);

const countsShape = {
  consultations: z.number().int(),
  becameCases: z.number().int().openapi({ description: 'how many became a case (转入调解)' }),
};

export const ConsultationStatisticsSchema = z
  .object({
    total: z.object(countsShape),
    byTopic: z.array(z.object({ topic: z.enum(consultationTopics), topicZh: z.string(), ...countsShape })),
    byChannel: z.array(
      z.object({ channel: z.enum(consultationChannels), channelZh: z.string(), ...countsShape }),
    ),
  })
  .openapi('ConsultationStatistics');

sameShape<z.infer<typeof RecordConsultationBody>, RecordConsultationInput>();
sameShape<z.infer<typeof TurnConsultationIntoCaseBody>, TurnConsultationIntoCaseInput>();
sameShape<z.infer<typeof ConsultationListQuery>, ConsultationListFilter>();
sameShape<z.infer<typeof ConsultationStatisticsQuery>, ConsultationStatisticsFilter>();
sameShape<z.infer<typeof ConsultationSchema>, Consultation>();
sameShape<z.infer<typeof ConsultationStatisticsSchema>, ConsultationStatistics>();
