import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { RefusalCode } from '../../domain/refusals.js';
import type { AppDependencies } from '../../http/dependencies.js';
import { idempotentRequest } from '../../use-cases/cases/idempotency-keys.js';
import {
  recordAcknowledgementForBody,
  recordResultForBody,
} from '../../use-cases/hand-offs/record-answer-for-body.js';
import { sendHandOff, withdrawHandOff } from '../../use-cases/hand-offs/send-hand-off.js';
import { allStaff } from '../access.js';
import type { AppEnv, StaffPrincipal } from '../context.js';
import { problemResponseSpec, secureRoute, standardProblems } from '../route.js';
import { CaseNumberParam, CaseSchema, caseBody } from '../schemas/case-schemas.js';
import {
  AcknowledgeHandOffBody,
  HandOffBody,
  HandOffNumberParam,
  HandOffResultBody,
  WithdrawHandOffBody,
} from '../schemas/hand-off-schemas.js';
import { IdempotencyKeyHeader, replayedHeader } from '../schemas/idempotency-schemas.js';

const tags = ['hand-offs to partner bodies (联动)'];
const caseAnswer = {
  200: { description: 'The case', content: { 'application/json': { schema: CaseSchema } } },
  404: problemResponseSpec('No such case'),
  409: problemResponseSpec('Not possible now'),
  422: problemResponseSpec('Refused by a rule'),
  ...standardProblems,
};
const everyCaseActionRefuses: RefusalCode[] = [
  'not_found',
  'forbidden_role',
  'forbidden_unit',
  'not_assignee',
  'illegal_transition',
  'idempotency_key_reused',
];

const sendRoute = secureRoute({
  method: 'post',
  path: '/{caseNumber}/hand-offs',
  tags,
  operationId: 'sendHandOff',
  summary: '联动移交：把案件交给联动单位办理',
  description: `工作人员经当事人申请或同意，把已有处理结果（联动阶段）的案件交给联动单位：调解协议申请司法确认（书面协议生效后 30 日内，
《人民调解法》第 33 条、《民事诉讼法》第 205—206 条，送调解组织所在地有管辖权的基层人民法院，须写明管辖依据）；调解不成转立案（送有管辖权的法院）；
劳动争议转劳动人事争议仲裁；申请法律援助；公证、信访、行政复议、劳动保障监察、心理疏导及协作组织帮扶。
接收单位以签名回调收到移交，并通过其接口答复、反馈结果；每一步都有期限（法定期限或中心服务标准），逾期提醒并上报。
移交未办结前案件不能结案。已有未办结的移交时 409 \`hand_off_open\`；结果不适用时 422 \`hand_off_not_applicable\`（指明 \`kind\`）；
机构类型不符时 422 \`institution_kind_mismatch\`、机构不存在时 422 \`unknown_reference\`（指明 \`institutionId\`）；
移交法院未写管辖依据时 422 \`jurisdiction_required\`；司法确认申请期已过时 422 \`window_closed\`。`,
  refusals: [
    ...everyCaseActionRefuses,
    'hand_off_open',
    'hand_off_not_applicable',
    'institution_kind_mismatch',
    'unknown_reference',
    'jurisdiction_required',
    'window_closed',
    'link_pending',
    'case_closed',
  ],
  access: allStaff,
  request: {
    params: CaseNumberParam,
    headers: z.object({ 'idempotency-key': IdempotencyKeyHeader }),
    body: { required: true, content: { 'application/json': { schema: HandOffBody } } },
  },
  responses: caseAnswer,
});

const withdrawRoute = secureRoute({
  method: 'post',
  path: '/{caseNumber}/hand-offs/{n}/withdrawal',
  tags,
  operationId: 'withdrawHandOff',
  summary: '撤回联动移交',
  description: `承办调解员或中心负责人撤回尚未办结的联动移交（如当事人撤回申请），写明理由；接收单位收到签名回调，此后对该移交的答复一律 409 \`hand_off_withdrawn\`。
移交已办结或已撤回时 409 \`hand_off_closed\`。`,
  refusals: [...everyCaseActionRefuses, 'hand_off_closed', 'case_closed'],
  access: ['mediator', 'supervisor', 'admin'],
  request: {
    params: CaseNumberParam.merge(HandOffNumberParam),
    headers: z.object({ 'idempotency-key': IdempotencyKeyHeader }),
    body: { required: true, content: { 'application/json': { schema: WithdrawHandOffBody } } },
  },
  responses: caseAnswer,
});

const forBodyRefusals: RefusalCode[] = [
  ...everyCaseActionRefuses,
  'body_answers_itself',
  'hand_off_withdrawn',
  'hand_off_closed',
  'case_closed',
];

const acknowledgeForBodyRoute = secureRoute({
  method: 'post',
  path: '/{caseNumber}/hand-offs/{n}/acknowledgement',
  tags,
  operationId: 'recordHandOffAcknowledgementForBody',
  summary: '代未接入系统的联动单位登记是否受理',
  description: `联动单位没有接入本系统（没有有效的接口密钥）时，承办调解员、中心负责人或管理员根据其回函或电话登记其是否受理；内容与规则同联动单位自行答复。
单位已接入系统时 409 \`body_answers_itself\`；不予受理须写明理由（422 \`reason_required\`）。`,
  refusals: [...forBodyRefusals, 'reason_required'],
  access: ['mediator', 'supervisor', 'admin'],
  request: {
    params: CaseNumberParam.merge(HandOffNumberParam),
    headers: z.object({ 'idempotency-key': IdempotencyKeyHeader }),
    body: { required: true, content: { 'application/json': { schema: AcknowledgeHandOffBody } } },
  },
  responses: caseAnswer,
});

const resultForBodyRoute = secureRoute({
  method: 'post',
  path: '/{caseNumber}/hand-offs/{n}/result',
  tags,
  operationId: 'recordHandOffResultForBody',
  summary: '代未接入系统的联动单位登记办理结果',
  description: `联动单位没有接入本系统时，工作人员根据其送达的文书（裁定书、立案通知、仲裁裁决书、指派通知等）登记办理结果；内容与规则同联动单位自行反馈，
确认有效、已立案、仲裁结案的案件随之结案。单位已接入系统时 409 \`body_answers_itself\`。`,
  refusals: [
    ...forBodyRefusals,
    'hand_off_not_acknowledged',
    'result_not_for_kind',
    'document_number_required',
    'lawyer_required',
  ],
  access: ['mediator', 'supervisor', 'admin'],
  request: {
    params: CaseNumberParam.merge(HandOffNumberParam),
    headers: z.object({ 'idempotency-key': IdempotencyKeyHeader }),
    body: { required: true, content: { 'application/json': { schema: HandOffResultBody } } },
  },
  responses: caseAnswer,
});

/** Staff hand-off actions on a case: POST /v1/cases/{caseNumber}/hand-offs…. */
export function caseHandOffRoutes(deps: AppDependencies) {
  const updates = { db: deps.database.db, temporal: deps.temporal };
  return new OpenAPIHono<AppEnv>()
    .openapi(sendRoute, async (c) => {
      const { caseNumber } = c.req.valid('param');
      const body = c.req.valid('json');
      const principal = c.get('principal');
      const key = c.req.valid('header')['idempotency-key'];
      const answer = await sendHandOff(
        updates,
        principal,
        caseNumber,
        body,
        idempotentRequest(principal, key, `handOff:${caseNumber}`, body),
      );
      return c.json(caseBody(answer.body), 200, answer.replayed ? replayedHeader : {});
    })
    .openapi(withdrawRoute, async (c) => {
      const { caseNumber, n } = c.req.valid('param');
      const body = c.req.valid('json');
      const principal = c.get('principal');
      const key = c.req.valid('header')['idempotency-key'];
      const answer = await withdrawHandOff(
        updates,
        principal,
        caseNumber,
        { n, ...body },
        idempotentRequest(principal, key, `withdrawHandOff:${caseNumber}:${n}`, body),
      );
      return c.json(caseBody(answer.body), 200, answer.replayed ? replayedHeader : {});
    })
    .openapi(acknowledgeForBodyRoute, async (c) => {
      const { caseNumber, n } = c.req.valid('param');
      const body = c.req.valid('json');
      const principal = c.get('principal') as StaffPrincipal;
      const key = c.req.valid('header')['idempotency-key'];
      const answer = await recordAcknowledgementForBody(
        updates,
        principal,
        caseNumber,
        { n, ...body },
        idempotentRequest(principal, key, `acknowledgeHandOff:${caseNumber}:${n}`, body),
      );
      return c.json(caseBody(answer.body), 200, answer.replayed ? replayedHeader : {});
    })
    .openapi(resultForBodyRoute, async (c) => {
      const { caseNumber, n } = c.req.valid('param');
      const body = c.req.valid('json');
      const principal = c.get('principal') as StaffPrincipal;
      const key = c.req.valid('header')['idempotency-key'];
      const answer = await recordResultForBody(
        updates,
        principal,
        caseNumber,
        { n, ...body },
        idempotentRequest(principal, key, `recordHandOffResult:${caseNumber}:${n}`, body),
      );
      return c.json(caseBody(answer.body), 200, answer.replayed ? replayedHeader : {});
    });
}
