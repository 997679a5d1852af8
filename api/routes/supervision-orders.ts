import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDependencies } from '../../http/dependencies.js';
import {
  explainSupervisionOrder,
  issueSupervisionOrder,
} from '../../use-cases/supervision/supervision-orders.js';
import type { AppEnv, StaffPrincipal } from '../context.js';
import { problemResponseSpec, secureRoute, standardProblems } from '../route.js';
import { CaseNumberParam } from '../schemas/case-schemas.js';
import {
  ExplainSupervisionBody,
  IssueSupervisionOrderBody,
  SupervisionOrderResultSchema,
} from '../schemas/supervision-schemas.js';

const result = (description: string) => ({
  description,
  content: { 'application/json': { schema: SupervisionOrderResultSchema } },
});

const issueOrderRoute = secureRoute({
  method: 'post',
  path: '/{caseNumber}/orders',
  tags: ['supervision'],
  operationId: 'issueSupervisionOrder',
  summary: '对案件下达督办令',
  description: `中心负责人对督办范围内的一件案件下达督办：督办意见和须作出说明的日期，发给本案承办调解员（记入案件日志并通知其本人）。
案件尚未指派调解员时 422 \`no_assignee\`；此前的督办尚未反馈时 422 \`supervision_pending\`；说明期限须晚于今天。`,
  refusals: [
    'not_found',
    'forbidden_unit',
    'no_assignee',
    'supervision_pending',
    'explain_by_not_in_future',
    'explain_by_too_far',
    'illegal_transition',
    'case_closed',
  ],
  access: ['supervisor', 'admin'],
  request: {
    params: CaseNumberParam,
    body: { required: true, content: { 'application/json': { schema: IssueSupervisionOrderBody } } },
  },
  responses: {
    201: result('Issued: the order and the case'),
    404: problemResponseSpec('No such case'),
    409: problemResponseSpec('illegal_transition: the case is archived'),
    422: problemResponseSpec(
      'no_assignee, supervision_pending, explain_by_not_in_future or explain_by_too_far',
    ),
    ...standardProblems,
    403: problemResponseSpec('forbidden_role, or forbidden_unit: the case is not in a unit you supervise'),
  },
});

const explainRoute = secureRoute({
  method: 'post',
  path: '/{caseNumber}/explanations',
  tags: ['supervision'],
  operationId: 'answerSupervisionOrder',
  summary: '对督办令作出反馈（督办反馈）',
  description: `被督办的调解员（或中心负责人、系统管理员）对未反馈的督办令作出书面说明，记入案件日志并通知督办人。
只有督办对象本人可以反馈（403 \`not_addressee\`）；没有待反馈的督办时 422 \`no_open_supervision\`。`,
  refusals: ['not_found', 'not_addressee', 'no_open_supervision', 'forbidden_role', 'forbidden_unit'],
  access: ['mediator', 'supervisor', 'admin'],
  request: {
    params: CaseNumberParam,
    body: { required: true, content: { 'application/json': { schema: ExplainSupervisionBody } } },
  },
  responses: {
    200: result('Answered: the order and the case'),
    404: problemResponseSpec('No such case'),
    409: problemResponseSpec('illegal_transition: the case is archived'),
    422: problemResponseSpec('no_open_supervision: no order waits for an answer'),
    ...standardProblems,
    403: problemResponseSpec('not_addressee: the order was addressed to someone else'),
  },
});

/** /v1/supervision/cases/{caseNumber}/…: supervision orders and their answers. */
export function supervisionOrderRoutes(deps: AppDependencies) {
  const orderDeps = { db: deps.database.db, temporal: deps.temporal };
  return new OpenAPIHono<AppEnv>()
    .openapi(issueOrderRoute, async (c) => {
      const { caseNumber } = c.req.valid('param');
      const issued = await issueSupervisionOrder(
        orderDeps,
        c.get('principal') as StaffPrincipal,
        caseNumber,
        c.req.valid('json'),
      );
      c.get('logger').info({ caseNumber, seq: issued.order.seq }, 'supervision order issued');
      return c.json(issued, 201, { location: `/v1/cases/${caseNumber}` });
    })
    .openapi(explainRoute, async (c) => {
      const { caseNumber } = c.req.valid('param');
      const answered = await explainSupervisionOrder(
        orderDeps,
        c.get('principal') as StaffPrincipal,
        caseNumber,
        c.req.valid('json'),
      );
      c.get('logger').info({ caseNumber, seq: answered.order.seq }, 'supervision order answered');
      return c.json(answered, 200);
    });
}
