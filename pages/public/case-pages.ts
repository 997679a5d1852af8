import { html } from 'hono/html';
import { deadlineKindLabelZh } from '../../domain/deadline-kinds.js';
import type { PublicCaseStatus } from '../../domain/public-case-status.js';
import { partyBookingChangeCutoffMs } from '../../domain/session-rooms.js';
import type { CancelledBooking } from '../../use-cases/public/cancel-booking.js';
import type { CaseMessage } from '../../use-cases/public/case-messages.js';
import type { MyCase, MyCaseItem } from '../../use-cases/public/my-cases.js';
import { roomLabelsZh, type SessionSlot } from '../../use-cases/public/session-slots.js';
import { chinaDateTime, type Html, yuanText } from '../dashboard/layout.js';
import { textArea } from '../workbench/fields.js';
import type { FieldErrors, FormValues } from '../workbench/form-values.js';
import { publicPage } from './layout.js';

const partyRoleLabelsZh: Record<string, string> = {
  applicant: '申请人',
  respondent: '被申请人',
  agent: '代理人',
  third_party: '第三人',
};

const noticesZh: Record<string, string> = {
  applied: '申请已提交。受理窗口审核后会通知您，您也可以随时在这里查看进展。',
  booked: '预约成功，请按时到场。',
  cancelled: '预约已取消，该时段已释放。',
  moved: '已改约，请按新的时间到场。',
  sent: '留言已发送，调解员回复后会短信通知您。',
  rated: '感谢您的评价！',
};

function statusTag(status: PublicCaseStatus): Html {
  const kind =
    status.label.startsWith('不予受理') || status.label.startsWith('调解未成功')
      ? ' stop'
      : status.concluded
        ? ' done'
        : '';
  return html`<span class="status${kind}" id="case-status">${status.label}</span>`;
}

export function myCasesPage(input: {
  largeText: boolean;
  csrfToken: string;
  maskedPhone: string;
  items: MyCaseItem[];
}): Html {
  return publicPage({
    title: '我的案件',
    largeText: input.largeText,
    csrfToken: input.csrfToken,
    here: '/my',
    body: html`<h1>我的案件</h1>
<p class="muted">已登录：${input.maskedPhone}</p>
<p><a class="button" href="/my/apply">申请调解</a></p>
${
  input.items.length === 0
    ? html`<div class="card">暂无与您手机号关联的案件。如已在窗口登记，请确认登记时留的是这个手机号。</div>`
    : input.items.map(
        (item) => html`<article class="card" aria-label="案件 ${item.caseNumber}">
  <h3><a href="/my/cases/${item.caseNumber}">${item.title}</a></h3>
  <div>${statusTag(item.status)}</div>
  <div class="muted">案件编号 ${item.caseNumber} · 提交于 ${chinaDateTime(item.registeredAt)}</div>
  ${item.mediatorName ? html`<div>调解员：${item.mediatorName}</div>` : ''}
</article>`,
      )
}`,
  });
}

export interface MyCasePageInput {
  largeText: boolean;
  csrfToken: string;
  myCase: MyCase;
  messages: CaseMessage[];
  bookings: SessionSlot[];
  cancellations: CancelledBooking[];
  bookableSlots: SessionSlot[];
  rating: { score: number; comment: string } | undefined;
  notice: string | undefined;
  problem?: string | undefined;
  /** The message or rating form as typed, after a refusal. */
  values?: FormValues;
  errors?: FieldErrors;
}

function slotText(slot: Pick<SessionSlot, 'startsAt' | 'endsAt' | 'room'>): string {
  const end = chinaDateTime(slot.endsAt).slice(11);
  return `${chinaDateTime(slot.startsAt)}–${end} ${roomLabelsZh[slot.room]}`;
}

export function myCasePage(input: MyCasePageInput): Html {
  const { myCase } = input;
  const context = { form: 'case', values: input.values ?? {}, errors: input.errors ?? {} };
  const path = `/my/cases/${myCase.caseNumber}`;
  const held = input.bookings.filter((slot) => slot.heldSessionSeq !== null);
  const upcoming = input.bookings.filter(
    (slot) => slot.heldSessionSeq === null && slot.endsAt.getTime() > Date.now(),
  );
  const notice = input.notice ? noticesZh[input.notice] : undefined;
  return publicPage({
    title: `案件 ${myCase.caseNumber}`,
    largeText: input.largeText,
    csrfToken: input.csrfToken,
    here: path,
    body: html`<p><a href="/my">← 我的案件</a></p>
<h1>案件进展</h1>
${notice ? html`<div class="notice" role="status">${notice}</div>` : ''}
${input.problem ? html`<div class="notice error" role="alert">${input.problem}</div>` : ''}
<section class="card" aria-label="办理情况">
  <div>${statusTag(myCase.status)}</div>
  <p>${myCase.status.next}</p>
  <dl class="facts">
    <dt>案件编号</dt><dd>${myCase.caseNumber}</dd>
    <dt>提交时间</dt><dd>${chinaDateTime(myCase.registeredAt)}</dd>
    <dt>调解机构</dt><dd>${myCase.unitName ?? '—'}</dd>
    <dt>调解员</dt><dd id="mediator-name">${myCase.mediatorName ?? '尚未安排'}</dd>
    ${myCase.preferredMediatorName && !myCase.mediatorName ? html`<dt>您选择的调解员</dt><dd>${myCase.preferredMediatorName}（供受理窗口参考）</dd>` : ''}
    ${myCase.agreementAmountFen !== null ? html`<dt>协议金额</dt><dd>${yuanText(myCase.agreementAmountFen)} 元</dd>` : ''}
  </dl>
  ${myCase.rejectionReason ? html`<p><strong>不予受理的理由：</strong>${myCase.rejectionReason}</p>` : ''}
</section>

${
  myCase.deadlines.length
    ? html`<h2>办理期限</h2><div class="card"><dl class="facts">${myCase.deadlines.map(
        (deadline) =>
          html`<dt>${deadlineKindLabelZh(deadline.kind)}</dt><dd>${chinaDateTime(deadline.dueAt)} 前</dd>`,
      )}</dl></div>`
    : ''
}

<h2>调解时间</h2>
${
  upcoming.length
    ? html`<div class="card" id="booked-sessions">${upcoming.map((slot) => bookedSession(input, path, slot))}</div>`
    : html`<div class="card muted">还没有预约调解时间。</div>`
}
${
  held.length
    ? html`<div class="card" id="held-sessions">${held.map((slot) => html`<div><span class="status done">已举行</span> ${slotText(slot)}</div>`)}</div>`
    : ''
}
${
  input.cancellations.length
    ? html`<div class="card" id="cancelled-bookings">${input.cancellations.map(
        (cancelled) =>
          html`<div>${cancelled.moved ? '已改约' : '已取消'}：${slotText(cancelled)}<div class="muted">原因：${cancelled.reason}</div></div>`,
      )}</div>`
    : ''
}
${
  input.bookableSlots.length
    ? html`<p>调解员${myCase.mediatorName ?? ''}可预约的时间：</p>
<ul class="slots" aria-label="可预约时段">${input.bookableSlots.map(
        (slot) => html`<li><form method="post" action="${path}/bookings" aria-label="预约 ${slotText(slot)}">
  <input type="hidden" name="_csrf" value="${input.csrfToken}">
  <input type="hidden" name="slotId" value="${slot.id}">
  <span>${slotText(slot)}</span>
  <button class="secondary" type="submit">预约</button>
</form></li>`,
      )}</ul>`
    : ''
}

<h2>留言</h2>
${
  input.messages.length
    ? html`<ul class="messages" aria-label="留言记录">${input.messages.map(
        (message) => html`<li class="${message.authorKind}">
  <div class="who">${message.authorKind === 'party' ? '我' : `调解员 ${message.authorName}`} <span class="muted">${chinaDateTime(message.createdAt)}</span></div>
  <div class="summary">${message.body}</div>
</li>`,
      )}</ul>`
    : html`<p class="muted">还没有留言。</p>`
}
<form method="post" action="${path}/messages" aria-label="留言" class="card" novalidate>
  <input type="hidden" name="_csrf" value="${input.csrfToken}">
  ${textArea(context, 'body', '给调解员留言', { rows: 3, hint: '最多1000字；请不要在留言中填写身份证号等敏感信息' })}
  <button class="primary" type="submit">发送</button>
</form>

<h2>当事人</h2>
<div class="card">${myCase.parties.map(
      (party) =>
        html`<div>${partyRoleLabelsZh[party.role] ?? party.role}：${party.name}${party.isMe ? '（本人）' : ''}</div>`,
    )}</div>

${ratingSection(input, path)}

<h2>申请内容</h2>
<div class="card summary">${myCase.summary}</div>`,
  });
}

/** An upcoming booking, with 取消 and 改约 while the cut-off (24 hours before, centre policy) allows. */
function bookedSession(input: MyCasePageInput, path: string, slot: SessionSlot): Html {
  const changeable = slot.startsAt.getTime() - Date.now() >= partyBookingChangeCutoffMs;
  const csrf = html`<input type="hidden" name="_csrf" value="${input.csrfToken}">`;
  return html`<div class="booking">已预约：${slotText(slot)}${
    changeable
      ? html`${
          input.bookableSlots.length
            ? html`<form method="post" action="${path}/bookings/${slot.id}/move" aria-label="改约 ${slotText(slot)}">
  ${csrf}
  <label>改约到 <select name="toSlotId" required${input.errors?.toSlotId ? html` aria-invalid="true"` : ''}>${input.bookableSlots.map(
    (other) =>
      html`<option value="${other.id}"${input.values?.toSlotId === other.id ? ' selected' : ''}>${slotText(other)}</option>`,
  )}</select></label>
  ${input.errors?.toSlotId ? html`<div class="field-error" role="alert">${input.errors.toSlotId}</div>` : ''}
  <button class="secondary" type="submit">改约</button>
</form>`
            : ''
        }<form method="post" action="${path}/bookings/${slot.id}/cancel" aria-label="取消预约 ${slotText(slot)}">
  ${csrf}
  <button class="secondary" type="submit">取消预约</button>
</form>
<div class="muted">调解开始前24小时内不能在线取消或改约（本中心规定）。</div>`
      : html`<div class="muted">距调解已不足24小时，如需取消或改约，请给调解员留言或致电中心。</div>`
  }</div>`;
}

function ratingSection(input: MyCasePageInput, path: string): Html | string {
  if (!input.myCase.status.concluded) return '';
  if (input.rating)
    return html`<h2>服务评价</h2><div class="card" id="my-rating">您的评价：${'★'.repeat(input.rating.score)}${'☆'.repeat(5 - input.rating.score)}（${input.rating.score}分）${
      input.rating.comment ? html`<div class="muted">${input.rating.comment}</div>` : ''
    }</div>`;
  const context = { form: 'rate', values: input.values ?? {}, errors: input.errors ?? {} };
  const scoreError = context.errors.score;
  return html`<h2>服务评价</h2>
<form method="post" action="${path}/rating" aria-label="评价调解服务" class="card" novalidate>
  <input type="hidden" name="_csrf" value="${input.csrfToken}">
  <fieldset>
    <legend>您对本次调解服务满意吗？</legend>
    <div class="stars">${[5, 4, 3, 2, 1].map(
      (score) =>
        html`<label><input type="radio" name="score" value="${score}"${context.values.score === String(score) ? ' checked' : ''}> ${score}分</label>`,
    )}</div>
    ${scoreError ? html`<div class="field-error" role="alert">${scoreError}</div>` : ''}
  </fieldset>
  ${textArea(context, 'comment', '意见和建议（可不填）', { rows: 3 })}
  <button class="primary" type="submit">提交评价</button>
</form>`;
}
