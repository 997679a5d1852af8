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
  summary: 'Deadline policies (期限规则), every era of every key',
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
  summary: 'Add a new era of a policy (id key@effectiveFrom); earlier eras stay as they are',
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
  summary: 'Set the last day of an era (close it), or clear it',
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
