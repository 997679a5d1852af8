import { html } from 'hono/html';
import { caseEventLabelZh } from '../../domain/case-event-types.js';
import { deadlineKindLabelZh } from '../../domain/deadline-kinds.js';
import { stageLabelsZh } from '../../domain/stages.js';
import {
  caseSourceLabelsZh,
  dispositionLabelsZh,
  disputeCategoryLabelsZh,
  triageClassLabelsZh,
} from '../../domain/vocabulary.js';
import type { CaseTimeline } from '../../use-cases/supervision/read-case-timeline.js';
import type { DashboardUser } from '../shared/session.js';
import { deadlineTable } from './deadline-table.js';
import { chinaDateTime, type Html, noticeBanner, page, yuanText } from './layout.js';

const label = (labels: Record<string, string>, key: unknown) =>
  typeof key === 'string' ? (labels[key] ?? key) : '';

/** One line of detail for an event, from its payload. */
export function describeEvent(event: CaseTimeline['events'][number]): string {
  const payload = event.payload;
  const text = (key: string) => (typeof payload[key] === 'string' ? (payload[key] as string) : '');
  switch (event.type) {
    case 'supervision_issued':
      return `督办意见：${text('note')}；请于${text('explainBy')}前说明情况`;
    case 'supervision_explained':
      return `反馈：${text('explanation')}`;
    case 'triaged':
      return `${label(triageClassLabelsZh, payload.triageClass)}，${label(disputeCategoryLabelsZh, payload.category)}${
        payload.greenChannel === true ? '，适用涉企绿色通道化解期限' : ''
      }`;
    case 'green_channel_flagged':
      return `企业：${text('enterpriseName')}（${text('creditCode')}）`;
    case 'assigned':
    case 'reassigned':
      return `调解员：${event.mediatorName ?? '—'}`;
    case 'settled':
      return `协议金额 ${yuanText(typeof payload.amountFen === 'number' ? payload.amountFen : null)} 元`;
    case 'failed':
      return text('reasons');
    case 'withdrawn':
    case 'terminated':
    case 'rejected':
      return text('reason');
    case 'session_recorded':
      return payload.onSite === true
        ? `现场调解（${text('location')}）：${text('summary')}`
        : text('summary');
    case 'deadline_overdue':
    case 'deadline_reminder':
    case 'deadline_recomputed':
      return deadlineKindLabelZh(text('kind'));
    case 'imported':
      return `历史台账第${String(payload.row ?? '')}行，原编号 ${text('ledgerNumber')}`;
    default:
      return '';
  }
}

export function actorText(event: CaseTimeline['events'][number]): string {
  if (event.actorName) return event.actorName;
  if (event.actorKind === 'system') return '系统';
  if (event.actorKind === 'institution') return '对接机构';
  return '—';
}

export function casePage(
  session: { user: DashboardUser; csrfToken: string },
  timeline: CaseTimeline,
  notice: string | undefined,
): Html {
  const view = timeline.view;
  const imported = timeline.origin === 'import';
  return page({
    title: `案件 ${timeline.caseNumber}`,
    user: session.user,
    csrfToken: session.csrfToken,
    active: 'overdue',
    body: html`<h1>案件 ${timeline.caseNumber} <span class="tag">${label(stageLabelsZh, timeline.stage)}</span>${
      view.overdue ? html` <span class="tag red">超期</span>` : ''
    }${imported ? html` <span class="tag green">历史台账导入</span>` : ''}${
      view.greenChannel ? html` <span class="tag green">绿色通道</span>` : ''
    }</h1>
${noticeBanner(notice)}
<table>
  <tbody>
    <tr><th>案情</th><td colspan="3">${view.summary}</td></tr>
    <tr><th>来源</th><td>${label(caseSourceLabelsZh, view.source)}</td><th>纠纷类别</th><td>${label(disputeCategoryLabelsZh, view.category) || '未分类'}（${label(triageClassLabelsZh, view.triageClass) || '未分级'}）</td></tr>
    <tr><th>承办单位</th><td>${timeline.unitName ?? '—'}</td><th>调解员</th><td>${timeline.assigneeName ?? (imported ? String(view.imported?.mediatorName ?? '—') : '未指派')}</td></tr>
    <tr><th>登记时间</th><td>${chinaDateTime(view.registeredAt)}</td><th>处理结果</th><td>${view.disposition ? label(dispositionLabelsZh, view.disposition) : '办理中'}${
      view.amountFen !== null ? `，协议金额 ${yuanText(view.amountFen)} 元` : ''
    }</td></tr>
    <tr><th>当事人</th><td colspan="3">${view.parties.map((party) => party.name).join('、')}</td></tr>
  </tbody>
</table>

<h2>期限</h2>
${deadlineTable(timeline.deadlines)}

<h2>督办</h2>
<table>
  <thead><tr><th>督办时间</th><th>督办人</th><th>督办意见</th><th>说明期限</th><th>承办人反馈</th></tr></thead>
  <tbody>${
    timeline.orders.length === 0
      ? html`<tr><td colspan="5" class="muted">尚未督办。</td></tr>`
      : timeline.orders.map(
          (order) => html`<tr>
  <td>${chinaDateTime(order.issuedAt)}</td>
  <td>${order.issuedByName ?? '—'}</td>
  <td>${order.note}</td>
  <td>${chinaDateTime(order.explainBy).slice(0, 10)}前（${order.assigneeName ?? '—'}）</td>
  <td>${order.explanation ? html`${order.explanation}<div class="muted">${chinaDateTime(order.explainedAt)}</div>` : html`<span class="tag">待反馈</span>`}</td>
</tr>`,
        )
  }</tbody>
</table>

<h2>办理经过</h2>
<ol class="timeline">${timeline.events.map(
      (event) => html`<li>
  <span class="when">${chinaDateTime(event.at)}</span>
  <span class="what">${caseEventLabelZh(event.type)}</span>
  <span class="who muted">${actorText(event)}</span>
  <span>${describeEvent(event)}</span>
</li>`,
    )}</ol>`,
  });
}
