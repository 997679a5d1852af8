import { OpenAPIHono, z } from '@hono/zod-openapi';
import { type AppDependencies, caseStartDependencies } from '../../http/dependencies.js';
import { listLeads, readLead } from '../../use-cases/screening/list-leads.js';
import { reportLead } from '../../use-cases/screening/report-lead.js';
import { triageLead } from '../../use-cases/screening/triage-lead.js';
import type { AppEnv, StaffPrincipal } from '../context.js';
import { problemResponseSpec, secureRoute, standardProblems } from '../route.js';
import { CaseSchema, caseBody } from '../schemas/case-schemas.js';
import { IdempotencyHeaders } from '../schemas/consultation-schemas.js';
import {
  GridLeadSchema,
  LeadIdParam,
  LeadListQuery,
  ReportLeadBody,
  TriageLeadBody,
} from '../schemas/screening-schemas.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const TriageAnswerSchema = z
  .object({ lead: GridLeadSchema, case: CaseSchema.nullable() })
  .openapi('LeadTriageAnswer');

const reportLeadRoute = secureRoute({
  method: 'post',
  path: '/',
  tags: ['screening'],
  operationId: 'reportGridLead',
  summary: '网格员上报排查线索',
  description: `网格员在排查中发现矛盾纠纷或风险隐患时上报一条线索：地点、涉及人员（姓名，电话可不填）、纠纷类别、风险等级（低、中、高、重大）和情况描述。
线索记入网格员本人所在的网格（单位），由其上级调解站研判。带 \`Idempotency-Key\` 重发同一上报时返回第一次上报的线索（200），不会重复计数。网格员账号未设单位时 422 \`unit_required\`。`,
  refusals: ['unit_required'],
  access: ['grid_worker'],
  request: {
    headers: IdempotencyHeaders,
    body: { required: true, content: { 'application/json': { schema: ReportLeadBody } } },
  },
  responses: {
    201: json(GridLeadSchema, 'Reported'),
    200: json(GridLeadSchema, 'Reported before with this Idempotency-Key: the first report'),
    422: problemResponseSpec('The grid worker belongs to no unit'),
    ...standardProblems,
  },
});

const listLeadsRoute = secureRoute({
  method: 'get',
  path: '/',
  tags: ['screening'],
  operationId: 'listGridLeads',
  summary: '查询排查线索',
  description: `按状态、风险等级分页查询排查线索，由新到旧。可见范围：网格员只看到本网格的，窗口受理员与中心负责人看到本单位及下级网格的，系统管理员看到全部。列表中电话号码已遮蔽。只读。`,
  refusals: [],
  access: ['grid_worker', 'clerk', 'supervisor', 'admin'],
  request: { query: LeadListQuery },
  responses: {
    200: json(
      z.object({ items: z.array(GridLeadSchema), nextCursor: z.string().nullable() }),
      'A page of leads',
    ),
    ...standardProblems,
  },
});

const readLeadRoute = secureRoute({
  method: 'get',
  path: '/{id}',
  tags: ['screening'],
  operationId: 'readGridLead',
  summary: '查看一条排查线索',
  description: `查看一条线索的全部内容（含完整电话）、研判结果和它转成的案件。不在本人范围内的线索（例如其他网格的）与不存在的一样返回 404。只读。`,
  refusals: ['not_found'],
  access: ['grid_worker', 'clerk', 'supervisor', 'admin'],
  request: { params: LeadIdParam },
  responses: {
    200: json(GridLeadSchema, 'The lead'),
    404: problemResponseSpec('No such lead among your units'),
    ...standardProblems,
  },
});

const triageLeadRoute = secureRoute({
  method: 'post',
  path: '/{id}/triage',
  tags: ['screening'],
  operationId: 'triageGridLead',
  summary: '研判排查线索：关注、就地调解或上报',
  description: `调解站的窗口受理员、中心负责人或系统管理员研判一条线索（范围同查询；范围外 404）：
- \`watch\`（关注）：暂不处置，持续关注；
- \`mediate\`（就地调解）：登记为调解案件，来源渠道为“网格员上报”，承办单位为线索所在网格，当事人为网格员写明的人员（第一位为申请人，其余为被申请人；也可在 \`parties\` 中提供），案情为地点与情况描述；线索与案件关联；
- \`escalate\`（上报）：报上级处理，须写明 \`reason\`。

待研判的线索可作任一决定，关注中的可转为就地调解或上报；已就地调解或已上报的不能再作其他决定（409 \`lead_already_decided\`，\`currentStatus\` 给出当前状态）。
可以安全重试：重复同一决定返回线索现状（200），已转为案件的返回同一案件，不会重复登记；另一请求正在登记时等待其完成，等待过久时 409 \`lead_conversion_in_progress\`（按 \`Retry-After\` 重试）。`,
  refusals: [
    'not_found',
    'lead_already_decided',
    'lead_conversion_in_progress',
    'lead_without_people',
    'no_policy_in_force',
  ],
  access: ['clerk', 'supervisor', 'admin'],
  request: {
    params: LeadIdParam,
    body: { required: true, content: { 'application/json': { schema: TriageLeadBody } } },
  },
  responses: {
    201: json(TriageAnswerSchema, 'Mediated on the spot: the lead and the case registered from it'),
    200: json(TriageAnswerSchema, 'The lead as decided now (or already, on a retry), with its case if any'),
    409: problemResponseSpec(
      'The lead’s status does not allow this decision, or a registration is under way',
    ),
    404: problemResponseSpec('No such lead among your units'),
    422: problemResponseSpec('The lead names no one and no parties were sent'),
    ...standardProblems,
  },
});

/** /v1/grid-leads: grassroots screening leads (排查线索) and their triage. */
export function gridLeadRoutes(deps: AppDependencies) {
  const db = deps.database.db;
  const staff = (principal: unknown) => principal as StaffPrincipal;
  return new OpenAPIHono<AppEnv>()
    .openapi(reportLeadRoute, async (c) => {
      const key = c.req.valid('header')['idempotency-key'];
      const { lead, created } = await reportLead(db, staff(c.get('principal')), c.req.valid('json'), key);
      c.get('logger').info({ leadId: lead.id, created }, 'grid lead reported');
      return c.json(lead, created ? 201 : 200, { location: lead.links.self });
    })
    .openapi(listLeadsRoute, async (c) =>
      c.json(await listLeads(db, staff(c.get('principal')), c.req.valid('query')), 200),
    )
    .openapi(readLeadRoute, async (c) =>
      c.json(await readLead(db, staff(c.get('principal')), c.req.valid('param').id), 200),
    )
    .openapi(triageLeadRoute, async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const result = await triageLead(caseStartDependencies(deps), staff(c.get('principal')), id, body);
      c.get('logger').info(
        { leadId: id, action: body.action, status: result.lead.status, changed: result.changed },
        'grid lead triaged',
      );
      const registered = body.action === 'mediate' && result.changed;
      return c.json(
        { lead: result.lead, case: result.case ? caseBody(result.case) : null },
        registered ? 201 : 200,
        { location: result.case?.links.self ?? result.lead.links.self },
      );
    });
}
