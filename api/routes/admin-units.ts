import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDependencies } from '../../http/dependencies.js';
import { createUnit } from '../../use-cases/admin/create-unit.js';
import { listUnits } from '../../use-cases/admin/list-units.js';
import type { AppEnv } from '../context.js';
import { problemResponseSpec, secureRoute, standardProblems } from '../route.js';
import { CreateUnitBody, UnitListQuery, UnitSchema } from '../schemas/admin-schemas.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const listUnitsRoute = secureRoute({
  method: 'get',
  path: '/',
  tags: ['admin: units'],
  operationId: 'listUnits',
  summary: '查询承办单位（中心、调解站、调解点）',
  description: `中心负责人或系统管理员查看“1+18+N”体系中的全部单位：中心、各行业调解站及乡镇、村（社区）调解点，含上下级关系。只读。`,
  refusals: [],
  access: ['admin', 'supervisor'],
  request: { query: UnitListQuery },
  responses: { 200: json(z.object({ items: z.array(UnitSchema) }), 'Units by code'), ...standardProblems },
});

const createUnitRoute = secureRoute({
  method: 'post',
  path: '/',
  tags: ['admin: units'],
  operationId: 'createUnit',
  summary: '新建承办单位',
  description: `系统管理员新建一个中心、调解站或调解点，可指定上级单位。单位编码须唯一（重复时 409 并指明 \`code\`），上级单位须存在（否则 422 并指明 \`parentId\`）。`,
  refusals: ['already_exists', 'unknown_reference'],
  access: ['admin'],
  request: { body: { required: true, content: { 'application/json': { schema: CreateUnitBody } } } },
  responses: {
    201: json(UnitSchema, 'Created'),
    409: problemResponseSpec('The code is taken (field named)'),
    422: problemResponseSpec('The parent unit does not exist'),
    ...standardProblems,
  },
});

/** /v1/admin/units */
export function adminUnitRoutes(deps: AppDependencies) {
  const db = deps.database.db;
  return new OpenAPIHono<AppEnv>()
    .openapi(listUnitsRoute, async (c) => {
      return c.json({ items: await listUnits(db, c.req.valid('query')) }, 200);
    })
    .openapi(createUnitRoute, async (c) => {
      const unit = await createUnit(db, c.req.valid('json'));
      c.get('logger').info({ unitId: unit.id, code: unit.code }, 'unit created');
      return c.json(unit, 201);
    });
}
