import { OpenAPIHono, z } from '@hono/zod-openapi';
import { type AppDependencies, caseStartDependencies } from '../../http/dependencies.js';
import { referralStatus } from '../../use-cases/referrals/court-referral-status.js';
import { listReferrals } from '../../use-cases/referrals/list-referrals.js';
import { recordConfirmationDecision } from '../../use-cases/referrals/record-institution-decision.js';
import { registerReferral } from '../../use-cases/referrals/register-court-referral.js';
import type { AppEnv, InstitutionPrincipal } from '../context.js';
import { problems } from '../problem.js';
import { problemResponseSpec, secureRoute, standardProblems } from '../route.js';
import {
  ConfirmationDecisionBody,
  CourtReferenceParam,
  CourtReferralBody,
  CourtReferralStatusSchema,
  ReferralListQuery,
} from '../schemas/court-schemas.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const referRoute = secureRoute({
  method: 'post',
  path: '/referrals',
  tags: ['court docking (诉调对接)'],
  operationId: 'registerCourtReferral',
  summary: '法院移送纠纷调解（委派调解／委托调解）',
  description: `人民法院的诉调对接系统调用：把一件纠纷移送中心调解。委派调解（立案前）为 30 日；委托调解（立案后）普通程序 15 日、简易程序 7 日，
自中心签收材料起算；中心须在移送后 3 个工作日内签收。创建案件并启动其流程，应答为案件编号与进度（201，\`Location\` 为进度查询地址）。
按法院的案号幂等：同一案号、相同内容再次提交返回原案件（200）；同一案号、不同内容为 409 \`reference_conflict\`。
移送日期晚于今天（允许几分钟的时钟误差）时 422 \`date_in_future\`；移送日期没有适用的期限规则时 422 \`no_policy_in_force\`，两者均指明 \`referralDate\`。回调地址 \`callbackUrl\`（可选）须为 https，且不得指向本机、内网、链路本地、共享或保留地址（无论 IP 以何种写法出现，如 \`http://2130706433/\`），否则 422 \`callback_url_forbidden\` 并指明该字段；政务内网地址须由运维人员加入允许名单。`,
  refusals: [
    'reference_conflict',
    'no_policy_in_force',
    'ambiguous_policy',
    'callback_url_forbidden',
    'not_configured',
    'date_in_future',
  ],
  access: ['court'],
  request: { body: { required: true, content: { 'application/json': { schema: CourtReferralBody } } } },
  responses: {
    201: json(CourtReferralStatusSchema, 'Registered: the case number and a status URL'),
    200: json(CourtReferralStatusSchema, 'Already registered under this reference with the same content'),
    409: problemResponseSpec('The reference was already used for a different referral'),
    422: problemResponseSpec('no_policy_in_force: no deadline policy covers the referral date'),
    ...standardProblems,
  },
});

const statusRoute = secureRoute({
  method: 'get',
  path: '/referrals/{reference}',
  tags: ['court docking (诉调对接)'],
  operationId: 'readCourtReferral',
  summary: '查询一件移送案件的进度',
  description: `人民法院查询本院移送的一件案件：当前阶段、签收时间、各项期限（含到期时间与中文说明）、调解结果、节约的诉讼费、司法确认情况。
只能查询本院自己的移送（其他法院的案号一律 404）。只读。\`deliveries\` 列出本案发往贵方的回调：\`delivered\` 已送达，\`failing\` 发送失败、正在按退避间隔重试（\`firstFailedAt\` 为开始失败的时间，\`lastAttemptAt\` 为最近一次尝试），\`pull\` 未提供回调地址、请调用本接口查询。对方服务器的应答状态不在此返回。`,
  refusals: ['not_found'],
  access: ['court'],
  request: { params: CourtReferenceParam },
  responses: {
    200: json(CourtReferralStatusSchema, 'The referral'),
    404: problemResponseSpec('Not this court’s referral'),
    ...standardProblems,
  },
});

const listRoute = secureRoute({
  method: 'get',
  path: '/referrals',
  tags: ['court docking (诉调对接)'],
  operationId: 'listCourtReferrals',
  summary: '查询本院移送的全部案件',
  description: `人民法院分页查询本院移送的案件，按移送时间由新到旧；每项与单件查询的内容相同。用 \`nextCursor\` 取下一页。只读。`,
  refusals: [],
  access: ['court'],
  request: { query: ReferralListQuery },
  responses: {
    200: json(
      z.object({ items: z.array(CourtReferralStatusSchema), nextCursor: z.string().nullable() }),
      'A page',
    ),
    ...standardProblems,
  },
});

const decisionRoute = secureRoute({
  method: 'post',
  path: '/referrals/{reference}/confirmation-decision',
  tags: ['court docking (诉调对接)'],
  operationId: 'recordConfirmationDecision',
  summary: '法院登记司法确认裁定结果',
  description: `人民法院登记对调解协议的司法确认裁定：确认有效（\`confirmed\`）或驳回申请（\`rejected\`），附裁定书文号与日期。
仅适用于本院委派、调解成功的案件（否则 422 \`not_confirmable\`）；已登记过裁定时 409 \`already_decided\`。`,
  refusals: ['not_found', 'not_confirmable', 'already_decided', 'not_a_court_referral'],
  access: ['court'],
  request: {
    params: CourtReferenceParam,
    body: { required: true, content: { 'application/json': { schema: ConfirmationDecisionBody } } },
  },
  responses: {
    200: json(CourtReferralStatusSchema, 'Recorded'),
    404: problemResponseSpec('Not this court’s referral'),
    409: problemResponseSpec('Already decided'),
    422: problemResponseSpec('Not a settled delegated referral'),
    ...standardProblems,
  },
});

/** /v1/court: what a court's system calls. A court key sees and touches only that court's referrals. */
export function courtReferralRoutes(deps: AppDependencies) {
  const db = deps.database.db;
  const court = (principal: unknown) => principal as InstitutionPrincipal;
  const mustFind = async (institutionId: string, reference: string) => {
    const status = await referralStatus(db, institutionId, reference);
    if (!status) throw problems.notFound(`No referral ${reference} from this court.`);
    return status;
  };

  return new OpenAPIHono<AppEnv>()
    .openapi(referRoute, async (c) => {
      const { institutionId } = court(c.get('principal'));
      const body = c.req.valid('json');
      const result = await registerReferral(caseStartDependencies(deps), institutionId, body);
      const status = await mustFind(institutionId, body.reference);
      c.get('logger').info({ caseNumber: result.caseNumber, created: result.created }, 'court referral');
      return result.created ? c.json(status, 201, { location: status.links.self }) : c.json(status, 200);
    })
    .openapi(listRoute, async (c) => {
      const { institutionId } = court(c.get('principal'));
      const page = await listReferrals(db, institutionId, 'court', c.req.valid('query'), (reference) =>
        referralStatus(db, institutionId, reference),
      );
      return c.json(page, 200);
    })
    .openapi(statusRoute, async (c) => {
      const { institutionId } = court(c.get('principal'));
      return c.json(await mustFind(institutionId, c.req.valid('param').reference), 200);
    })
    .openapi(decisionRoute, async (c) => {
      const status = await recordConfirmationDecision(
        { db, temporal: deps.temporal },
        court(c.get('principal')),
        c.req.valid('param').reference,
        c.req.valid('json'),
      );
      return c.json(status, 200);
    });
}
