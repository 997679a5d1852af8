import { OpenAPIHono } from '@hono/zod-openapi';
import { allStaff } from '../access.js';
import type { AppEnv } from '../context.js';
import type { AppDependencies } from '../dependencies.js';
import { Problem, problems } from '../problem.js';
import { problemResponseSpec, secureRoute, standardProblems } from '../route.js';
import { CaseNumberParam, CaseSchema, RegisterCaseBody } from '../schemas/case-schemas.js';
import { readCase, toCaseResponse } from '../use-cases/read-case.js';
import { registerCase } from '../use-cases/register-case.js';

const registerCaseRoute = secureRoute({
  method: 'post',
  path: '/',
  tags: ['cases'],
  summary: 'Register a dispute (接案)',
  access: ['clerk', 'supervisor', 'admin'],
  request: { body: { required: true, content: { 'application/json': { schema: RegisterCaseBody } } } },
  responses: {
    201: { description: 'Registered', content: { 'application/json': { schema: CaseSchema } } },
    ...standardProblems,
  },
});

const getCaseRoute = secureRoute({
  method: 'get',
  path: '/{caseNumber}',
  tags: ['cases'],
  summary: 'Read one case',
  access: allStaff,
  request: { params: CaseNumberParam },
  responses: {
    200: { description: 'The case', content: { 'application/json': { schema: CaseSchema } } },
    404: problemResponseSpec('No such case'),
    ...standardProblems,
  },
});

export function caseRoutes(deps: AppDependencies) {
  return new OpenAPIHono<AppEnv>()
    .openapi(registerCaseRoute, async (c) => {
      const body = c.req.valid('json');
      const principal = c.get('principal');
      if (principal.kind !== 'staff') throw problems.forbidden('Only staff register cases here.');
      const unitId = body.unitId ?? principal.unitId;
      if (!unitId && principal.role !== 'admin') {
        throw new Problem(422, 'unit_required', 'A unit is required', 'unitId: the case needs a unit', {
          errors: [{ field: 'unitId', reason: 'required when the registering user has no unit' }],
        });
      }
      const view = await registerCase(
        {
          db: deps.database.db,
          temporal: deps.temporal,
          taskQueue: deps.settings.taskQueue,
          caseNumberPrefix: deps.settings.caseNumberPrefix,
        },
        {
          source: body.source,
          summary: body.summary,
          unitId: unitId ?? null,
          parties: body.parties,
          actor: { kind: 'staff', id: principal.userId, role: principal.role, unitId: principal.unitId },
        },
      );
      c.get('logger').info({ caseNumber: view.caseNumber }, 'case registered');
      const response = toCaseResponse(view, view.registeredAt);
      return c.json(response, 201, { location: response.links.self });
    })
    .openapi(getCaseRoute, async (c) => {
      const { caseNumber } = c.req.valid('param');
      const found = await readCase(deps.database.db, caseNumber);
      if (!found) throw problems.notFound(`No case ${caseNumber}.`);
      return c.json(found, 200);
    });
}
