import { html } from 'hono/html';
import { type Stage, stageLabelsZh } from '../../domain/stages.js';
import { caseSourceLabelsZh, disputeCategoryLabelsZh, triageClassLabelsZh } from '../../domain/vocabulary.js';
import type { CaseListItem } from '../../use-cases/cases/list-cases.js';
import { roomLabelsZh, type SessionSlot } from '../../use-cases/public/session-slots.js';
import { chinaDateTime, type Html, noticeBanner, page } from '../dashboard/layout.js';
import type { DashboardUser } from '../shared/session.js';
import { greenChannelBadge } from './green-channel-section.js';
import { partiesCell } from './party-names.js';

/** The tabs of the case list: what each role works from. */
export const caseListViews = {
  /** A mediator's own cases; for others, the cases they registered are not a view of their own. */
  mine: { label: '我的案件', stage: undefined },
  intake: { label: '待分级', stage: 'intake' },
  divert: { label: '待指派、待接受', stage: 'divert' },
  resolve: { label: '调解中', stage: 'resolve' },
  link: { label: '待结案', stage: 'link' },
  dispose: { label: '待回访、归档', stage: 'dispose' },
  all: { label: '全部', stage: undefined },
} as const satisfies Record<string, { label: string; stage: Stage | undefined }>;
export type CaseListView = keyof typeof caseListViews;

export function viewsFor(user: DashboardUser): CaseListView[] {
  return user.role === 'mediator'
    ? ['mine', 'resolve', 'link', 'all']
    : ['intake', 'divert', 'resolve', 'link', 'dispose', 'all'];
}

export interface CaseListPageInput {
  view: CaseListView;
  q: string;
  unitOnly: boolean;
  overdueOnly: boolean;
  items: CaseListItem[];
  nextCursor: string | null;
  names: { user: (id: string | null) => string | null; unit: (id: string | null) => string | null };
  notice: string | undefined;
  /** A mediator's booked sessions from now on (预约), soonest first; empty for other roles. */
  bookings: SessionSlot[];
}

/** The sessions parties booked with the mediator: each links to its case. */
function bookingsSection(bookings: SessionSlot[]): Html | string {
  if (bookings.length === 0) return '';
  return html`<section aria-labelledby="my-bookings"><h2 id="my-bookings">我的预约 <span class="muted">当事人预约的调解时间</span></h2>
<table>
  <thead><tr><th>时间</th><th>调解室</th><th>案件编号</th><th></th></tr></thead>
  <tbody>${bookings.map(
    (slot) =>
      html`<tr><td class="num">${chinaDateTime(slot.startsAt)}–${chinaDateTime(slot.endsAt).slice(11)}</td><td>${roomLabelsZh[slot.room]}</td><td><a href="/dashboard/work/cases/${slot.bookedBy}">${slot.bookedBy}</a></td><td>${
        slot.heldSessionSeq === null
          ? html`<a href="/dashboard/work/cases/${slot.bookedBy}?session=${slot.id}#action-recordSession">记录本次调解</a>`
          : html`<span class="tag green">已举行</span>`
      }</td></tr>`,
  )}</tbody>
</table></section>`;
}

const label = (labels: Record<string, string>, key: string | null) => (key ? (labels[key] ?? key) : '—');

function listHref(input: CaseListPageInput, changes: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  const values: Record<string, string | undefined> = {
    view: input.view,
    q: input.q || undefined,
    unit: input.unitOnly ? 'mine' : undefined,
    overdue: input.overdueOnly ? 'yes' : undefined,
    ...changes,
  };
  for (const [key, value] of Object.entries(values)) if (value) query.set(key, value);
  return `/dashboard/work?${query}`;
}

export function caseListPage(
  session: { user: DashboardUser; csrfToken: string },
  input: CaseListPageInput,
): Html {
  const { user } = session;
  return page({
    title: '案件',
    user,
    csrfToken: session.csrfToken,
    active: 'work',
    body: html`<h1>案件 <span class="muted">${
      input.view === 'mine'
        ? '指派给我的案件，按下一期限排序，超期在前'
        : user.role === 'mediator'
          ? '指派给我的案件'
          : '本中心受理的案件'
    }</span></h1>
${noticeBanner(input.notice)}
${bookingsSection(input.bookings)}
<nav class="tabs" aria-label="案件分类">${viewsFor(user).map(
      (view) =>
        html`<a href="${listHref(input, { view, cursor: undefined })}"${
          view === input.view ? html` class="active" aria-current="page"` : ''
        }>${caseListViews[view].label}</a>`,
    )}</nav>
<form method="get" action="/dashboard/work" class="inline filters" role="search" aria-label="筛选案件">
  <input type="hidden" name="view" value="${input.view}">
  <label for="q">关键词</label>
  <input type="text" id="q" name="q" value="${input.q}" placeholder="当事人姓名或案情" maxlength="50">
  ${
    user.unitId
      ? html`<label class="check"><input type="checkbox" name="unit" value="mine"${input.unitOnly ? ' checked' : ''}> 仅本单位</label>`
      : ''
  }
  <label class="check"><input type="checkbox" name="overdue" value="yes"${input.overdueOnly ? ' checked' : ''}> 仅超期</label>
  <button type="submit" class="secondary">筛选</button>
  ${user.role !== 'mediator' ? html`<a class="button" href="/dashboard/work/register">登记纠纷</a>` : ''}
  <a href="/dashboard/work/search">按证件号码、电话精确查找</a>
</form>
<table>
  <thead><tr><th>案件编号</th><th>阶段</th><th>当事人</th><th>案情</th><th>来源</th><th>类别</th><th>承办单位</th><th>调解员</th><th>下一期限</th><th>登记时间</th></tr></thead>
  <tbody>${
    input.items.length === 0
      ? html`<tr><td colspan="10" class="muted">没有符合条件的案件。</td></tr>`
      : input.items.map(
          (item) => html`<tr>
  <td><a href="/dashboard/work/cases/${item.caseNumber}">${item.caseNumber}</a></td>
  <td><span class="tag">${label(stageLabelsZh, item.stage)}</span>${item.overdue ? html` <span class="tag red">超期</span>` : ''}${item.greenChannel ? html` ${greenChannelBadge}` : ''}</td>
  <td>${partiesCell(item.parties.map((party) => ({ name: party.name, maskedIdNumber: party.idNumber })))}</td>
  <td>${item.summary.length > 40 ? `${item.summary.slice(0, 40)}…` : item.summary}</td>
  <td>${label(caseSourceLabelsZh, item.source)}</td>
  <td>${label(disputeCategoryLabelsZh, item.category)}${item.triageClass ? html`<div class="muted">${label(triageClassLabelsZh, item.triageClass)}</div>` : ''}</td>
  <td>${input.names.unit(item.unitId) ?? '—'}</td>
  <td>${input.names.user(item.assigneeId) ?? html`<span class="muted">未指派</span>`}</td>
  <td class="num${item.overdue ? ' late' : ''}">${chinaDateTime(item.nextDueAt)}</td>
  <td class="num">${chinaDateTime(item.registeredAt)}</td>
</tr>`,
        )
  }</tbody>
</table>
${
  input.nextCursor
    ? html`<p class="pager"><a class="button" href="${listHref(input, { cursor: input.nextCursor })}">下一页</a></p>`
    : ''
}`,
  });
}
