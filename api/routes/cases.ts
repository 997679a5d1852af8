import { OpenAPIHono, z } from '@hono/zod-openapi';
import { type AppDependencies, caseStartDependencies } from '../../http/dependencies.js';
import { caseLinks } from '../../use-cases/cases/case-response.js';
import { idempotentRequest } from '../../use-cases/cases/idempotency-keys.js';
import { listCaseEvents } from '../../use-cases/cases/list-case-events.js';
import { listCases } from '../../use-cases/cases/list-cases.js';
import { readCase } from '../../use-cases/cases/read-case.js';
import { acceptCaseRegistration, registerCase } from '../../use-cases/cases/register-case.js';
import { allStaff } from '../access.js';
import type { AppEnv, StaffPrincipal } from '../context.js';
import { problemResponseSpec, secureRoute, standardProblems } from '../route.js';
import {
  CaseEventSchema,
  CaseListItemSchema,
  CaseListQuery,
  CaseNumberParam,
  CaseSchema,
  caseBody,
  RegisterCaseBody,
  RegistrationAcceptedSchema,
} from '../schemas/case-schemas.js';
import { IdempotencyKeyHeader, replayedHeader } from '../schemas/idempotency-schemas.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const registerCaseRoute = secureRoute({
  method: 'post',
  path: '/',
  tags: ['cases'],
  operationId: 'registerCase',
  summary: '登记纠纷（接案）',
  description: `窗口受理员（或中心负责人、系统管理员）登记来自窗口、热线、网上、微信、网格员、部门等渠道的纠纷：分配案件编号（整个办理过程只用这一个编号），
启动案件流程，开始计算受理期限。默认待案件写入查询库后返回完整案件（201）；批量接入渠道可发送 \`Prefer: respond-async\`，案件编号分配、流程启动后即返回 202 与 \`Location\`。
登记人不属于任何单位时须指定 \`unitId\`（422 \`unit_required\`）；\`unitId\` 不存在时 422 \`unknown_unit\`；
中心负责人只能登记到本单位及下级单位（403 \`forbidden_unit\`，指明 \`unitId\`）。
当事人在调解超市选择了调解员的，记入 \`chosenMediatorId\`（指派时预选；不是在职调解员时 422 \`not_a_mediator\`）。
可带 \`Idempotency-Key\`：网络中断后用同一个键重发，得到第一次的应答（不会登记第二件案件）；同一个键、不同内容 422 \`idempotency_key_reused\`。`,
  refusals: [
    'unit_required',
    'unknown_unit',
    'forbidden_unit',
    'not_a_mediator',
    'no_policy_in_force',
    'idempotency_key_reused',
  ],
  access: ['clerk', 'supervisor', 'admin'],
  request: {
    headers: z.object({
      'idempotency-key': IdempotencyKeyHeader,
      prefer: z
        .string()
        .max(200)
        .optional()
        .openapi({
          description:
            '`respond-async` answers 202 as soon as the case is numbered and its workflow started, without ' +
            'waiting for the read model (bulk intake channels); without it the answer is the whole case (201).',
          example: 'respond-async',
        }),
    }),
    body: { required: true, content: { 'application/json': { schema: RegisterCaseBody } } },
  },
  responses: {
    201: json(CaseSchema, 'Registered'),
    202: json(
      RegistrationAcceptedSchema,
      'Registered; the read model follows within moments (Prefer: respond-async)',
    ),
    422: problemResponseSpec('A unit is needed, or unitId names no unit'),
    ...standardProblems,
  },
});

const listCasesRoute = secureRoute({
  method: 'get',
  path: '/',
  tags: ['cases'],
  operationId: 'listCases',
  summary: '按条件查询案件列表',
  description: `工作人员按阶段、分级、类别、来源、单位、调解员、日期、关键词等条件分页查询案件，按登记时间由新到旧。可见范围：调解员只看到指派给自己的案件，
中心负责人看到本单位及下级单位的案件，窗口受理员与系统管理员按其岗位范围。列表中身份证号码与电话号码已遮蔽。只读。`,
  refusals: [],
  access: allStaff,
  request: { query: CaseListQuery },
  responses: {
    200: json(
      z.object({ items: z.array(CaseListItemSchema), nextCursor: z.string().nullable() }),
      'A page of cases',
    ),
    ...standardProblems,
  },
});

const getCaseRoute = secureRoute({
  method: 'get',
  path: '/{caseNumber}',
  tags: ['cases'],
  operationId: 'readCase',
  summary: '查询一件案件的详情',
  description: `工作人员查看一件案件：阶段、分级与类别、承办单位与调解员、当事人、各项期限及其计算说明（起算日、期间、节假日顺延的依据）、调解记录与结果、下一步可做的操作。
看不到的案件（不在本人范围内）与不存在的案件一样返回 404。只读。`,
  refusals: ['not_found'],
  access: allStaff,
  request: { params: CaseNumberParam },
  responses: {
    200: json(CaseSchema, 'The case'),
    404: problemResponseSpec('No such case'),
    ...standardProblems,
  },
});

const caseEventsRoute = secureRoute({
  method: 'get',
  path: '/{caseNumber}/events',
  tags: ['cases'],
  operationId: 'listCaseEvents',
  summary: '查询案件的操作日志',
  description: `工作人员查看一件案件自登记起的全部事件：谁在何时做了什么，变更前后的内容。按发生顺序排列，只增不改。可见范围同案件详情。只读。`,
  refusals: ['not_found'],
  access: allStaff,
  request: { params: CaseNumberParam },
  responses: {
    200: json(z.object({ items: z.array(CaseEventSchema) }), 'Events in order'),
    404: problemResponseSpec('No such case'),
    ...standardProblems,
  },
});

export function caseRoutes(deps: AppDependencies) {
  const db = deps.database.db;
  return new OpenAPIHono<AppEnv>()
    .openapi(registerCaseRoute, async (c) => {
      const body = c.req.valid('json');
      const principal = c.get('principal') as StaffPrincipal;
      const headers = c.req.valid('header');
      const async = prefersAsync(headers.prefer);
      const keyed = idempotentRequest(
        principal,
        headers['idempotency-key'],
        async ? 'registerCase:async' : 'registerCase',
        body,
      );
      if (async) {
        const answer = await acceptCaseRegistration(caseStartDependencies(deps), principal, body, keyed);
        const { caseNumber } = answer.body;
        c.get('logger').info(
          { caseNumber, replayed: answer.replayed },
          'case registered (read model follows)',
        );
        const links = caseLinks(caseNumber);
        return c.json({ caseNumber, stage: 'registered' as const, links }, 202, {
          location: links.self,
          'preference-applied': 'respond-async',
          ...(answer.replayed ? replayedHeader : {}),
        });
      }
      const answer = await registerCase(caseStartDependencies(deps), principal, body, keyed);
      const response = answer.body;
      c.get('logger').info({ caseNumber: response.caseNumber, replayed: answer.replayed }, 'case registered');
      return c.json(caseBody(response), 201, {
        location: response.links.self,
        ...(answer.replayed ? replayedHeader : {}),
      });
    })
    .openapi(listCasesRoute, async (c) =>
      c.json(await listCases(db, c.get('principal'), c.req.valid('query')), 200),
    )
    .openapi(getCaseRoute, async (c) => {
      const { caseNumber } = c.req.valid('param');
      return c.json(caseBody(await readCase(db, c.get('principal'), caseNumber, deps.temporal)), 200);
    })
    .openapi(caseEventsRoute, async (c) => {
      const { caseNumber } = c.req.valid('param');
      const items = await listCaseEvents(db, c.get('principal'), caseNumber, deps.temporal);
      return c.json({ items }, 200);
    });
}

/** RFC 7240: `Prefer: respond-async` (among other preferences, any case, with or without parameters). */
function prefersAsync(prefer: string | undefined): boolean {
  return (prefer ?? '')
    .split(',')
    .some((preference) => preference.split(';')[0]!.trim().toLowerCase() === 'respond-async');
}
