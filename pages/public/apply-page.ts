import { html } from 'hono/html';
import {
  disputeCategoryLabelsZh,
  mediationLanguageLabelsZh,
  mediatorQualificationLabelsZh,
} from '../../domain/vocabulary.js';
import type { DirectoryMediator } from '../../use-cases/directory/list-directory-mediators.js';
import type { PublicUnit } from '../../use-cases/public/public-directory.js';
import type { Html } from '../dashboard/layout.js';
import { checkboxField, optionsOf, selectField, textArea, textField } from '../workbench/fields.js';
import type { FieldErrors, FormValues } from '../workbench/form-values.js';
import { publicPage } from './layout.js';

export interface ApplyPageInput {
  largeText: boolean;
  csrfToken: string;
  values: FormValues;
  errors: FieldErrors;
  units: PublicUnit[];
  mediators: DirectoryMediator[];
  problem?: string | undefined;
}

/** One mediator of the 调解超市 as a choice: photo placeholder, qualifications, specialties, figures. */
function mediatorChoice(mediator: DirectoryMediator, chosen: string): Html {
  const id = `mediator-${mediator.id}`;
  const qualifications = mediator.qualifications.map((q) => mediatorQualificationLabelsZh[q]).join('、');
  const specialties = mediator.specialties.map((c) => disputeCategoryLabelsZh[c]).join('、');
  const languages = mediator.languages.map((l) => mediationLanguageLabelsZh[l]).join('、');
  return html`<label class="choice" for="${id}">
  <input type="radio" id="${id}" name="preferredMediatorId" value="${mediator.id}"${chosen === mediator.id ? ' checked' : ''}>
  <span class="photo" aria-hidden="true">${mediator.displayName.slice(0, 1)}</span>
  <span><strong>${mediator.displayName}</strong> <span class="muted">${mediator.unitName ?? ''}</span><br>
  <span class="muted">${qualifications || '调解员'}${languages ? `；${languages}` : ''}</span><br>
  擅长：${specialties || '—'}<br>
  <span class="muted">调解成功 ${mediator.settledCases} 件 · 在办 ${mediator.openCases} 件 · 当事人评价 ${
    mediator.partyRating === null ? '暂无' : `${mediator.partyRating}/5（${mediator.partyRatings}人）`
  }</span></span>
</label>`;
}

export function applyPage(input: ApplyPageInput): Html {
  const context = { form: 'apply', values: input.values, errors: input.errors };
  const chosen = input.values.preferredMediatorId ?? '';
  const mediatorError = input.errors.preferredMediatorId;
  return publicPage({
    title: '申请调解',
    largeText: input.largeText,
    csrfToken: input.csrfToken,
    here: '/my/apply',
    body: html`<h1>申请调解</h1>
${input.problem ? html`<div class="notice error" role="alert">${input.problem}</div>` : ''}
<form method="post" action="/my/apply" aria-label="申请调解" novalidate>
  <input type="hidden" name="_csrf" value="${input.csrfToken}">
  <input type="hidden" name="formToken" value="${input.values.formToken ?? ''}">
  <div class="card">
    <h2>您的信息</h2>
    ${textField(context, 'applicantName', '您的姓名', { maxLength: 100 })}
    <p class="muted">联系电话为您登录的手机号。</p>
  </div>
  <div class="card">
    <h2>纠纷情况</h2>
    ${selectField(context, 'category', '纠纷类型', optionsOf(disputeCategoryLabelsZh))}
    ${textArea(context, 'facts', '发生了什么', { rows: 5, hint: '时间、地点、经过，最多2000字' })}
    ${textArea(context, 'request', '您的请求', { rows: 3, hint: '希望对方怎么做，例如赔偿、修复、道歉' })}
    ${textField(context, 'claimAmount', '涉及金额（元）', { hint: '没有可不填', maxLength: 20 })}
  </div>
  <div class="card">
    <h2>对方当事人</h2>
    ${selectField(
      context,
      'respondentKind',
      '对方是',
      [
        { value: 'person', label: '个人' },
        { value: 'organisation', label: '单位（公司、机构）' },
      ],
      { placeholder: '请选择' },
    )}
    ${textField(context, 'respondentName', '对方姓名或单位名称', { maxLength: 200 })}
    ${textField(context, 'respondentPhone', '对方电话（知道的话）', { type: 'tel', maxLength: 20 })}
  </div>
  <div class="card">
    <h2>调解机构和调解员</h2>
    ${selectField(
      context,
      'unitId',
      '申请的调解机构',
      input.units.map((unit) => ({ value: unit.id, label: unit.name })),
      { placeholder: '由中心安排' },
    )}
    <fieldset${mediatorError ? html` aria-describedby="apply-preferredMediatorId-error"` : ''}>
      <legend>选择调解员（调解超市，可不选）</legend>
      <label class="choice" for="mediator-none"><input type="radio" id="mediator-none" name="preferredMediatorId" value=""${
        chosen === '' ? ' checked' : ''
      }> <span>不指定，由中心安排</span></label>
      ${input.mediators.map((mediator) => mediatorChoice(mediator, chosen))}
      ${mediatorError ? html`<div class="field-error" id="apply-preferredMediatorId-error" role="alert">${mediatorError}</div>` : ''}
    </fieldset>
  </div>
  <div class="card">
    ${checkboxField(context, 'consent', '我自愿申请人民调解，知道调解不收费、可以随时终止调解，并同意中心为调解联系对方当事人')}
  </div>
  <button class="primary" type="submit">提交申请</button>
</form>`,
  });
}
