import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { RefusalCode } from '../../domain/refusals.js';
import {
  type TransitionName,
  transitionLabelsZh,
  transitionNames,
  transitionTable,
} from '../../domain/transition-table.js';
import type { StaffRole } from '../../domain/vocabulary.js';
import { type AppDependencies, transitionDependencies } from '../../http/dependencies.js';
import { applyTransitionOnce } from '../../use-cases/cases/apply-transition.js';
import { idempotentRequest } from '../../use-cases/cases/idempotency-keys.js';
import type { TransitionInputs } from '../../workflows/case.messages.js';
import type { AppEnv, StaffPrincipal } from '../context.js';
import { type OperationDocs, problemResponseSpec, secureRoute, standardProblems } from '../route.js';
import { CaseNumberParam, CaseSchema, caseBody } from '../schemas/case-schemas.js';
import { IdempotencyKeyHeader, replayedHeader } from '../schemas/idempotency-schemas.js';
import { transitionBodies, transitionPaths } from '../schemas/transition-schemas.js';

/** Roles that may perform a transition in at least one stage; the workflow decides the rest. */
function rolesFor(transition: TransitionName): StaffRole[] {
  const roles = new Set<StaffRole>();
  for (const allowed of Object.values(transitionTable[transition].from))
    for (const role of allowed ?? []) roles.add(role);
  return [...roles];
}

/**
 * What the document says of each transition: who calls it, what it changes, what it can be refused
 * with beyond what every transition can (`everyTransitionRefuses`).
 */
const transitionDocs: Record<TransitionName, Omit<OperationDocs, 'refusals'> & { refusals: RefusalCode[] }> =
  {
    triage: {
      operationId: 'triageCase',
      summary: '分级分类（简易／一般／复杂）',
      description: `窗口受理员确定案件的分级（简易、一般、复杂）与纠纷类别，案件进入“分流”阶段，并按分级开始计算中心的办理期限。
在调解员接受指派之前可以重新分级，以纠正分错的案件。`,
      refusals: [],
    },
    assign: {
      operationId: 'assignCase',
      summary: '指派（或改派）承办单位与调解员',
      description: `窗口受理员在分流阶段把案件指派给承办单位与调解员；中心负责人也可在调解阶段改派（案件回到分流阶段，由新调解员重新接受）。
指派前检查回避：调解员与当事人存在申报的利害关系时 422 \`conflict_of_interest\`，只有中心负责人可以说明理由后仍指派（\`override\`），其他人 403 \`override_forbidden\`。
所选人员不是在职调解员时 422 \`not_a_mediator\`；\`unitId\` 不存在时 422 \`unknown_unit\`；中心负责人只能把案件移入本单位及下级单位（403 \`forbidden_unit\`，指明 \`unitId\`）。
被指派的调解员会收到通知。`,
      refusals: ['not_a_mediator', 'unknown_unit', 'conflict_of_interest', 'override_forbidden'],
    },
    accept: {
      operationId: 'acceptCase',
      summary: '调解员接受指派',
      description: `被指派的调解员接受案件，案件进入“化解”阶段。尚未指派调解员时 422 \`not_assigned\`；法院移送的案件须先签收材料（422 \`materials_not_signed\`）。
调解须当事人自愿：当事人尚未申请或同意调解的案件不能受理调解（422 \`mediation_consent_required\`，指明 \`mediationConsent\` 与当前阶段），
可在登记时记录，或事后用 \`POST /v1/cases/{caseNumber}/mediation-consent\` 登记；法院、检察院、公安派出所移送的案件随移送取得当事人同意，不受此限。`,
      refusals: ['not_assigned', 'materials_not_signed', 'mediation_consent_required'],
    },
    recordSession: {
      operationId: 'recordMediationSession',
      summary: '记录一次调解',
      description: `承办调解员记录一次调解（时间、方式、参加人、经过）。警调对接的治安案件最多调解两次，第二次须在第一次后 7 个工作日内进行
（422 \`rounds_exhausted\`、\`second_round_expired\`）。`,
      refusals: ['rounds_exhausted', 'second_round_expired'],
    },
    requestExtension: {
      operationId: 'requestExtension',
      summary: '申请延长调解期限',
      description: `承办调解员申请延长正在计算的期限，写明天数与理由；法院委托调解等须经双方当事人同意的，须注明已取得同意。申请待中心负责人审批。
已有待审批的申请、期限不允许延长、超过延期上限等情形被拒绝。`,
      refusals: [
        'extension_already_pending',
        'no_deadline',
        'extension_not_allowed',
        'extension_cap_exceeded',
        'consent_required',
        'invalid_extension_days',
      ],
    },
    decideExtension: {
      operationId: 'decideExtension',
      summary: '审批延期申请',
      description: `中心负责人批准或驳回待审批的延期申请。批准后期限按批准的天数顺延并重新说明其计算；双方均收到通知。没有待审批的申请时 422 \`no_pending_extension\`。`,
      refusals: ['no_pending_extension', 'extension_cap_exceeded', 'no_deadline'],
    },
    settle: {
      operationId: 'settleCase',
      summary: '登记调解成功（达成协议）',
      description: `承办调解员（或在窗口当场化解时的窗口受理员）登记调解成功：书面或口头协议、协议内容、金额与履行方式期限。案件进入“联动”阶段，
法院、检察院移送的案件随即把结果回告移送机构。检调对接案件的协议须载明赔偿、悔罪与谅解事项，分期履行须提供担保（\`prosecution_terms_required\` 等）。
协议签订时间 \`signedAt\` 晚于当前时间（允许几分钟误差）时 422 \`date_in_future\`，早于案件受理之日时 422 \`date_before_receipt\`。
中心开启 \`SETTLE_REQUIRES_SIGNED_AGREEMENT\` 时，书面协议须先生成人民调解协议书并上传其签字盖章扫描件（\`POST /v1/cases/{caseNumber}/documents/{documentId}/signed-scan\`），否则 409 \`signed_agreement_required\`（\`missing\` 指明缺少的文件，并给出当前阶段）。`,
      refusals: [
        'signed_agreement_required',
        'date_in_future',
        'date_before_receipt',
        'prosecution_terms_required',
        'instalments_required',
        'instalments_do_not_add_up',
        'instalments_need_guarantee',
      ],
    },
    fail: {
      operationId: 'failCase',
      summary: '登记调解不成',
      description: `承办调解员登记调解不成，写明原因及当事人确认的无争议事实。案件进入“联动”阶段；法院移送的案件随即把调解不成的报告与材料退回法院。`,
      refusals: [],
    },
    withdraw: {
      operationId: 'withdrawCase',
      summary: '登记当事人撤回申请',
      description: `当事人撤回调解申请（当事人有权随时拒绝或终止调解），由承办调解员或窗口受理员登记。案件进入“联动”阶段。`,
      refusals: [],
    },
    terminate: {
      operationId: 'terminateCase',
      summary: '终止调解',
      description: `承办调解员因法定情形终止调解并写明理由。案件进入“联动”阶段。`,
      refusals: [],
    },
    referOut: {
      operationId: 'referCaseOut',
      summary: '转交其他机构处理',
      description: `经当事人同意，把案件转交仲裁、法律援助、信访等其他机构处理，写明接收机构。案件进入“联动”阶段。`,
      refusals: [],
    },
    reject: {
      operationId: 'rejectCase',
      summary: '不予受理',
      description: `窗口受理员对不属于受理范围的纠纷作出不予受理并写明理由（登记或分流阶段）。案件进入“联动”阶段。`,
      refusals: [],
    },
    close: {
      operationId: 'closeCase',
      summary: '结案',
      description: `工作人员在处理结果已反馈或移交完毕后结案，写明结案方式，案件进入“处置”阶段（待回访、归档）。
尚无处理结果时 422 \`outcome_required\`；结果尚未回告移送机构或移交完毕时 422 \`link_pending\`。`,
      refusals: ['outcome_required', 'link_pending'],
    },
    recordFollowUp: {
      operationId: 'recordFollowUp',
      summary: '记录回访',
      description: `工作人员记录回访：协议是否履行、当事人满意度。调解成功的案件须完成回访后才能归档。`,
      refusals: [],
    },
    archive: {
      operationId: 'archiveCase',
      summary: '归档',
      description: `窗口受理员（或中心负责人、系统管理员）归档案件；归档后案件不再接受任何变更。调解成功的案件须先记录回访（422 \`follow_up_required\`）。`,
      refusals: ['follow_up_required'],
    },
  };

/** What any transition can be refused with: the case, its stage, the caller's role and unit. */
const everyTransitionRefuses: RefusalCode[] = [
  'not_found',
  'illegal_transition',
  'forbidden_role',
  'not_assignee',
  'forbidden_unit',
  'case_closed',
  'idempotency_key_reused',
];

function transitionRoute(transition: TransitionName) {
  const docs = transitionDocs[transition];
  return secureRoute({
    method: 'post',
    path: `/{caseNumber}/${transitionPaths[transition]}`,
    tags: ['case transitions'],
    operationId: docs.operationId,
    summary: docs.summary,
    description: `${docs.description}\n\n对应案件流程的“${transitionLabelsZh[transition]}”（\`${transition}\`），应答为变更后的案件。
可带 \`Idempotency-Key\`：应答丢失后用同一个键重发，得到第一次的应答，操作不会做两次；同一个键、不同内容 422 \`idempotency_key_reused\`。`,
    refusals: [...everyTransitionRefuses, ...docs.refusals],
    access: rolesFor(transition),
    request: {
      params: CaseNumberParam,
      headers: z.object({ 'idempotency-key': IdempotencyKeyHeader }),
      body: {
        required: true,
        content: {
          'application/json': { schema: transitionBodies[transition].openapi(`${transition}Body`) },
        },
      },
    },
    responses: {
      200: {
        description: 'The case after the transition',
        content: { 'application/json': { schema: CaseSchema } },
      },
      404: problemResponseSpec('No such case'),
      409: problemResponseSpec('Not possible in the current stage: currentStage and allowed are given'),
      422: problemResponseSpec('Refused by a rule (conflict of interest, extension cap, …)'),
      ...standardProblems,
    },
  });
}

/** POST /v1/cases/{caseNumber}/{transition}: one route per Update of the case workflow. */
export function caseTransitionRoutes(deps: AppDependencies) {
  const app = new OpenAPIHono<AppEnv>();
  for (const transition of transitionNames) {
    app.openapi(transitionRoute(transition), async (c) => {
      const { caseNumber } = c.req.valid('param');
      const body = c.req.valid('json') as z.infer<(typeof transitionBodies)[typeof transition]>;
      const principal = c.get('principal') as StaffPrincipal;
      const keyed = idempotentRequest(
        principal,
        c.req.valid('header')['idempotency-key'],
        `${transition}:${caseNumber}`,
        body,
      );
      const answer = await applyTransitionOnce(
        transitionDependencies(deps),
        principal,
        caseNumber,
        transition,
        body as TransitionInputs[typeof transition],
        keyed,
      );
      const seq = answer.body.seq;
      c.get('logger').info({ caseNumber, transition, seq, replayed: answer.replayed }, 'transition applied');
      return c.json(caseBody(answer.body), 200, answer.replayed ? replayedHeader : {});
    });
  }
  return app;
}
