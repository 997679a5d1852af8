import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { RefusalCode } from '../../domain/refusals.js';
import type { AppDependencies } from '../../http/dependencies.js';
import { idempotentRequest } from '../../use-cases/cases/idempotency-keys.js';
import { updateCaseOnce } from '../../use-cases/cases/update-case.js';
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
import { allStaff } from '../access.js';
import type { AppEnv } from '../context.js';
import { problemResponseSpec, secureRoute, standardProblems } from '../route.js';
import { CaseNumberParam, CaseSchema, caseBody } from '../schemas/case-schemas.js';
import { IdempotencyKeyHeader, replayedHeader } from '../schemas/idempotency-schemas.js';
import { sameShape } from '../schemas/same-shape.js';

const text = (max: number) => z.string().trim().min(1).max(max);

const actions = {
  signForMaterials: {
    path: 'court/sign-materials',
    operationId: 'signForCourtMaterials',
    summary: '签收法院移送的材料（接受移送）',
    description: `窗口受理员签收法院推送的案件材料，表示中心接受移送：法院的调解期限自签收起算（委派 30 日，委托普通程序 15 日、简易程序 7 日），
并把“已签收”回告法院。须在移送后 3 个工作日内签收。已签收过时 409 \`already_signed\`。`,
    refusals: ['already_signed', 'not_a_court_referral', 'illegal_transition'],
    access: ['clerk', 'supervisor', 'admin'],
    body: z.object({ note: text(2000).optional() }).strict(),
    update: signForMaterialsUpdate,
  },
  startAppraisal: {
    path: 'court/appraisals',
    operationId: 'startAppraisal',
    summary: '登记鉴定开始（调解期限暂停计算）',
    description: `承办调解员登记案件进入鉴定，写明原因：鉴定期间不计入法院的调解期限，期限随之暂停。
调解期限未在计算时 422 \`no_running_period\`；已有鉴定在进行时 422 \`appraisal_running\`。`,
    refusals: ['no_running_period', 'appraisal_running', 'not_a_court_referral'],
    access: ['mediator', 'supervisor', 'admin'],
    body: z.object({ reason: text(2000) }).strict(),
    update: startAppraisalUpdate,
  },
  endAppraisal: {
    path: 'court/appraisals/end',
    operationId: 'endAppraisal',
    summary: '登记鉴定结束（调解期限恢复计算）',
    description: `承办调解员登记鉴定结束：调解期限恢复计算，鉴定所用的日数不计入，到期日相应顺延并重新说明。没有进行中的鉴定时 422 \`no_appraisal_running\`。`,
    refusals: ['no_running_period', 'no_appraisal_running', 'not_a_court_referral'],
    access: ['mediator', 'supervisor', 'admin'],
    body: z.object({}).strict(),
    update: endAppraisalUpdate,
  },
  recordConfirmationApplication: {
    path: 'court/confirmation-applications',
    operationId: 'recordConfirmationApplication',
    summary: '登记当事人已申请司法确认',
    description: `工作人员登记双方当事人已向法院共同申请司法确认（申请日期与法院）。须在协议生效后 30 日内申请（《民事诉讼法》第 205 条），
期满后 422 \`window_closed\`；仅适用于调解成功的委派案件（422 \`not_confirmable\`）；已登记过时 409 \`already_applied\`。`,
    refusals: [
      'not_confirmable',
      'already_applied',
      'already_decided',
      'window_closed',
      'not_a_court_referral',
    ],
    access: allStaff,
    body: z.object({ appliedOn: z.iso.date(), court: text(200) }).strict(),
    update: recordConfirmationApplicationUpdate,
  },
} as const;

/** What any of these actions can be refused with: the case, the caller's role and unit. */
const everyCourtActionRefuses: RefusalCode[] = [
  'not_found',
  'forbidden_role',
  'forbidden_unit',
  'not_assignee',
  'case_closed',
  'idempotency_key_reused',
];

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
      operationId: action.operationId,
      summary: action.summary,
      description: action.description,
      refusals: [...everyCourtActionRefuses, ...action.refusals],
      access: [...action.access],
      request: {
        params: CaseNumberParam,
        headers: z.object({ 'idempotency-key': IdempotencyKeyHeader }),
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
      const principal = c.get('principal');
      const key = c.req.valid('header')['idempotency-key'];
      const answer = await updateCaseOnce(
        { db: deps.database.db, temporal: deps.temporal },
        principal,
        caseNumber,
        action.update as never,
        body,
        idempotentRequest(principal, key, `${name}:${caseNumber}`, body),
      );
      return c.json(caseBody(answer.body), 200, answer.replayed ? replayedHeader : {});
    });
  }
  return app;
}
