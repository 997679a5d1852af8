import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDependencies } from '../../http/dependencies.js';
import { idempotentRequest } from '../../use-cases/cases/idempotency-keys.js';
import { updateCaseOnce } from '../../use-cases/cases/update-case.js';
import {
  type RecordMediationConsentInput,
  recordMediationConsentUpdate,
} from '../../workflows/case.messages.js';
import type { AppEnv } from '../context.js';
import { problemResponseSpec, secureRoute, standardProblems } from '../route.js';
import { CaseNumberParam, CaseSchema, caseBody } from '../schemas/case-schemas.js';
import { IdempotencyKeyHeader, replayedHeader } from '../schemas/idempotency-schemas.js';
import { sameShape } from '../schemas/same-shape.js';

const ConsentBody = z
  .object({
    givenBy: z
      .array(z.string().trim().min(1).max(200))
      .min(1)
      .max(50)
      .openapi({ description: 'the parties (by name) who applied for or agreed to mediation' }),
  })
  .strict()
  .openapi('MediationConsent');
sameShape<z.infer<typeof ConsentBody>, RecordMediationConsentInput>();

const recordConsentRoute = secureRoute({
  method: 'post',
  path: '/{caseNumber}/mediation-consent',
  tags: ['cases'],
  operationId: 'recordMediationConsent',
  summary: '登记当事人申请/同意调解',
  description: `登记时未记录当事人调解意愿的案件（例如热线登记），由窗口受理员、中心负责人或承办调解员在受理调解前补登：
写明申请或同意调解的当事人（须为本案当事人，否则 400 \`validation_failed\` 指明 \`givenBy\`），系统记录登记人和时间。
调解员接受指派前须有此记录（否则 422 \`mediation_consent_required\`）；案件已进入调解或之后的阶段时 409 \`illegal_transition\`。
同样的内容重复提交不再记录。`,
  refusals: [
    'not_found',
    'forbidden_role',
    'forbidden_unit',
    'not_assignee',
    'case_closed',
    'illegal_transition',
    'idempotency_key_reused',
    'validation_failed',
  ],
  access: ['clerk', 'mediator', 'supervisor', 'admin'],
  request: {
    params: CaseNumberParam,
    headers: z.object({ 'idempotency-key': IdempotencyKeyHeader }),
    body: { required: true, content: { 'application/json': { schema: ConsentBody } } },
  },
  responses: {
    200: { description: 'The case', content: { 'application/json': { schema: CaseSchema } } },
    404: problemResponseSpec('No such case'),
    409: problemResponseSpec('Not possible in the current stage'),
    ...standardProblems,
  },
});

/** The parties' consent to mediate recorded after intake: POST /v1/cases/{caseNumber}/mediation-consent. */
export function caseConsentRoutes(deps: AppDependencies) {
  const updates = { db: deps.database.db, temporal: deps.temporal };
  return new OpenAPIHono<AppEnv>().openapi(recordConsentRoute, async (c) => {
    const { caseNumber } = c.req.valid('param');
    const body = c.req.valid('json');
    const principal = c.get('principal');
    const key = c.req.valid('header')['idempotency-key'];
    const answer = await updateCaseOnce(
      updates,
      principal,
      caseNumber,
      recordMediationConsentUpdate,
      body,
      idempotentRequest(principal, key, `recordMediationConsent:${caseNumber}`, body),
    );
    return c.json(caseBody(answer.body), 200, answer.replayed ? replayedHeader : {});
  });
}
