import { isRefusalCode, refusals } from '../../domain/refusals.js';

/** zh-CN words of the dashboard that the domain vocabulary does not already hold. */

/** Event types of the case log (case_events.type), as a timeline shows them. */
export const eventTypeLabelsZh: Record<string, string> = {
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
  confirmation_decided: '司法确认裁定',
  confirmation_window_closed: '司法确认申请期满',
};

export const deadlineStatusLabelsZh: Record<string, string> = {
  open: '进行中',
  overdue: '已超期',
  paused: '已暂停',
  met: '已完成',
  cancelled: '已取消',
};

/** Answers to the dashboard's actions, passed back as a fixed code in the query string. */
const successNoticesZh: Record<string, string> = {
  'order-issued': '督办已发出，承办调解员将收到通知。',
  reassigned: '已改派调解员。',
};

/**
 * The text of a notice: a success of its own, or `error-<code>` with the refusal registry's Chinese
 * reason (a code that is not in the registry falls back to a generic line; the page never echoes text
 * from the query string).
 */
export function noticeMessageZh(notice: string | undefined): string | undefined {
  if (!notice) return undefined;
  if (notice in successNoticesZh) return successNoticesZh[notice];
  if (!notice.startsWith('error-')) return undefined;
  const code = notice.slice('error-'.length);
  return isRefusalCode(code) ? `操作未成功：${refusals[code].zh}。` : '操作未成功，请稍后重试。';
}

export const dispositionShortZh: Record<string, string> = {
  settled_written: '调解成功',
  settled_oral: '调解成功',
  failed: '调解不成',
  withdrawn: '撤回',
  terminated: '终止',
  referred_out: '转出',
  rejected: '不予受理',
};
