/**
 * The kinds of event in a case's log (case_events.type), with the words a timeline shows. The
 * workflow records all but `imported`, which the legacy ledger import writes.
 */
export const caseEventLabelsZh = {
  registered: '登记受理',
  imported: '台账导入',
  triaged: '分流定级',
  assigned: '指派调解员',
  reassigned: '改派调解员',
  accepted: '接受指派',
  session_recorded: '调解记录',
  extension_requested: '申请延期',
  extension_decided: '延期审批',
  settled: '调解成功',
  failed: '调解不成',
  withdrawn: '当事人撤回',
  terminated: '终止调解',
  referred_out: '转交其他机构',
  rejected: '不予受理',
  closed: '结案',
  follow_up_recorded: '回访',
  archived: '归档',
  supervision_issued: '督办',
  supervision_explained: '督办反馈',
  deadline_reminder: '期限提醒',
  deadline_overdue: '期限超期',
  deadline_recomputed: '期限重算',
  materials_signed: '签收法院材料',
  appraisal_started: '鉴定开始',
  appraisal_ended: '鉴定结束',
  reported_to_court: '向法院反馈',
  reported_to_procuratorate: '向检察院反馈',
  reported_to_police: '向公安机关反馈',
  confirmation_applied: '申请司法确认',
  confirmation_decided: '司法确认裁定',
  confirmation_window_closed: '司法确认申请期满',
  payment_recorded: '登记履行',
  prosecution_decided: '检察院决定',
  second_round_window_closed: '第二次调解期满',
  hand_off_sent: '联动移交',
  hand_off_acknowledged: '联动单位受理答复',
  hand_off_result_recorded: '联动办理结果',
  hand_off_withdrawn: '撤回联动移交',
  returned_to_mediation: '退回调解',
  performance_decision_opened: '协议未履行待处置',
  performance_decided: '未履行协议处置',
  mediation_consent_recorded: '登记调解意愿',
  conference_held: '案件研判会',
  conference_waived: '批准免于研判',
  green_channel_flagged: '列入涉企绿色通道',
} as const;

export type CaseEventType = keyof typeof caseEventLabelsZh;

export function caseEventLabelZh(type: string): string {
  return (caseEventLabelsZh as Record<string, string>)[type] ?? type;
}
