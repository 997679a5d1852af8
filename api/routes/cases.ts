import { OpenAPIHono, z } from '@hono/zod-openapi';
import { asc, eq } from 'drizzle-orm';
import { caseEvents } from '../../db/schema/index.js';
import { canSeeCase, supervisedUnitsOf } from '../../use-cases/cases/case-access.js';
import { listCases } from '../../use-cases/cases/list-cases.js';
import { loadCase, readCase, toCaseResponse } from '../../use-cases/cases/read-case.js';
import { acceptCaseRegistration, registerCase } from '../../use-cases/cases/register-case.js';
import { staffActor } from '../../use-cases/cases/send-case-update.js';
import { allStaff } from '../access.js';
import type { AppEnv, StaffPrincipal } from '../context.js';
import { type AppDependencies, caseStartDependencies } from '../dependencies.js';
import { Problem, problems } from '../problem.js';
import { problemResponseSpec, secureRoute, standardProblems } from '../route.js';
import {
  CaseEventSchema,
  CaseListItemSchema,
  CaseListQuery,
  CaseNumberParam,
  CaseSchema,
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
      const unitId = body.unitId ?? principal.unitId;
      if (!unitId) {
        throw new Problem(422, 'unit_required', 'A unit is required', 'unitId: the case needs a unit', {
          errors: [{ field: 'unitId', reason: 'required when the registering user has no unit' }],
        });
      }
      const registration = {
        deps: caseStartDependencies(deps),
        input: {
          source: body.source,
          summary: body.summary,
          unitId,
          parties: body.parties,
          actor: staffActor(principal),
        },
      };
      if (prefersAsync(c.req.valid('header').prefer)) {
        const { caseNumber } = await acceptCaseRegistration(registration.deps, registration.input);
        c.get('logger').info({ caseNumber }, 'case registered (read model follows)');
        const self = `/v1/cases/${caseNumber}`;
        return c.json(
          { caseNumber, stage: 'registered' as const, links: { self, events: `${self}/events` } },
          202,
          { location: self, 'preference-applied': 'respond-async' },
        );
      }
      const view = await registerCase(registration.deps, registration.input);
      c.get('logger').info({ caseNumber: view.caseNumber }, 'case registered');
      const response = toCaseResponse(view, principal);
      return c.json(response, 201, { location: response.links.self });
    })
    .openapi(listCasesRoute, async (c) =>
      c.json(await listCases(db, c.get('principal'), c.req.valid('query')), 200),
    )
    .openapi(getCaseRoute, async (c) => {
      const { caseNumber } = c.req.valid('param');
      return c.json(await readCase(db, c.get('principal'), caseNumber, deps.temporal), 200);
    })
    .openapi(caseEventsRoute, async (c) => {
      const { caseNumber } = c.req.valid('param');
      const found = await loadCase(db, caseNumber, deps.temporal);
      const supervised = await supervisedUnitsOf(db, c.get('principal'));
      if (!found || !canSeeCase(c.get('principal'), found, supervised))
        throw problems.notFound(`No case ${caseNumber}.`);
      const rows = await db
        .select()
        .from(caseEvents)
        .where(eq(caseEvents.caseNumber, caseNumber))
        .orderBy(asc(caseEvents.seq));
      return c.json({ items: rows.map((row) => ({ ...row, at: row.at.toISOString() })) }, 200);
    });
}

/** RFC 7240: `Prefer: respond-async` (among other preferences, any case, with or without parameters). */
function prefersAsync(prefer: string | undefined): boolean {
  return (prefer ?? '')
    .split(',')
    .some((preference) => preference.split(';')[0]!.trim().toLowerCase() === 'respond-async');
}
