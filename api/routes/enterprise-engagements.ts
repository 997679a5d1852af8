import { OpenAPIHono, z } from '@hono/zod-openapi';
import { type AppDependencies, fileDependencies } from '../../http/dependencies.js';
import { contentDisposition } from '../../http/download.js';
import { idempotentRequest } from '../../use-cases/cases/idempotency-keys.js';
import { engagementAsItIs } from '../../use-cases/enterprise-services/engagement-access.js';
import { followUpFinding } from '../../use-cases/enterprise-services/follow-up-finding.js';
import {
  downloadEngagementReport,
  issueEngagementReport,
} from '../../use-cases/enterprise-services/issue-engagement-report.js';
import { listEngagements } from '../../use-cases/enterprise-services/list-engagements.js';
import { recordEngagementFinding } from '../../use-cases/enterprise-services/record-engagement-finding.js';
import { recordEngagementVisit } from '../../use-cases/enterprise-services/record-engagement-visit.js';
import { startEngagement } from '../../use-cases/enterprise-services/start-engagement.js';
import { allStaff } from '../access.js';
import type { AppEnv, StaffPrincipal } from '../context.js';
import { problemResponseSpec, secureRoute, standardProblems } from '../route.js';
import {
  EngagementIdParam,
  EngagementListQuery,
  EngagementSchema,
  engagementBody,
  FindingBody,
  FindingParam,
  FollowUpBody,
  StartEngagementBody,
  VisitBody,
} from '../schemas/enterprise-services-schemas.js';
import { IdempotencyKeyHeader, replayedHeader } from '../schemas/idempotency-schemas.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const tags = ['enterprise services: 法治体检'];
const engagementAnswer = json(EngagementSchema, 'The engagement');
const idempotencyHeaders = z.object({ 'idempotency-key': IdempotencyKeyHeader });
const unitRefusals = ['not_found', 'unit_outside_scope'] as const;

const startRoute = secureRoute({
  method: 'post',
  path: '/engagements',
  tags,
  operationId: 'startEngagement',
  summary: '受理企业法治体检（企业申请或专项活动）',
  description: `联系该企业的单位的工作人员受理一次法治体检：企业申请，或法律体检专项活动（须写活动名称，缺少时 400 指明 \`campaign\`）。
企业不存在 422 \`unknown_reference\`；企业不归您所在单位联系 403 \`unit_outside_scope\`。`,
  refusals: ['validation_failed', 'unknown_reference', 'unit_outside_scope'],
  access: allStaff,
  request: { body: { required: true, content: { 'application/json': { schema: StartEngagementBody } } } },
  responses: {
    201: json(EngagementSchema, 'Started'),
    422: problemResponseSpec('No such enterprise'),
    ...standardProblems,
  },
});

const listRoute = secureRoute({
  method: 'get',
  path: '/engagements',
  tags,
  operationId: 'listEngagements',
  summary: '查询企业法治体检',
  description: '工作人员按阶段或企业查询法治体检，新近的在前；列表中企业联系人姓名和电话一律脱敏。只读。',
  refusals: [],
  access: allStaff,
  request: { query: EngagementListQuery },
  responses: {
    200: json(
      z.object({ items: z.array(EngagementSchema), nextCursor: z.string().nullable() }),
      'Newest first',
    ),
    ...standardProblems,
  },
});

const readRoute = secureRoute({
  method: 'get',
  path: '/engagements/{id}',
  tags,
  operationId: 'readEngagement',
  summary: '查看一次企业法治体检',
  description:
    '查看体检的经过、发现的问题及整改跟进；联系该企业的单位的工作人员看到联系人全文，其他人脱敏。只读。',
  refusals: ['not_found'],
  access: allStaff,
  request: { params: EngagementIdParam },
  responses: { 200: engagementAnswer, 404: problemResponseSpec('No such engagement'), ...standardProblems },
});

const visitRoute = secureRoute({
  method: 'post',
  path: '/engagements/{id}/visit',
  tags,
  operationId: 'recordEngagementVisit',
  summary: '登记上门体检（日期、人员、体检事项）',
  description: `登记体检小组上门体检的日期、人员和所查事项（合同、劳动用工、知识产权、税务合规、融资等）。重发同一登记返回原结果；已登记后再改 409 \`engagement_stage\`（附当前阶段）。
日期晚于今天 422 \`date_in_future\`。`,
  refusals: [...unitRefusals, 'engagement_stage', 'date_in_future'],
  access: allStaff,
  request: {
    params: EngagementIdParam,
    body: { required: true, content: { 'application/json': { schema: VisitBody } } },
  },
  responses: {
    200: engagementAnswer,
    404: problemResponseSpec('No such engagement'),
    409: problemResponseSpec('Not at this stage'),
    422: problemResponseSpec('Refused by a rule'),
    ...standardProblems,
  },
});

const findingRoute = secureRoute({
  method: 'post',
  path: '/engagements/{id}/findings',
  tags,
  operationId: 'recordEngagementFinding',
  summary: '登记体检发现的法律风险',
  description: `上门体检后、出具报告前，逐项登记发现的法律风险：所属事项、风险等级（高、中、低）、问题和整改建议。
所属事项不在本次体检范围内 400 指明 \`matter\`；不在“已体检待出具报告”阶段 409 \`engagement_stage\`。带 Idempotency-Key 重发只登记一次。`,
  refusals: [...unitRefusals, 'validation_failed', 'engagement_stage', 'idempotency_key_reused'],
  access: allStaff,
  request: {
    params: EngagementIdParam,
    headers: idempotencyHeaders,
    body: { required: true, content: { 'application/json': { schema: FindingBody } } },
  },
  responses: {
    201: engagementAnswer,
    404: problemResponseSpec('No such engagement'),
    409: problemResponseSpec('Not at this stage'),
    ...standardProblems,
  },
});

const reportRoute = secureRoute({
  method: 'post',
  path: '/engagements/{id}/report',
  tags,
  operationId: 'issueEngagementReport',
  summary: '出具企业法治体检报告（生成 Word 文档）',
  description: `根据上门体检和发现的问题生成《企业法治体检报告》（.docx），存入文件存储。没有发现问题的体检随即办结，否则逐项跟进整改至全部整改完毕。
尚未上门体检 409 \`engagement_stage\`；重发返回已出具的报告。`,
  refusals: [...unitRefusals, 'engagement_stage'],
  access: allStaff,
  request: { params: EngagementIdParam },
  responses: {
    200: engagementAnswer,
    404: problemResponseSpec('No such engagement'),
    409: problemResponseSpec('Not at this stage'),
    ...standardProblems,
  },
});

const downloadRoute = secureRoute({
  method: 'get',
  path: '/engagements/{id}/report',
  tags,
  operationId: 'downloadEngagementReport',
  summary: '下载企业法治体检报告',
  description:
    '联系该企业的单位的工作人员下载已出具的体检报告（.docx）。尚未出具 409 `engagement_stage`。只读。',
  refusals: [...unitRefusals, 'engagement_stage'],
  access: allStaff,
  request: { params: EngagementIdParam },
  responses: {
    200: {
      description: 'The report',
      content: {
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
          schema: z.string().openapi({ format: 'binary' }),
        },
      },
    },
    404: problemResponseSpec('No such engagement'),
    409: problemResponseSpec('No report yet'),
    ...standardProblems,
  },
});

const followUpRoute = secureRoute({
  method: 'post',
  path: '/engagements/{id}/findings/{n}/follow-ups',
  tags,
  operationId: 'followUpFinding',
  summary: '跟进体检问题的整改',
  description: `出具报告后，逐项记录整改跟进情况；\`closes: true\` 表示该问题已整改完毕。最后一项问题整改完毕时体检办结。
问题已整改完毕 409 \`finding_closed\`；尚未出具报告 409 \`engagement_stage\`。带 Idempotency-Key 重发只记录一次。`,
  refusals: [...unitRefusals, 'engagement_stage', 'finding_closed', 'idempotency_key_reused'],
  access: allStaff,
  request: {
    params: FindingParam,
    headers: idempotencyHeaders,
    body: { required: true, content: { 'application/json': { schema: FollowUpBody } } },
  },
  responses: {
    200: engagementAnswer,
    404: problemResponseSpec('No such engagement or finding'),
    409: problemResponseSpec('Not at this stage, or the finding is closed'),
    ...standardProblems,
  },
});

/** /v1/enterprise-services: 法治体检 engagements. */
export function enterpriseEngagementRoutes(deps: AppDependencies) {
  const db = deps.database.db;
  const files = fileDependencies(deps);
  const staff = (principal: unknown) => principal as StaffPrincipal;
  return new OpenAPIHono<AppEnv>()
    .openapi(startRoute, async (c) => {
      const engagement = await startEngagement(db, staff(c.get('principal')), c.req.valid('json'));
      return c.json(engagementBody(engagement), 201);
    })
    .openapi(listRoute, async (c) => {
      const page = await listEngagements(db, c.req.valid('query'));
      return c.json({ items: page.items.map(engagementBody), nextCursor: page.nextCursor }, 200);
    })
    .openapi(readRoute, async (c) => {
      const engagement = await engagementAsItIs(db, staff(c.get('principal')), c.req.valid('param').id);
      return c.json(engagementBody(engagement), 200);
    })
    .openapi(visitRoute, async (c) => {
      const { id } = c.req.valid('param');
      const engagement = await recordEngagementVisit(db, staff(c.get('principal')), id, c.req.valid('json'));
      return c.json(engagementBody(engagement), 200);
    })
    .openapi(findingRoute, async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const principal = staff(c.get('principal'));
      const key = c.req.valid('header')['idempotency-key'];
      const answer = await recordEngagementFinding(
        db,
        principal,
        id,
        body,
        idempotentRequest(principal, key, `recordEngagementFinding:${id}`, body),
      );
      return c.json(engagementBody(answer.body), 201, answer.replayed ? replayedHeader : {});
    })
    .openapi(reportRoute, async (c) => {
      const { id } = c.req.valid('param');
      const engagement = await issueEngagementReport(files, staff(c.get('principal')), id);
      return c.json(engagementBody(engagement), 200);
    })
    .openapi(downloadRoute, async (c) => {
      const { id } = c.req.valid('param');
      const report = await downloadEngagementReport(files, staff(c.get('principal')), id);
      return new Response(report.bytes, {
        status: 200,
        headers: {
          'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          'content-disposition': contentDisposition(report.fileName, `health-check-report-${id}.docx`),
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
        },
      }) as never;
    })
    .openapi(followUpRoute, async (c) => {
      const { id, n } = c.req.valid('param');
      const body = c.req.valid('json');
      const principal = staff(c.get('principal'));
      const key = c.req.valid('header')['idempotency-key'];
      const answer = await followUpFinding(
        db,
        principal,
        id,
        n,
        body,
        idempotentRequest(principal, key, `followUpFinding:${id}:${n}`, body),
      );
      return c.json(engagementBody(answer.body), 200, answer.replayed ? replayedHeader : {});
    });
}
