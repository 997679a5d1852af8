import { OpenAPIHono, z } from '@hono/zod-openapi';
import { type AppDependencies, caseStartDependencies } from '../../http/dependencies.js';
import { policeReferralStatus } from '../../use-cases/referrals/police-referral-status.js';
import { registerPoliceReferral } from '../../use-cases/referrals/register-police-referral.js';
import type { AppEnv, InstitutionPrincipal } from '../context.js';
import { problemResponseSpec, secureRoute, standardProblems } from '../route.js';
import { PoliceReferralBody, PoliceStatusSchema } from '../schemas/police-schemas.js';

const tags = ['police docking (警调对接)'];
const text = (max: number) => z.string().trim().min(1).max(max);

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

/** /v1/police: public-order referrals from police stations (警调对接), scoped to the station's own. */
export function policeReferralRoutes(deps: AppDependencies) {
  return new OpenAPIHono<AppEnv>()
    .openapi(referRoute, async (c) => {
      const { institutionId } = c.get('principal') as InstitutionPrincipal;
      const body = c.req.valid('json');
      const result = await registerPoliceReferral(caseStartDependencies(deps), institutionId, body);
      const status = await policeReferralStatus(deps.database.db, institutionId, body.reference);
      return result.created ? c.json(status, 201) : c.json(status, 200);
    })
    .openapi(statusRoute, async (c) => {
      const { institutionId } = c.get('principal') as InstitutionPrincipal;
      return c.json(
        await policeReferralStatus(deps.database.db, institutionId, c.req.valid('param').reference),
        200,
      );
    });
}
