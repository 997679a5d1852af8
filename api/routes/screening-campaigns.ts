import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDependencies } from '../../http/dependencies.js';
import { campaignCoverage, listCampaigns } from '../../use-cases/screening/campaign-coverage.js';
import { createCampaign } from '../../use-cases/screening/create-campaign.js';
import type { AppEnv, StaffPrincipal } from '../context.js';
import { problemResponseSpec, secureRoute, standardProblems } from '../route.js';
import { IdempotencyHeaders } from '../schemas/consultation-schemas.js';
import {
  CampaignIdParam,
  CampaignSchema,
  CampaignSummarySchema,
  CreateCampaignBody,
} from '../schemas/screening-schemas.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const createCampaignRoute = secureRoute({
  method: 'post',
  path: '/',
  tags: ['screening'],
  operationId: 'createScreeningCampaign',
  summary: '部署矛盾纠纷大排查',
  description: `中心负责人（或系统管理员）部署一次大排查：名称、起止日期（北京时间，含首尾）和参加排查的单位（网格、调解点、调解站）。
参加单位须在本人督办范围内（范围外 403 \`forbidden_unit\`，不存在 422 \`unknown_unit\`，均指明是 \`unitIds\` 的第几项）；排查由本人所在单位组织。
带 \`Idempotency-Key\` 重发时返回第一次部署的排查（200）。`,
  refusals: ['unknown_unit', 'forbidden_unit', 'unit_required'],
  access: ['supervisor', 'admin'],
  request: {
    headers: IdempotencyHeaders,
    body: { required: true, content: { 'application/json': { schema: CreateCampaignBody } } },
  },
  responses: {
    201: json(CampaignSchema, 'Created, with its (so far empty) figures'),
    200: json(CampaignSchema, 'Created before with this Idempotency-Key'),
    422: problemResponseSpec('A unit does not exist'),
    ...standardProblems,
    403: problemResponseSpec('Not a supervisor or admin, or a unit is not one you supervise'),
  },
});

const listCampaignsRoute = secureRoute({
  method: 'get',
  path: '/',
  tags: ['screening'],
  operationId: 'listScreeningCampaigns',
  summary: '查询大排查',
  description: `中心负责人看到本单位及下级单位组织的大排查，系统管理员看到全部，按开始日期由近及远。只读。`,
  refusals: [],
  access: ['supervisor', 'admin'],
  responses: {
    200: json(z.object({ items: z.array(CampaignSummarySchema) }), 'The campaigns'),
    ...standardProblems,
  },
});

const readCampaignRoute = secureRoute({
  method: 'get',
  path: '/{id}',
  tags: ['screening'],
  operationId: 'readScreeningCampaign',
  summary: '大排查的覆盖情况',
  description: `一次大排查及其覆盖情况：期间内参加单位上报的线索数、按风险等级（低、中、高、重大，没有的为 0）、有上报的单位数与参加单位总数，以及各单位的上报数。
组织单位不在本人督办范围内的与不存在的一样返回 404。只读。`,
  refusals: ['not_found'],
  access: ['supervisor', 'admin'],
  request: { params: CampaignIdParam },
  responses: {
    200: json(CampaignSchema, 'The campaign and its coverage'),
    404: problemResponseSpec('No such campaign among the units you supervise'),
    ...standardProblems,
  },
});

/** /v1/screening-campaigns: 大排查 and their coverage figures. */
export function screeningCampaignRoutes(deps: AppDependencies) {
  const db = deps.database.db;
  const staff = (principal: unknown) => principal as StaffPrincipal;
  return new OpenAPIHono<AppEnv>()
    .openapi(createCampaignRoute, async (c) => {
      const key = c.req.valid('header')['idempotency-key'];
      const { campaign, created } = await createCampaign(
        db,
        staff(c.get('principal')),
        c.req.valid('json'),
        key,
      );
      c.get('logger').info({ campaignId: campaign.id, created }, 'screening campaign created');
      return c.json(campaign, created ? 201 : 200, { location: campaign.links.self });
    })
    .openapi(listCampaignsRoute, async (c) =>
      c.json({ items: await listCampaigns(db, staff(c.get('principal'))) }, 200),
    )
    .openapi(readCampaignRoute, async (c) =>
      c.json(await campaignCoverage(db, staff(c.get('principal')), c.req.valid('param').id), 200),
    );
}
