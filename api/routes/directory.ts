import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDependencies } from '../../http/dependencies.js';
import { listDirectoryMediators } from '../../use-cases/directory/list-directory-mediators.js';
import { listDirectoryUnits } from '../../use-cases/directory/list-directory-units.js';
import { setMediatorProfile } from '../../use-cases/directory/set-mediator-profile.js';
import { allStaff } from '../access.js';
import type { AppEnv } from '../context.js';
import { problemResponseSpec, secureRoute, standardProblems } from '../route.js';
import { IdParam } from '../schemas/admin-schemas.js';
import {
  DirectoryMediatorQuery,
  DirectoryMediatorSchema,
  DirectoryUnitSchema,
  MediatorProfileBody,
  MediatorProfileSchema,
} from '../schemas/directory-schemas.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const tags = ['directory'];

const listMediatorsRoute = secureRoute({
  method: 'get',
  path: '/mediators',
  tags,
  operationId: 'listDirectoryMediators',
  summary: '调解超市：查询在职调解员',
  description: `窗口受理员、调解员、中心负责人与系统管理员查询在职调解员，用于指派与当事人选择调解员：姓名、所属单位、资质、擅长领域、工作语言、简介，
以及由案件计算的在办案件数、调解成功数、平均化解天数与回访满意度。可按擅长领域、资质、语言、单位、姓名筛选，在办案件少者在前。
中心负责人只看到本单位及下级单位的调解员（可改派的范围），其他岗位看到全部单位。不含账号、身份证号码等管理字段。只读。`,
  refusals: [],
  access: allStaff,
  request: { query: DirectoryMediatorQuery },
  responses: {
    200: json(z.object({ items: z.array(DirectoryMediatorSchema) }), 'Mediators, least loaded first'),
    ...standardProblems,
  },
});

const listUnitsRoute = secureRoute({
  method: 'get',
  path: '/units',
  tags,
  operationId: 'listDirectoryUnits',
  summary: '查询可分流的承办单位',
  description: `窗口受理员、调解员、中心负责人与系统管理员查询中心、调解站、调解点（“1+18+N”），含上级单位、在职调解员人数与在办案件数，用于分流。
中心负责人只看到本单位及下级单位。只读。`,
  refusals: [],
  access: allStaff,
  responses: {
    200: json(z.object({ items: z.array(DirectoryUnitSchema) }), 'Units by code'),
    ...standardProblems,
  },
});

const setProfileRoute = secureRoute({
  method: 'put',
  path: '/mediators/{id}/profile',
  tags,
  operationId: 'setMediatorProfile',
  summary: '设置调解员在调解超市中的介绍',
  description: `系统管理员设置调解员的资质、擅长领域（纠纷类别）、工作语言与个人简介，整体替换；重复提交结果相同。账号不存在时 404，不是调解员时 422 \`not_a_mediator\`。`,
  refusals: ['not_found', 'not_a_mediator'],
  access: ['admin'],
  request: {
    params: IdParam,
    body: { required: true, content: { 'application/json': { schema: MediatorProfileBody } } },
  },
  responses: {
    200: json(MediatorProfileSchema, 'The profile as stored'),
    404: problemResponseSpec('No such account'),
    422: problemResponseSpec('The account is not a mediator'),
    ...standardProblems,
  },
});

/** /v1/directory: the mediators and units staff may route and assign cases to. */
export function directoryRoutes(deps: AppDependencies) {
  const db = deps.database.db;
  return new OpenAPIHono<AppEnv>()
    .openapi(listMediatorsRoute, async (c) =>
      c.json({ items: await listDirectoryMediators(db, c.get('principal'), c.req.valid('query')) }, 200),
    )
    .openapi(listUnitsRoute, async (c) =>
      c.json({ items: await listDirectoryUnits(db, c.get('principal')) }, 200),
    )
    .openapi(setProfileRoute, async (c) => {
      const { id } = c.req.valid('param');
      const profile = await setMediatorProfile(db, id, c.req.valid('json'));
      c.get('logger').info({ userId: id }, 'mediator profile set');
      return c.json(profile, 200);
    });
}
