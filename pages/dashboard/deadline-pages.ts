import { html } from 'hono/html';
import { addDays } from '../../domain/dates.js';
import { deadlineKindLabelZh } from '../../domain/deadline-kinds.js';
import type { IntakeBacklog, Mediator } from '../../use-cases/supervision/dashboard-queries.js';
import { deadlineFamilyLabelsZh, deadlineKindFilters } from '../../use-cases/supervision/deadline-filters.js';
import type { DeadlinePage, SupervisedDeadline } from '../../use-cases/supervision/list-deadlines.js';
import type { ServedCounts } from '../../use-cases/supervision/serve-counts.js';
import type { DashboardUser } from '../shared/session.js';
import { chinaDateTime, type Html, noticeBanner, page } from './layout.js';

interface Session {
  user: DashboardUser;
  csrfToken: string;
}

/** The two actions a supervisor takes on a late case: a 督办 order, and reassigning it. */
function actionForms(
  item: SupervisedDeadline,
  mediators: Mediator[],
  session: Session,
  today: string,
  back: string,
): Html {
  const caseNumber = item.caseNumber;
  const orderForm = item.openSupervisionOrder
    ? html`<span class="tag">督办待反馈（${chinaDateTime(item.openSupervisionOrder.explainBy).slice(0, 10)}前）</span>`
    : item.assignee
      ? html`<form class="inline" method="post" action="/dashboard/cases/${caseNumber}/orders" aria-label="督办 ${caseNumber}">
  <input type="hidden" name="_csrf" value="${session.csrfToken}">
  <input type="hidden" name="back" value="${back}">
  <input type="text" name="note" required maxlength="2000" size="22" placeholder="督办意见" value="${
    item.lateSeconds > 0 ? '案件已超期，请说明原因及办理计划' : '案件即将到期，请说明进展及办理计划'
  }" aria-label="督办意见">
  <input type="date" name="explainBy" required min="${addDays(today, 1)}" value="${addDays(today, 3)}" aria-label="说明期限">
  <button type="submit" class="primary">发出督办</button>
</form>`
      : html`<span class="muted">未指派，无法督办</span>`;
  const others = mediators.filter((mediator) => mediator.id !== item.assignee?.id);
  const reassignForm =
    others.length > 0 && (item.stage === 'divert' || item.stage === 'resolve')
      ? html`<form class="inline" method="post" action="/dashboard/cases/${caseNumber}/assign" aria-label="改派 ${caseNumber}">
  <input type="hidden" name="_csrf" value="${session.csrfToken}">
  <input type="hidden" name="back" value="${back}">
  <select name="mediatorId" required aria-label="改派给"><option value="" selected>改派给…</option>${others.map(
    (mediator) =>
      html`<option value="${mediator.id}">${mediator.displayName}${mediator.unitName ? `（${mediator.unitName}）` : ''}</option>`,
  )}</select>
  <button type="submit" class="secondary">改派</button>
</form>`
      : '';
  return html`${orderForm}${reassignForm}`;
}

function deadlineRows(
  items: SupervisedDeadline[],
  mediators: Mediator[],
  session: Session,
  today: string,
  back: string,
): Html {
  if (items.length === 0) return html`<tr><td colspan="8" class="muted">没有符合条件的案件。</td></tr>`;
  return html`${items.map(
    (item) => html`<tr>
  <td><a href="/dashboard/cases/${item.caseNumber}">${item.caseNumber}</a><div class="muted">${item.stageZh} · ${item.sourceZh}</div></td>
  <td>${item.summary}</td>
  <td>${item.unit?.name ?? '—'}</td>
  <td>${item.assignee?.displayName ?? '未指派'}</td>
  <td>${item.kindZh}<div class="muted">${item.explanation.summaryZh}</div></td>
  <td class="num">${chinaDateTime(item.dueAt)}</td>
  <td class="${item.lateSeconds > 0 ? 'late' : ''}">${item.lateZh}</td>
  <td>${actionForms(item, mediators, session, today, back)}</td>
</tr>`,
  )}`;
}

interface DeadlineListView {
  which: 'overdue' | 'at-risk';
  page: DeadlinePage;
  mediators: Mediator[];
  kind: string | undefined;
  notice: string | undefined;
  today: string;
}

export function deadlineListPage(session: Session, view: DeadlineListView): Html {
  const title = view.which === 'overdue' ? '超期案件' : '即将到期案件';
  const base = `/dashboard/${view.which}`;
  const back = view.kind ? `${base}?kind=${encodeURIComponent(view.kind)}` : base;
  const next = view.page.nextCursor
    ? `${base}?${new URLSearchParams({ ...(view.kind ? { kind: view.kind } : {}), cursor: view.page.nextCursor })}`
    : null;
  return page({
    title,
    user: session.user,
    csrfToken: session.csrfToken,
    active: view.which,
    body: html`<h1>${title}</h1>
${noticeBanner(view.notice)}
<form class="inline" method="get" action="${base}">
  <label>期限类型 <select name="kind"><option value="">全部</option>${deadlineKindFilters.map(
    (kind) =>
      html`<option value="${kind}" ${kind === view.kind ? 'selected' : ''}>${deadlineFamilyLabelsZh[kind] ?? deadlineKindLabelZh(kind)}</option>`,
  )}</select></label>
  <button type="submit" class="secondary">筛选</button>
  <span class="muted">统计时点：${chinaDateTime(view.page.asOf)}</span>
</form>
<table>
  <thead><tr><th>案件编号</th><th>案情</th><th>承办单位</th><th>调解员</th><th>期限</th><th class="num">到期时间</th><th>${view.which === 'overdue' ? '超期' : '剩余'}</th><th>督办 / 改派</th></tr></thead>
  <tbody>${deadlineRows(view.page.items, view.mediators, session, view.today, back)}</tbody>
</table>
${next ? html`<p class="pager"><a href="${next}">下一页 →</a></p>` : ''}`,
  });
}

export function overviewPage(
  session: Session,
  view: {
    counts: ServedCounts;
    overdue: DeadlinePage;
    openOrders: number;
    backlog: IntakeBacklog;
    today: string;
  },
): Html {
  const { totals } = view.counts;
  return page({
    title: '总览',
    user: session.user,
    csrfToken: session.csrfToken,
    active: 'overview',
    body: html`<h1>今日总览 <span class="muted">${view.today}</span></h1>
<p class="muted">超期与即将到期数量统计时点：${chinaDateTime(view.counts.asOf)}${view.counts.fromSnapshot ? '（范围较大，每 15 秒重新统计；下方列表为实时数据）' : ''}</p>
<div class="cards">
  <div class="card alert"><div class="label">超期案件</div><div class="value">${totals.overdueCases}</div><div class="muted">超期期限 ${totals.overdueDeadlines} 项</div></div>
  <div class="card warn"><div class="label">即将到期案件</div><div class="value">${totals.atRiskCases}</div><div class="muted">两日内到期或已用时八成 ${totals.atRiskDeadlines} 项</div></div>
  <div class="card"><div class="label">督办待反馈</div><div class="value">${view.openOrders}</div></div>
  <div class="card${view.backlog.unassigned > 0 ? ' warn' : ''}"><div class="label">待指派调解员</div><div class="value">${view.backlog.unassigned}</div><div class="muted"><a href="/dashboard/work?view=divert">到业务系统分流</a></div></div>
  <div class="card${view.backlog.awaitingSignature > 0 ? ' warn' : ''}"><div class="label">法院委派待签收</div><div class="value">${view.backlog.awaitingSignature}</div><div class="muted">签收后开始计算调解期限</div></div>
</div>
<h2>各单位超期与即将到期</h2>
<table>
  <thead><tr><th>承办单位</th><th class="num">超期案件</th><th class="num">超期期限</th><th class="num">即将到期案件</th><th class="num">即将到期期限</th></tr></thead>
  <tbody>${
    view.counts.byUnit.length === 0
      ? html`<tr><td colspan="5" class="muted">各单位均无超期或即将到期的案件。</td></tr>`
      : view.counts.byUnit.map(
          (unit) =>
            html`<tr><td>${unit.unitName ?? '未分配单位'}</td><td class="num late">${unit.overdueCases}</td><td class="num">${unit.overdueDeadlines}</td><td class="num">${unit.atRiskCases}</td><td class="num">${unit.atRiskDeadlines}</td></tr>`,
        )
  }</tbody>
</table>
<h2>各调解员</h2>
<table>
  <thead><tr><th>调解员</th><th class="num">超期案件</th><th class="num">即将到期案件</th></tr></thead>
  <tbody>${view.counts.byAssignee.map(
    (row) =>
      html`<tr><td>${row.displayName ?? '未指派'}</td><td class="num late">${row.overdueCases}</td><td class="num">${row.atRiskCases}</td></tr>`,
  )}</tbody>
</table>
<h2>最久超期 <a class="muted" href="/dashboard/overdue">查看全部并督办 →</a></h2>
<table>
  <thead><tr><th>案件编号</th><th>案情</th><th>承办单位</th><th>调解员</th><th>期限</th><th>超期</th></tr></thead>
  <tbody>${
    view.overdue.items.length === 0
      ? html`<tr><td colspan="6" class="muted">没有超期案件。</td></tr>`
      : view.overdue.items.map(
          (item) =>
            html`<tr><td><a href="/dashboard/cases/${item.caseNumber}">${item.caseNumber}</a></td><td>${item.summary}</td><td>${item.unit?.name ?? '—'}</td><td>${item.assignee?.displayName ?? '未指派'}</td><td>${item.kindZh}</td><td class="late">${item.lateZh}</td></tr>`,
        )
  }</tbody>
</table>`,
  });
}
