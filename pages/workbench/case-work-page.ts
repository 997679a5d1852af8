import { html } from 'hono/html';
import { caseEventLabelZh } from '../../domain/case-event-types.js';
import { type Stage, stageLabelsZh, stages } from '../../domain/stages.js';
import {
  caseSourceLabelsZh,
  dispositionLabelsZh,
  disputeCategoryLabelsZh,
  triageClassLabelsZh,
} from '../../domain/vocabulary.js';
import type { CaseResponse } from '../../use-cases/cases/case-response.js';
import type { CaseTimeline } from '../../use-cases/supervision/read-case-timeline.js';
import { actorText, describeEvent } from '../dashboard/case-page.js';
import { deadlineTable } from '../dashboard/deadline-table.js';
import { chinaDateTime, type Html, noticeBanner, page, yuanText } from '../dashboard/layout.js';
import type { DashboardUser } from '../shared/session.js';
import { type ActionFormsInput, actionForms } from './action-forms.js';
import { greenChannelBadge } from './green-channel-section.js';

const label = (labels: Record<string, string>, key: unknown) =>
  typeof key === 'string' ? (labels[key] ?? key) : '';

const partyRoleLabelsZh: Record<string, string> = {
  applicant: '申请人',
  respondent: '被申请人',
  agent: '代理人',
  third_party: '第三人',
};

export interface CaseWorkPageInput {
  response: CaseResponse;
  timeline: CaseTimeline;
  forms: Omit<ActionFormsInput, 'caseNumber' | 'category' | 'allowed' | 'csrfToken'>;
  notice: string | undefined;
  /** A refusal to show above the actions, in Chinese (never text from the request). */
  problem?: string | undefined;
  /** 调解意愿: recorded, brought by a referral, or missing with a form to record it. */
  consent?: Html | undefined;
  /** The public channel's part: the applicant's chosen mediator, messages, bookings and slots. */
  publicChannel?: Html | undefined;
  /** 涉企绿色通道: the flag, or the buttons to flag the case for an enterprise among its parties. */
  greenChannel?: Html | string | undefined;
}

/** 接案 → 分流 → 化解 → 联动 → 处置 → 归档, the current stage marked. */
function stageTrail(current: Stage): Html {
  const at = stages.indexOf(current);
  return html`<ol class="stages" aria-label="办理阶段">${stages.map(
    (stage, index) =>
      html`<li class="${index < at ? 'done' : index === at ? 'current' : ''}"${
        index === at ? html` aria-current="step"` : ''
      }>${stageLabelsZh[stage]}</li>`,
  )}</ol>`;
}

export function caseWorkPage(
  session: { user: DashboardUser; csrfToken: string },
  input: CaseWorkPageInput,
): Html {
  const { response: view, timeline } = input;
  return page({
    title: `案件 ${view.caseNumber}`,
    user: session.user,
    csrfToken: session.csrfToken,
    active: 'work',
    body: html`<h1>案件 ${view.caseNumber} <span class="tag" id="current-stage">${label(stageLabelsZh, view.stage)}</span>${
      view.overdue ? html` <span class="tag red">超期</span>` : ''
    }${view.greenChannel ? html` ${greenChannelBadge}` : ''}</h1>
${stageTrail(view.stage)}
${noticeBanner(input.notice)}
${input.problem ? html`<div class="notice error" role="alert">${input.problem}</div>` : ''}
<table>
  <tbody>
    <tr><th>案情</th><td colspan="3" class="summary">${view.summary}</td></tr>
    <tr><th>来源</th><td>${label(caseSourceLabelsZh, view.source)}</td><th>纠纷类别</th><td>${label(disputeCategoryLabelsZh, view.category) || '未分类'}（${label(triageClassLabelsZh, view.triageClass) || '未分级'}）</td></tr>
    <tr><th>承办单位</th><td>${timeline.unitName ?? '—'}</td><th>调解员</th><td>${timeline.assigneeName ?? '未指派'}</td></tr>
    <tr><th>登记时间</th><td>${chinaDateTime(view.registeredAt)}</td><th>标的额</th><td>${
      view.claimAmountFen === null || view.claimAmountFen === undefined
        ? '未填写'
        : `${yuanText(view.claimAmountFen)} 元`
    }</td></tr>
    <tr><th>处理结果</th><td>${view.disposition ? label(dispositionLabelsZh, view.disposition) : '办理中'}${
      view.amountFen !== null ? `，协议金额 ${yuanText(view.amountFen)} 元` : ''
    }</td><th>调解次数</th><td>${view.sessions}</td></tr>
  </tbody>
</table>
${input.consent ?? ''}
${input.greenChannel ?? ''}

<h2>当事人</h2>
<table>
  <thead><tr><th>身份</th><th>姓名或名称</th><th>证件号码</th><th>电话</th><th>地址</th></tr></thead>
  <tbody>${view.parties.map(
    (party) => html`<tr>
  <td>${label(partyRoleLabelsZh, party.role)}${party.kind === 'organisation' ? html`<div class="muted">单位</div>` : ''}</td>
  <td>${party.name}</td>
  <td>${party.idNumber ?? '—'}</td>
  <td>${party.phone ?? '—'}</td>
  <td>${party.address ?? '—'}</td>
</tr>`,
  )}</tbody>
</table>
${input.publicChannel ?? ''}

<h2>办理</h2>
${actionForms({
  ...input.forms,
  caseNumber: view.caseNumber,
  category: view.category,
  allowed: view.allowedTransitions,
  csrfToken: session.csrfToken,
})}

<h2>期限</h2>
${deadlineTable(timeline.deadlines)}
${
  view.extensions.length
    ? html`<h2>延期申请</h2><table><thead><tr><th>申请时间</th><th class="num">天数</th><th>理由</th><th>双方同意</th><th>审批</th></tr></thead><tbody>${view.extensions.map(
        (extension) =>
          html`<tr><td>${chinaDateTime(extension.requestedAt)}</td><td class="num">${extension.days}</td><td>${extension.reason}</td><td>${extension.partiesConsent ? '是' : '否'}</td><td>${
            extension.decision
              ? extension.decision.approve
                ? '已同意'
                : '未同意'
              : html`<span class="tag">待审批</span>`
          }</td></tr>`,
      )}</tbody></table>`
    : ''
}

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
