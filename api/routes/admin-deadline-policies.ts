import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDependencies } from '../../http/dependencies.js';
import { closeDeadlinePolicy } from '../../use-cases/admin/close-deadline-policy.js';
import { createDeadlinePolicy } from '../../use-cases/admin/create-deadline-policy.js';
import { listDeadlinePolicies } from '../../use-cases/admin/list-deadline-policies.js';
import type { AppEnv, StaffPrincipal } from '../context.js';
import { problemResponseSpec, secureRoute, standardProblems } from '../route.js';
import {
  CloseDeadlinePolicyBody,
  CreateDeadlinePolicyBody,
  DeadlinePolicySchema,
  PolicyIdParam,
  PolicyListQuery,
} from '../schemas/admin-schemas.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const tags = ['admin: deadline policies'];

const listPoliciesRoute = secureRoute({
  method: 'get',
  path: '/',
  tags,
  operationId: 'listDeadlinePolicies',
  summary: '查询期限规则（各规则的全部施行期间）',
  description: `中心负责人或系统管理员查看所有期限规则：每条规则按键（如 \`court.delegated\`）列出其各个施行期间（起止日期、期间长度、计算方式与法律依据）。
只读。案件采用移送或受理之日施行的那一期规则，规则变更不影响已在计算的期限。`,
  refusals: [],
  access: ['admin', 'supervisor'],
  request: { query: PolicyListQuery },
  responses: {
    200: json(z.object({ items: z.array(DeadlinePolicySchema) }), 'By key, then by first day'),
    ...standardProblems,
  },
});

const createPolicyRoute = secureRoute({
  method: 'post',
  path: '/',
  tags,
  operationId: 'createDeadlinePolicy',
  summary: '新增某期限规则的一个施行期间',
  description: `系统管理员在法律或本地规定变化时，为某条期限规则新增一个自某日起施行的期间（标识为“键@起始日”）。此前的期间保持不变，已受理的案件继续适用原规则。
同一规则同一天开始的期间已存在时拒绝（409）；规则本身不可用（如期间长度、单位不合理）时拒绝（422，\`problems\` 列出原因）。`,
  refusals: ['already_exists', 'invalid_policy'],
  access: ['admin'],
  request: {
    body: { required: true, content: { 'application/json': { schema: CreateDeadlinePolicyBody } } },
  },
  responses: {
    201: json(DeadlinePolicySchema, 'Created'),
    409: problemResponseSpec('An era of the key already starts that day'),
    422: problemResponseSpec('The policy is not usable: `problems` lists why'),
    ...standardProblems,
  },
});

const closePolicyRoute = secureRoute({
  method: 'patch',
  path: '/{id}',
  tags,
  operationId: 'closeDeadlinePolicy',
  summary: '设定或取消某期限规则期间的截止日',
  description: `系统管理员为某一施行期间设定最后一日（使其到期失效），或清除截止日使其继续施行。
若设定后某些日期将没有任何期间适用，则拒绝（409 \`policy_gap\`），以免新受理的案件无规则可用。`,
  refusals: ['not_found', 'policy_gap', 'invalid_policy'],
  access: ['admin'],
  request: {
    params: PolicyIdParam,
    body: { required: true, content: { 'application/json': { schema: CloseDeadlinePolicyBody } } },
  },
  responses: {
    200: json(DeadlinePolicySchema, 'The era after the change'),
    404: problemResponseSpec('No such policy'),
    409: problemResponseSpec('Days would be left without any era of the key in force'),
    422: problemResponseSpec('The last day is before the first'),
    ...standardProblems,
  },
});

/** /v1/admin/deadline-policies */
export function adminDeadlinePolicyRoutes(deps: AppDependencies) {
  const db = deps.database.db;
  return new OpenAPIHono<AppEnv>()
    .openapi(listPoliciesRoute, async (c) => {
      return c.json({ items: await listDeadlinePolicies(db, c.req.valid('query')) }, 200);
    })
    .openapi(createPolicyRoute, async (c) => {
      const actor = c.get('principal') as StaffPrincipal;
      const policy = await createDeadlinePolicy(db, c.req.valid('json'), actor.userId);
      c.get('logger').info({ policyId: policy.id }, 'deadline policy era added');
      return c.json(policy, 201);
    })
    .openapi(closePolicyRoute, async (c) => {
      const actor = c.get('principal') as StaffPrincipal;
      const { id } = c.req.valid('param');
      const { effectiveTo } = c.req.valid('json');
      const policy = await closeDeadlinePolicy(db, id, effectiveTo, actor.userId);
      c.get('logger').info({ policyId: id, effectiveTo }, 'deadline policy era closed');
      return c.json(policy, 200);
    });
}
