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
  operationId: 'listUsers',
  summary: '查询工作人员账号',
  description: `系统管理员查看全部工作人员账号（窗口受理员、调解员、中心负责人、系统管理员）：角色、所属单位、是否停用。不含密码散列，身份证号码已遮蔽。只读。`,
  refusals: [],
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
  operationId: 'createUser',
  summary: '新建工作人员账号',
  description: `系统管理员新建账号并设定初始密码。除系统管理员外，每个账号须属于一个单位（缺少时 422 \`unit_required\`）；用户名重复时 409。`,
  refusals: ['already_exists', 'unknown_reference', 'unit_required'],
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
  operationId: 'updateUser',
  summary: '修改工作人员账号（姓名、角色、单位、停用、重置密码）',
  description: `系统管理员修改账号。角色与停用状态自下一次请求起生效；重置密码或停用账号会使此前签发的令牌全部失效。
不能停用或降级最后一位在用的系统管理员（409 \`last_admin\`）。`,
  refusals: ['not_found', 'last_admin', 'unit_required', 'unknown_reference'],
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
  operationId: 'listUserRelations',
  summary: '查询某工作人员申报的利害关系人（回避申报）',
  description: `系统管理员查看某账号申报的亲属、利害关系人等。指派调解员时据此检查回避。身份证号码已遮蔽。只读。`,
  refusals: ['not_found'],
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
  operationId: 'createUserRelation',
  summary: '为某工作人员登记利害关系人',
  description: `系统管理员代为登记某账号与某人的关系（姓名、身份证号码或统一社会信用代码、关系）。此后指派该调解员办理涉及此人的案件时，会因应回避而被拒绝（中心负责人可说明理由后仍指派）。`,
  refusals: ['not_found'],
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
