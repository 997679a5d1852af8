import { html } from 'hono/html';
import { consentObtainedByZh, referralCarriesConsent } from '../../domain/mediation-consent.js';
import type { CaseResponse } from '../../use-cases/cases/case-response.js';
import { chinaDateTime, type Html } from '../dashboard/layout.js';
import type { FieldErrors } from './form-values.js';

/**
 * 调解意愿: who applied for or agreed to mediation and when it was recorded; for a case registered
 * without it, before mediation starts, a form to record it (a mediator cannot accept the case until then).
 */
export function consentSection(input: {
  view: CaseResponse;
  csrfToken: string;
  /** Whether the caller may record it: desk staff, supervisors, or the case's own mediator. */
  mayRecord: boolean;
  errors?: FieldErrors | undefined;
}): Html {
  const { view } = input;
  const consent = view.mediationConsent;
  if (consent)
    return html`<p id="mediation-consent">调解意愿：${consent.givenBy.join('、')} 申请/同意调解（${chinaDateTime(
      consent.recordedAt,
    )}${consent.recordedBy ? ' 补登' : ' 登记时记录'}）</p>`;
  const referrer = view.referral?.kind;
  if (referralCarriesConsent(referrer))
    return html`<p id="mediation-consent">调解意愿：随${consentObtainedByZh[referrer]}移送取得当事人同意</p>`;
  const open = view.stage === 'intake' || view.stage === 'divert';
  const warning = html`<div class="notice error" id="mediation-consent">尚未登记当事人申请或同意调解，调解员不能接受指派。</div>`;
  if (!open || !input.mayRecord) return warning;
  const error = input.errors?.givenBy;
  return html`${warning}
<form method="post" action="/dashboard/work/cases/${view.caseNumber}/mediation-consent" aria-label="登记调解意愿" class="consent">
  <input type="hidden" name="_csrf" value="${input.csrfToken}">
  <div class="field${error ? ' invalid' : ''}"><span>申请/同意调解的当事人</span><div>${view.parties.map(
    (party, index) =>
      html`<label class="check"><input type="checkbox" name="party-${index}" value="yes"> ${party.name}</label> `,
  )}${error ? html`<div class="field-error" id="consent-givenBy-error" role="alert">${error}</div>` : ''}</div></div>
  <div class="field"><span></span><div><button type="submit" class="primary">登记调解意愿</button></div></div>
</form>`;
}

/** The names of the parties ticked on the form, by their position in the case. */
export function tickedParties(view: CaseResponse, values: Record<string, string>): string[] {
  return view.parties.filter((_party, index) => values[`party-${index}`] === 'yes').map((p) => p.name);
}
