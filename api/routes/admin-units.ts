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
  summary: 'List units: the centre, its stations and points (中心 / 调解站 / 调解点)',
  access: ['admin', 'supervisor'],
  request: { query: UnitListQuery },
  responses: { 200: json(z.object({ items: z.array(UnitSchema) }), 'Units by code'), ...standardProblems },
});

const createUnitRoute = secureRoute({
  method: 'post',
  path: '/',
  tags: ['admin: units'],
  summary: 'Create a unit',
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
