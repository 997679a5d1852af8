import { z } from '@hono/zod-openapi';
import type { PoliceReferralInput } from '../../use-cases/referrals/referral-inputs.js';
import { PartySchema } from './case-schemas.js';
import { DeliveryProgressSchema } from './delivery-schemas.js';
import { sameShape } from './same-shape.js';

const text = (max: number) => z.string().trim().min(1).max(max);

export const PoliceReferralBody = z
  .object({
    reference: text(100),
    facts: text(8000),
    incidentDate: z.iso.date(),
    referralDate: z.iso.date(),
    parties: z.array(PartySchema).min(2).max(20),
    officerContact: z.object({ name: text(100), phone: text(30).optional() }).strict(),
    callbackUrl: z
      .string()
      .url()
      .max(2000)
      .refine((value) => /^https?:\/\//.test(value), 'must be an http(s) URL')
      .optional(),
  })
  .strict()
  .openapi('PoliceReferral');

export const PoliceStatusSchema = z
  .object({
    reference: z.string(),
    caseNumber: z.string(),
    stage: z.string(),
    sessions: z.number().int(),
    secondRoundWindow: z.record(z.string(), z.unknown()).nullable(),
    outcome: z.record(z.string(), z.unknown()).nullable(),
    deliveries: z.array(DeliveryProgressSchema),
  })
  .openapi('PoliceReferralStatus');

sameShape<z.infer<typeof PoliceReferralBody>, PoliceReferralInput>();
