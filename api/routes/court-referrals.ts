import { OpenAPIHono, z } from '@hono/zod-openapi';
import { type AppDependencies, caseStartDependencies } from '../../http/dependencies.js';
import { referralStatus } from '../../use-cases/referrals/court-referral-status.js';
import { listReferrals } from '../../use-cases/referrals/list-referrals.js';
import { recordConfirmationDecision } from '../../use-cases/referrals/record-institution-decision.js';
import { registerReferral } from '../../use-cases/referrals/register-court-referral.js';
import type { AppEnv, InstitutionPrincipal } from '../context.js';
import { problems } from '../problem.js';
import { problemResponseSpec, secureRoute, standardProblems } from '../route.js';
import {
  ConfirmationDecisionBody,
  CourtReferenceParam,
  CourtReferralBody,
  CourtReferralStatusSchema,
  ReferralListQuery,
} from '../schemas/court-schemas.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const referRoute = secureRoute({
  method: 'post',
  path: '/referrals',
  tags: ['court docking (诉调对接)'],
  summary: 'Refer a dispute for mediation (委派/委托); idempotent by the court’s reference',
  access: ['court'],
  request: { body: { required: true, content: { 'application/json': { schema: CourtReferralBody } } } },
  responses: {
    201: json(CourtReferralStatusSchema, 'Registered: the case number and a status URL'),
    200: json(CourtReferralStatusSchema, 'Already registered under this reference with the same content'),
    409: problemResponseSpec('The reference was already used for a different referral'),
    422: problemResponseSpec('no_policy_in_force: no deadline policy covers the referral date'),
    ...standardProblems,
  },
});

const statusRoute = secureRoute({
  method: 'get',
  path: '/referrals/{reference}',
  tags: ['court docking (诉调对接)'],
  summary: 'Progress of one referral: stage, deadlines, outcome, delivery status',
  access: ['court'],
  request: { params: CourtReferenceParam },
  responses: {
    200: json(CourtReferralStatusSchema, 'The referral'),
    404: problemResponseSpec('Not this court’s referral'),
    ...standardProblems,
  },
});

const listRoute = secureRoute({
  method: 'get',
  path: '/referrals',
  tags: ['court docking (诉调对接)'],
  summary: 'This court’s referrals, newest first',
  access: ['court'],
  request: { query: ReferralListQuery },
  responses: {
    200: json(
      z.object({ items: z.array(CourtReferralStatusSchema), nextCursor: z.string().nullable() }),
      'A page',
    ),
    ...standardProblems,
  },
});

const decisionRoute = secureRoute({
  method: 'post',
  path: '/referrals/{reference}/confirmation-decision',
  tags: ['court docking (诉调对接)'],
  summary: 'The court’s ruling on judicial confirmation (司法确认): confirmed | rejected',
  access: ['court'],
  request: {
    params: CourtReferenceParam,
    body: { required: true, content: { 'application/json': { schema: ConfirmationDecisionBody } } },
  },
  responses: {
    200: json(CourtReferralStatusSchema, 'Recorded'),
    404: problemResponseSpec('Not this court’s referral'),
    409: problemResponseSpec('Already decided'),
    422: problemResponseSpec('Not a settled delegated referral'),
    ...standardProblems,
  },
});

/** /v1/court: what a court's system calls. A court key sees and touches only that court's referrals. */
export function courtReferralRoutes(deps: AppDependencies) {
  const db = deps.database.db;
  const court = (principal: unknown) => principal as InstitutionPrincipal;
  const mustFind = async (institutionId: string, reference: string) => {
    const status = await referralStatus(db, institutionId, reference);
    if (!status) throw problems.notFound(`No referral ${reference} from this court.`);
    return status;
  };

  return new OpenAPIHono<AppEnv>()
    .openapi(referRoute, async (c) => {
      const { institutionId } = court(c.get('principal'));
      const body = c.req.valid('json');
      const result = await registerReferral(caseStartDependencies(deps), institutionId, body);
      const status = await mustFind(institutionId, body.reference);
      c.get('logger').info({ caseNumber: result.caseNumber, created: result.created }, 'court referral');
      return result.created ? c.json(status, 201, { location: status.links.self }) : c.json(status, 200);
    })
    .openapi(listRoute, async (c) => {
      const { institutionId } = court(c.get('principal'));
      const page = await listReferrals(db, institutionId, 'court', c.req.valid('query'), (reference) =>
        referralStatus(db, institutionId, reference),
      );
      return c.json(page, 200);
    })
    .openapi(statusRoute, async (c) => {
      const { institutionId } = court(c.get('principal'));
      return c.json(await mustFind(institutionId, c.req.valid('param').reference), 200);
    })
    .openapi(decisionRoute, async (c) => {
      const status = await recordConfirmationDecision(
        { db, temporal: deps.temporal },
        court(c.get('principal')),
        c.req.valid('param').reference,
        c.req.valid('json'),
      );
      return c.json(status, 200);
    });
}
