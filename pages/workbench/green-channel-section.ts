import { html } from 'hono/html';
import { greenChannelLabelZh } from '../../domain/green-channel.js';
import type { CaseResponse } from '../../use-cases/cases/case-response.js';
import type { GreenChannelCandidate } from '../../use-cases/green-channel/green-channel-candidates.js';
import { chinaDateTime, type Html } from '../dashboard/layout.js';

/** The badge a green channel case carries on lists and on its page. */
export const greenChannelBadge = html`<span class="tag green">${greenChannelLabelZh}</span>`;

/**
 * 涉企绿色通道 on the case page: for which enterprise, by whom and when; for an open case not yet
 * flagged, a button per registered enterprise among the parties (clerks and supervisors only).
 */
export function greenChannelSection(input: {
  view: CaseResponse;
  csrfToken: string;
  /** The registered enterprises among the parties; empty when none is or the caller may not flag. */
  candidates: GreenChannelCandidate[];
  /** Who flagged it, by name. */
  flaggedByName: string | null;
}): Html | string {
  const { view } = input;
  const flag = view.greenChannel;
  if (flag)
    return html`<p id="green-channel">${greenChannelBadge} 涉企绿色通道：${flag.enterpriseName}（${flag.creditCode}），${
      input.flaggedByName ?? '工作人员'
    }于 ${chinaDateTime(flag.flaggedAt)} 列入。优先办理；分级前列入的，化解期限按绿色通道期限（中心规定（非法律规定））计算。</p>`;
  const open = view.stage === 'intake' || view.stage === 'divert' || view.stage === 'resolve';
  if (!open || input.candidates.length === 0) return '';
  return html`<form method="post" action="/dashboard/work/cases/${view.caseNumber}/green-channel" aria-label="列入涉企绿色通道" class="inline" id="green-channel">
  <input type="hidden" name="_csrf" value="${input.csrfToken}">
  <span>当事人中有已登记企业，可列入涉企绿色通道（优先办理，分级前列入的适用较短化解期限）：</span>
  ${input.candidates.map(
    (candidate) =>
      html`<button type="submit" class="secondary" name="enterpriseId" value="${candidate.enterpriseId}">为 ${candidate.name} 列入绿色通道</button> `,
  )}
</form>`;
}
