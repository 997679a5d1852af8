import { z } from '@hono/zod-openapi';
import type {
  ProsecutionDecisionInput,
  ProsecutionReferralInput,
} from '../../use-cases/referrals/referral-inputs.js';
import type { RecordPaymentInput } from '../../workflows/referral.messages.js';
import { PartySchema } from './case-schemas.js';
import { DeliveryProgressSchema } from './delivery-schemas.js';
import { sameShape } from './same-shape.js';

const text = (max: number) => z.string().trim().min(1).max(max);

export const ProsecutionReferenceParam = z.object({
  reference: text(100).openapi({
    param: { name: 'reference', in: 'path' },
    description: 'The procuratorate’s reference, URL-encoded',
  }),
});

/** A procuratorate's referral of a minor criminal case (检调对接), with the art 288 eligibility facts. */
export const ProsecutionReferralBody = z
  .object({
    reference: text(100),
    offence: text(200).openapi({ example: '故意伤害' }),
    statuteArticle: text(100).openapi({ example: '刑法第234条第1款' }),
    suspects: z.array(PartySchema).min(1).max(20),
    victims: z.array(PartySchema).min(1).max(20),
    facts: text(8000),
    prosecutorContact: z.object({ name: text(100), phone: text(30).optional() }).strict(),
    referralDate: z.iso.date(),
    reviewStartedOn: z.iso.date().openapi({ description: '审查起诉 started' }),
    reviewDueOn: z.iso
      .date()
      .openapi({ description: '审查起诉 ends (1 month, +15 days if extended; fast-track 10/15 days)' }),
    eligibility: z
      .object({
        privateDispute: z.boolean(),
        criminalLawChapter: z.number().int().min(1).max(10),
        negligent: z.boolean(),
        likelySentenceMonths: z.number().int().min(0).max(600),
        intentionalCrimeWithinFiveYears: z.boolean(),
      })
      .strict(),
    performanceBeforeDecision: z
      .boolean()
      .openapi({ description: 'the prosecutor decides only after payment (art 503)' }),
    callbackUrl: z
      .string()
      .url()
      .max(2000)
      .refine((value) => /^https?:\/\//.test(value), 'must be an http(s) URL')
      .optional(),
  })
  .strict()
  .superRefine((body, context) => {
    if (body.reviewDueOn < body.reviewStartedOn) {
      context.addIssue({
        code: 'custom',
        path: ['reviewDueOn'],
        message: 'must not be before reviewStartedOn',
      });
    }
  })
  .openapi('ProsecutionReferral');

export const ProsecutionStatusSchema = z
  .object({
    reference: z.string(),
    caseNumber: z.string(),
    stage: z.string(),
    receivedAt: z.string(),
    deadline: z.record(z.string(), z.unknown()).nullable(),
    outcome: z.record(z.string(), z.unknown()).nullable(),
    settlement: z.record(z.string(), z.unknown()).nullable(),
    instalments: z.array(z.record(z.string(), z.unknown())),
    packageSentAt: z.string().nullable(),
    decision: z.record(z.string(), z.unknown()).nullable(),
    deliveries: z.array(DeliveryProgressSchema),
    links: z.object({ self: z.string() }),
  })
  .openapi('ProsecutionReferralStatus');

export const ProsecutionDecisionBody = z
  .object({
    decision: z.enum(['non_prosecution', 'lenient_recommendation', 'prosecution']).openapi({
      description: '不起诉 | 从宽量刑建议 | 起诉',
    }),
    date: z.iso.date(),
  })
  .strict()
  .openapi('ProsecutionDecision');

/** A payment under a criminal settlement: one instalment, with its proof (the staff record it). */
export const RecordPaymentBody = z
  .object({
    instalment: z.number().int().min(1),
    paidOn: z.iso.date(),
    proof: z.string().trim().min(1).max(2000),
  })
  .strict()
  .openapi('RecordPayment');

sameShape<z.infer<typeof RecordPaymentBody>, RecordPaymentInput>();
sameShape<z.infer<typeof ProsecutionReferralBody>, ProsecutionReferralInput>();
sameShape<z.infer<typeof ProsecutionDecisionBody>, ProsecutionDecisionInput>();
