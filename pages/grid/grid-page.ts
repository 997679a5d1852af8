import { html } from 'hono/html';
import { leadRiskLevelLabelsZh, leadRiskLevels } from '../../domain/screening-vocabulary.js';
import { disputeCategoryLabelsZh } from '../../domain/vocabulary.js';
import type { GridLead } from '../../use-cases/screening/lead-response.js';
import { chinaDateTime, type Html } from '../dashboard/layout.js';
import type { DashboardUser } from '../shared/session.js';
import { type FieldContext, optionsOf, selectField, textArea, textField } from '../workbench/fields.js';
import type { FieldErrors, FormValues } from '../workbench/form-values.js';
import { gridPage } from './layout.js';
import { personRows } from './lead-form-input.js';

export interface GridPageData {
  values: FormValues;
  errors: FieldErrors;
  /** The grid's latest leads (phone numbers masked). */
  leads: GridLead[];
  /** 'reported': the last report went in. */
  notice?: 'reported' | undefined;
  /** A refusal not about one field, in Chinese. */
  problem?: string | undefined;
}

function riskChoice(context: FieldContext): Html {
  const error = context.errors.riskLevel;
  const chosen = context.values.riskLevel ?? '';
  return html`<fieldset class="field${error ? ' invalid' : ''}"${
    error ? html` aria-invalid="true" aria-describedby="lead-riskLevel-error"` : ''
  }>
  <legend>风险等级</legend>
  <div class="risk">${leadRiskLevels.map(
    (level) =>
      html`<label class="risk-${level}"><input type="radio" name="riskLevel" value="${level}"${
        level === chosen ? ' checked' : ''
      }> ${leadRiskLevelLabelsZh[level]}</label>`,
  )}</div>
  ${error ? html`<div class="field-error" id="lead-riskLevel-error" role="alert">${error}</div>` : ''}
  <p class="muted">重大：可能引发群体性事件、极端事件或“民转刑”的，请同时电话报告。</p>
</fieldset>`;
}

function peopleFields(context: FieldContext): Html {
  const rows = Array.from({ length: personRows }, (_, index) => index + 1);
  return html`<fieldset>
  <legend>涉及人员</legend>
  ${rows.map(
    (row) => html`<div class="person">
    ${textField(context, `person${row}Name`, `姓名${row}`, { maxLength: 100 })}
    ${textField(context, `person${row}Phone`, '电话（可不填）', { type: 'tel', maxLength: 20 })}
  </div>`,
  )}
</fieldset>`;
}

function leadCard(lead: GridLead): Html {
  return html`<div class="card">
  <h3>${lead.place}</h3>
  <div><span class="tag ${lead.riskLevel}">风险${lead.riskLevelZh}</span><span class="tag">${lead.categoryZh}</span><span class="tag">${lead.statusZh}</span></div>
  <div class="muted">${lead.people.map((person) => (person.phone ? `${person.name}（${person.phone}）` : person.name)).join('、') || '未写明人员'} · ${chinaDateTime(lead.reportedAt)}</div>
  ${lead.caseNumber ? html`<div class="muted">已登记为案件 ${lead.caseNumber}</div>` : ''}
</div>`;
}

/** The grid worker's phone page: report a lead, then see the grid's latest leads and what became of them. */
export function gridWorkerPage(
  session: { user: DashboardUser; csrfToken: string },
  data: GridPageData,
): Html {
  const context: FieldContext = { form: 'lead', values: data.values, errors: data.errors };
  const invalid = Object.keys(data.errors).length > 0;
  return gridPage({
    title: '上报排查线索',
    ...session,
    body: html`<h1>上报排查线索</h1>
<p class="muted">${session.user.displayName}，发现矛盾纠纷或风险隐患请及时上报，调解站会尽快研判。</p>
${data.notice === 'reported' ? html`<div class="notice" role="status">线索已上报，调解站将尽快研判。</div>` : ''}
${invalid ? html`<div class="notice error" role="alert">请按提示修改标红的内容后再提交。</div>` : ''}
${data.problem ? html`<div class="notice error" role="alert">${data.problem}</div>` : ''}
<form method="post" action="/dashboard/grid/leads" novalidate>
  <input type="hidden" name="_csrf" value="${session.csrfToken}">
  <input type="hidden" name="formToken" value="${data.values.formToken ?? ''}">
  ${textField(context, 'place', '地点', { placeholder: '如：幸福村三组王家门前', maxLength: 200 })}
  ${peopleFields(context)}
  ${selectField(context, 'category', '纠纷类别', optionsOf(disputeCategoryLabelsZh))}
  ${riskChoice(context)}
  ${textArea(context, 'description', '情况描述', { rows: 5, hint: '起因、经过、现状，各方诉求' })}
  <button type="submit" class="primary">上报</button>
</form>
<h2>本网格最近的线索</h2>
${data.leads.length > 0 ? data.leads.map(leadCard) : html`<p class="muted">本网格还没有上报的线索。</p>`}`,
  });
}
