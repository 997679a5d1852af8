import type { Context } from 'hono';
import { html } from 'hono/html';
import { z } from 'zod';
import {
  disputeCategories,
  disputeCategoryLabelsZh,
  mediationLanguageLabelsZh,
  mediationLanguages,
  mediatorQualificationLabelsZh,
  mediatorQualifications,
} from '../../domain/vocabulary.js';
import type { AppDependencies } from '../../http/dependencies.js';
import {
  type DirectoryMediator,
  type DirectoryMediatorFilter,
  listDirectoryMediators,
} from '../../use-cases/directory/list-directory-mediators.js';
import { type Html, page } from '../dashboard/layout.js';
import { type DashboardEnv, type DashboardUser, sessionOf } from '../shared/session.js';
import { optionsOf, selectField } from './fields.js';

/** Filters from the query string; anything unknown is simply not a filter (a page never 500s on it). */
const DirectoryQuery = z.object({
  category: z.enum(disputeCategories).optional().catch(undefined),
  qualification: z.enum(mediatorQualifications).optional().catch(undefined),
  language: z.enum(mediationLanguages).optional().catch(undefined),
  q: z.string().trim().min(1).max(50).optional().catch(undefined),
});

function mediatorCard(mediator: DirectoryMediator): Html {
  return html`<article class="mediator" aria-label="${mediator.displayName}">
  <h3>${mediator.displayName} <span class="muted">${mediator.unitName ?? ''}</span></h3>
  <p>${mediator.qualifications.map((q) => html`<span class="tag green">${mediatorQualificationLabelsZh[q]}</span> `)}${mediator.languages.map(
    (l) => html`<span class="tag">${mediationLanguageLabelsZh[l]}</span> `,
  )}</p>
  <p>擅长：${mediator.specialties.length ? mediator.specialties.map((c) => disputeCategoryLabelsZh[c]).join('、') : '—'}</p>
  ${mediator.introduction ? html`<p class="muted">${mediator.introduction}</p>` : ''}
  <dl class="figures">
    <div><dt>在办案件</dt><dd>${mediator.openCases}</dd></div>
    <div><dt>调解成功</dt><dd>${mediator.settledCases}</dd></div>
    <div><dt>平均化解天数</dt><dd>${mediator.averageDaysToSettle ?? '—'}</dd></div>
    <div><dt>回访满意度</dt><dd>${mediator.averageSatisfaction === null ? '—' : `${mediator.averageSatisfaction}/5`}</dd></div>
    <div><dt>当事人评价</dt><dd>${mediator.partyRating === null ? '—' : `${mediator.partyRating}/5（${mediator.partyRatings}人）`}</dd></div>
  </dl>
</article>`;
}

function directoryPage(
  session: { user: DashboardUser; csrfToken: string },
  filter: DirectoryMediatorFilter,
  mediators: DirectoryMediator[],
): Html {
  const context = { form: 'directory', values: filter as Record<string, string>, errors: {} };
  return page({
    title: '调解超市',
    ...session,
    active: 'mediators',
    body: html`<h1>调解超市 <span class="muted">在职调解员 ${mediators.length} 位，在办案件少者在前</span></h1>
<form method="get" action="/dashboard/work/mediators" class="filters grid4" role="search" aria-label="筛选调解员">
  ${selectField(context, 'category', '擅长领域', optionsOf(disputeCategoryLabelsZh), { placeholder: '全部' })}
  ${selectField(context, 'qualification', '资质', optionsOf(mediatorQualificationLabelsZh), { placeholder: '全部' })}
  ${selectField(context, 'language', '工作语言', optionsOf(mediationLanguageLabelsZh), { placeholder: '全部' })}
  <div class="field"><label for="directory-q">姓名</label><div><input type="text" id="directory-q" name="q" value="${filter.q ?? ''}" maxlength="50"> <button type="submit" class="secondary">筛选</button></div></div>
</form>
<div class="mediators">${
      mediators.length ? mediators.map(mediatorCard) : html`<p class="muted">没有符合条件的调解员。</p>`
    }</div>`,
  });
}

/** GET /dashboard/work/mediators: the directory every staff role may browse. */
export function directoryPageRoute(deps: AppDependencies) {
  return async (c: Context<DashboardEnv>) => {
    const query = DirectoryQuery.parse(c.req.query());
    const filter: DirectoryMediatorFilter = Object.fromEntries(
      Object.entries(query).filter(([, value]) => value !== undefined),
    );
    const mediators = await listDirectoryMediators(deps.database.db, c.get('principal'), filter);
    return c.html(directoryPage(sessionOf(c), filter, mediators));
  };
}
