import { z } from '@hono/zod-openapi';
import { handOffKinds, handOffResults } from '../../domain/hand-offs.js';
import { legalAidBases, legalAidExemptions } from '../../domain/legal-aid.js';
import type { AcknowledgeHandOffInput, RecordHandOffResultInput } from '../../workflows/hand-off.messages.js';
import { DeliveryProgressSchema } from './delivery-schemas.js';
import { sameShape } from './same-shape.js';

const text = (max: number) => z.string().trim().min(1).max(max);

export const HandOffIdParam = z.object({
  handOffId: z
    .string()
    .regex(/^[A-Z][A-Z0-9]{1,9}-\d{4}-\d{6}-H\d{1,4}$/, 'must look like HLBE-2026-000123-H1')
    .openapi({ param: { name: 'handOffId', in: 'path' }, example: 'HLBE-2026-000123-H1' }),
});

export const HandOffNumberParam = z.object({
  n: z.coerce
    .number()
    .int()
    .min(1)
    .max(9999)
    .openapi({
      param: { name: 'n', in: 'path' },
      example: 1,
      description: 'the hand-off’s number in the case',
    }),
});

/** Staff hand the case to a partner body (联动). */
export const HandOffBody = z
  .object({
    kind: z.enum(handOffKinds).openapi({
      description:
        'judicial_confirmation 申请司法确认 | filing 转立案 | labour_arbitration 劳动人事争议仲裁 | ' +
        'commercial_arbitration 商事仲裁 | legal_aid 法律援助 | notarisation 公证 | petition 信访 | ' +
        'reconsideration 行政复议 | labour_inspection 劳动保障监察 | counselling 心理疏导及协作组织帮扶',
    }),
    institutionId: z.uuid().openapi({ description: 'the receiving body, from the institutions list' }),
    note: text(4000).openapi({ description: 'what is asked of the body and what travels with the case' }),
    jurisdictionBasis: text(500)
      .optional()
      .openapi({ description: '管辖依据: required when the body is a court (confirmation, filing)' }),
    legalAid: z
      .object({
        applicant: text(100).openapi({ description: 'the applicant: a party to the case, by name' }),
        matter: text(500).openapi({ description: 'what legal aid is asked for (法律援助法 art 31)' }),
        basis: z.enum(legalAidBases).openapi({
          description: 'economic_difficulty 经济困难 (art 31, 34) | exempt 不受经济困难条件限制 (art 32)',
        }),
        exemption: z
          .enum(legalAidExemptions)
          .optional()
          .openapi({ description: 'the art 32 case, when exempt' }),
      })
      .strict()
      .optional()
      .openapi({ description: 'required for a legal aid hand-off (援调对接)' }),
    partiesConsent: z.literal(true).openapi({ description: 'the parties asked for or agreed to it' }),
  })
  .strict()
  .openapi('HandOff');

export const WithdrawHandOffBody = z
  .object({ reason: text(2000) })
  .strict()
  .openapi('HandOffWithdrawal');

export const AcknowledgeHandOffBody = z
  .object({
    accepted: z
      .boolean()
      .openapi({ description: 'true: 受理 / 决定给予法律援助; false: 不予受理 / 不予援助' }),
    reason: text(2000).optional().openapi({ description: 'required when declining' }),
    reference: text(100).optional().openapi({ description: 'the body’s own reference (收案号)' }),
    returnToMediation: z
      .boolean()
      .optional()
      .openapi({
        description:
          'with accepted: false, the body sends the dispute back to be mediated (退回调解): the case returns ' +
          'to mediation, its handling period counted again from the return',
      }),
  })
  .strict()
  .openapi('HandOffAcknowledgement');

export const HandOffResultBody = z
  .object({
    result: z.enum(handOffResults).openapi({
      description:
        'judicial_confirmation: confirmed | rejected; filing: filed | not_filed | returned_for_mediation; ' +
        'arbitration: awarded | settled_in_arbitration | dismissed | returned_for_mediation (退回调解: the ' +
        'case goes back to mediation, summary says why); legal_aid: lawyer_assigned; others: completed | declined',
    }),
    date: z.iso.date(),
    documentNumber: text(100).optional().openapi({
      description: '裁定书文号 / 立案案号 / 裁决书（调解书）文号; required where the result has one',
    }),
    summary: text(4000),
    lawyer: z
      .object({ name: text(100), organisation: text(200) })
      .strict()
      .optional()
      .openapi({ description: 'the assigned legal aid worker (legal_aid)' }),
  })
  .strict()
  .openapi('HandOffResult');

export const HandOffListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(300).optional(),
});

export const HandOffStatusSchema = z
  .object({
    id: z.string(),
    caseNumber: z.string(),
    kind: z.enum(handOffKinds),
    kindZh: z.string(),
    status: z.enum(['sent', 'acknowledged', 'declined', 'decided', 'withdrawn']),
    sentAt: z.string(),
    note: z.string(),
    jurisdictionBasis: z.string().nullable(),
    legalAid: z.record(z.string(), z.unknown()).nullable(),
    case: z.object({
      summary: z.string(),
      parties: z.array(z.object({ kind: z.string(), name: z.string(), role: z.string() })),
      disposition: z.string().nullable(),
    }),
    deadline: z
      .object({ status: z.string(), dueAt: z.string(), policyKey: z.string(), summaryZh: z.string() })
      .nullable(),
    acknowledgement: z.record(z.string(), z.unknown()).nullable(),
    result: z.record(z.string(), z.unknown()).nullable(),
    withdrawal: z.record(z.string(), z.unknown()).nullable(),
    deliveries: z.array(DeliveryProgressSchema),
  })
  .openapi('HandOffStatus');

sameShape<z.infer<typeof AcknowledgeHandOffBody>, Omit<AcknowledgeHandOffInput, 'n'>>();
sameShape<z.infer<typeof HandOffResultBody>, Omit<RecordHandOffResultInput, 'n'>>();
