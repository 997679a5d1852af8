import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDependencies } from '../../http/dependencies.js';
import {
  declareRelation,
  listRelations,
  toRelationResponse,
} from '../../use-cases/admin/declare-relation.js';
import { allStaff } from '../access.js';
import type { AppEnv, StaffPrincipal } from '../context.js';
import { secureRoute, standardProblems } from '../route.js';
import { DeclareRelationBody, RelationSchema } from '../schemas/admin-schemas.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const listOwnRelationsRoute = secureRoute({
  method: 'get',
  path: '/relations',
  tags: ['me'],
  summary: 'The people I have declared a relation to (回避申报)',
  access: allStaff,
  responses: {
    200: json(z.object({ items: z.array(RelationSchema) }), 'My declarations, oldest first'),
    ...standardProblems,
  },
});

const declareOwnRelationRoute = secureRoute({
  method: 'post',
  path: '/relations',
  tags: ['me'],
  summary: 'Declare a relation to someone, so that I am not assigned their cases (回避申报)',
  access: allStaff,
  request: { body: { required: true, content: { 'application/json': { schema: DeclareRelationBody } } } },
  responses: { 201: json(RelationSchema, 'Recorded'), ...standardProblems },
});

/** /v1/me: what any staff member does for themself. */
export function selfServiceRoutes(deps: AppDependencies) {
  const db = deps.database.db;
  return new OpenAPIHono<AppEnv>()
    .openapi(listOwnRelationsRoute, async (c) => {
      const { userId } = c.get('principal') as StaffPrincipal;
      const rows = await listRelations(db, userId);
      return c.json({ items: rows.map((row) => toRelationResponse(row, { maskIdNumber: false })) }, 200);
    })
    .openapi(declareOwnRelationRoute, async (c) => {
      const { userId } = c.get('principal') as StaffPrincipal;
      const row = await declareRelation(db, userId, c.req.valid('json'));
      c.get('logger').info({ userId, relationId: row.id }, 'relation declared');
      return c.json(toRelationResponse(row, { maskIdNumber: false }), 201);
    });
}
