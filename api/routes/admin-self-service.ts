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
  operationId: 'listMyRelations',
  summary: '查询本人申报的利害关系人（回避申报）',
  description: `任何工作人员查看自己申报过的亲属、利害关系人。身份证号码已遮蔽。只读。`,
  refusals: [],
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
  operationId: 'declareMyRelation',
  summary: '申报本人的利害关系人（回避申报）',
  description: `任何工作人员申报自己与某人的关系；此后涉及此人的案件不会指派给本人（指派时返回 422 \`conflict_of_interest\`，除非中心负责人说明理由后仍指派）。`,
  refusals: [],
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
