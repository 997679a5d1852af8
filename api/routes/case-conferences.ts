import { OpenAPIHono, z } from '@hono/zod-openapi';
import { conferenceParticipantRoles } from '../../domain/case-conferences.js';
import type { AppDependencies } from '../../http/dependencies.js';
import { holdCaseConference } from '../../use-cases/cases/hold-case-conference.js';
import { idempotentRequest } from '../../use-cases/cases/idempotency-keys.js';
import { updateCaseOnce } from '../../use-cases/cases/update-case.js';
import {
  type HoldConferenceInput,
  type WaiveConferenceInput,
  waiveConferenceUpdate,
} from '../../workflows/case.messages.js';
import type { AppEnv } from '../context.js';
import { problemResponseSpec, secureRoute, standardProblems } from '../route.js';
import { CaseNumberParam, CaseSchema, caseBody } from '../schemas/case-schemas.js';
import { IdempotencyKeyHeader, replayedHeader } from '../schemas/idempotency-schemas.js';
import { sameShape } from '../schemas/same-shape.js';

const text = (max: number) => z.string().trim().min(1).max(max);

const ConferenceBody = z
  .object({
    heldAt: z.string().datetime({ offset: true }),
    participants: z
      .array(
        z
          .object({
            name: text(100),
            role: z.enum(conferenceParticipantRoles).openapi({
              description:
                'mediator 调解员 | lawyer 律师 | partner_body 联动单位 | centre_staff 中心工作人员 | expert 专家 | other 其他',
            }),
            organisation: text(200).optional(),
          })
          .strict(),
      )
      .min(2)
      .max(30)
      .openapi({ description: 'Who sat: a conference is at least two people' }),
    conclusions: text(8000).openapi({ description: '研判结论' }),
    plan: text(8000).openapi({ description: '化解方案: the plan agreed' }),
  })
  .strict()
  .openapi('CaseConference');
sameShape<z.infer<typeof ConferenceBody>, HoldConferenceInput>();

const WaiverBody = z
  .object({ reason: text(2000) })
  .strict()
  .openapi('CaseConferenceWaiver');
sameShape<z.infer<typeof WaiverBody>, WaiveConferenceInput>();

const tags = ['case conferences (研)'];
const caseAnswer = { description: 'The case', content: { 'application/json': { schema: CaseSchema } } };

const holdRoute = secureRoute({
  method: 'post',
  path: '/{caseNumber}/conferences',
  tags,
  operationId: 'holdCaseConference',
  summary: '登记案件研判会（研）',
  description: `承办调解员或中心负责人登记一次案件研判会：时间、参会人员（调解员、律师、联动单位等）、研判结论和商定的化解方案。任何分流或化解阶段的案件都可召开；
复杂纠纷在中心制度（\`conference.before_settlement\`，中心工作制度，非法律规定）施行时，须召开研判会或经中心负责人批准免于研判后才能登记调解成功。
时间晚于当前时间 422 \`date_in_future\`，早于受理之日 422 \`date_before_receipt\`；案件不在分流或化解阶段 409 \`illegal_transition\`（附当前阶段）。`,
  refusals: [
    'not_found',
    'forbidden_role',
    'forbidden_unit',
    'not_assignee',
    'illegal_transition',
    'date_in_future',
    'date_before_receipt',
    'idempotency_key_reused',
  ],
  access: ['mediator', 'supervisor'],
  request: {
    params: CaseNumberParam,
    headers: z.object({ 'idempotency-key': IdempotencyKeyHeader }),
    body: { required: true, content: { 'application/json': { schema: ConferenceBody } } },
  },
  responses: {
    200: caseAnswer,
    404: problemResponseSpec('No such case'),
    409: problemResponseSpec('Not in divert or resolve'),
    422: problemResponseSpec('Refused by a rule'),
    ...standardProblems,
  },
});

const waiveRoute = secureRoute({
  method: 'post',
  path: '/{caseNumber}/conference-waiver',
  tags,
  operationId: 'waiveCaseConference',
  summary: '批准复杂纠纷免于研判',
  description: `中心负责人批准一件须研判的复杂纠纷不召开研判会即可登记调解成功，并写明理由（记入案件日志）。
本案无须研判、已召开研判会或已批准免于研判时 422 \`conference_not_required\`；只有中心负责人可批准（403 \`forbidden_role\`）。`,
  refusals: [
    'not_found',
    'forbidden_role',
    'forbidden_unit',
    'illegal_transition',
    'conference_not_required',
    'idempotency_key_reused',
  ],
  access: ['supervisor'],
  request: {
    params: CaseNumberParam,
    headers: z.object({ 'idempotency-key': IdempotencyKeyHeader }),
    body: { required: true, content: { 'application/json': { schema: WaiverBody } } },
  },
  responses: {
    200: caseAnswer,
    404: problemResponseSpec('No such case'),
    409: problemResponseSpec('Not in divert or resolve'),
    422: problemResponseSpec('Refused by a rule'),
    ...standardProblems,
  },
});

/** Case conferences (研): POST /v1/cases/{caseNumber}/conferences and …/conference-waiver. */
export function caseConferenceRoutes(deps: AppDependencies) {
  const updates = { db: deps.database.db, temporal: deps.temporal };
  return new OpenAPIHono<AppEnv>()
    .openapi(holdRoute, async (c) => {
      const { caseNumber } = c.req.valid('param');
      const body = c.req.valid('json');
      const principal = c.get('principal');
      const key = c.req.valid('header')['idempotency-key'];
      const answer = await holdCaseConference(
        updates,
        principal,
        caseNumber,
        body,
        idempotentRequest(principal, key, `holdConference:${caseNumber}`, body),
      );
      return c.json(caseBody(answer.body), 200, answer.replayed ? replayedHeader : {});
    })
    .openapi(waiveRoute, async (c) => {
      const { caseNumber } = c.req.valid('param');
      const body = c.req.valid('json');
      const principal = c.get('principal');
      const key = c.req.valid('header')['idempotency-key'];
      const answer = await updateCaseOnce(
        updates,
        principal,
        caseNumber,
        waiveConferenceUpdate,
        body,
        idempotentRequest(principal, key, `waiveConference:${caseNumber}`, body),
      );
      return c.json(caseBody(answer.body), 200, answer.replayed ? replayedHeader : {});
    });
}
