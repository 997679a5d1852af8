import { html } from 'hono/html';
import type { PublicChannelForStaff } from '../../use-cases/public/public-channel-for-staff.js';
import { roomLabelsZh } from '../../use-cases/public/session-slots.js';
import { chinaDateTime, type Html } from '../dashboard/layout.js';
import { selectField, textArea, textField } from './fields.js';
import type { FieldErrors, FormValues } from './form-values.js';

export interface PublicChannelSectionInput {
  caseNumber: string;
  csrfToken: string;
  channel: PublicChannelForStaff;
  /** Whether this user may publish slots for the case's assignee (the assignee, or the desk). */
  mayPublishSlots: boolean;
  hasAssignee: boolean;
  /** Whether the user may record a session now (the booking offers 记录本次调解). */
  mayRecordSession: boolean;
  refused?: { form: 'message' | 'slot'; values: FormValues; errors: FieldErrors } | undefined;
}

/**
 * The public channel on the staff's case page: the mediator the applicant chose (调解超市), the thread
 * with the parties (留言) and a reply form, the sessions parties booked and the slots on offer.
 */
export function publicChannelSection(input: PublicChannelSectionInput): Html {
  const { channel } = input;
  const path = `/dashboard/work/cases/${input.caseNumber}`;
  const messageContext = {
    form: 'message',
    values: input.refused?.form === 'message' ? input.refused.values : {},
    errors: input.refused?.form === 'message' ? input.refused.errors : {},
  };
  const slotContext = {
    form: 'slot',
    values: input.refused?.form === 'slot' ? input.refused.values : { room: 'ordinary' },
    errors: input.refused?.form === 'slot' ? input.refused.errors : {},
  };
  return html`${
    channel.preferredMediator
      ? html`<div class="notice" id="preferred-mediator">申请人在调解超市选择的调解员：<strong>${channel.preferredMediator.name}</strong>（供指派参考）</div>`
      : ''
  }
<h2>当事人留言</h2>
${
  channel.messages.length
    ? html`<ol class="timeline" aria-label="留言记录">${channel.messages.map(
        (message) =>
          html`<li><span class="when">${chinaDateTime(message.createdAt)}</span><span class="what">${
            message.authorKind === 'party' ? '当事人' : message.authorName
          }</span><span class="summary">${message.body}</span></li>`,
      )}</ol>`
    : html`<p class="muted">暂无留言。</p>`
}
<form method="post" action="${path}/messages" aria-label="回复当事人" class="form-section">
  <input type="hidden" name="_csrf" value="${input.csrfToken}">
  ${textArea(messageContext, 'body', '回复内容', { rows: 3, hint: '当事人在“飞速通”中可见，并会收到短信提醒（每案每小时最多一条）' })}
  <button class="primary" type="submit">回复当事人</button>
</form>
${
  channel.ratings.count
    ? html`<p>当事人评价：${channel.ratings.average?.toFixed(1)} 分（${channel.ratings.count} 人）</p>`
    : ''
}
<h2>预约</h2>
${
  channel.bookings.length
    ? html`<table><thead><tr><th>时间</th><th>调解室</th><th>状态</th><th>取消（当事人可见原因）</th></tr></thead><tbody>${channel.bookings.map(
        (slot) =>
          html`<tr><td>${chinaDateTime(slot.startsAt)}–${chinaDateTime(slot.endsAt).slice(11)}</td><td>${roomLabelsZh[slot.room]}</td>${
            slot.heldSessionSeq !== null
              ? html`<td><span class="tag green">已举行</span> 已记为调解记录</td><td></td>`
              : html`<td>${
                  input.mayRecordSession
                    ? html`<a class="button secondary" href="${path}?session=${slot.id}#action-recordSession">记录本次调解</a>`
                    : '待举行'
                }</td><td>
  <form method="post" action="${path}/bookings/${slot.id}/cancel" class="inline" aria-label="取消预约 ${chinaDateTime(slot.startsAt)}">
    <input type="hidden" name="_csrf" value="${input.csrfToken}">
    <input type="text" name="reason" maxlength="500" aria-label="取消原因" placeholder="取消原因" required>
    <button class="secondary" type="submit">取消预约</button>
  </form></td>`
          }</tr>`,
      )}</tbody></table>`
    : html`<p class="muted">当事人尚未预约。</p>`
}
${
  input.hasAssignee
    ? html`<p>调解员的可预约时段：${
        channel.assigneeSlots.length
          ? channel.assigneeSlots.map(
              (slot) =>
                html`<span class="tag${slot.bookedBy ? ' green' : ''}">${chinaDateTime(slot.startsAt)} ${roomLabelsZh[slot.room]}${
                  slot.bookedBy ? ` 已约（${slot.bookedBy}）` : ' 空闲'
                }</span> `,
            )
          : '无'
      }</p>
${
  input.mayPublishSlots
    ? html`<form method="post" action="${path}/slots" aria-label="发布可预约时段" class="form-section">
  <input type="hidden" name="_csrf" value="${input.csrfToken}">
  ${textField(slotContext, 'startsAt', '开始时间', { type: 'datetime-local' })}
  ${textField(slotContext, 'minutes', '时长（分钟）', { type: 'number', hint: '15至480分钟' })}
  ${selectField(
    slotContext,
    'room',
    '调解室',
    Object.entries(roomLabelsZh).map(([value, label]) => ({ value, label })),
  )}
  <button class="primary" type="submit">发布时段</button>
</form>`
    : ''
}`
    : html`<p class="muted">指派调解员后可发布可预约时段。</p>`
}`;
}
