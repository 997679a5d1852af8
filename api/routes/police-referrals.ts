import { OpenAPIHono, z } from '@hono/zod-openapi';
import { type AppDependencies, caseStartDependencies } from '../../http/dependencies.js';
import { policeReferralStatus } from '../../use-cases/referrals/police-referral-status.js';
import { registerPoliceReferral } from '../../use-cases/referrals/register-police-referral.js';
import type { AppEnv, InstitutionPrincipal } from '../context.js';
import { problemResponseSpec, secureRoute, standardProblems } from '../route.js';
import { PoliceReferralBody, PoliceStatusSchema } from '../schemas/police-schemas.js';

const tags = ['police docking (警调对接)'];
const text = (max: number) => z.string().trim().min(1).max(max);

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const referRoute = secureRoute({
  method: 'post',
  path: '/referrals',
  tags,
  operationId: 'registerPoliceReferral',
  summary: '派出所移送治安案件调解（警调对接）',
  description: `公安派出所的警调对接系统调用：移送一件可以调解处理的治安案件。治安调解最多进行两次，第二次须在第一次调解后 7 个工作日内进行。
创建案件并启动其流程（201）。移送日期 \`referralDate\` 晚于今天时 422 \`date_in_future\`。按派出所的案号幂等（同一案号、相同内容返回原案件 200，不同内容 409）。回调地址 \`callbackUrl\`（可选）须为 https，且不得指向本机、内网、链路本地、共享或保留地址（无论 IP 以何种写法出现，如 \`http://2130706433/\`），否则 422 \`callback_url_forbidden\` 并指明该字段；政务内网地址须由运维人员加入允许名单。`,
  refusals: ['reference_conflict', 'callback_url_forbidden', 'not_configured', 'date_in_future'],
  access: ['police'],
  request: { body: { required: true, content: { 'application/json': { schema: PoliceReferralBody } } } },
  responses: {
    201: json(PoliceStatusSchema, 'Registered'),
    200: json(PoliceStatusSchema, 'Already registered with the same content'),
    409: problemResponseSpec('The reference was already used for a different referral'),
    ...standardProblems,
  },
});

const statusRoute = secureRoute({
  method: 'get',
  path: '/referrals/{reference}',
  tags,
  operationId: 'readPoliceReferral',
  summary: '查询一件警调对接案件的进度与结果',
  description: `公安派出所查询本所移送的一件案件：阶段、已调解次数、第二次调解的期限、调解结果。只能查询本所自己的移送。只读。\`deliveries\` 列出本案发往贵方的回调：\`delivered\` 已送达，\`failing\` 发送失败、正在按退避间隔重试（\`firstFailedAt\` 为开始失败的时间，\`lastAttemptAt\` 为最近一次尝试），\`pull\` 未提供回调地址、请调用本接口查询。对方服务器的应答状态不在此返回。`,
  refusals: ['not_found'],
  access: ['police'],
  request: {
    params: z.object({ reference: text(100).openapi({ param: { name: 'reference', in: 'path' } }) }),
  },
  responses: {
    200: json(PoliceStatusSchema, 'The referral'),
    404: problemResponseSpec('Not this station’s'),
    ...standardProblems,
  },
});

/** /v1/police: public-order referrals from police stations (警调对接), scoped to the station's own. */
export function policeReferralRoutes(deps: AppDependencies) {
  return new OpenAPIHono<AppEnv>()
    .openapi(referRoute, async (c) => {
      const { institutionId } = c.get('principal') as InstitutionPrincipal;
      const body = c.req.valid('json');
      const result = await registerPoliceReferral(caseStartDependencies(deps), institutionId, body);
      const status = await policeReferralStatus(deps.database.db, institutionId, body.reference);
      return result.created ? c.json(status, 201) : c.json(status, 200);
    })
    .openapi(statusRoute, async (c) => {
      const { institutionId } = c.get('principal') as InstitutionPrincipal;
      return c.json(
        await policeReferralStatus(deps.database.db, institutionId, c.req.valid('param').reference),
        200,
      );
    });
}
