import { OpenAPIHono, z } from '@hono/zod-openapi';
import { performanceActions } from '../../domain/performance-decisions.js';
import type { AppDependencies } from '../../http/dependencies.js';
import { idempotentRequest } from '../../use-cases/cases/idempotency-keys.js';
import { updateCaseOnce } from '../../use-cases/cases/update-case.js';
import {
  type DecideOnNonPerformanceInput,
  decideOnNonPerformanceUpdate,
} from '../../workflows/case.messages.js';
import type { AppEnv } from '../context.js';
import { problemResponseSpec, secureRoute, standardProblems } from '../route.js';
import { CaseNumberParam, CaseSchema, caseBody } from '../schemas/case-schemas.js';
import { IdempotencyKeyHeader, replayedHeader } from '../schemas/idempotency-schemas.js';
import { sameShape } from '../schemas/same-shape.js';

const DecisionBody = z
  .object({
    action: z.enum(performanceActions).openapi({
      description:
        'remind 督促履行 | remediate 再次调解 | judicial_confirmation 引导申请司法确认 | ' +
        'enforcement 引导申请强制执行 (confirmed agreements) | litigation 引导提起诉讼',
    }),
    note: z.string().trim().min(1).max(2000),
  })
  .strict()
  .openapi('NonPerformanceDecision');
sameShape<z.infer<typeof DecisionBody>, DecideOnNonPerformanceInput>();

const decideRoute = secureRoute({
  method: 'post',
  path: '/{caseNumber}/performance-decisions',
  tags: ['follow-through on agreements (回访与履行)'],
  operationId: 'decideOnNonPerformance',
  summary: '回访发现协议未履行：决定处置方式',
  description: `回访登记协议未履行（\`performed: false\`，可用 \`unperformedSteps\` 指明未履行的事项）后，承办调解员须在 3 个工作日内（中心服务标准）决定处置方式：
督促履行（《人民调解法》第 31 条）、再次调解、引导申请司法确认（书面协议生效后 30 日内，《民事诉讼法》第 205 条）、
引导申请强制执行（仅限经司法确认的协议，《民事诉讼法》第 206 条）或引导就协议的履行提起诉讼（《人民调解法》第 32 条）。决定前案件不能归档。
没有待决定的未履行协议时 422 \`no_pending_decision\`；本案不能采取该方式时 422 \`action_not_available\`（指明 \`action\`）；司法确认申请期已过时 422 \`window_closed\`。`,
  refusals: [
    'not_found',
    'forbidden_role',
    'forbidden_unit',
    'not_assignee',
    'case_closed',
    'illegal_transition',
    'idempotency_key_reused',
    'no_pending_decision',
    'action_not_available',
    'window_closed',
  ],
  access: ['mediator', 'supervisor', 'admin'],
  request: {
    params: CaseNumberParam,
    headers: z.object({ 'idempotency-key': IdempotencyKeyHeader }),
    body: { required: true, content: { 'application/json': { schema: DecisionBody } } },
  },
  responses: {
    200: { description: 'The case', content: { 'application/json': { schema: CaseSchema } } },
    404: problemResponseSpec('No such case'),
    422: problemResponseSpec('Refused by a rule'),
    ...standardProblems,
  },
});

/** The mediator's decision on an agreement a visit found not performed: POST /v1/cases/{caseNumber}/…. */
export function caseFollowThroughRoutes(deps: AppDependencies) {
  const updates = { db: deps.database.db, temporal: deps.temporal };
  return new OpenAPIHono<AppEnv>().openapi(decideRoute, async (c) => {
    const { caseNumber } = c.req.valid('param');
    const body = c.req.valid('json');
    const principal = c.get('principal');
    const key = c.req.valid('header')['idempotency-key'];
    const answer = await updateCaseOnce(
      updates,
      principal,
      caseNumber,
      decideOnNonPerformanceUpdate,
      body,
      idempotentRequest(principal, key, `decideOnNonPerformance:${caseNumber}`, body),
    );
    return c.json(caseBody(answer.body), 200, answer.replayed ? replayedHeader : {});
  });
}
