import { OpenAPIHono, z } from '@hono/zod-openapi';
import { centrePolicyKeys } from '../../domain/centre-policies.js';
import type { AppDependencies } from '../../http/dependencies.js';
import { createCentrePolicyEra, listCentrePolicies } from '../../use-cases/admin/centre-policies.js';
import type { AppEnv, StaffPrincipal } from '../context.js';
import { problemResponseSpec, secureRoute, standardProblems } from '../route.js';

const CentrePolicySchema = z
  .object({
    id: z.string(),
    key: z.enum(centrePolicyKeys),
    effectiveFrom: z.string(),
    effectiveTo: z.string().nullable().optional(),
    enabled: z.boolean(),
    rule: z.string(),
    ruleZh: z.string(),
    source: z.string().openapi({ description: "Always 'centre policy (not law)'" }),
  })
  .openapi('CentrePolicy');

const CreateCentrePolicyBody = z
  .object({
    key: z.enum(centrePolicyKeys),
    effectiveFrom: z.iso.date(),
    enabled: z.boolean(),
    ruleZh: z.string().trim().min(1).max(1000).optional(),
  })
  .strict()
  .openapi('NewCentrePolicyEra');

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const tags = ['admin: centre policies'];

const listRoute = secureRoute({
  method: 'get',
  path: '/',
  tags,
  operationId: 'listCentrePolicies',
  summary: '查询中心工作制度开关（各施行期间）',
  description: `中心负责人或系统管理员查看中心自定的工作制度（非法律规定），如“复杂纠纷调解成功前须召开研判会”（\`conference.before_settlement\`）：每个施行期间的起始日和是否启用。只读。`,
  refusals: [],
  access: ['admin', 'supervisor'],
  responses: {
    200: json(z.object({ items: z.array(CentrePolicySchema) }), 'By key, then by first day'),
    ...standardProblems,
  },
});

const createRoute = secureRoute({
  method: 'post',
  path: '/',
  tags,
  operationId: 'createCentrePolicyEra',
  summary: '自某日起启用或停用一项中心工作制度',
  description: `系统管理员自某日起启用或停用一项中心工作制度（新增一个施行期间，原期间不变）。制度在案件适用时确定：如研判要求在案件定为复杂纠纷之日确定，此后停用不影响已确定须研判的案件。
同一制度同一天开始的期间已存在时 409 \`already_exists\`。`,
  refusals: ['already_exists'],
  access: ['admin'],
  request: {
    body: { required: true, content: { 'application/json': { schema: CreateCentrePolicyBody } } },
  },
  responses: {
    201: json(CentrePolicySchema, 'Created'),
    409: problemResponseSpec('An era of the key already starts that day'),
    ...standardProblems,
  },
});

/** /v1/admin/centre-policies */
export function adminCentrePolicyRoutes(deps: AppDependencies) {
  const db = deps.database.db;
  return new OpenAPIHono<AppEnv>()
    .openapi(listRoute, async (c) => c.json({ items: await listCentrePolicies(db) }, 200))
    .openapi(createRoute, async (c) => {
      const actor = c.get('principal') as StaffPrincipal;
      const policy = await createCentrePolicyEra(db, c.req.valid('json'), actor.userId);
      c.get('logger').info({ policyId: policy.id, enabled: policy.enabled }, 'centre policy era added');
      return c.json(policy, 201);
    });
}
