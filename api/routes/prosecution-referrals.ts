import { OpenAPIHono, z } from '@hono/zod-openapi';
import { and, desc, eq } from 'drizzle-orm';
import { referrals } from '../../db/schema/index.js';
import { executeCaseUpdate } from '../../use-cases/cases/send-case-update.js';
import { prosecutionStatus } from '../../use-cases/referrals/prosecution-referral-status.js';
import { registerProsecutionReferral } from '../../use-cases/referrals/register-prosecution-referral.js';
import { caseWorkflowId } from '../../workflows/case.messages.js';
import { prosecutionDecisionUpdate, recordPaymentUpdate } from '../../workflows/referral.messages.js';
import type { AppEnv, InstitutionPrincipal, StaffPrincipal } from '../context.js';
import { type AppDependencies, caseStartDependencies } from '../dependencies.js';
import { problems } from '../problem.js';
import { problemResponseSpec, secureRoute, standardProblems } from '../route.js';
import { CaseNumberParam, CaseSchema } from '../schemas/case-schemas.js';
import {
  ProsecutionDecisionBody,
  ProsecutionReferenceParam,
  ProsecutionReferralBody,
  ProsecutionStatusSchema,
} from '../schemas/prosecution-schemas.js';
import { updateFailureToProblem } from '../update-errors.js';

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
  summary: 'This procuratorate’s referrals, newest first (at most 200)',
  access: ['procuratorate'],
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }) },
  responses: {
    200: json(z.object({ items: z.array(ProsecutionStatusSchema) }), 'Referrals'),
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
  access: ['clerk', 'mediator', 'supervisor', 'admin'],
  request: {
    params: CaseNumberParam,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({
              instalment: z.number().int().min(1),
              paidOn: z.iso.date(),
              proof: z.string().trim().min(1).max(2000),
            })
            .strict()
            .openapi('RecordPayment'),
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
      const rows = await db
        .select({ reference: referrals.reference })
        .from(referrals)
        .where(and(eq(referrals.institutionId, institutionId), eq(referrals.kind, 'prosecution')))
        .orderBy(desc(referrals.createdAt))
        .limit(c.req.valid('query').limit);
      // As for courts: a referral whose case is still being started is left out, not a 404 for the page.
      const found = await Promise.all(rows.map((row) => prosecutionStatus(db, institutionId, row.reference)));
      return c.json({ items: found.filter((status) => status !== undefined) }, 200);
    })
    .openapi(statusRoute, async (c) =>
      c.json(
        await mustFind(procuratorate(c.get('principal')).institutionId, c.req.valid('param').reference),
        200,
      ),
    )
    .openapi(decisionRoute, async (c) => {
      const { institutionId } = procuratorate(c.get('principal'));
      const { reference } = c.req.valid('param');
      const status = await mustFind(institutionId, reference);
      try {
        await deps.temporal.workflow
          .getHandle(caseWorkflowId(status.caseNumber))
          .executeUpdate(prosecutionDecisionUpdate, {
            args: [
              {
                ...c.req.valid('json'),
                actor: { kind: 'institution', id: institutionId, role: 'procuratorate' },
              },
            ],
          });
      } catch (error) {
        throw updateFailureToProblem(error) ?? error;
      }
      return c.json(await mustFind(institutionId, reference), 200);
    });
}

/** Staff side: POST /v1/cases/{caseNumber}/prosecution/payments. */
export function casePaymentRoutes(deps: AppDependencies) {
  return new OpenAPIHono<AppEnv>().openapi(paymentRoute, async (c) => {
    const result = await executeCaseUpdate(
      { db: deps.database.db, temporal: deps.temporal },
      c.get('principal') as StaffPrincipal,
      c.req.valid('param').caseNumber,
      recordPaymentUpdate,
      c.req.valid('json'),
    );
    return c.json(result, 200);
  });
}
