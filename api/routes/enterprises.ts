import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDependencies } from '../../http/dependencies.js';
import { listEnterprises, readEnterprise } from '../../use-cases/enterprises/list-enterprises.js';
import { registerEnterprise } from '../../use-cases/enterprises/register-enterprise.js';
import { allStaff } from '../access.js';
import type { AppEnv, StaffPrincipal } from '../context.js';
import { problemResponseSpec, secureRoute, standardProblems } from '../route.js';
import {
  EnterpriseIdParam,
  EnterpriseListQuery,
  EnterpriseSchema,
  RegisterEnterpriseBody,
} from '../schemas/enterprise-schemas.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const registerEnterpriseRoute = secureRoute({
  method: 'post',
  path: '/',
  tags: ['enterprises'],
  operationId: 'registerEnterprise',
  summary: '企业登记（法治化营商环境服务企业名录）',
  description: `工作人员把服务的企业登记入名录：名称、统一社会信用代码（按 GB 32100-2015 校验末位校验码，不符时 400 并指明 \`creditCode\`）、
市场主体类别（个体商户、一般纳税人、中小微企业、大型企业、民营企业）、所属行业、规模、联系人。企业由登记人所在单位联系服务，
中心负责人与系统管理员可指定其范围内的单位（范围外 403 \`unit_outside_scope\`，不存在 422 \`unknown_unit\`）。
同一信用代码只登记一次：以相同名称与单位重发返回原记录（200），否则 409 \`already_exists\` 并给出已有记录的地址（\`existing\`）。`,
  refusals: ['unit_required', 'unknown_unit', 'unit_outside_scope', 'already_exists'],
  access: allStaff,
  request: {
    body: { required: true, content: { 'application/json': { schema: RegisterEnterpriseBody } } },
  },
  responses: {
    201: json(EnterpriseSchema, 'Registered'),
    200: json(EnterpriseSchema, 'Registered before with this code, name and unit: the first registration'),
    409: problemResponseSpec('Another enterprise is registered with this code'),
    422: problemResponseSpec('A unit is needed, or unitId names no unit'),
    ...standardProblems,
    403: problemResponseSpec('Not allowed, or the unit is outside your units'),
  },
});

const listEnterprisesRoute = secureRoute({
  method: 'get',
  path: '/',
  tags: ['enterprises'],
  operationId: 'listEnterprises',
  summary: '查询企业名录',
  description: `工作人员按类别、行业、规模、单位和关键词（名称，或信用代码开头）分页查询企业名录，由新到旧。任何单位都可以查到（涉企纠纷可能从任何窗口进来），
联系人姓名与电话在列表中一律遮蔽。只读。`,
  refusals: [],
  access: allStaff,
  request: { query: EnterpriseListQuery },
  responses: {
    200: json(
      z.object({ items: z.array(EnterpriseSchema), nextCursor: z.string().nullable() }),
      'A page of enterprises',
    ),
    ...standardProblems,
  },
});

const readEnterpriseRoute = secureRoute({
  method: 'get',
  path: '/{id}',
  tags: ['enterprises'],
  operationId: 'readEnterprise',
  summary: '查看一家企业',
  description: `工作人员查看一家企业。联系服务该企业的单位（及其上级单位的负责人、系统管理员）看到联系人的完整姓名与电话，其他单位看到遮蔽后的。只读。`,
  refusals: ['not_found'],
  access: allStaff,
  request: { params: EnterpriseIdParam },
  responses: {
    200: json(EnterpriseSchema, 'The enterprise'),
    404: problemResponseSpec('No such enterprise'),
    ...standardProblems,
  },
});

/** /v1/enterprises: the enterprise registry. */
export function enterpriseRoutes(deps: AppDependencies) {
  const db = deps.database.db;
  const staff = (principal: unknown) => principal as StaffPrincipal;
  return new OpenAPIHono<AppEnv>()
    .openapi(registerEnterpriseRoute, async (c) => {
      const { enterprise, created } = await registerEnterprise(
        db,
        staff(c.get('principal')),
        c.req.valid('json'),
      );
      c.get('logger').info({ enterpriseId: enterprise.id, created }, 'enterprise registered');
      return c.json(enterprise, created ? 201 : 200, { location: enterprise.links.self });
    })
    .openapi(listEnterprisesRoute, async (c) => c.json(await listEnterprises(db, c.req.valid('query')), 200))
    .openapi(readEnterpriseRoute, async (c) =>
      c.json(await readEnterprise(db, staff(c.get('principal')), c.req.valid('param').id), 200),
    );
}
