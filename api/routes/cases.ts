import { OpenAPIHono, z } from '@hono/zod-openapi';
import { type AppDependencies, caseStartDependencies } from '../../http/dependencies.js';
import { caseLinks } from '../../use-cases/cases/case-response.js';
import { listCaseEvents } from '../../use-cases/cases/list-case-events.js';
import { listCases } from '../../use-cases/cases/list-cases.js';
import { readCase } from '../../use-cases/cases/read-case.js';
import { acceptCaseRegistration, registerCase } from '../../use-cases/cases/register-case.js';
import { allStaff } from '../access.js';
import type { AppEnv, StaffPrincipal } from '../context.js';
import { problemResponseSpec, secureRoute, standardProblems } from '../route.js';
import {
  CaseEventSchema,
  CaseListItemSchema,
  CaseListQuery,
  CaseNumberParam,
  CaseSchema,
  caseBody,
  RegisterCaseBody,
  RegistrationAcceptedSchema,
} from '../schemas/case-schemas.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const registerCaseRoute = secureRoute({
  method: 'post',
  path: '/',
  tags: ['cases'],
  summary: 'Register a dispute (接案)',
  access: ['clerk', 'supervisor', 'admin'],
  request: {
    headers: z.object({
      prefer: z
        .string()
        .max(200)
        .optional()
        .openapi({
          description:
            '`respond-async` answers 202 as soon as the case is numbered and its workflow started, without ' +
            'waiting for the read model (bulk intake channels); without it the answer is the whole case (201).',
          example: 'respond-async',
        }),
    }),
    body: { required: true, content: { 'application/json': { schema: RegisterCaseBody } } },
  },
  responses: {
    201: json(CaseSchema, 'Registered'),
    202: json(
      RegistrationAcceptedSchema,
      'Registered; the read model follows within moments (Prefer: respond-async)',
    ),
    422: problemResponseSpec('A unit is needed, or unitId names no unit'),
    ...standardProblems,
  },
});

const listCasesRoute = secureRoute({
  method: 'get',
  path: '/',
  tags: ['cases'],
  summary: 'List cases with filters (newest first; ID and phone numbers masked)',
  access: allStaff,
  request: { query: CaseListQuery },
  responses: {
    200: json(
      z.object({ items: z.array(CaseListItemSchema), nextCursor: z.string().nullable() }),
      'A page of cases',
    ),
    ...standardProblems,
  },
});

const getCaseRoute = secureRoute({
  method: 'get',
  path: '/{caseNumber}',
  tags: ['cases'],
  summary: 'Read one case: state, parties, deadlines with their explanations',
  access: allStaff,
  request: { params: CaseNumberParam },
  responses: {
    200: json(CaseSchema, 'The case'),
    404: problemResponseSpec('No such case'),
    ...standardProblems,
  },
});

const caseEventsRoute = secureRoute({
  method: 'get',
  path: '/{caseNumber}/events',
  tags: ['cases'],
  summary: 'The case’s event log: who did what, when, before and after',
  access: allStaff,
  request: { params: CaseNumberParam },
  responses: {
    200: json(z.object({ items: z.array(CaseEventSchema) }), 'Events in order'),
    404: problemResponseSpec('No such case'),
    ...standardProblems,
  },
});

export function caseRoutes(deps: AppDependencies) {
  const db = deps.database.db;
  return new OpenAPIHono<AppEnv>()
    .openapi(registerCaseRoute, async (c) => {
      const body = c.req.valid('json');
      const principal = c.get('principal') as StaffPrincipal;
      if (prefersAsync(c.req.valid('header').prefer)) {
        const { caseNumber } = await acceptCaseRegistration(caseStartDependencies(deps), principal, body);
        c.get('logger').info({ caseNumber }, 'case registered (read model follows)');
        const links = caseLinks(caseNumber);
        return c.json({ caseNumber, stage: 'registered' as const, links }, 202, {
          location: links.self,
          'preference-applied': 'respond-async',
        });
      }
      const response = await registerCase(caseStartDependencies(deps), principal, body);
      c.get('logger').info({ caseNumber: response.caseNumber }, 'case registered');
      return c.json(caseBody(response), 201, { location: response.links.self });
    })
    .openapi(listCasesRoute, async (c) =>
      c.json(await listCases(db, c.get('principal'), c.req.valid('query')), 200),
    )
    .openapi(getCaseRoute, async (c) => {
      const { caseNumber } = c.req.valid('param');
      return c.json(caseBody(await readCase(db, c.get('principal'), caseNumber, deps.temporal)), 200);
    })
    .openapi(caseEventsRoute, async (c) => {
      const { caseNumber } = c.req.valid('param');
      const items = await listCaseEvents(db, c.get('principal'), caseNumber, deps.temporal);
      return c.json({ items }, 200);
    });
}

/** RFC 7240: `Prefer: respond-async` (among other preferences, any case, with or without parameters). */
function prefersAsync(prefer: string | undefined): boolean {
  return (prefer ?? '')
    .split(',')
    .some((preference) => preference.split(';')[0]!.trim().toLowerCase() === 'respond-async');
}
