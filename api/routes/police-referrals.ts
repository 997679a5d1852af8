import { OpenAPIHono, z } from '@hono/zod-openapi';
import { findReferralCase } from '../../use-cases/referrals/find-referral-case.js';
import { registerInstitutionReferral } from '../../use-cases/referrals/register-court-referral.js';
import type { PoliceReferral } from '../../workflows/referral.messages.js';
import type { AppEnv, InstitutionPrincipal } from '../context.js';
import { type AppDependencies, caseStartDependencies } from '../dependencies.js';
import { problems } from '../problem.js';
import { problemResponseSpec, secureRoute, standardProblems } from '../route.js';
import { PartySchema } from '../schemas/case-schemas.js';

const tags = ['police docking (警调对接)'];
const text = (max: number) => z.string().trim().min(1).max(max);

const PoliceReferralBody = z
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

const PoliceStatusSchema = z
  .object({
    reference: z.string(),
    caseNumber: z.string(),
    stage: z.string(),
    sessions: z.number().int(),
    secondRoundWindow: z.record(z.string(), z.unknown()).nullable(),
    outcome: z.record(z.string(), z.unknown()).nullable(),
    deliveries: z.array(z.record(z.string(), z.unknown())),
  })
  .openapi('PoliceReferralStatus');

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const referRoute = secureRoute({
  method: 'post',
  path: '/referrals',
  tags,
  summary: 'Refer a public-order case for mediation (治安调解); idempotent by the station’s reference',
  access: ['police'],
  request: { body: { required: true, content: { 'application/json': { schema: PoliceReferralBody } } } },
  responses: {
    201: json(PoliceStatusSchema, 'Registered'),
    200: json(PoliceStatusSchema, 'Already registered with the same content'),
    409: problemResponseSpec('The reference was already used for a different referral'),
    ...standardProblems,
  },
});

const statusRoute = secureRoute({
  method: 'get',
  path: '/referrals/{reference}',
  tags,
  summary: 'Progress and outcome of one referral',
  access: ['police'],
  request: {
    params: z.object({ reference: text(100).openapi({ param: { name: 'reference', in: 'path' } }) }),
  },
  responses: {
    200: json(PoliceStatusSchema, 'The referral'),
    404: problemResponseSpec('Not this station’s'),
    ...standardProblems,
  },
});

async function policeStatus(deps: AppDependencies, institutionId: string, reference: string) {
  const found = await findReferralCase(deps.database.db, institutionId, 'police', reference);
  if (!found) throw problems.notFound(`No referral ${reference} from this station.`);
  const { view, caseNumber, deliveries: sent } = found;
  const window = view.deadlines.find((deadline) => deadline.kind === 'police_second_round');
  return {
    reference,
    caseNumber,
    stage: view.stage,
    sessions: view.sessions,
    secondRoundWindow: window
      ? { status: window.status, dueAt: window.explanation.dueAt, summaryZh: window.explanation.summaryZh }
      : null,
    outcome: view.outcome ? { result: view.outcome.disposition, at: view.outcome.at } : null,
    deliveries: sent.map((delivery) => ({
      id: delivery.id,
      kind: delivery.kind,
      status: delivery.status,
      attempts: delivery.attempts,
    })),
  };
}

/** /v1/police: public-order referrals from police stations (警调对接), scoped to the station's own. */
export function policeReferralRoutes(deps: AppDependencies) {
  return new OpenAPIHono<AppEnv>()
    .openapi(referRoute, async (c) => {
      const { institutionId } = c.get('principal') as InstitutionPrincipal;
      const body = c.req.valid('json');
      const result = await registerInstitutionReferral(caseStartDependencies(deps), institutionId, {
        kind: 'police',
        reference: body.reference,
        body,
        build(caseNumber, receivedAt, institutionName, unitId) {
          const referral: PoliceReferral = {
            kind: 'police',
            institutionId,
            institutionName,
            reference: body.reference,
            caseType: 'public_order',
            facts: body.facts,
            incidentDate: body.incidentDate,
            officerContact: body.officerContact,
            referralDate: body.referralDate,
            receivedAt: receivedAt.toISOString(),
            callbackUrl: body.callbackUrl ?? null,
          };
          return {
            caseNumber,
            source: 'police',
            summary: `【警调对接】${body.facts.slice(0, 200)}`,
            unitId,
            parties: body.parties,
            registeredBy: { kind: 'institution', id: institutionId, role: 'police' },
            registeredAt: receivedAt.toISOString(),
            referral,
          };
        },
      });
      const status = await policeStatus(deps, institutionId, body.reference);
      return result.created ? c.json(status, 201) : c.json(status, 200);
    })
    .openapi(statusRoute, async (c) => {
      const { institutionId } = c.get('principal') as InstitutionPrincipal;
      return c.json(await policeStatus(deps, institutionId, c.req.valid('param').reference), 200);
    });
}
