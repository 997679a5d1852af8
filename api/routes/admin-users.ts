import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDependencies } from '../../http/dependencies.js';
import { createUser } from '../../use-cases/admin/create-user.js';
import {
  declareRelation,
  listRelations,
  toRelationResponse,
} from '../../use-cases/admin/declare-relation.js';
import { listUsers } from '../../use-cases/admin/list-users.js';
import { updateUser } from '../../use-cases/admin/update-user.js';
import type { AppEnv, StaffPrincipal } from '../context.js';
import { problemResponseSpec, secureRoute, standardProblems } from '../route.js';
import {
  CreateUserBody,
  DeclareRelationBody,
  IdParam,
  RelationSchema,
  UpdateUserBody,
  UserListQuery,
  UserSchema,
} from '../schemas/admin-schemas.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const tags = ['admin: staff'];

const listUsersRoute = secureRoute({
  method: 'get',
  path: '/',
  tags,
  summary: 'List staff accounts (no password hashes; ID numbers masked)',
  access: ['admin'],
  request: { query: UserListQuery },
  responses: {
    200: json(z.object({ items: z.array(UserSchema) }), 'Accounts by username'),
    ...standardProblems,
  },
});

const createUserRoute = secureRoute({
  method: 'post',
  path: '/',
  tags,
  summary: 'Create a staff account (clerk, mediator, supervisor or admin)',
  access: ['admin'],
  request: { body: { required: true, content: { 'application/json': { schema: CreateUserBody } } } },
  responses: {
    201: json(UserSchema, 'Created'),
    409: problemResponseSpec('The username is taken'),
    422: problemResponseSpec('The unit does not exist'),
    ...standardProblems,
  },
});

const updateUserRoute = secureRoute({
  method: 'patch',
  path: '/{id}',
  tags,
  summary: 'Change an account: name, role, unit, active, ID number, or reset its password',
  access: ['admin'],
  request: {
    params: IdParam,
    body: { required: true, content: { 'application/json': { schema: UpdateUserBody } } },
  },
  responses: {
    200: json(UserSchema, 'The account after the change'),
    404: problemResponseSpec('No such account'),
    409: problemResponseSpec('It would leave no active admin'),
    422: problemResponseSpec('The unit does not exist, or the role needs one'),
    ...standardProblems,
  },
});

const listRelationsRoute = secureRoute({
  method: 'get',
  path: '/{id}/relations',
  tags,
  summary: 'The people an account has declared a relation to (回避申报; ID numbers masked)',
  access: ['admin'],
  request: { params: IdParam },
  responses: {
    200: json(z.object({ items: z.array(RelationSchema) }), 'Declarations, oldest first'),
    404: problemResponseSpec('No such account'),
    ...standardProblems,
  },
});

const declareRelationRoute = secureRoute({
  method: 'post',
  path: '/{id}/relations',
  tags,
  summary: 'Record a relation for an account, checked at assignment for conflicts of interest',
  access: ['admin'],
  request: {
    params: IdParam,
    body: { required: true, content: { 'application/json': { schema: DeclareRelationBody } } },
  },
  responses: {
    201: json(RelationSchema, 'Recorded'),
    404: problemResponseSpec('No such account'),
    ...standardProblems,
  },
});

/** /v1/admin/users */
export function adminUserRoutes(deps: AppDependencies) {
  const db = deps.database.db;
  return new OpenAPIHono<AppEnv>()
    .openapi(listUsersRoute, async (c) => {
      return c.json({ items: await listUsers(db, c.req.valid('query')) }, 200);
    })
    .openapi(createUserRoute, async (c) => {
      const user = await createUser(db, c.req.valid('json'));
      c.get('logger').info({ userId: user.id, role: user.role }, 'user created');
      return c.json(user, 201);
    })
    .openapi(updateUserRoute, async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const user = await updateUser(db, id, body);
      // Field names only: never the new password.
      c.get('logger').info({ userId: id, changed: Object.keys(body) }, 'user updated');
      return c.json(user, 200);
    })
    .openapi(listRelationsRoute, async (c) => {
      const rows = await listRelations(db, c.req.valid('param').id);
      return c.json({ items: rows.map((row) => toRelationResponse(row, { maskIdNumber: true })) }, 200);
    })
    .openapi(declareRelationRoute, async (c) => {
      const { id } = c.req.valid('param');
      const row = await declareRelation(db, id, c.req.valid('json'));
      const actor = c.get('principal') as StaffPrincipal;
      c.get('logger').info({ userId: id, relationId: row.id, by: actor.userId }, 'relation declared');
      return c.json(toRelationResponse(row, { maskIdNumber: true }), 201);
    });
}
