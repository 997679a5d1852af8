import { html } from 'hono/html';
import { disputeCategories, disputeCategoryLabelsZh } from '../../domain/vocabulary.js';
import { annualDimensionLabelsZh, annualDimensions } from '../../use-cases/annual-table/annual-source.js';
import type {
  AnnualBreakdown,
  AnnualTable,
  AnnualTableLine,
} from '../../use-cases/annual-table/compute-annual-table.js';
import type { DashboardUser } from '../shared/session.js';
import type { AnnualTableErrors, AnnualTableForm } from './annual-table-input.js';
import { type Html, page, yuanText } from './layout.js';

interface AnnualTableView {
  form: AnnualTableForm;
  errors: AnnualTableErrors;
  units: { id: string; name: string }[];
  table?: AnnualTable;
}

/** A figure as the page shows it: yuan with two decimals for money, a count with thousands separators. */
export function figureText(line: Pick<AnnualTableLine, 'money'>, value: number | null): string {
  if (value === null) return '—';
  return line.money ? yuanText(value) : value.toLocaleString('en-US');
}

function field(errors: AnnualTableErrors, name: keyof AnnualTableForm, label: string, control: Html) {
  const error = errors[name];
  return html`<label class="${error ? 'invalid' : ''}">${label} ${control}${
    error ? html`<span class="field-error" id="annual-${name}-error" role="alert">${error}</span>` : ''
  }</label>`;
}

const invalid = (errors: AnnualTableErrors, name: keyof AnnualTableForm) =>
  errors[name] ? html` aria-invalid="true" aria-describedby="annual-${name}-error"` : '';

const option = (value: string, label: string, chosen: string) =>
  html`<option value="${value}"${value === chosen ? ' selected' : ''}>${label}</option>`;

function filterForm(view: AnnualTableView): Html {
  const { form, errors } = view;
  return html`<form class="inline annual-filter" method="get" action="/dashboard/statistics/annual" aria-label="统计条件">
  ${field(errors, 'from', '统计期间 从', html`<input type="date" name="from" value="${form.from}"${invalid(errors, 'from')}>`)}
  ${field(errors, 'to', '至', html`<input type="date" name="to" value="${form.to}"${invalid(errors, 'to')}>`)}
  ${field(
    errors,
    'unitId',
    '单位',
    html`<select name="unitId"${invalid(errors, 'unitId')}>${option('', '全部（含下级）', form.unitId)}${view.units.map((unit) => option(unit.id, unit.name, form.unitId))}</select>`,
  )}
  ${field(
    errors,
    'category',
    '纠纷类别',
    html`<select name="category"${invalid(errors, 'category')}>${option('', '全部', form.category)}${disputeCategories.map((category) => option(category, disputeCategoryLabelsZh[category], form.category))}</select>`,
  )}
  ${field(errors, 'mediator', '调解员', html`<input type="text" name="mediator" value="${form.mediator}" placeholder="姓名" maxlength="60"${invalid(errors, 'mediator')}>`)}
  ${field(
    errors,
    'by',
    '分组',
    html`<select name="by"${invalid(errors, 'by')}>${annualDimensions.map((dimension) => option(dimension, `按${annualDimensionLabelsZh[dimension]}`, form.by))}</select>`,
  )}
  <button type="submit" class="secondary">查询</button>
</form>`;
}

function linesTable(table: AnnualTable): Html {
  return html`<table class="annual-lines" aria-label="年度统计表">
  <thead><tr><th>序号</th><th>服务类别</th><th>统计项目</th><th class="num">数值</th><th>计量单位</th><th>数据状态</th><th>统计口径</th></tr></thead>
  <tbody>${table.lines.map(
    (line, index) =>
      html`<tr data-line="${line.key}"><td>${index + 1}</td><td>${line.serviceZh}</td><td>${line.labelZh}</td><td class="num figure">${figureText(line, line.value)}</td><td>${line.measureUnitZh}</td><td class="${line.status === 'counted' ? '' : 'muted'}">${line.statusZh}</td><td class="muted">${line.howCountedZh}</td></tr>`,
  )}</tbody>
</table>`;
}

function breakdownTable(breakdown: AnnualBreakdown): Html {
  const totals = (key: string) => breakdown.groups.reduce((sum, group) => sum + (group.values[key] ?? 0), 0);
  return html`<div class="wide"><table class="annual-breakdown" aria-label="按${breakdown.dimensionZh}">
  <thead><tr><th>${breakdown.dimensionZh}</th>${breakdown.lines.map(
    (line) => html`<th class="num">${line.labelZh}（${line.measureUnitZh}）</th>`,
  )}</tr></thead>
  <tbody>${breakdown.groups.map(
    (group) =>
      html`<tr data-group="${group.key}"><td>${group.labelZh}</td>${breakdown.lines.map(
        (line) => html`<td class="num">${figureText(line, group.values[line.key] ?? 0)}</td>`,
      )}</tr>`,
  )}</tbody>
  <tfoot><tr class="totals"><th>合计</th>${breakdown.lines.map(
    (line) => html`<th class="num">${figureText(line, totals(line.key))}</th>`,
  )}</tr></tfoot>
</table></div>`;
}

/** 年度统计表: the centre's annual table for a chosen period, unit, category and mediator, with a breakdown. */
export function annualTablePage(
  session: { user: DashboardUser; csrfToken: string },
  view: AnnualTableView,
): Html {
  const { table } = view;
  const exportQuery = new URLSearchParams(
    Object.entries(view.form).filter(([name, value]) => name !== 'by' && value !== ''),
  );
  return page({
    title: '年度统计表',
    user: session.user,
    csrfToken: session.csrfToken,
    active: 'statistics',
    body: html`<h1>年度统计表</h1>
<p class="muted">中心全部业务的统计：案件按登记受理日期、咨询按登记日期计入期间；单位含其下级单位。<a href="/dashboard/statistics">返回统计报表</a></p>
${filterForm(view)}
${
  table
    ? html`<p>
  <a class="button" href="/dashboard/export/annual?${exportQuery}&format=xlsx">导出年度统计表（Excel）</a>
  <a class="button" href="/dashboard/export/annual?${exportQuery}&format=csv">导出年度统计表（CSV）</a>
</p>
${linesTable(table)}
${table.breakdowns.map((breakdown) => html`<h2>按${breakdown.dimensionZh}</h2>${breakdownTable(breakdown)}`)}`
    : html`<p class="field-error" role="alert">统计条件有误，请按提示修改后重新查询。</p>`
}`,
  });
}
