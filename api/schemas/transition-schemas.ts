import { z } from '@hono/zod-openapi';
import type { TransitionName } from '../../domain/transition-table.js';
import { disputeCategories, triageClasses } from '../../domain/vocabulary.js';
import type { TransitionInputs } from '../../workflows/case.messages.js';
import type { Same } from './same-shape.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const instant = z.string().datetime({ offset: true });
const fen = z
  .number()
  .int()
  .min(0)
  .max(Number.MAX_SAFE_INTEGER)
  .openapi({ description: 'amount in fen (分)' });

/** 人民检察院刑事诉讼规则 arts 495–499: only civil compensation and forgiveness are settled. */
const ProsecutionTermsSchema = z
  .object({
    compensationFen: fen,
    method: text(500),
    remorse: text(2000),
    forgiveness: z.boolean(),
    leniencyRequested: z.boolean(),
    forgivenessLetter: z
      .object({ signedOn: z.iso.date(), signedBy: text(100) })
      .strict()
      .nullable(),
    instalments: z
      .array(z.object({ amountFen: fen, dueDate: z.iso.date() }).strict())
      .min(1)
      .max(60),
    guarantee: z
      .object({ kind: z.enum(['guarantor', 'deposit', 'collateral']), detail: text(1000) })
      .strict()
      .optional(),
    victimConsentToInstalments: z.boolean().optional(),
  })
  .strict()
  .openapi('ProsecutionSettlementTerms');

/** Request bodies of the staff transitions, one per Update of the case workflow. */
export const transitionBodies = {
  triage: z
    .object({
      triageClass: z.enum(triageClasses),
      category: z.enum(disputeCategories),
      note: text(2000).optional(),
    })
    .strict(),
  assign: z
    .object({
      mediatorId: z.string().uuid(),
      unitId: z.string().uuid().optional(),
      conflictOverride: z
        .object({ reason: text(2000) })
        .strict()
        .optional(),
    })
    .strict(),
  accept: z.object({}).strict(),
  recordSession: z
    .object({
      heldAt: instant,
      location: text(200).optional(),
      summary: text(8000),
      onSite: z.boolean().optional().openapi({
        description: 'held on site (现场调解, as circuit teams work); location then names the place',
      }),
    })
    .strict()
    .superRefine((body, context) => {
      if (body.onSite === true && body.location === undefined)
        context.addIssue({
          code: 'custom',
          path: ['location'],
          message: 'name the place of an on-site session',
        });
    }),
  requestExtension: z
    .object({ days: z.number().int().min(1).max(365), reason: text(2000), partiesConsent: z.boolean() })
    .strict(),
  decideExtension: z.object({ approve: z.boolean(), note: text(2000).optional() }).strict(),
  settle: z
    .object({
      form: z.enum(['written', 'oral']),
      terms: text(20000),
      amountFen: fen,
      performance: z
        .array(
          z
            .object({
              description: text(2000),
              dueDate: z.iso.date().optional(),
              amountFen: fen.optional(),
            })
            .strict(),
        )
        .max(100),
      signedAt: instant.optional(),
      prosecution: ProsecutionTermsSchema.optional().openapi({
        description:
          'Required when a procuratorate referred the case: the criminal settlement terms (刑事和解)',
      }),
    })
    .strict(),
  fail: z.object({ reasons: text(8000), undisputedFacts: text(8000) }).strict(),
  withdraw: z.object({ reason: text(2000) }).strict(),
  terminate: z.object({ reason: text(2000) }).strict(),
  referOut: z
    .object({
      to: text(200),
      reason: text(2000),
      partiesConsent: z.literal(true, { message: 'the parties must consent to a referral' }),
    })
    .strict(),
  reject: z.object({ reason: text(2000) }).strict(),
  close: z.object({ note: text(2000).optional() }).strict(),
  recordFollowUp: z
    .object({
      performed: z.boolean(),
      satisfaction: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
      notes: text(4000).optional(),
      unperformedSteps: z.array(z.number().int().min(1).max(1000)).min(1).max(100).optional().openapi({
        description: 'when not performed: the agreement’s performance steps (1-based) that were not',
      }),
    })
    .strict(),
  archive: z.object({}).strict(),
} satisfies Record<TransitionName, z.ZodType>;

/** URL segment of each transition: /v1/cases/{caseNumber}/{segment}. */
export const transitionPaths: Record<TransitionName, string> = {
  triage: 'triage',
  assign: 'assign',
  accept: 'accept',
  recordSession: 'sessions',
  requestExtension: 'extension-requests',
  decideExtension: 'extension-decisions',
  settle: 'settle',
  fail: 'fail',
  withdraw: 'withdraw',
  terminate: 'terminate',
  referOut: 'refer-out',
  reject: 'reject',
  close: 'close',
  recordFollowUp: 'follow-ups',
  archive: 'archive',
};

/** Each body is exactly the workflow's input of its Update (the actor is added from the credential). */
export const transitionBodiesMatchWorkflow: {
  [T in TransitionName]: Same<z.infer<(typeof transitionBodies)[T]>, TransitionInputs[T]>;
} = {
  triage: true,
  assign: true,
  accept: true,
  recordSession: true,
  requestExtension: true,
  decideExtension: true,
  settle: true,
  fail: true,
  withdraw: true,
  terminate: true,
  referOut: true,
  reject: true,
  close: true,
  recordFollowUp: true,
  archive: true,
};
