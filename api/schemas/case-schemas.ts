import { z } from '@hono/zod-openapi';
import { caseSources } from '../../domain/vocabulary.js';

export const caseNumberPattern = /^[A-Z][A-Z0-9]{1,9}-\d{4}-\d{6}$/;

export const CaseNumberParam = z.object({
  caseNumber: z
    .string()
    .regex(caseNumberPattern, 'must look like HLBE-2026-000123')
    .openapi({ param: { name: 'caseNumber', in: 'path' }, example: 'HLBE-2026-000123' }),
});

export const PartySchema = z
  .object({
    kind: z.enum(['person', 'organisation']),
    name: z.string().trim().min(1).max(200),
    role: z.enum(['applicant', 'respondent', 'agent', 'third_party']),
    idType: z.enum(['resident_id', 'passport', 'unified_social_credit_code', 'other']).optional(),
    idNumber: z.string().trim().min(4).max(40).optional(),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9][0-9 -]{5,19}$/, 'must be a phone number')
      .optional(),
    address: z.string().trim().max(500).optional(),
  })
  .openapi('Party');

export const RegisterCaseBody = z
  .object({
    source: z.enum(caseSources).openapi({ description: 'Channel the dispute came in through (来源渠道)' }),
    summary: z.string().trim().min(1).max(4000).openapi({ description: 'What the dispute is about' }),
    unitId: z
      .string()
      .uuid()
      .optional()
      .openapi({ description: 'Unit that takes the case; defaults to the clerk’s' }),
    parties: z.array(PartySchema).min(1).max(50),
  })
  .strict()
  .openapi('RegisterCase');

const ActorSchema = z.object({
  kind: z.enum(['staff', 'institution', 'system']),
  id: z.string(),
  role: z.string().optional(),
});

export const CaseSchema = z
  .object({
    caseNumber: z.string(),
    stage: z.string(),
    source: z.string(),
    summary: z.string(),
    unitId: z.string().nullable(),
    assigneeId: z.string().nullable(),
    parties: z.array(PartySchema),
    registeredAt: z.string().datetime({ offset: true }),
    registeredBy: ActorSchema,
    seq: z.number().int(),
    updatedAt: z.string().datetime({ offset: true }),
    links: z.object({ self: z.string(), events: z.string().optional() }),
  })
  .openapi('Case');

export type CaseResponse = z.infer<typeof CaseSchema>;
