import { OpenAPIHono, type z } from '@hono/zod-openapi';
import {
  type TransitionName,
  transitionLabelsZh,
  transitionNames,
  transitionTable,
} from '../../domain/transition-table.js';
import type { StaffRole } from '../../domain/vocabulary.js';
import type { AppDependencies } from '../../http/dependencies.js';
import { applyTransition } from '../../use-cases/cases/apply-transition.js';
import type { TransitionInputs } from '../../workflows/case.messages.js';
import type { AppEnv, StaffPrincipal } from '../context.js';
import { problemResponseSpec, secureRoute, standardProblems } from '../route.js';
import { CaseNumberParam, CaseSchema, caseBody } from '../schemas/case-schemas.js';
import { transitionBodies, transitionPaths } from '../schemas/transition-schemas.js';

/** Roles that may perform a transition in at least one stage; the workflow decides the rest. */
function rolesFor(transition: TransitionName): StaffRole[] {
  const roles = new Set<StaffRole>();
  for (const allowed of Object.values(transitionTable[transition].from))
    for (const role of allowed ?? []) roles.add(role);
  return [...roles];
}

function transitionRoute(transition: TransitionName) {
  return secureRoute({
    method: 'post',
    path: `/{caseNumber}/${transitionPaths[transition]}`,
    tags: ['case transitions'],
    summary: `${transition} (${transitionLabelsZh[transition]})`,
    access: rolesFor(transition),
    request: {
      params: CaseNumberParam,
      body: {
        required: true,
        content: {
          'application/json': { schema: transitionBodies[transition].openapi(`${transition}Body`) },
        },
      },
    },
    responses: {
      200: {
        description: 'The case after the transition',
        content: { 'application/json': { schema: CaseSchema } },
      },
      404: problemResponseSpec('No such case'),
      409: problemResponseSpec('Not possible in the current stage: currentStage and allowed are given'),
      422: problemResponseSpec('Refused by a rule (conflict of interest, extension cap, …)'),
      ...standardProblems,
    },
  });
}

/** POST /v1/cases/{caseNumber}/{transition}: one route per Update of the case workflow. */
export function caseTransitionRoutes(deps: AppDependencies) {
  const app = new OpenAPIHono<AppEnv>();
  for (const transition of transitionNames) {
    app.openapi(transitionRoute(transition), async (c) => {
      const { caseNumber } = c.req.valid('param');
      const body = c.req.valid('json') as z.infer<(typeof transitionBodies)[typeof transition]>;
      const result = await applyTransition(
        { db: deps.database.db, temporal: deps.temporal },
        c.get('principal') as StaffPrincipal,
        caseNumber,
        transition,
        body as TransitionInputs[typeof transition],
      );
      c.get('logger').info({ caseNumber, transition, seq: result.seq }, 'transition applied');
      return c.json(caseBody(result), 200);
    });
  }
  return app;
}
