import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDependencies } from '../../http/dependencies.js';
import { idempotentRequest } from '../../use-cases/cases/idempotency-keys.js';
import { flagGreenChannel } from '../../use-cases/green-channel/flag-green-channel.js';
import type { AppEnv } from '../context.js';
import { problemResponseSpec, secureRoute, standardProblems } from '../route.js';
import { CaseNumberParam, CaseSchema, caseBody } from '../schemas/case-schemas.js';
import { IdempotencyKeyHeader, replayedHeader } from '../schemas/idempotency-schemas.js';

const GreenChannelBody = z
  .object({
    enterpriseId: z
      .string()
      .uuid()
      .openapi({ description: 'a registered enterprise (GET /v1/enterprises) that is a party of the case' }),
  })
  .strict()
  .openapi('GreenChannelFlag');

const flagRoute = secureRoute({
  method: 'post',
  path: '/{caseNumber}/green-channel',
  tags: ['cases'],
  operationId: 'flagGreenChannel',
  summary: '列入涉企绿色通道',
  description: `窗口受理员或中心负责人将案件列入涉企绿色通道：当事人中须有企业名录中登记的企业（单位当事人的统一社会信用代码与该企业一致），
否则 422 \`green_channel_not_a_party\`（指明 \`enterpriseId\`）；企业名录中没有该企业 422 \`unknown_enterprise\`。
列入后案件在待办列表中排在最前，并标注“绿色通道”；分级前列入的，化解期限按绿色通道的较短期限计算（中心规定（非法律规定），期限规则 \`stage.simple.green\` 等）。
对同一企业重复提交不再记录；已因另一家企业列入时 409 \`green_channel_other_enterprise\`；案件已不在受理、分流或化解阶段时 409 \`illegal_transition\`（附当前阶段）。`,
  refusals: [
    'not_found',
    'forbidden_role',
    'forbidden_unit',
    'illegal_transition',
    'case_closed',
    'unknown_enterprise',
    'green_channel_not_a_party',
    'green_channel_other_enterprise',
    'idempotency_key_reused',
  ],
  access: ['clerk', 'supervisor'],
  request: {
    params: CaseNumberParam,
    headers: z.object({ 'idempotency-key': IdempotencyKeyHeader }),
    body: { required: true, content: { 'application/json': { schema: GreenChannelBody } } },
  },
  responses: {
    200: { description: 'The case', content: { 'application/json': { schema: CaseSchema } } },
    404: problemResponseSpec('No such case'),
    409: problemResponseSpec('Not possible in the current stage, or flagged for another enterprise'),
    422: problemResponseSpec('Refused by a rule'),
    ...standardProblems,
  },
});

/** 涉企绿色通道: POST /v1/cases/{caseNumber}/green-channel. */
export function caseGreenChannelRoutes(deps: AppDependencies) {
  const updates = { db: deps.database.db, temporal: deps.temporal };
  return new OpenAPIHono<AppEnv>().openapi(flagRoute, async (c) => {
    const { caseNumber } = c.req.valid('param');
    const body = c.req.valid('json');
    const principal = c.get('principal');
    const key = c.req.valid('header')['idempotency-key'];
    const answer = await flagGreenChannel(
      updates,
      principal,
      caseNumber,
      body,
      idempotentRequest(principal, key, `flagGreenChannel:${caseNumber}`, body),
    );
    return c.json(caseBody(answer.body), 200, answer.replayed ? replayedHeader : {});
  });
}
