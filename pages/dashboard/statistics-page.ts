import { html, raw } from 'hono/html';
import type { StatisticsReport } from '../../use-cases/supervision/statistics.js';
import type { DashboardUser } from '../shared/session.js';
import { monthlyChart, rankedBarChart, shareChart } from './charts.js';
import { type Html, largeYuanText, page } from './layout.js';

interface StatisticsView {
  from: string;
  to: string;
  report: StatisticsReport;
}

const satisfaction = (score: number | null) => (score === null ? '—' : score.toFixed(2));
const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

function card(labelText: string, value: string | number, note = ''): Html {
  return html`<div class="card"><div class="label">${labelText}</div><div class="value">${value}</div>${
    note ? html`<div class="muted">${note}</div>` : ''
  }</div>`;
}

export function statisticsPage(
  session: { user: DashboardUser; csrfToken: string },
  view: StatisticsView,
): Html {
  const { totals } = view.report;
  const period = new URLSearchParams({ from: view.from, to: view.to });
  const ledgerPeriod = new URLSearchParams({ registeredFrom: view.from, registeredTo: view.to });
  const charts = [
    monthlyChart({
      months: view.report.byMonth.map((month) => month.month),
      received: view.report.byMonth.map((month) => month.received),
      settled: view.report.byMonth.map((month) => month.settled),
    }),
    rankedBarChart(
      '按纠纷类别受理',
      view.report.byCategory.map((row) => ({ name: row.categoryZh, value: row.received })),
    ),
    shareChart(
      '按来源渠道受理',
      view.report.bySource.map((row) => ({ name: row.sourceZh, value: row.received })),
    ),
  ];
  return page({
    title: '统计报表',
    user: session.user,
    csrfToken: session.csrfToken,
    active: 'statistics',
    body: html`<h1>统计报表</h1>
<form class="inline" method="get" action="/dashboard/statistics">
  <label>登记日期 从 <input type="date" name="from" value="${view.from}" required></label>
  <label>至 <input type="date" name="to" value="${view.to}" required></label>
  <button type="submit" class="secondary">查询</button>
  <span class="muted">按登记日期统计受理的案件及其办理结果</span>
</form>
<div class="cards">
  ${card('服务群众（人）', totals.peopleServed)}
  ${card('受理纠纷（件）', totals.received)}
  ${card('调解成功（件）', totals.settled, `调解成功率 ${percent(totals.successRate)}`)}
  ${card('涉及金额', largeYuanText(totals.amountSettledFen), '调解成功案件协议金额')}
  ${card('标的额', largeYuanText(totals.claimAmountFen), `受理案件中 ${totals.claimCount} 件填报了标的额`)}
  ${card('诉调对接', `${totals.courtSettled} / ${totals.courtReceived}`, `调解成功 / 受理；节约诉讼费 ${largeYuanText(totals.courtFeeSavedFen)}`)}
  ${card('检调对接', `${totals.prosecutionSettled} / ${totals.prosecutionReceived}`, `和解 / 受理；赔偿金额 ${largeYuanText(totals.prosecutionAmountFen)}`)}
  ${card('线上调解成功（件）', totals.settledOnline)}
  ${card('当事人满意度', totals.averageSatisfaction === null ? '—' : `${totals.averageSatisfaction.toFixed(2)} 分`, `回访评价 ${totals.ratings} 条（满分5分）`)}
  ${card('平均办理天数', totals.averageDurationDays ?? '—', `90%案件在 ${totals.p90DurationDays ?? '—'} 天内办结`)}
</div>
<h2>导出</h2>
<p>
  <a class="button" href="/dashboard/statistics/annual?${period}">年度统计表（全部业务）</a>
  <a class="button" href="/dashboard/export/statistics?${period}&format=xlsx">导出统计报表（Excel）</a>
  <a class="button" href="/dashboard/export/statistics?${period}&format=csv">导出统计报表（CSV）</a>
  <a class="button" href="/dashboard/export/ledger?${ledgerPeriod}&format=xlsx">导出案件台账（Excel）</a>
  <a class="button" href="/dashboard/export/ledger?${ledgerPeriod}&format=csv">导出案件台账（CSV）</a>
</p>
<h2>图表</h2>
<div class="charts">${charts.map((svg) => html`<div class="chart">${raw(svg)}</div>`)}</div>
<h2>各单位</h2>
<table>
  <thead><tr><th>承办单位</th><th class="num">受理</th><th class="num">调解成功</th><th class="num">成功率</th><th class="num">标的额</th><th class="num">涉及金额</th><th class="num">诉调对接成功</th><th class="num">当前超期</th><th class="num">评价</th><th class="num">满意度</th></tr></thead>
  <tbody>${view.report.byUnit.map(
    (row) =>
      html`<tr><td>${row.unitName ?? '未分配单位'}</td><td class="num">${row.received}</td><td class="num">${row.settled}</td><td class="num">${percent(row.successRate)}</td><td class="num">${largeYuanText(row.claimAmountFen)}</td><td class="num">${largeYuanText(row.amountSettledFen)}</td><td class="num">${row.courtSettled}</td><td class="num">${row.overdueNow}</td><td class="num">${row.ratings}</td><td class="num">${satisfaction(row.averageSatisfaction)}</td></tr>`,
  )}</tbody>
</table>
<h2>各调解员</h2>
<table aria-label="各调解员">
  <thead><tr><th>调解员</th><th class="num">受理</th><th class="num">调解成功</th><th class="num">成功率</th><th class="num">评价</th><th class="num">满意度</th></tr></thead>
  <tbody>${view.report.byMediator.map(
    (row) =>
      html`<tr><td>${row.mediatorName ?? '未指派'}</td><td class="num">${row.received}</td><td class="num">${row.settled}</td><td class="num">${percent(row.successRate)}</td><td class="num">${row.ratings}</td><td class="num">${satisfaction(row.averageSatisfaction)}</td></tr>`,
  )}</tbody>
</table>
<p class="muted">评价为当事人在“飞速通”回访中给出的满意度（1–5分），按案件登记日期、承办单位和调解员统计。</p>`,
  });
}
