import { html } from 'hono/html';
import { deadlineKindLabelZh } from '../../domain/deadline-kinds.js';
import { policySourceZh } from '../../domain/policy-source.js';
import type { CaseTimeline } from '../../use-cases/supervision/read-case-timeline.js';
import { deadlineStatusLabelsZh } from './labels.js';
import { chinaDateTime, type Html } from './layout.js';

/** A case's deadlines with their status and the explanation of each (the dashboard and the workbench). */
export function deadlineTable(deadlines: CaseTimeline['deadlines']): Html {
  return html`<table>
  <thead><tr><th>期限</th><th>状态</th><th>起算</th><th class="num">到期时间</th><th>依据与计算</th></tr></thead>
  <tbody>${
    deadlines.length === 0
      ? html`<tr><td colspan="5" class="muted">没有期限记录。</td></tr>`
      : deadlines.map(
          (deadline) => html`<tr>
  <td>${deadlineKindLabelZh(deadline.kind)}</td>
  <td>${deadline.status === 'overdue' || (deadline.status === 'open' && deadline.dueAt.getTime() < Date.now()) ? html`<span class="tag red">已超期</span>` : (deadlineStatusLabelsZh[deadline.status] ?? deadline.status)}</td>
  <td>${chinaDateTime(deadline.startedAt)}</td>
  <td class="num">${chinaDateTime(deadline.dueAt)}</td>
  <td>${deadline.explanation.summaryZh}<div class="muted">${deadline.explanation.ruleZh} ${policySourceZh(deadline.explanation.source)}</div></td>
</tr>`,
        )
  }</tbody>
</table>`;
}
