import { OpenAPIHono, z } from '@hono/zod-openapi';
import { staffRoles } from '../../domain/vocabulary.js';
import type { AppDependencies } from '../../http/dependencies.js';
import { updateCase } from '../../use-cases/cases/update-case.js';
import {
  type EndAppraisalInput,
  endAppraisalUpdate,
  type RecordConfirmationApplicationInput,
  recordConfirmationApplicationUpdate,
  type SignForMaterialsInput,
  type StartAppraisalInput,
  signForMaterialsUpdate,
  startAppraisalUpdate,
} from '../../workflows/referral.messages.js';
import type { AppEnv } from '../context.js';
import { problemResponseSpec, secureRoute, standardProblems } from '../route.js';
import { CaseNumberParam, CaseSchema, caseBody } from '../schemas/case-schemas.js';
import { sameShape } from '../schemas/same-shape.js';

const text = (max: number) => z.string().trim().min(1).max(max);

const actions = {
  signForMaterials: {
    path: 'court/sign-materials',
    summary:
      'Sign for a court’s materials and accept the referral (签收); starts the court’s mediation period',
    access: ['clerk', 'supervisor', 'admin'],
    body: z.object({ note: text(2000).optional() }).strict(),
    update: signForMaterialsUpdate,
  },
  startAppraisal: {
    path: 'court/appraisals',
    summary: 'An appraisal (鉴定) starts: the court’s mediation period stops counting',
    access: ['mediator', 'supervisor', 'admin'],
    body: z.object({ reason: text(2000) }).strict(),
    update: startAppraisalUpdate,
  },
  endAppraisal: {
    path: 'court/appraisals/end',
    summary: 'The appraisal (鉴定) ends: the period resumes, its days not counted',
    access: ['mediator', 'supervisor', 'admin'],
    body: z.object({}).strict(),
    update: endAppraisalUpdate,
  },
  recordConfirmationApplication: {
    path: 'court/confirmation-applications',
    summary: 'The parties applied for judicial confirmation (司法确认申请)',
    access: staffRoles,
    body: z.object({ appliedOn: z.iso.date(), court: text(200) }).strict(),
    update: recordConfirmationApplicationUpdate,
  },
} as const;

/** Each body is exactly the workflow's input of its Update. */
sameShape<z.infer<typeof actions.signForMaterials.body>, SignForMaterialsInput>();
sameShape<z.infer<typeof actions.startAppraisal.body>, StartAppraisalInput>();
sameShape<z.infer<typeof actions.endAppraisal.body>, EndAppraisalInput>();
sameShape<z.infer<typeof actions.recordConfirmationApplication.body>, RecordConfirmationApplicationInput>();

/** Staff actions of the court docking on a case: POST /v1/cases/{caseNumber}/court/…. */
export function caseCourtActionRoutes(deps: AppDependencies) {
  const app = new OpenAPIHono<AppEnv>();
  for (const [name, action] of Object.entries(actions)) {
    const route = secureRoute({
      method: 'post',
      path: `/{caseNumber}/${action.path}`,
      tags: ['court docking (诉调对接)'],
      summary: action.summary,
      access: [...action.access],
      request: {
        params: CaseNumberParam,
        body: {
          required: true,
          content: { 'application/json': { schema: action.body.openapi(`${name}Body`) } },
        },
      },
      responses: {
        200: { description: 'The case', content: { 'application/json': { schema: CaseSchema } } },
        404: problemResponseSpec('No such case'),
        409: problemResponseSpec('Not possible now'),
        422: problemResponseSpec('Refused by a rule'),
        ...standardProblems,
      },
    });
    app.openapi(route, async (c) => {
      const { caseNumber } = c.req.valid('param');
      const body = c.req.valid('json') as object;
      const result = await updateCase(
        { db: deps.database.db, temporal: deps.temporal },
        c.get('principal'),
        caseNumber,
        action.update as never,
        body,
      );
      return c.json(caseBody(result), 200);
    });
  }
  return app;
}
