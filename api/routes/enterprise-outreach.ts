import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDependencies } from '../../http/dependencies.js';
import { idempotentRequest } from '../../use-cases/cases/idempotency-keys.js';
import {
  completeErrand,
  listOpenErrands,
  recordErrand,
} from '../../use-cases/enterprise-services/errands.js';
import {
  recordLawSession,
  recordManualHandout,
} from '../../use-cases/enterprise-services/record-outreach.js';
import { allStaff } from '../access.js';
import type { AppEnv, StaffPrincipal } from '../context.js';
import { problemResponseSpec, secureRoute, standardProblems } from '../route.js';
import { IdempotencyKeyHeader, replayedHeader } from '../schemas/idempotency-schemas.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const tags = ['enterprise services: 普法与帮办代办'];
const idempotencyHeaders = z.object({ 'idempotency-key': IdempotencyKeyHeader });
const Record = z.record(z.string(), z.unknown());

const LawSessionBody = z
  .object({
    heldOn: z.iso.date(),
    audience: text(200).openapi({ description: '对象，如：园区中小微企业负责人' }),
    topic: text(200),
    attendance: z.number().int().min(0).max(100_000),
    enterpriseId: z.string().uuid().optional(),
    unitId: z.string().uuid().optional(),
  })
  .strict()
  .openapi('EnterpriseLawSession');
const HandoutBody = z
  .object({
    handedOutOn: z.iso.date(),
    title: text(200),
    copies: z.number().int().min(1).max(1_000_000),
    enterpriseId: z.string().uuid().optional(),
    unitId: z.string().uuid().optional(),
  })
  .strict()
  .openapi('ManualHandout');
const ErrandBody = z
  .object({ enterpriseId: z.string().uuid(), matter: text(1000), dueOn: z.iso.date() })
  .strict()
  .openapi('EnterpriseErrand');
const CompleteErrandBody = z
  .object({ outcome: text(2000) })
  .strict()
  .openapi('CompleteErrand');
const ErrandIdParam = z.object({
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: 'id', in: 'path' } }),
});

const lawSessionRoute = secureRoute({
  method: 'post',
  path: '/law-sessions',
  tags,
  operationId: 'recordEnterpriseLawSession',
  summary: '登记涉企普法活动',
  description: `工作人员登记一场面向企业的普法活动：日期、对象、主题、参加人数（计入年度统计）。日期晚于今天 422 \`date_in_future\`；
单位不在您的范围内 403 \`unit_outside_scope\`；企业不存在 422 \`unknown_reference\`。带 Idempotency-Key 重发只登记一次。`,
  refusals: [
    'date_in_future',
    'unit_required',
    'unit_outside_scope',
    'unknown_reference',
    'idempotency_key_reused',
  ],
  access: allStaff,
  request: {
    headers: idempotencyHeaders,
    body: { required: true, content: { 'application/json': { schema: LawSessionBody } } },
  },
  responses: {
    201: json(Record, 'Recorded'),
    422: problemResponseSpec('Refused by a rule'),
    ...standardProblems,
  },
});

const handoutRoute = secureRoute({
  method: 'post',
  path: '/manual-handouts',
  tags,
  operationId: 'recordManualHandout',
  summary: '登记发放法律手册',
  description: `工作人员登记发放法律手册：日期、手册名称、份数（计入年度统计）。日期晚于今天 422 \`date_in_future\`。带 Idempotency-Key 重发只登记一次。`,
  refusals: [
    'date_in_future',
    'unit_required',
    'unit_outside_scope',
    'unknown_reference',
    'idempotency_key_reused',
  ],
  access: allStaff,
  request: {
    headers: idempotencyHeaders,
    body: { required: true, content: { 'application/json': { schema: HandoutBody } } },
  },
  responses: {
    201: json(Record, 'Recorded'),
    422: problemResponseSpec('Refused by a rule'),
    ...standardProblems,
  },
});

const errandRoute = secureRoute({
  method: 'post',
  path: '/errands',
  tags,
  operationId: 'recordEnterpriseErrand',
  summary: '受理帮办代办事项',
  description: `帮办代办窗口为企业受理一件事项并定下办理期限。期限早于今天 400 指明 \`dueOn\`；企业不存在 422 \`unknown_reference\`；
企业不归您所在单位联系 403 \`unit_outside_scope\`。带 Idempotency-Key 重发只受理一次。`,
  refusals: ['validation_failed', 'unknown_reference', 'unit_outside_scope', 'idempotency_key_reused'],
  access: allStaff,
  request: {
    headers: idempotencyHeaders,
    body: { required: true, content: { 'application/json': { schema: ErrandBody } } },
  },
  responses: {
    201: json(Record, 'Recorded'),
    422: problemResponseSpec('Refused by a rule'),
    ...standardProblems,
  },
});

const listErrandsRoute = secureRoute({
  method: 'get',
  path: '/errands',
  tags,
  operationId: 'listOpenErrands',
  summary: '查询待办的帮办代办事项',
  description:
    '工作人员查看本单位范围内尚未办结的帮办代办事项，期限最近的在前，逾期的标出（`overdue`）。只读。',
  refusals: [],
  access: allStaff,
  responses: { 200: json(z.object({ items: z.array(Record) }), 'Most urgent first'), ...standardProblems },
});

const completeErrandRoute = secureRoute({
  method: 'post',
  path: '/errands/{id}/done',
  tags,
  operationId: 'completeEnterpriseErrand',
  summary: '帮办代办事项办结',
  description: `登记帮办代办事项办结及结果。以相同结果重发返回原记录；已办结后以不同结果再登记 409 \`errand_done\`。`,
  refusals: ['not_found', 'unit_outside_scope', 'errand_done'],
  access: allStaff,
  request: {
    params: ErrandIdParam,
    body: { required: true, content: { 'application/json': { schema: CompleteErrandBody } } },
  },
  responses: {
    200: json(Record, 'Done'),
    404: problemResponseSpec('No such errand'),
    409: problemResponseSpec('Done already'),
    ...standardProblems,
  },
});

/** /v1/enterprise-services: 普法 sessions, manuals handed out and the 帮办代办 window's errands. */
export function enterpriseOutreachRoutes(deps: AppDependencies) {
  const db = deps.database.db;
  const staff = (principal: unknown) => principal as StaffPrincipal;
  return new OpenAPIHono<AppEnv>()
    .openapi(lawSessionRoute, async (c) => {
      const principal = staff(c.get('principal'));
      const body = c.req.valid('json');
      const key = c.req.valid('header')['idempotency-key'];
      const answer = await recordLawSession(
        db,
        principal,
        body,
        idempotentRequest(principal, key, 'recordLawSession', body),
      );
      return c.json(answer.body, 201, answer.replayed ? replayedHeader : {});
    })
    .openapi(handoutRoute, async (c) => {
      const principal = staff(c.get('principal'));
      const body = c.req.valid('json');
      const key = c.req.valid('header')['idempotency-key'];
      const answer = await recordManualHandout(
        db,
        principal,
        body,
        idempotentRequest(principal, key, 'recordManualHandout', body),
      );
      return c.json(answer.body, 201, answer.replayed ? replayedHeader : {});
    })
    .openapi(errandRoute, async (c) => {
      const principal = staff(c.get('principal'));
      const body = c.req.valid('json');
      const key = c.req.valid('header')['idempotency-key'];
      const answer = await recordErrand(
        db,
        principal,
        body,
        idempotentRequest(principal, key, 'recordErrand', body),
      );
      return c.json(answer.body, 201, answer.replayed ? replayedHeader : {});
    })
    .openapi(listErrandsRoute, async (c) =>
      c.json({ items: await listOpenErrands(db, staff(c.get('principal'))) }, 200),
    )
    .openapi(completeErrandRoute, async (c) => {
      const errand = await completeErrand(
        db,
        staff(c.get('principal')),
        c.req.valid('param').id,
        c.req.valid('json').outcome,
      );
      return c.json(errand, 200);
    });
}
