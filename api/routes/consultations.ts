import { OpenAPIHono, z } from '@hono/zod-openapi';
import { type AppDependencies, caseStartDependencies } from '../../http/dependencies.js';
import { consultationStatistics } from '../../use-cases/consultations/consultation-statistics.js';
import { listConsultations, readConsultation } from '../../use-cases/consultations/list-consultations.js';
import { recordConsultation } from '../../use-cases/consultations/record-consultation.js';
import { turnConsultationIntoCase } from '../../use-cases/consultations/turn-consultation-into-case.js';
import { allStaff } from '../access.js';
import type { AppEnv, StaffPrincipal } from '../context.js';
import { problemResponseSpec, secureRoute, standardProblems } from '../route.js';
import { CaseSchema, caseBody } from '../schemas/case-schemas.js';
import {
  ConsultationIdParam,
  ConsultationListQuery,
  ConsultationSchema,
  ConsultationStatisticsQuery,
  ConsultationStatisticsSchema,
  IdempotencyHeaders,
  RecordConsultationBody,
  TurnConsultationIntoCaseBody,
} from '../schemas/consultation-schemas.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const recordConsultationRoute = secureRoute({
  method: 'post',
  path: '/',
  tags: ['consultations'],
  operationId: 'recordConsultation',
  summary: '登记一次法律咨询（法律咨询台账）',
  description: `窗口受理员、值班律师（调解员岗）、热线接线员在解答后登记一次法律咨询：渠道、事项类别、咨询内容、解答意见，必要时写明基本事实、当事人和引导去向。
登记人即解答人；咨询记入登记人所在单位，中心负责人与系统管理员可指定其范围内的单位（\`unitId\`，范围外 403 \`unit_outside_scope\`，不存在 422 \`unknown_unit\`，
登记人不属于任何单位又未指定时 422 \`unit_required\`）。带 \`Idempotency-Key\` 重发同一登记时返回第一次登记的记录（200），不会重复计数。`,
  refusals: ['unit_required', 'unknown_unit', 'unit_outside_scope'],
  access: allStaff,
  request: {
    headers: IdempotencyHeaders,
    body: { required: true, content: { 'application/json': { schema: RecordConsultationBody } } },
  },
  responses: {
    201: json(ConsultationSchema, 'Recorded'),
    200: json(ConsultationSchema, 'Recorded before with this Idempotency-Key: the first recording'),
    422: problemResponseSpec('A unit is needed, or unitId names no unit'),
    ...standardProblems,
    403: problemResponseSpec('Not allowed, or the unit is outside your units'),
  },
});

const listConsultationsRoute = secureRoute({
  method: 'get',
  path: '/',
  tags: ['consultations'],
  operationId: 'listConsultations',
  summary: '查询法律咨询台账',
  description: `工作人员按渠道、事项类别、引导去向、是否已转为案件、登记日期和关键词（咨询内容、基本事实、解答意见、当事人姓名）分页查询咨询记录，由新到旧。
可见范围：窗口受理员与调解员看到本单位的，中心负责人看到本单位及下级单位的，系统管理员看到全部。列表中身份证号码与电话号码已遮蔽。只读。`,
  refusals: [],
  access: allStaff,
  request: { query: ConsultationListQuery },
  responses: {
    200: json(
      z.object({ items: z.array(ConsultationSchema), nextCursor: z.string().nullable() }),
      'A page of consultations',
    ),
    ...standardProblems,
  },
});

const consultationStatisticsRoute = secureRoute({
  method: 'get',
  path: '/statistics',
  tags: ['consultations'],
  operationId: 'readConsultationStatistics',
  summary: '法律咨询统计：按事项类别、按渠道',
  description: `中心负责人或系统管理员查看某一期间（北京时间日期，含首尾）登记的法律咨询数量及其中转为案件的数量：合计、按事项类别、按渠道，类别与渠道全部列出（没有的为 0）。
中心负责人看到本单位及下级单位，系统管理员看到全部；\`unitId\` 不在范围内时 403 \`forbidden_unit\`。只读。`,
  refusals: ['forbidden_unit'],
  access: ['supervisor', 'admin'],
  request: { query: ConsultationStatisticsQuery },
  responses: {
    200: json(ConsultationStatisticsSchema, 'Counts by topic and by channel'),
    ...standardProblems,
    403: problemResponseSpec('Not a supervisor or admin, or the unit is not one you supervise'),
  },
});

const readConsultationRoute = secureRoute({
  method: 'get',
  path: '/{id}',
  tags: ['consultations'],
  operationId: 'readConsultation',
  summary: '查看一条咨询记录',
  description: `工作人员查看一条咨询记录的全部内容（含当事人完整的证件号码与电话），以及它转成的案件。不在本人范围内的记录与不存在的一样返回 404。只读。`,
  refusals: ['not_found'],
  access: allStaff,
  request: { params: ConsultationIdParam },
  responses: {
    200: json(ConsultationSchema, 'The consultation'),
    404: problemResponseSpec('No such consultation among your units'),
    ...standardProblems,
  },
});

const turnIntoCaseRoute = secureRoute({
  method: 'post',
  path: '/{id}/case',
  tags: ['consultations'],
  operationId: 'turnConsultationIntoCase',
  summary: '咨询转为调解案件（登记纠纷）',
  description: `窗口受理员（或中心负责人、系统管理员）把需要调解的咨询登记为案件：承办单位为咨询所属单位，来源渠道随咨询渠道（窗口、现场为来访），
当事人沿用咨询记录的（或在请求中补充），案情为咨询记录的基本事实（没有时为咨询内容）。案件编号、流程与受理期限同普通登记；咨询记录的引导去向改为“转入调解”。
可以安全重试：已转过的咨询返回原案件（200），不会重复登记；另一请求正在转同一咨询时等待其完成后返回其案件，等待过久时 409 \`conversion_in_progress\`（按 \`Retry-After\` 重试）。咨询没有当事人而请求也未提供时 422 \`consultation_without_parties\`。`,
  refusals: ['not_found', 'consultation_without_parties', 'no_policy_in_force', 'conversion_in_progress'],
  access: ['clerk', 'supervisor', 'admin'],
  request: {
    params: ConsultationIdParam,
    body: { required: true, content: { 'application/json': { schema: TurnConsultationIntoCaseBody } } },
  },
  responses: {
    201: json(CaseSchema, 'The case registered from the consultation'),
    200: json(CaseSchema, 'The consultation had already become this case'),
    409: problemResponseSpec('Another request is turning it into a case; retry after Retry-After'),
    404: problemResponseSpec('No such consultation among your units'),
    422: problemResponseSpec('The consultation names no party and none were sent'),
    ...standardProblems,
  },
});

/** /v1/consultations: the consultation ledger (法律咨询台账). */
export function consultationRoutes(deps: AppDependencies) {
  const db = deps.database.db;
  const staff = (principal: unknown) => principal as StaffPrincipal;
  return (
    new OpenAPIHono<AppEnv>()
      .openapi(recordConsultationRoute, async (c) => {
        const key = c.req.valid('header')['idempotency-key'];
        const { consultation, created } = await recordConsultation(
          db,
          staff(c.get('principal')),
          c.req.valid('json'),
          key,
        );
        c.get('logger').info({ consultationId: consultation.id, created }, 'consultation recorded');
        return c.json(consultation, created ? 201 : 200, { location: consultation.links.self });
      })
      .openapi(listConsultationsRoute, async (c) =>
        c.json(await listConsultations(db, staff(c.get('principal')), c.req.valid('query')), 200),
      )
      // Before /{id}, which would otherwise read "statistics" as an id.
      .openapi(consultationStatisticsRoute, async (c) =>
        c.json(await consultationStatistics(db, staff(c.get('principal')), c.req.valid('query')), 200),
      )
      .openapi(readConsultationRoute, async (c) =>
        c.json(await readConsultation(db, staff(c.get('principal')), c.req.valid('param').id), 200),
      )
      .openapi(turnIntoCaseRoute, async (c) => {
        const { id } = c.req.valid('param');
        const result = await turnConsultationIntoCase(
          caseStartDependencies(deps),
          staff(c.get('principal')),
          id,
          c.req.valid('json'),
        );
        c.get('logger').info(
          { consultationId: id, caseNumber: result.case.caseNumber, created: result.created },
          'consultation turned into a case',
        );
        return c.json(caseBody(result.case), result.created ? 201 : 200, {
          location: result.case.links.self,
        });
      })
  );
}
