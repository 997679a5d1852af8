import { z } from '@hono/zod-openapi';
import type {
  ConfirmationDecisionInput,
  CourtReferralInput,
  ReferralListQuery as ReferralListFilter,
} from '../../use-cases/referrals/referral-inputs.js';
import { PartySchema } from './case-schemas.js';
import { DeliveryProgressSchema } from './delivery-schemas.js';
import { sameShape } from './same-shape.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const fen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const CourtReferenceParam = z.object({
  reference: text(100).openapi({
    param: { name: 'reference', in: 'path' },
    description: 'The court’s own reference (收案号/案号), URL-encoded',
    example: '(2026)内0702民诉前调1234号',
  }),
});

/** A court's referral (诉调对接): 委派 before filing or 委托 after filing. */
export const CourtReferralBody = z
  .object({
    type: z
      .enum(['delegated', 'entrusted'])
      .openapi({ description: 'delegated = 委派调解 (pre-filing); entrusted = 委托调解 (post-filing)' }),
    procedure: z
      .enum(['ordinary', 'simple'])
      .optional()
      .openapi({ description: 'for entrusted: 普通程序 | 简易程序' }),
    reference: text(100),
    referralDate: z.iso.date(),
    parties: z.array(PartySchema).min(2).max(50),
    claimsSummary: text(4000),
    claimAmountFen: fen.openapi({ description: 'claim amount in fen (分)' }),
    materials: z.array(text(200)).max(200),
    contact: z.object({ name: text(100), role: text(50).optional(), phone: text(30).optional() }).strict(),
    callbackUrl: z
      .string()
      .url()
      .max(2000)
      .refine((value) => /^https?:\/\//.test(value), 'must be an http(s) URL')
      .optional(),
  })
  .strict()
  .superRefine((body, context) => {
    if (body.type === 'entrusted' && !body.procedure) {
      context.addIssue({
        code: 'custom',
        path: ['procedure'],
        message: 'required for an entrusted (委托) referral',
      });
    }
    if (body.type === 'delegated' && body.procedure) {
      context.addIssue({
        code: 'custom',
        path: ['procedure'],
        message: 'only an entrusted (委托) referral has a procedure',
      });
    }
  })
  .openapi('CourtReferral');

const DeadlineStatusSchema = z.object({
  kind: z.string(),
  status: z.string(),
  dueAt: z.string(),
  summaryZh: z.string(),
});

export const CourtReferralStatusSchema = z
  .object({
    reference: z.string(),
    caseNumber: z.string(),
    type: z.enum(['delegated', 'entrusted']),
    procedure: z.enum(['ordinary', 'simple']).nullable(),
    receivedAt: z.string(),
    stage: z.string(),
    signedAt: z.string().nullable(),
    deadlines: z.array(DeadlineStatusSchema),
    outcome: z
      .object({
        result: z.string(),
        at: z.string(),
        automatic: z.boolean(),
        details: z.record(z.string(), z.unknown()),
      })
      .nullable(),
    feeSavedFen: z.number().int().nullable(),
    confirmation: z.record(z.string(), z.unknown()).nullable(),
    deliveries: z.array(DeliveryProgressSchema),
    links: z.object({ self: z.string() }),
  })
  .openapi('CourtReferralStatus');

export const ConfirmationDecisionBody = z
  .object({
    decision: z.enum(['confirmed', 'rejected']),
    date: z.iso.date(),
    rulingNumber: text(100),
  })
  .strict()
  .openapi('ConfirmationDecision');

export const ReferralListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(300).optional(),
});

sameShape<z.infer<typeof CourtReferralBody>, CourtReferralInput>();
sameShape<z.infer<typeof ConfirmationDecisionBody>, ConfirmationDecisionInput>();
sameShape<z.infer<typeof ReferralListQuery>, ReferralListFilter>();
