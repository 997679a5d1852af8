import { z } from '@hono/zod-openapi';
import { caseNumberPattern } from '../../domain/case-number.js';
import { isValidResidentIdNumber, isValidUnifiedSocialCreditCode } from '../../domain/identity-numbers.js';
import { stages } from '../../domain/stages.js';
import { transitionNames } from '../../domain/transition-table.js';
import { caseSources, dispositions, disputeCategories, triageClasses } from '../../domain/vocabulary.js';
import type { CaseResponse } from '../../use-cases/cases/case-response.js';
import type { CaseListFilter, CaseListItem } from '../../use-cases/cases/list-cases.js';
import type { RegisterCaseInput } from '../../use-cases/cases/register-case.js';
import type { PartyInput } from '../../workflows/case.messages.js';
import { sameShape } from './same-shape.js';

export const CaseNumberParam = z.object({
  caseNumber: z
    .string()
    .regex(caseNumberPattern, 'must look like HLBE-2026-000123')
    .openapi({ param: { name: 'caseNumber', in: 'path' }, example: 'HLBE-2026-000123' }),
});

/** What is wrong with an ID number of a declared kind whose check character can be verified. */
function identityNumberProblem(idType: string | undefined, idNumber: string | undefined): string | undefined {
  if (idNumber === undefined) return undefined;
  if (idType === 'resident_id' && !isValidResidentIdNumber(idNumber))
    return 'not a valid resident ID number (GB 11643: 18 characters, a real birth date, the check character)';
  if (idType === 'unified_social_credit_code' && !isValidUnifiedSocialCreditCode(idNumber))
    return 'not a valid unified social credit code (GB 32100: 18 characters, the check character)';
  return undefined;
}

const partyIdentity = {
  kind: z.enum(['person', 'organisation']),
  name: z.string().trim().min(1).max(200),
  role: z.enum(['applicant', 'respondent', 'agent', 'third_party']),
  idType: z.enum(['resident_id', 'passport', 'unified_social_credit_code', 'other']).optional(),
};

export const PartySchema = z
  .object({
    ...partyIdentity,
    idNumber: z
      .string()
      .trim()
      .min(4)
      .max(40)
      .transform((value) => value.replace(/\s/g, '').toUpperCase())
      .optional()
      .openapi({ description: 'stored without spaces, check letter in upper case' }),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9][0-9 -]{5,19}$/, 'must be a phone number')
      .optional(),
    address: z.string().trim().max(500).optional(),
  })
  .superRefine((party, context) => {
    const problem = identityNumberProblem(party.idType, party.idNumber);
    if (problem) context.addIssue({ code: 'custom', path: ['idNumber'], message: problem });
  })
  .openapi('Party', {
    description:
      'A resident_id is checked against its GB 11643 check character and birth date, a ' +
      'unified_social_credit_code against its GB 32100 check character.',
  });

/** A party as the API answers with it: ID and phone numbers are masked where the role does not need them. */
const PartyViewSchema = z
  .object({
    ...partyIdentity,
    idNumber: z
      .string()
      .optional()
      .openapi({ description: 'masked (150702********1234) unless the role needs it' }),
    phone: z.string().optional().openapi({ description: 'masked (138****1111) unless the role needs it' }),
    address: z.string().optional(),
  })
  .openapi('PartyView');

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
    claimAmountFen: z
      .number()
      .int()
      .min(0)
      .max(1_000_000_000_000)
      .optional()
      .openapi({ description: '标的额 in fen (分), when the dispute is about money or property' }),
    mediationConsent: z
      .object({ givenBy: z.array(z.string().trim().min(1).max(200)).min(1).max(50) })
      .strict()
      .optional()
      .openapi({
        description: 'the parties (by name) who applied for or agreed to mediation (申请/同意调解)',
      }),
    duplicateOverride: z
      .object({
        caseNumbers: z.array(z.string().regex(caseNumberPattern)).min(1).max(50),
        reason: z.string().trim().min(1).max(2000),
      })
      .strict()
      .optional()
      .openapi({ description: 'registered despite open cases of the same party: those cases and why' }),
    chosenMediatorId: z
      .string()
      .uuid()
      .optional()
      .openapi({ description: 'the mediator the parties chose from the directory (当事人选择, 调解超市)' }),
    greenChannel: z.object({ enterpriseId: z.string().uuid() }).strict().optional().openapi({
      description:
        '涉企绿色通道: a registered enterprise (GET /v1/enterprises) that is a party of the case, an organisation with its unified social credit code; else 422 `green_channel_not_a_party`',
    }),
  })
  .strict()
  .openapi('RegisterCase');

const ActorSchema = z.object({
  kind: z.enum(['staff', 'institution', 'system']),
  id: z.string(),
  role: z.string().optional(),
  unitId: z.string().nullable().optional(),
});

export const DeadlineExplanationSchema = z
  .object({
    policyId: z.string(),
    policyKey: z.string(),
    rule: z.string(),
    ruleZh: z.string(),
    source: z.string(),
    startEvent: z.object({ kind: z.string(), kindZh: z.string(), at: z.string(), date: z.string() }),
    period: z.object({ unit: z.string(), length: z.number() }),
    extensionDays: z.number(),
    skipped: z.array(z.object({ date: z.string(), why: z.string(), name: z.string().optional() })),
    rolledOver: z.boolean(),
    calendarUnconfirmed: z.boolean(),
    unconfirmedYears: z.array(z.number()),
    dueDate: z.string(),
    dueAt: z.string(),
    summaryZh: z.string(),
  })
  .passthrough()
  .openapi('DeadlineExplanation');

const DeadlineSchema = z
  .object({
    kind: z.string(),
    status: z.enum(['open', 'overdue', 'paused', 'met', 'cancelled']),
    explanation: DeadlineExplanationSchema,
    remindersSent: z.array(z.string()),
    overdueSince: z.string().nullable(),
    closedAt: z.string().nullable(),
  })
  .openapi('Deadline');

export const GreenChannelSchema = z
  .object({
    enterpriseId: z.string(),
    enterpriseName: z.string(),
    creditCode: z.string(),
    flaggedBy: z.string(),
    flaggedAt: z.string(),
  })
  .openapi('GreenChannel', {
    description:
      '涉企绿色通道: the registered enterprise the case is flagged for, who flagged it and when; the case comes first in the queues and, flagged before triage, runs on the shorter green channel periods (centre policy, not law)',
  });

export const CaseSchema = z
  .object({
    caseNumber: z.string(),
    stage: z.enum(stages),
    source: z.string(),
    summary: z.string(),
    unitId: z.string().nullable(),
    assigneeId: z.string().nullable(),
    triageClass: z.enum(triageClasses).nullable(),
    category: z.enum(disputeCategories).nullable(),
    parties: z.array(PartyViewSchema),
    registeredAt: z.string(),
    registeredBy: ActorSchema,
    outcome: z
      .object({
        transition: z.string(),
        disposition: z.enum(dispositions),
        at: z.string(),
        by: z.string(),
        details: z.record(z.string(), z.unknown()),
      })
      .nullable(),
    disposition: z.enum(dispositions).nullable(),
    amountFen: z.number().int().nullable().openapi({ description: 'agreement amount (协议金额) in fen' }),
    claimAmountFen: z
      .number()
      .int()
      .nullable()
      .optional()
      .openapi({ description: '标的额 in fen, as recorded at intake' }),
    mediationConsent: z
      .object({ givenBy: z.array(z.string()), recordedAt: z.string(), recordedBy: z.string().optional() })
      .nullable()
      .optional(),
    duplicateOverride: z
      .object({ caseNumbers: z.array(z.string()), reason: z.string() })
      .nullable()
      .optional(),
    chosenMediatorId: z.string().nullable().optional(),
    sessions: z.number().int(),
    extensions: z.array(z.record(z.string(), z.unknown())),
    followUp: z.record(z.string(), z.unknown()).nullable(),
    followUps: z
      .array(z.record(z.string(), z.unknown()))
      .optional()
      .openapi({ description: 'every follow-up visit (回访), in order' }),
    performanceDecisions: z
      .array(z.record(z.string(), z.unknown()))
      .optional()
      .openapi({ description: 'decisions on agreements a visit found not performed' }),
    deadlines: z.array(DeadlineSchema),
    supervisionOrders: z.array(
      z
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
        .openapi('SupervisionOrder'),
    ),
    referral: z
      .record(z.string(), z.unknown())
      .nullable()
      .openapi({ description: 'The court, procuratorate or police referral, as received' }),
    court: z.record(z.string(), z.unknown()).nullable().openapi({ description: '诉调对接 progress' }),
    prosecution: z
      .record(z.string(), z.unknown())
      .nullable()
      .optional()
      .openapi({ description: '检调对接 progress' }),
    police: z
      .record(z.string(), z.unknown())
      .nullable()
      .optional()
      .openapi({ description: '警调对接 progress' }),
    linkPending: z
      .string()
      .nullable()
      .openapi({ description: 'What must still happen before the case may close' }),
    handOffs: z
      .array(z.record(z.string(), z.unknown()))
      .optional()
      .openapi({ description: '联动: hand-offs to partner bodies, with their answers and results' }),
    conferences: z.array(z.record(z.string(), z.unknown())).optional().openapi({
      description: '研: case conferences held, with participants, conclusions and the agreed plan',
    }),
    conferenceRequirement: z
      .object({
        policyId: z.string(),
        waiver: z.object({ reason: z.string(), by: z.string(), at: z.string() }).nullable(),
      })
      .nullable()
      .optional()
      .openapi({
        description:
          'Set when the case (complex, triaged while the centre policy was on) must hold a conference before it settles; `waiver` when a supervisor waived it',
      }),
    greenChannel: GreenChannelSchema.nullable().optional(),
    overdue: z.boolean(),
    closedAt: z.string().nullable(),
    seq: z.number().int(),
    /** What the caller may do to the case now (for buttons in a UI). */
    allowedTransitions: z.array(z.enum(transitionNames)),
    links: z.object({ self: z.string(), events: z.string() }),
  })
  .openapi('Case');

/**
 * The case as the use case answers it, as this schema documents it. The schema describes the nested
 * progress records loosely (open objects), so the one conversion between the two is here.
 */
export function caseBody(response: CaseResponse): z.infer<typeof CaseSchema> {
  return response as unknown as z.infer<typeof CaseSchema>;
}

/** The answer to a registration with `Prefer: respond-async`. */
export const RegistrationAcceptedSchema = z
  .object({
    caseNumber: z.string(),
    stage: z.literal('registered'),
    links: z.object({ self: z.string(), events: z.string() }),
  })
  .openapi('RegistrationAccepted');

export const CaseListQuery = z.object({
  stage: z.enum(stages).optional(),
  triageClass: z.enum(triageClasses).optional(),
  category: z.enum(disputeCategories).optional(),
  source: z.enum(caseSources).optional(),
  unitId: z.string().uuid().optional(),
  assigneeId: z.string().uuid().optional(),
  overdue: z.enum(['true', 'false']).optional(),
  registeredFrom: z.iso
    .date()
    .optional()
    .openapi({ description: 'first registration day (China time), inclusive' }),
  registeredTo: z.iso
    .date()
    .optional()
    .openapi({ description: 'last registration day (China time), inclusive' }),
  q: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .openapi({ description: 'text in the summary or a party’s name' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  order: z.enum(['registered', 'nextDue']).optional().openapi({
    description: 'registered: newest first (default); nextDue: the soonest deadline first, overdue on top',
  }),
  cursor: z.string().max(200).optional().openapi({ description: 'nextCursor of the previous page' }),
});

export const CaseListItemSchema = z
  .object({
    caseNumber: z.string(),
    stage: z.enum(stages),
    source: z.string(),
    summary: z.string(),
    triageClass: z.string().nullable(),
    category: z.string().nullable(),
    unitId: z.string().nullable(),
    assigneeId: z.string().nullable(),
    disposition: z.string().nullable(),
    overdue: z.boolean(),
    greenChannel: z.boolean().openapi({ description: '涉企绿色通道: listed first' }),
    nextDueAt: z.string().nullable(),
    registeredAt: z.string(),
    parties: z.array(PartyViewSchema),
  })
  .openapi('CaseListItem');

export const CaseEventSchema = z
  .object({
    seq: z.number().int(),
    type: z.string(),
    actorKind: z.string(),
    actorId: z.string().nullable(),
    at: z.string(),
    before: z.unknown(),
    after: z.unknown(),
    payload: z.unknown(),
  })
  .openapi('CaseEvent');

sameShape<z.infer<typeof PartySchema>, PartyInput>();
sameShape<z.infer<typeof RegisterCaseBody>, RegisterCaseInput>();
sameShape<z.infer<typeof CaseListQuery>, CaseListFilter>();
sameShape<z.infer<typeof CaseListItemSchema>, CaseListItem>();
