import { html } from 'hono/html';
import { stageLabelsZh } from '../../domain/stages.js';
import type { PossibleDuplicate } from '../../use-cases/cases/find-possible-duplicates.js';
import { chinaDateTime, type Html, page } from '../dashboard/layout.js';
import type { DashboardUser } from '../shared/session.js';
import { type FieldContext, textField } from './fields.js';
import type { FieldErrors, FormValues } from './form-values.js';
import { partiesCell } from './party-names.js';

/**
 * The exact search by ID number, credit code or phone: a POST form, so the number stays out of the
 * address bar, the history and the access log; the answer is a page, not a redirect.
 */
export function numberSearchForm(csrfToken: string, values: FormValues = {}, errors: FieldErrors = {}): Html {
  const context: FieldContext = { form: 'search', values, errors };
  return html`<form method="post" action="/dashboard/work/search" class="search" role="search" aria-label="按号码查找">
  <input type="hidden" name="_csrf" value="${csrfToken}">
  ${textField(context, 'number', '证件号码或电话', { placeholder: '身份证号码、统一社会信用代码、电话或案件编号', maxLength: 40 })}
  <div class="field"><span></span><div><button type="submit" class="secondary">精确查找</button></div></div>
</form>`;
}

export function searchResultsPage(
  session: { user: DashboardUser; csrfToken: string },
  input: { values: FormValues; errors: FieldErrors; results: PossibleDuplicate[] | undefined },
): Html {
  return page({
    title: '按号码查找',
    ...session,
    active: 'work',
    body: html`<h1>按号码查找 <span class="muted">精确匹配当事人的证件号码或电话，仅显示您有权查看的案件</span></h1>
${numberSearchForm(session.csrfToken, input.values, input.errors)}
${
  input.results === undefined
    ? ''
    : html`<table>
  <thead><tr><th>案件编号</th><th>阶段</th><th>当事人</th><th>匹配</th><th>登记时间</th></tr></thead>
  <tbody>${
    input.results.length === 0
      ? html`<tr><td colspan="5" class="muted">没有找到当事人使用该号码的案件。</td></tr>`
      : input.results.map(
          (result) => html`<tr>
  <td><a href="/dashboard/work/cases/${result.caseNumber}">${result.caseNumber}</a></td>
  <td><span class="tag">${stageLabelsZh[result.stage]}</span></td>
  <td>${partiesCell(result.parties)}</td>
  <td>${result.matches.some((m) => m.on === 'idNumber') ? '证件号码' : '电话'}</td>
  <td class="num">${chinaDateTime(result.registeredAt)}</td>
</tr>`,
        )
  }</tbody>
</table>`
}`,
  });
}
