import { OpenAPIHono, z } from '@hono/zod-openapi';
import { institutionKinds } from '../../domain/vocabulary.js';
import type { AppDependencies } from '../../http/dependencies.js';
import { acknowledgeHandOff, recordHandOffResult } from '../../use-cases/hand-offs/answer-hand-off.js';
import { handOffStatus, listHandOffs } from '../../use-cases/hand-offs/hand-off-status.js';
import type { AppEnv, InstitutionPrincipal } from '../context.js';
import { problemResponseSpec, secureRoute, standardProblems } from '../route.js';
import {
  AcknowledgeHandOffBody,
  HandOffIdParam,
  HandOffListQuery,
  HandOffResultBody,
  HandOffStatusSchema,
} from '../schemas/hand-off-schemas.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const tags = ['hand-offs to partner bodies (联动)'];

const listRoute = secureRoute({
  method: 'get',
  path: '/',
  tags,
  operationId: 'listHandOffs',
  summary: '查询中心移交本单位的全部联动事项',
  description: `联动单位（法院、仲裁委、法律援助中心、公证处等）分页查询中心移交本单位的事项，按移交时间由新到旧；每项与单件查询的内容相同。
只列出移交本单位的事项。用 \`nextCursor\` 取下一页。只读。`,
  refusals: [],
  access: institutionKinds,
  request: { query: HandOffListQuery },
  responses: {
    200: json(z.object({ items: z.array(HandOffStatusSchema), nextCursor: z.string().nullable() }), 'A page'),
    ...standardProblems,
  },
});

const statusRoute = secureRoute({
  method: 'get',
  path: '/{handOffId}',
  tags,
  operationId: 'readHandOff',
  summary: '查询一件联动移交',
  description: `联动单位查询中心移交本单位的一件事项：移交的内容（纠纷概要、当事人姓名与地位、调解结果）、本单位所处的期限（含依据）、
本单位的答复与办理结果，以及中心发往本单位的回调的送达情况。其他单位的事项一律 404。只读。`,
  refusals: ['not_found'],
  access: institutionKinds,
  request: { params: HandOffIdParam },
  responses: {
    200: json(HandOffStatusSchema, 'The hand-off'),
    404: problemResponseSpec('Not addressed to this institution'),
    ...standardProblems,
  },
});

const acknowledgeRoute = secureRoute({
  method: 'post',
  path: '/{handOffId}/acknowledgement',
  tags,
  operationId: 'acknowledgeHandOff',
  summary: '联动单位答复是否受理',
  description: `接收单位答复是否受理移交：受理（\`accepted: true\`；法律援助为“决定给予法律援助”）后，办理结果的期限开始计算
（如劳动争议仲裁 45 日、司法确认 30 日、立案 7 日、指派法律援助人员 3 日）；不予受理（\`accepted: false\`）须写明理由（422 \`reason_required\`），
案件回到中心另行处理；同时 \`returnToMediation: true\` 的（退回调解），案件回到调解阶段，办理期限自退回之日重新起算
（受理时不适用、法院等机关委托移送的案件不适用：422 \`hand_off_not_applicable\`，指明 \`returnToMediation\`）。
同一答复重复提交不改变任何内容；已作出不同答复时 409 \`hand_off_closed\`；中心已撤回时 409 \`hand_off_withdrawn\`。`,
  refusals: [
    'not_found',
    'hand_off_withdrawn',
    'hand_off_closed',
    'reason_required',
    'hand_off_not_applicable',
    'illegal_transition',
  ],
  access: institutionKinds,
  request: {
    params: HandOffIdParam,
    body: { required: true, content: { 'application/json': { schema: AcknowledgeHandOffBody } } },
  },
  responses: {
    200: json(HandOffStatusSchema, 'Recorded'),
    404: problemResponseSpec('Not addressed to this institution'),
    409: problemResponseSpec('Withdrawn, or answered otherwise'),
    422: problemResponseSpec('Refused by a rule'),
    ...standardProblems,
  },
});

const resultRoute = secureRoute({
  method: 'post',
  path: '/{handOffId}/result',
  tags,
  operationId: 'recordHandOffResult',
  summary: '联动单位反馈办理结果',
  description: `接收单位反馈办理结果：司法确认为 \`confirmed\`（确认有效）或 \`rejected\`（驳回申请），附裁定书文号；转立案为 \`filed\`（附立案案号）或
\`not_filed\`；仲裁为 \`awarded\`、\`settled_in_arbitration\`（附裁决书或调解书文号）或 \`dismissed\`；法律援助为 \`lawyer_assigned\`（附承办人员）。
确认有效、已立案、仲裁结案的，案件随之结案（转立案的案件以立案案号结案，结案方式为“转立案”）；转立案或仲裁移交可反馈 \`returned_for_mediation\`（退回调解，须在 summary 写明理由），
案件回到调解阶段，办理期限自退回之日重新起算；其他结果由中心继续处理。
须先受理（409 \`hand_off_not_acknowledged\`）；结果不适用于此类移交时 422 \`result_not_for_kind\`；缺少文书编号时 422 \`document_number_required\`；
同一结果重复提交不改变任何内容，不同的结果 409 \`hand_off_closed\`；中心已撤回时 409 \`hand_off_withdrawn\`。`,
  refusals: [
    'not_found',
    'hand_off_withdrawn',
    'hand_off_closed',
    'hand_off_not_acknowledged',
    'result_not_for_kind',
    'document_number_required',
    'lawyer_required',
    'reason_required',
    'illegal_transition',
  ],
  access: institutionKinds,
  request: {
    params: HandOffIdParam,
    body: { required: true, content: { 'application/json': { schema: HandOffResultBody } } },
  },
  responses: {
    200: json(HandOffStatusSchema, 'Recorded'),
    404: problemResponseSpec('Not addressed to this institution'),
    409: problemResponseSpec('Not possible now'),
    422: problemResponseSpec('Refused by a rule'),
    ...standardProblems,
  },
});

/** /v1/hand-offs: what a partner body's system calls. A key sees and answers only its own hand-offs. */
export function handOffRoutes(deps: AppDependencies) {
  const db = deps.database.db;
  const body = (principal: unknown) => principal as InstitutionPrincipal;
  const updates = { db, temporal: deps.temporal };
  return new OpenAPIHono<AppEnv>()
    .openapi(listRoute, async (c) => {
      const { institutionId } = body(c.get('principal'));
      return c.json(await listHandOffs(db, institutionId, c.req.valid('query')), 200);
    })
    .openapi(statusRoute, async (c) => {
      const { institutionId } = body(c.get('principal'));
      return c.json(await handOffStatus(db, institutionId, c.req.valid('param').handOffId), 200);
    })
    .openapi(acknowledgeRoute, async (c) => {
      const status = await acknowledgeHandOff(
        updates,
        body(c.get('principal')),
        c.req.valid('param').handOffId,
        c.req.valid('json'),
      );
      return c.json(status, 200);
    })
    .openapi(resultRoute, async (c) => {
      const status = await recordHandOffResult(
        updates,
        body(c.get('principal')),
        c.req.valid('param').handOffId,
        c.req.valid('json'),
      );
      return c.json(status, 200);
    });
}
