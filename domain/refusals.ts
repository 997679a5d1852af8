/**
 * Every way the system says no, in one registry: a stable code, the HTTP status the API answers with,
 * an English title for API callers and the simplified-Chinese reason staff and citizens read.
 *
 * Workflows, activities, use cases and the API all refuse through `refuse(code, details)`; the API
 * turns a refusal into problem+json from this table alone, the pages show its Chinese text. A code that
 * is not here does not typecheck, so a new refusal cannot silently become a 422 or a 500.
 */

export type RefusalStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 503;

interface RefusalEntry {
  status: RefusalStatus;
  /** English title (the problem's `title`). */
  title: string;
  /** What a person reads when nothing more specific is given. */
  zh: string;
}

const entries = {
  // ---- the request itself ----
  validation_failed: { status: 400, title: 'The request is not valid', zh: '请检查填写的内容' },
  malformed_request: { status: 400, title: 'Malformed request', zh: '请求格式不正确' },
  invalid_date: { status: 400, title: 'Not a valid date', zh: '日期无效' },
  invalid_instant: { status: 400, title: 'Not a valid instant', zh: '时间无效' },
  invalid_amount: { status: 400, title: 'Not a valid amount', zh: '金额无效' },
  invalid_period: { status: 400, title: 'Not a valid period', zh: '期间无效' },
  invalid_pause: { status: 400, title: 'Not a valid pause', zh: '中止期间无效' },
  invalid_extension_days: { status: 400, title: 'Not a valid extension', zh: '延期天数应为正整数' },
  payload_too_large: { status: 413, title: 'Request body too large', zh: '提交的内容过大' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type', zh: '不支持的文件类型' },

  // ---- who is asking ----
  authentication_required: { status: 401, title: 'Authentication required', zh: '请先登录' },
  forbidden: { status: 403, title: 'Not allowed', zh: '您无权进行此操作' },
  forbidden_role: { status: 403, title: 'Not allowed for this role', zh: '您的岗位无权进行此操作' },
  forbidden_unit: {
    status: 403,
    title: 'Not allowed',
    zh: '该案件不在您督办的单位范围内',
  },
  not_assignee: { status: 403, title: 'Not allowed', zh: '只有被指派的调解员才能办理' },
  not_addressee: { status: 403, title: 'Not allowed', zh: '只有督办对象才能反馈' },
  override_forbidden: {
    status: 403,
    title: 'Not allowed',
    zh: '只有中心负责人才能在存在利害关系时仍指派',
  },
  too_many_login_attempts: {
    status: 429,
    title: 'Too many failed logins',
    zh: '登录失败次数过多，请稍后再试',
  },
  not_found: { status: 404, title: 'Not found', zh: '没有找到' },

  // ---- the case's stage and the transition table ----
  illegal_transition: {
    status: 409,
    title: 'Not possible in the current stage',
    zh: '案件当前阶段不允许此操作',
  },
  case_closed: { status: 409, title: 'The case is closed', zh: '案件已归档，不能再变更' },
  not_assigned: { status: 422, title: 'Refused by a rule', zh: '案件尚未指派调解员' },
  extension_already_pending: { status: 422, title: 'Refused by a rule', zh: '已有待审批的延期申请' },
  no_pending_extension: { status: 422, title: 'Refused by a rule', zh: '没有待审批的延期申请' },
  outcome_required: { status: 422, title: 'Refused by a rule', zh: '案件尚无处理结果，不能结案' },
  link_pending: { status: 422, title: 'Refused by a rule', zh: '处理结果尚未反馈或移交完毕，不能结案' },
  follow_up_required: {
    status: 422,
    title: 'Refused by a rule',
    zh: '调解成功的案件须完成回访后才能归档',
  },

  // ---- intake and routing ----
  unit_required: { status: 422, title: 'A unit is required', zh: '须选择承办单位' },
  unknown_unit: { status: 422, title: 'Refused by a rule', zh: '没有这个单位' },
  not_a_mediator: { status: 422, title: 'Refused by a rule', zh: '所选人员不是在职调解员' },
  conflict_of_interest: {
    status: 422,
    title: 'Refused by a rule',
    zh: '所选调解员与当事人存在应回避的关系',
  },
  mediation_consent_required: {
    status: 422,
    title: 'Refused by a rule',
    zh: '当事人尚未申请或同意调解，不能受理调解；请先登记当事人的调解意愿（申请/同意调解）',
  },

  // ---- periods and extensions ----
  no_deadline: { status: 422, title: 'Refused by a rule', zh: '案件没有可延长的期限' },
  extension_not_allowed: { status: 422, title: 'Refused by a rule', zh: '该期限不允许延长' },
  consent_required: { status: 422, title: 'Refused by a rule', zh: '延期须经双方当事人同意' },
  extension_cap_exceeded: { status: 422, title: 'Refused by a rule', zh: '延期天数超过上限' },
  no_policy_in_force: {
    status: 422,
    title: 'Refused by a rule',
    zh: '该日期没有适用的期限规则',
  },
  ambiguous_policy: { status: 422, title: 'Refused by a rule', zh: '该日期有多条期限规则同时适用' },
  unsupported_policy: { status: 422, title: 'Refused by a rule', zh: '不支持的期限规则' },
  start_event_mismatch: { status: 422, title: 'Refused by a rule', zh: '期限的起算事件不符' },
  period_too_long: { status: 422, title: 'Refused by a rule', zh: '期间过长，超出日历范围' },
  duplicate_calendar_override: { status: 422, title: 'Refused by a rule', zh: '同一日期重复设置' },
  invalid_policy: { status: 422, title: 'The deadline policy is not usable', zh: '期限规则不可用' },
  policy_gap: {
    status: 409,
    title: 'The policies would leave a gap',
    zh: '关闭后该期限将出现无规则适用的空档',
  },

  // ---- supervision (督办) ----
  no_assignee: { status: 422, title: 'Refused by a rule', zh: '案件尚未指派调解员，无法督办' },
  supervision_pending: { status: 422, title: 'Refused by a rule', zh: '此前的督办尚未反馈' },
  explain_by_not_in_future: { status: 422, title: 'Refused by a rule', zh: '说明期限须晚于今天' },
  explain_by_too_far: { status: 422, title: 'Refused by a rule', zh: '说明期限不得晚于督办之日起90日' },
  no_open_supervision: { status: 422, title: 'Refused by a rule', zh: '没有待反馈的督办' },

  // ---- court docking (诉调对接) ----
  not_a_court_referral: { status: 422, title: 'Refused by a rule', zh: '本案不是法院委派或委托的案件' },
  materials_not_signed: { status: 422, title: 'Refused by a rule', zh: '请先签收法院推送的材料' },
  already_signed: { status: 409, title: 'Already done', zh: '材料已签收' },
  no_running_period: { status: 422, title: 'Refused by a rule', zh: '诉调对接调解期限未在计算中' },
  appraisal_running: { status: 422, title: 'Refused by a rule', zh: '鉴定正在进行' },
  no_appraisal_running: { status: 422, title: 'Refused by a rule', zh: '没有正在进行的鉴定' },
  not_confirmable: {
    status: 422,
    title: 'Refused by a rule',
    zh: '只有调解成功的委派案件才能申请司法确认',
  },
  already_applied: { status: 409, title: 'Already done', zh: '司法确认申请已登记' },
  already_decided: { status: 409, title: 'Already done', zh: '已作出决定' },
  window_closed: { status: 422, title: 'Refused by a rule', zh: '30日的司法确认申请期限已届满' },
  reference_conflict: {
    status: 409,
    title: 'Reference already used',
    zh: '该案号已用于另一次移送',
  },
  not_configured: { status: 503, title: 'Not configured', zh: '系统尚未配置此项功能' },
  callback_url_forbidden: {
    status: 422,
    title: 'The callback URL is not allowed',
    zh: '回调地址不可用：须为 https 地址且不得指向本机、内网或保留地址（如确需使用，请联系系统管理员加入允许名单）',
  },

  // ---- prosecution docking (检调对接) ----
  not_a_prosecution_referral: { status: 422, title: 'Refused by a rule', zh: '本案不是检察机关移送的案件' },
  not_eligible: { status: 422, title: 'Not eligible', zh: '不符合刑事和解的适用条件' },
  no_time_left: { status: 422, title: 'Refused by a rule', zh: '距审查起诉期限届满已不足以调解' },
  prosecution_terms_required: {
    status: 422,
    title: 'Refused by a rule',
    zh: '刑事和解协议须载明赔偿、悔罪和谅解事项',
  },
  instalments_required: { status: 422, title: 'Refused by a rule', zh: '须写明赔偿款的支付时间' },
  instalments_do_not_add_up: { status: 422, title: 'Refused by a rule', zh: '各期金额之和须等于赔偿总额' },
  instalments_need_guarantee: {
    status: 422,
    title: 'Refused by a rule',
    zh: '分期履行须提供担保并经被害人同意',
  },
  no_such_instalment: { status: 422, title: 'Refused by a rule', zh: '协议中没有这一期' },
  already_paid: { status: 409, title: 'Already done', zh: '该期款项已登记支付' },

  // ---- police docking (警调对接) ----
  rounds_exhausted: { status: 422, title: 'Refused by a rule', zh: '治安调解最多进行两次' },
  second_round_expired: {
    status: 422,
    title: 'Refused by a rule',
    zh: '第二次调解须在第一次调解后7个工作日内进行',
  },

  // ---- administration and the ledger import ----
  already_exists: { status: 409, title: 'Already exists', zh: '已存在' },
  unknown_reference: {
    status: 422,
    title: 'Refers to something that does not exist',
    zh: '引用的对象不存在',
  },
  last_admin: { status: 409, title: 'The last admin', zh: '不能停用或降级最后一位系统管理员' },
  ledger_unreadable: { status: 422, title: 'The ledger cannot be read', zh: '台账文件无法读取' },
  ledger_invalid: { status: 422, title: 'The ledger has errors', zh: '台账有错误，请按行修改后重新导入' },
  ledger_too_large: { status: 422, title: 'Too many rows', zh: '台账行数超过上限' },
  ledger_already_imported: { status: 409, title: 'Already imported', zh: '该台账已导入' },
  ledger_cases_exist: {
    status: 409,
    title: 'Cases of this ledger are already in the system',
    zh: '台账中的案件已在系统中',
  },

  // ---- consultations (法律咨询) ----
  unit_outside_scope: {
    status: 403,
    title: 'The unit is outside your units',
    zh: '所选单位不在您的工作范围内',
  },
  conversion_in_progress: {
    status: 409,
    title: 'Being turned into a case by another request',
    zh: '该咨询正在转为案件，请稍后刷新查看',
  },
  consultation_without_parties: {
    status: 422,
    title: 'Refused by a rule',
    zh: '咨询记录没有当事人，不能转为案件，请先补充当事人',
  },

  // ---- the system ----
  service_unavailable: {
    status: 503,
    title: 'Service temporarily unavailable',
    zh: '数据库或流程服务暂时无法连接，请稍后重试',
  },
  internal_error: { status: 500, title: 'Internal error', zh: '系统出错了，错误已记录' },

  // ---- dates that cannot be true ----
  date_in_future: { status: 422, title: 'The date is in the future', zh: '日期不能晚于当前时间' },
  date_before_receipt: {
    status: 422,
    title: 'The date is before the case was received',
    zh: '日期不能早于案件受理之日',
  },

  // ---- the read model refused a change for good ----
  change_not_recorded: {
    status: 422,
    title: 'The change could not be recorded',
    zh: '该操作引用的数据有误，无法保存；案件未作更改，已通知系统管理员',
  },

  // ---- retries (Idempotency-Key) ----
  idempotency_key_reused: {
    status: 422,
    title: 'Idempotency-Key already used for a different request',
    zh: '该幂等键已用于另一项请求，请为新的请求使用新的键',
  },

  // ---- files (attachments, generated documents, signed scans) ----
  file_too_large: { status: 413, title: 'The file is too large', zh: '文件超过允许的大小' },
  file_type_forbidden: {
    status: 415,
    title: 'This kind of file is not accepted',
    zh: '只接受 PDF、PNG、JPEG 图片和 Word 文档',
  },
  file_type_mismatch: {
    status: 422,
    title: 'The file is not what it claims to be',
    zh: '文件内容与其声明的类型或扩展名不符',
  },
  file_missing: { status: 400, title: 'No file was sent', zh: '请选择要上传的文件' },
  // ---- generated documents ----
  document_not_available: {
    status: 409,
    title: 'The case does not have what this document records yet',
    zh: '案件尚无生成该文书所需的内容（例如尚未达成调解协议或尚未登记回访），暂不能生成',
  },

  // ---- hand-offs to partner bodies (联动) ----
  hand_off_open: { status: 409, title: 'Not possible now', zh: '本案已有尚未办结的联动移交' },
  hand_off_not_applicable: {
    status: 422,
    title: 'Refused by a rule',
    zh: '本案的处理结果不适用该类联动移交',
  },
  institution_kind_mismatch: {
    status: 422,
    title: 'Refused by a rule',
    zh: '所选机构不能办理该类联动移交',
  },
  jurisdiction_required: {
    status: 422,
    title: 'Refused by a rule',
    zh: '移交法院须写明管辖依据',
  },
  hand_off_withdrawn: { status: 409, title: 'Not possible now', zh: '该联动移交已撤回' },
  hand_off_not_acknowledged: {
    status: 409,
    title: 'Not possible now',
    zh: '接收单位尚未受理该联动移交，不能反馈办理结果',
  },
  hand_off_closed: { status: 409, title: 'Already done', zh: '该联动移交已办结，不能再作不同的答复' },
  result_not_for_kind: { status: 422, title: 'Refused by a rule', zh: '该办理结果不适用于此类联动移交' },
  document_number_required: {
    status: 422,
    title: 'Refused by a rule',
    zh: '该办理结果须写明文书编号（裁定书文号、立案案号或裁决书文号）',
  },
  lawyer_required: { status: 422, title: 'Refused by a rule', zh: '指派法律援助人员须写明姓名和所在单位' },
  reason_required: { status: 422, title: 'Refused by a rule', zh: '不予受理或不予援助的，须写明理由' },
  legal_aid_application_required: {
    status: 422,
    title: 'Refused by a rule',
    zh: '申请法律援助须写明申请人、申请事项及经济困难或免予经济困难条件的依据',
  },
  body_answers_itself: {
    status: 409,
    title: 'Not possible now',
    zh: '该联动单位通过本系统接口自行答复，工作人员不能代为登记',
  },

  // ---- follow-through on agreements (回访与履行) ----
  performance_conflict: {
    status: 422,
    title: 'Refused by a rule',
    zh: '协议已履行的回访不能列出未履行的事项',
  },
  decision_pending: {
    status: 422,
    title: 'Refused by a rule',
    zh: '回访发现协议未履行，尚未决定处置方式，不能归档',
  },
  no_pending_decision: { status: 422, title: 'Refused by a rule', zh: '没有待决定处置方式的未履行协议' },
  action_not_available: { status: 422, title: 'Refused by a rule', zh: '本案不能采取该处置方式' },

  // ---- the public channel (飞速通 for citizens) ----
  too_many_requests: { status: 429, title: 'Too many requests', zh: '操作过于频繁，请稍后再试' },
  slot_taken: { status: 409, title: 'The slot is already booked', zh: '该时段已被预约，请选择其他时段' },
  slot_overlaps: {
    status: 409,
    title: 'The slot overlaps another',
    zh: '该时段与调解员或调解室已有的时段重叠',
  },
  slot_unavailable: {
    status: 409,
    title: 'The slot cannot be booked',
    zh: '该时段已过期或不属于本案的调解员，请重新选择',
  },
  rating_not_open: {
    status: 409,
    title: 'The case is not awaiting a rating',
    zh: '案件调解结束后才能评价',
  },
  already_rated: { status: 409, title: 'Already rated', zh: '您已评价过本案，感谢您的反馈' },

  // ---- documents and the case file (卷宗) ----
  signed_agreement_required: {
    status: 409,
    title: 'The signed agreement is missing',
    zh: '登记书面调解成功前，须先生成人民调解协议书，并上传当事人签字、调解委员会盖章的扫描件',
  },

  // ---- the codec endpoint for the Temporal web UI ----
  payload_undecodable: {
    status: 422,
    title: 'The payload cannot be decrypted here',
    zh: '无法解密该数据：其密钥未配置，或数据已被改动',
  },

  // ---- the party's bookings: cancel and move (取消、改约) ----
  booking_not_found: {
    status: 404,
    title: 'No such booking',
    zh: '没有找到这个预约，它可能已被取消或改约',
  },
  booking_held: {
    status: 409,
    title: 'The booked session was held',
    zh: '该预约的调解已举行，不能取消或改约',
  },
  booking_change_closed: {
    status: 409,
    title: 'Too close to the session to change it online',
    zh: '距预约的调解已不足24小时，不能在线取消或改约，请给调解员留言或致电中心',
  },

  // ---- grassroots screening (排查) ----
  lead_already_decided: {
    status: 409,
    title: 'Not possible in the lead’s current status',
    zh: '该线索已作出处理决定，不能再作此决定',
  },
  lead_conversion_in_progress: {
    status: 409,
    title: 'Being turned into a case by another request',
    zh: '该线索正在登记为案件，请稍后刷新查看',
  },
  lead_without_people: {
    status: 422,
    title: 'Refused by a rule',
    zh: '线索没有写明当事人，不能就地调解，请补充当事人',
  },

  // ---- case conferences (研) ----
  conference_required: {
    status: 409,
    title: 'A case conference must come first',
    zh: '复杂纠纷须先召开案件研判会，或经中心负责人批准免于研判，才能登记调解成功',
  },
  // ---- enterprise services (法治化营商环境服务) ----
  engagement_stage: {
    status: 409,
    title: 'Not possible at this stage of the engagement',
    zh: '法治体检当前阶段不允许此操作',
  },
  finding_closed: { status: 409, title: 'The finding is closed', zh: '该问题已整改完毕，不能再跟进' },
  errand_done: { status: 409, title: 'The errand is done', zh: '该帮办代办事项已办结' },
  // ---- 涉企绿色通道 ----
  green_channel_not_a_party: {
    status: 422,
    title: 'Refused by a rule',
    zh: '该企业不是本案当事人：只有当事人中有已登记企业（统一社会信用代码一致）的纠纷才能走涉企绿色通道',
  },
  unknown_enterprise: { status: 422, title: 'Refused by a rule', zh: '企业名录中没有这家企业' },
  green_channel_other_enterprise: {
    status: 409,
    title: 'Already in the green channel for another enterprise',
    zh: '本案已因另一家企业列入涉企绿色通道',
  },
  conference_not_required: {
    status: 422,
    title: 'Refused by a rule',
    zh: '本案无须研判或已召开研判会、已批准免于研判，不需要再批准免于研判',
  },
} as const satisfies Record<string, RefusalEntry>;

export type RefusalCode = keyof typeof entries;
export const refusals: Readonly<Record<RefusalCode, RefusalEntry>> = entries;

export function isRefusalCode(code: unknown): code is RefusalCode {
  return typeof code === 'string' && Object.hasOwn(entries, code);
}

/** A request field and what is wrong with it (problem+json `errors`). */
export interface FieldError {
  field: string;
  reason: string;
  /** Where the field is: body, query, path or header. */
  in?: string;
  /** The reason in simplified Chinese, where a person reads it. */
  reasonZh?: string;
  [extension: string]: unknown;
}

/** What a refusal says beyond its code; every part is optional. */
export interface RefusalDetails {
  /** English detail for API callers; defaults to the title. */
  detail?: string;
  /** Chinese reason shown to people; defaults to the registry's. */
  reasonZh?: string;
  /** The fields the refusal is about. */
  errors?: FieldError[];
  /** Anything else the caller needs (currentStage, allowed, conflicts, retryAfterSeconds …). */
  [extension: string]: unknown;
}

/** A refusal: thrown by `refuse`, answered by the API as problem+json, shown on the pages in Chinese. */
export class Refusal extends Error {
  override readonly name = 'Refusal';

  constructor(
    readonly code: RefusalCode,
    readonly details: RefusalDetails = {},
  ) {
    super(details.detail ?? entries[code].title);
  }

  get status(): RefusalStatus {
    return entries[this.code].status;
  }

  get reasonZh(): string {
    return this.details.reasonZh ?? entries[this.code].zh;
  }
}

export function refuse(code: RefusalCode, details?: RefusalDetails): never {
  throw new Refusal(code, details);
}

/** A refusal about one field: `field: reason` is the detail, and the field is named in `errors`. */
export function refuseField(
  code: RefusalCode,
  field: string,
  reason: string,
  extra: Omit<RefusalDetails, 'errors'> = {},
): never {
  throw new Refusal(code, { detail: `${field}: ${reason}`, errors: [{ field, reason }], ...extra });
}

/** The request's fields are not valid: each named with its reason (400 validation_failed). */
export function invalidFields(errors: FieldError[]): Refusal {
  return new Refusal('validation_failed', {
    detail: errors.map((error) => `${error.field}: ${error.reason}`).join('; '),
    errors,
  });
}
