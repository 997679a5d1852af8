import { OpenAPIHono, z } from '@hono/zod-openapi';
import { disputeCategories } from '../../domain/vocabulary.js';
import type { AppDependencies } from '../../http/dependencies.js';
import {
  listTriageStationRules,
  replaceTriageStationRules,
} from '../../use-cases/admin/triage-station-rules.js';
import type { AppEnv, StaffPrincipal } from '../context.js';
import { secureRoute, standardProblems } from '../route.js';

const RuleSchema = z
  .object({
    category: z.enum(disputeCategories).openapi({ description: '纠纷类别' }),
    unitId: z.string().uuid().openapi({ description: 'the station triage suggests for the category' }),
  })
  .strict();
const RulesBody = z
  .object({
    rules: z
      .array(RuleSchema)
      .max(disputeCategories.length)
      .refine((rules) => new Set(rules.map((rule) => rule.category)).size === rules.length, {
        message: 'each category at most once',
      }),
  })
  .strict()
  .openapi('TriageStationRules');
const RulesAnswer = z
  .object({
    rules: z.array(
      RuleSchema.extend({ unitName: z.string(), updatedAt: z.string().openapi({ format: 'date-time' }) }),
    ),
  })
  .openapi('TriageStationRulesAnswer');
const tags = ['admin: triage suggestions'];

const readRoute = secureRoute({
  method: 'get',
  path: '/',
  tags,
  operationId: 'listTriageStationRules',
  summary: '查询纠纷类别与建议承办调解站的对应关系',
  description: `系统管理员或中心负责人查看分流建议所依据的对应关系：每一纠纷类别建议由哪个调解站承办。只读。`,
  refusals: [],
  access: ['admin', 'supervisor'],
  responses: {
    200: { description: 'The mapping', content: { 'application/json': { schema: RulesAnswer } } },
    ...standardProblems,
  },
});

const replaceRoute = secureRoute({
  method: 'put',
  path: '/',
  tags,
  operationId: 'replaceTriageStationRules',
  summary: '设置纠纷类别与建议承办调解站的对应关系',
  description: `系统管理员以本次提交的清单整体替换对应关系；案件页的指派表单据此预选建议的调解站（“建议：…（依据纠纷类别）”）。
每一项变动（新增、改变、删除）连同操作人和时间记入变更记录。同样的内容重复提交不产生变更。单位不存在时 422 \`unknown_reference\`（指明字段）。`,
  refusals: ['unknown_reference'],
  access: ['admin'],
  request: { body: { required: true, content: { 'application/json': { schema: RulesBody } } } },
  responses: {
    200: { description: 'The mapping as stored', content: { 'application/json': { schema: RulesAnswer } } },
    ...standardProblems,
  },
});

/** /v1/admin/triage-stations */
export function adminTriageStationRoutes(deps: AppDependencies) {
  const db = deps.database.db;
  return new OpenAPIHono<AppEnv>()
    .openapi(readRoute, async (c) => c.json({ rules: await listTriageStationRules(db) }, 200))
    .openapi(replaceRoute, async (c) => {
      const actor = c.get('principal') as StaffPrincipal;
      const rules = await replaceTriageStationRules(db, c.req.valid('json').rules, actor.userId);
      c.get('logger').info({ rules: rules.length }, 'triage station rules replaced');
      return c.json({ rules }, 200);
    });
}
