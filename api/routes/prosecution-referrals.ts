import { OpenAPIHono, z } from '@hono/zod-openapi';
import { type AppDependencies, caseStartDependencies } from '../../http/dependencies.js';
import { idempotentRequest } from '../../use-cases/cases/idempotency-keys.js';
import { updateCaseOnce } from '../../use-cases/cases/update-case.js';
import { listReferrals } from '../../use-cases/referrals/list-referrals.js';
import { prosecutionStatus } from '../../use-cases/referrals/prosecution-referral-status.js';
import { recordProsecutionDecision } from '../../use-cases/referrals/record-institution-decision.js';
import { registerProsecutionReferral } from '../../use-cases/referrals/register-prosecution-referral.js';
import { recordPaymentUpdate } from '../../workflows/referral.messages.js';
import { allStaff } from '../access.js';
import type { AppEnv, InstitutionPrincipal } from '../context.js';
import { problems } from '../problem.js';
import { problemResponseSpec, secureRoute, standardProblems } from '../route.js';
import { CaseNumberParam, CaseSchema, caseBody } from '../schemas/case-schemas.js';
import { ReferralListQuery } from '../schemas/court-schemas.js';
import { IdempotencyKeyHeader, replayedHeader } from '../schemas/idempotency-schemas.js';
import {
  ProsecutionDecisionBody,
  ProsecutionReferenceParam,
  ProsecutionReferralBody,
  ProsecutionStatusSchema,
  RecordPaymentBody,
} from '../schemas/prosecution-schemas.js';

const tags = ['prosecution docking (检调对接)'];
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const referRoute = secureRoute({
  method: 'post',
  path: '/referrals',
  tags,
  operationId: 'registerProsecutionReferral',
  summary: '检察院移送轻微刑事案件进行刑事和解（检调对接）',
  description: `人民检察院的检调对接系统调用：移送一件轻微刑事案件，由中心就民事赔偿与被害人谅解进行调解（只调解民事部分与谅解，不涉及定罪量刑）。
按《刑事诉讼法》第 288 条审查适用条件：因民间纠纷引起、涉嫌刑法分则第四章、第五章规定的犯罪且可能判处三年有期徒刑以下刑罚，或除渎职犯罪以外可能判处七年有期徒刑以下刑罚的过失犯罪，且五年内未曾故意犯罪；
不符合时 422 \`not_eligible\`，逐项列出未满足的条件。调解期限须早于审查起诉期限届满并为检察官留出时间，来不及时 422 \`no_time_left\`。
按检察院的案号幂等（同一案号、不同内容为 409）。移送日期 \`referralDate\` 晚于今天时 422 \`date_in_future\`。回调地址 \`callbackUrl\`（可选）须为 https，且不得指向本机、内网、链路本地、共享或保留地址（无论 IP 以何种写法出现，如 \`http://2130706433/\`），否则 422 \`callback_url_forbidden\` 并指明该字段；政务内网地址须由运维人员加入允许名单。`,
  refusals: [
    'not_eligible',
    'no_time_left',
    'reference_conflict',
    'no_policy_in_force',
    'callback_url_forbidden',
    'not_configured',
    'date_in_future',
  ],
  access: ['procuratorate'],
  request: { body: { required: true, content: { 'application/json': { schema: ProsecutionReferralBody } } } },
  responses: {
    201: json(ProsecutionStatusSchema, 'Registered'),
    200: json(ProsecutionStatusSchema, 'Already registered under this reference with the same content'),
    409: problemResponseSpec('The reference was already used for a different referral'),
    422: problemResponseSpec(
      'Not eligible (each failed condition named), or no time left before the prosecutor’s deadline',
    ),
    ...standardProblems,
  },
});

const statusRoute = secureRoute({
  method: 'get',
  path: '/referrals/{reference}',
  tags,
  operationId: 'readProsecutionReferral',
  summary: '查询一件检调对接案件的进度',
  description: `人民检察院查询本院移送的一件案件：阶段、调解期限（及最迟调解日）、结果、和解协议、各期赔偿款的支付情况、材料包发送时间、检察院的决定。
只能查询本院自己的移送。只读。\`deliveries\` 列出本案发往贵方的回调：\`delivered\` 已送达，\`failing\` 发送失败、正在按退避间隔重试（\`firstFailedAt\` 为开始失败的时间，\`lastAttemptAt\` 为最近一次尝试），\`pull\` 未提供回调地址、请调用本接口查询。对方服务器的应答状态不在此返回。`,
  refusals: ['not_found'],
  access: ['procuratorate'],
  request: { params: ProsecutionReferenceParam },
  responses: {
    200: json(ProsecutionStatusSchema, 'The referral'),
    404: problemResponseSpec('Not this procuratorate’s'),
    ...standardProblems,
  },
});

const listRoute = secureRoute({
  method: 'get',
  path: '/referrals',
  tags,
  operationId: 'listProsecutionReferrals',
  summary: '查询本院移送的全部检调对接案件',
  description: `人民检察院分页查询本院移送的案件，按移送时间由新到旧。用 \`nextCursor\` 取下一页。只读。`,
  refusals: [],
  access: ['procuratorate'],
  request: { query: ReferralListQuery },
  responses: {
    200: json(
      z.object({ items: z.array(ProsecutionStatusSchema), nextCursor: z.string().nullable() }),
      'A page of referrals',
    ),
    ...standardProblems,
  },
});

const decisionRoute = secureRoute({
  method: 'post',
  path: '/referrals/{reference}/decision',
  tags,
  operationId: 'recordProsecutionDecision',
  summary: '检察院登记处理决定（不起诉／从宽量刑建议／起诉）',
  description: `人民检察院在收到和解材料包后登记其决定，案件随之结案。调解尚未结束时 409 \`illegal_transition\`；已登记过决定时 409 \`already_decided\`。`,
  refusals: ['not_found', 'already_decided', 'illegal_transition', 'not_a_prosecution_referral'],
  access: ['procuratorate'],
  request: {
    params: ProsecutionReferenceParam,
    body: { required: true, content: { 'application/json': { schema: ProsecutionDecisionBody } } },
  },
  responses: {
    200: json(ProsecutionStatusSchema, 'Recorded'),
    404: problemResponseSpec('Not this procuratorate’s'),
    409: problemResponseSpec('Already decided, or mediation still running'),
    ...standardProblems,
  },
});

const paymentRoute = secureRoute({
  method: 'post',
  path: '/{caseNumber}/prosecution/payments',
  tags,
  operationId: 'recordSettlementPayment',
  summary: '登记刑事和解赔偿款的一期支付',
  description: `中心工作人员（调解员须为本案承办人）登记和解协议中某一期赔偿款已支付，附支付凭证说明。全部付清后，材料包（协议、付款凭证、谅解书）自动发送给检察院。
协议中没有该期时 422 \`no_such_instalment\`；该期已登记支付时 409 \`already_paid\`。`,
  refusals: [
    'not_found',
    'no_such_instalment',
    'already_paid',
    'not_a_prosecution_referral',
    'forbidden_role',
    'not_assignee',
    'forbidden_unit',
    'idempotency_key_reused',
  ],
  access: allStaff,
  request: {
    params: CaseNumberParam,
    headers: z.object({ 'idempotency-key': IdempotencyKeyHeader }),
    body: {
      required: true,
      content: {
        'application/json': {
          schema: RecordPaymentBody,
        },
      },
    },
  },
  responses: {
    200: json(CaseSchema, 'The case'),
    404: problemResponseSpec('No such case'),
    409: problemResponseSpec('Already paid'),
    422: problemResponseSpec('No such instalment, or not a prosecution referral'),
    ...standardProblems,
  },
});

/** /v1/prosecution: what a procuratorate's system calls, scoped to its own referrals. */
export function prosecutionReferralRoutes(deps: AppDependencies) {
  const db = deps.database.db;
  const procuratorate = (principal: unknown) => principal as InstitutionPrincipal;
  const mustFind = async (institutionId: string, reference: string) => {
    const status = await prosecutionStatus(db, institutionId, reference);
    if (!status) throw problems.notFound(`No referral ${reference} from this procuratorate.`);
    return status;
  };
  return new OpenAPIHono<AppEnv>()
    .openapi(referRoute, async (c) => {
      const { institutionId } = procuratorate(c.get('principal'));
      const body = c.req.valid('json');
      const result = await registerProsecutionReferral(caseStartDependencies(deps), institutionId, body);
      const status = await mustFind(institutionId, body.reference);
      return result.created ? c.json(status, 201, { location: status.links.self }) : c.json(status, 200);
    })
    .openapi(listRoute, async (c) => {
      const { institutionId } = procuratorate(c.get('principal'));
      const page = await listReferrals(db, institutionId, 'prosecution', c.req.valid('query'), (reference) =>
        prosecutionStatus(db, institutionId, reference),
      );
      return c.json(page, 200);
    })
    .openapi(statusRoute, async (c) =>
      c.json(
        await mustFind(procuratorate(c.get('principal')).institutionId, c.req.valid('param').reference),
        200,
      ),
    )
    .openapi(decisionRoute, async (c) => {
      const status = await recordProsecutionDecision(
        { db, temporal: deps.temporal },
        procuratorate(c.get('principal')),
        c.req.valid('param').reference,
        c.req.valid('json'),
      );
      return c.json(status, 200);
    });
}

/** Staff side: POST /v1/cases/{caseNumber}/prosecution/payments. */
export function casePaymentRoutes(deps: AppDependencies) {
  return new OpenAPIHono<AppEnv>().openapi(paymentRoute, async (c) => {
    const principal = c.get('principal');
    const { caseNumber } = c.req.valid('param');
    const body = c.req.valid('json');
    const key = c.req.valid('header')['idempotency-key'];
    const answer = await updateCaseOnce(
      { db: deps.database.db, temporal: deps.temporal },
      principal,
      caseNumber,
      recordPaymentUpdate,
      body,
      idempotentRequest(principal, key, `recordPayment:${caseNumber}`, body),
    );
    return c.json(caseBody(answer.body), 200, answer.replayed ? replayedHeader : {});
  });
}
