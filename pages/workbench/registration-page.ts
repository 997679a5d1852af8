import { html } from 'hono/html';
import { stageLabelsZh } from '../../domain/stages.js';
import { caseSourceLabelsZh, unitKindLabelsZh } from '../../domain/vocabulary.js';
import type { PossibleDuplicate } from '../../use-cases/cases/find-possible-duplicates.js';
import type { DirectoryMediator } from '../../use-cases/directory/list-directory-mediators.js';
import type { DirectoryUnit } from '../../use-cases/directory/list-directory-units.js';
import { chinaDateTime, type Html, page } from '../dashboard/layout.js';
import type { DashboardUser } from '../shared/session.js';
import { checkboxField, type FieldContext, selectField, textArea, textField } from './fields.js';
import type { FieldErrors, FormValues } from './form-values.js';
import { partiesCell } from './party-names.js';
import { formParties, intakeSources } from './registration-input.js';

export interface RegistrationPageInput {
  values: FormValues;
  errors: FieldErrors;
  units: DirectoryUnit[];
  /** The directory (调解超市) the parties may choose their mediator from. */
  mediators: DirectoryMediator[];
  duplicates: PossibleDuplicate[];
  problem?: string | undefined;
}

const unitKindZh = unitKindLabelsZh;

function partySection(context: FieldContext, party: (typeof formParties)[number]): Html {
  const name = (field: string) => `${party.prefix}${field}`;
  return html`<fieldset class="form-section">
  <legend><h2>${party.label}${party.required ? '' : html` <span class="muted">（可稍后补充）</span>`}</h2></legend>
  ${selectField(context, name('Kind'), '类型', [
    { value: 'person', label: '自然人' },
    { value: 'organisation', label: '法人或其他组织' },
  ])}
  ${textField(context, name('Name'), '姓名或名称', { maxLength: 200 })}
  ${textField(context, name('IdNumber'), '证件号码', { hint: '自然人填身份证号码，单位填统一社会信用代码', maxLength: 40 })}
  ${textField(context, name('Phone'), '电话', { type: 'tel', maxLength: 20 })}
  ${textField(context, name('Address'), '地址', { maxLength: 500 })}
  ${checkboxField(context, name('Consent'), party.required ? '申请人申请调解' : '被申请人同意调解')}
</fieldset>`;
}

function duplicateWarning(context: FieldContext, duplicates: PossibleDuplicate[]): Html {
  if (duplicates.length === 0) return html``;
  return html`<section class="duplicates" aria-label="可能重复的案件">
  <h2>可能重复登记</h2>
  <p>以下未结案件中有相同证件号码或电话的当事人。请先核对；确需另行登记的，请填写理由（理由将记入案件）。</p>
  <table><thead><tr><th>案件编号</th><th>阶段</th><th>当事人</th><th>相同之处</th><th>登记时间</th></tr></thead><tbody>${duplicates.map(
    (duplicate) => html`<tr>
  <td><a href="/dashboard/work/cases/${duplicate.caseNumber}">${duplicate.caseNumber}</a></td>
  <td>${stageLabelsZh[duplicate.stage]}</td>
  <td>${partiesCell(duplicate.parties)}</td>
  <td>${duplicate.matches.map((m) => `${m.partyName}的${m.on === 'idNumber' ? '证件号码' : '电话'}`).join('；')}</td>
  <td>${chinaDateTime(duplicate.registeredAt)}</td>
</tr>`,
  )}</tbody></table>
  ${textArea(context, 'duplicateReason', '仍要登记的理由', { rows: 2 })}
</section>`;
}

/** 登记纠纷: one page, no script; the token makes a double submission register one case. */
export function registrationPage(
  session: { user: DashboardUser; csrfToken: string },
  input: RegistrationPageInput,
): Html {
  const context: FieldContext = { form: 'register', values: input.values, errors: input.errors };
  return page({
    title: '登记纠纷',
    ...session,
    active: 'register',
    body: html`<h1>登记纠纷</h1>
${input.problem ? html`<div class="notice error" role="alert">${input.problem}</div>` : ''}
<form method="post" action="/dashboard/work/register" aria-label="登记纠纷">
  <input type="hidden" name="_csrf" value="${session.csrfToken}">
  <input type="hidden" name="formToken" value="${input.values.formToken ?? ''}">
  ${duplicateWarning(context, input.duplicates)}
  <section class="form-section">
    <h2>纠纷</h2>
    ${selectField(
      context,
      'source',
      '来源渠道',
      intakeSources.map((source) => ({ value: source, label: caseSourceLabelsZh[source] })),
    )}
    ${selectField(
      context,
      'unitId',
      '承办单位',
      input.units.map((unit) => ({ value: unit.id, label: `${unit.name}（${unitKindZh[unit.kind]}）` })),
    )}
    ${textArea(context, 'summary', '案情', { rows: 4, hint: '纠纷发生的经过、现状' })}
    ${textArea(context, 'request', '诉求', { rows: 2 })}
    ${textField(context, 'claimAmount', '标的额（元）', { placeholder: '不涉及金额可不填', maxLength: 20 })}
    ${selectField(
      context,
      'chosenMediatorId',
      '当事人选择的调解员',
      input.mediators.map((mediator) => ({
        value: mediator.id,
        label: `${mediator.displayName}（${mediator.unitName ?? '未分配单位'}）`,
      })),
      { placeholder: '未选择', hint: '当事人在调解超市中选定调解员的，在此记录；指派时预选' },
    )}
  </section>
  <div class="parties">${formParties.map((party) => partySection(context, party))}</div>
  <p><button type="submit" class="primary">登记</button> <span class="muted">登记后进入案件页面，继续分级、指派。</span></p>
</form>`,
  });
}
