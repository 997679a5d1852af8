import { OpenAPIHono, z } from '@hono/zod-openapi';
import { staffRoles } from '../../domain/vocabulary.js';
import { type AppDependencies, caseStartDependencies } from '../../http/dependencies.js';
import { updateCase } from '../../use-cases/cases/update-case.js';
import { listReferrals } from '../../use-cases/referrals/list-referrals.js';
import { prosecutionStatus } from '../../use-cases/referrals/prosecution-referral-status.js';
import { recordProsecutionDecision } from '../../use-cases/referrals/record-institution-decision.js';
import { registerProsecutionReferral } from '../../use-cases/referrals/register-prosecution-referral.js';
import { recordPaymentUpdate } from '../../workflows/referral.messages.js';
import type { AppEnv, InstitutionPrincipal } from '../context.js';
import { problems } from '../problem.js';
import { problemResponseSpec, secureRoute, standardProblems } from '../route.js';
import { CaseNumberParam, CaseSchema, caseBody } from '../schemas/case-schemas.js';
import { ReferralListQuery } from '../schemas/court-schemas.js';
import {
  ProsecutionDecisionBody,
  ProsecutionReferenceParam,
  ProsecutionReferralBody,
  ProsecutionStatusSchema,
  RecordPaymentBody,
} from '../schemas/prosecution-schemas.js';

const tags = ['prosecution docking (检调对接)'];
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const referRoute = secureRoute({
  method: 'post',
  path: '/referrals',
  tags,
  summary:
    'Refer a minor criminal case for settlement of its civil side; 422 names each failed art 288 condition',
  access: ['procuratorate'],
  request: { body: { required: true, content: { 'application/json': { schema: ProsecutionReferralBody } } } },
  responses: {
    201: json(ProsecutionStatusSchema, 'Registered'),
    200: json(ProsecutionStatusSchema, 'Already registered under this reference with the same content'),
    409: problemResponseSpec('The reference was already used for a different referral'),
    422: problemResponseSpec(
      'Not eligible (each failed condition named), or no time left before the prosecutor’s deadline',
    ),
    ...standardProblems,
  },
});

const statusRoute = secureRoute({
  method: 'get',
  path: '/referrals/{reference}',
  tags,
  summary: 'Progress of one referral: deadline, outcome, settlement, payments, package, decision',
  access: ['procuratorate'],
  request: { params: ProsecutionReferenceParam },
  responses: {
    200: json(ProsecutionStatusSchema, 'The referral'),
    404: problemResponseSpec('Not this procuratorate’s'),
    ...standardProblems,
  },
});

const listRoute = secureRoute({
  method: 'get',
  path: '/referrals',
  tags,
  summary: 'This procuratorate’s referrals, newest first',
  access: ['procuratorate'],
  request: { query: ReferralListQuery },
  responses: {
    200: json(
      z.object({ items: z.array(ProsecutionStatusSchema), nextCursor: z.string().nullable() }),
      'A page of referrals',
    ),
    ...standardProblems,
  },
});

const decisionRoute = secureRoute({
  method: 'post',
  path: '/referrals/{reference}/decision',
  tags,
  summary: 'The procuratorate’s decision (不起诉 | 从宽量刑建议 | 起诉); closes the case',
  access: ['procuratorate'],
  request: {
    params: ProsecutionReferenceParam,
    body: { required: true, content: { 'application/json': { schema: ProsecutionDecisionBody } } },
  },
  responses: {
    200: json(ProsecutionStatusSchema, 'Recorded'),
    404: problemResponseSpec('Not this procuratorate’s'),
    409: problemResponseSpec('Already decided, or mediation still running'),
    ...standardProblems,
  },
});

const paymentRoute = secureRoute({
  method: 'post',
  path: '/{caseNumber}/prosecution/payments',
  tags,
  summary: 'Record a payment of an instalment under the criminal settlement, with its proof',
  access: staffRoles,
  request: {
    params: CaseNumberParam,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: RecordPaymentBody,
        },
      },
    },
  },
  responses: {
    200: json(CaseSchema, 'The case'),
    404: problemResponseSpec('No such case'),
    409: problemResponseSpec('Already paid'),
    422: problemResponseSpec('No such instalment, or not a prosecution referral'),
    ...standardProblems,
  },
});

/** /v1/prosecution: what a procuratorate's system calls, scoped to its own referrals. */
export function prosecutionReferralRoutes(deps: AppDependencies) {
  const db = deps.database.db;
  const procuratorate = (principal: unknown) => principal as InstitutionPrincipal;
  const mustFind = async (institutionId: string, reference: string) => {
    const status = await prosecutionStatus(db, institutionId, reference);
    if (!status) throw problems.notFound(`No referral ${reference} from this procuratorate.`);
    return status;
  };
  return new OpenAPIHono<AppEnv>()
    .openapi(referRoute, async (c) => {
      const { institutionId } = procuratorate(c.get('principal'));
      const body = c.req.valid('json');
      const result = await registerProsecutionReferral(caseStartDependencies(deps), institutionId, body);
      const status = await mustFind(institutionId, body.reference);
      return result.created ? c.json(status, 201, { location: status.links.self }) : c.json(status, 200);
    })
    .openapi(listRoute, async (c) => {
      const { institutionId } = procuratorate(c.get('principal'));
      const page = await listReferrals(db, institutionId, 'prosecution', c.req.valid('query'), (reference) =>
        prosecutionStatus(db, institutionId, reference),
      );
      return c.json(page, 200);
    })
    .openapi(statusRoute, async (c) =>
      c.json(
        await mustFind(procuratorate(c.get('principal')).institutionId, c.req.valid('param').reference),
        200,
      ),
    )
    .openapi(decisionRoute, async (c) => {
      const status = await recordProsecutionDecision(
        { db, temporal: deps.temporal },
        procuratorate(c.get('principal')),
        c.req.valid('param').reference,
        c.req.valid('json'),
      );
      return c.json(status, 200);
    });
}

/** Staff side: POST /v1/cases/{caseNumber}/prosecution/payments. */
export function casePaymentRoutes(deps: AppDependencies) {
  return new OpenAPIHono<AppEnv>().openapi(paymentRoute, async (c) => {
    const result = await updateCase(
      { db: deps.database.db, temporal: deps.temporal },
      c.get('principal'),
      c.req.valid('param').caseNumber,
      recordPaymentUpdate,
      c.req.valid('json'),
    );
    return c.json(caseBody(result), 200);
  });
}
