import { isRefusalCode, refusals } from '../../domain/refusals.js';
import { transitionLabelsZh } from '../../domain/transition-table.js';

/** zh-CN words of the dashboard that the domain vocabulary does not already hold. */

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
  registered: '纠纷已登记，请分级分流。',
  replied: '已回复当事人。',
  'slot-published': '可预约时段已发布，当事人可在“飞速通”中预约。',
  'booking-cancelled': '预约已取消，当事人将看到原因并收到短信；该时段可再次预约。',
  'green-channel-flagged': '已列入涉企绿色通道：案件将优先办理。',
  'consent-recorded': '已登记当事人的调解意愿，调解员可以接受指派。',
};

/**
 * The text of a notice: a success of its own, or `error-<code>` with the refusal registry's Chinese
 * reason (a code that is not in the registry falls back to a generic line; the page never echoes text
 * from the query string).
 */
export function noticeMessageZh(notice: string | undefined): string | undefined {
  if (!notice) return undefined;
  if (notice in successNoticesZh) return successNoticesZh[notice];
  if (notice.startsWith('done-')) {
    const transition = notice.slice('done-'.length);
    return Object.hasOwn(transitionLabelsZh, transition)
      ? `已完成「${transitionLabelsZh[transition as keyof typeof transitionLabelsZh]}」。`
      : undefined;
  }
  if (!notice.startsWith('error-')) return undefined;
  const code = notice.slice('error-'.length);
  return isRefusalCode(code) ? `操作未成功：${refusals[code].zh}。` : '操作未成功，请稍后重试。';
}
