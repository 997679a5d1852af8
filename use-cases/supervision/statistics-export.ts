import { prosecutionDecisionLabelsZh } from '../ledger-import/ledger-columns.js';
import type { StatisticsMeasures, StatisticsReport } from './statistics.js';
import { type Column, type Sheet, yuan } from './tabular-export.js';

/** A group of the report with its dimension and zh name, as a line of the exported table. */
interface StatisticsLine extends StatisticsMeasures {
  dimensionZh: string;
  groupZh: string;
}

const decisionsText = (decisions: Record<string, number>) =>
  Object.entries(decisions)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([decision, count]) =>
        // The decision in Chinese words (不起诉), never its code (non_prosecution).
        `${prosecutionDecisionLabelsZh[decision as keyof typeof prosecutionDecisionLabelsZh] ?? decision}:${count}`,
    )
    .join('；');

/** The measures' columns with their zh-CN headers (the centre's annual table). */
const statisticsMeasureColumns: readonly Column<StatisticsMeasures>[] = [
  { header: '服务群众(人)', value: (m) => m.peopleServed },
  { header: '受理纠纷(件)', value: (m) => m.received },
  { header: '调解成功(件)', value: (m) => m.settled },
  { header: '调结(件)', value: (m) => m.concluded },
  {
    header: '调解成功率(%)',
    value: (m) => (m.successRate === null ? null : Math.round(m.successRate * 10000) / 100),
    numberFormat: '0.00',
  },
  { header: '涉及金额(元)', value: (m) => yuan(m.amountSettledFen), numberFormat: '0.00', width: 16 },
  { header: '填报标的额(件)', value: (m) => m.claimCount },
  { header: '标的额(元)', value: (m) => yuan(m.claimAmountFen), numberFormat: '0.00', width: 16 },
  { header: '法院委派委托受理(件)', value: (m) => m.courtReceived },
  { header: '诉调对接调解成功(件)', value: (m) => m.courtSettled },
  { header: '节约诉讼费(元)', value: (m) => yuan(m.courtFeeSavedFen), numberFormat: '0.00', width: 16 },
  { header: '检调对接受理(件)', value: (m) => m.prosecutionReceived },
  { header: '检调对接调解成功(件)', value: (m) => m.prosecutionSettled },
  { header: '检调对接涉及金额(元)', value: (m) => yuan(m.prosecutionAmountFen), numberFormat: '0.00' },
  { header: '检察机关决定', value: (m) => decisionsText(m.prosecutionDecisions), width: 24 },
  { header: '网上调解成功(件)', value: (m) => m.settledOnline },
  { header: '平均办理天数', value: (m) => m.averageDurationDays, numberFormat: '0.0' },
  { header: '90%办理天数', value: (m) => m.p90DurationDays, numberFormat: '0.0' },
  { header: '当前超期(件)', value: (m) => m.overdueNow },
  { header: '曾超期(件)', value: (m) => m.everOverdue },
  { header: '当事人评价(条)', value: (m) => m.ratings },
  { header: '平均满意度(分)', value: (m) => m.averageSatisfaction, numberFormat: '0.00' },
];

const lineColumns: readonly Column<StatisticsLine>[] = [
  { header: '统计维度', value: (line) => line.dimensionZh, width: 10 },
  { header: '分组', value: (line) => line.groupZh, width: 22 },
  ...statisticsMeasureColumns,
];

/** Every group of the report as a line: 合计 first, then by month, unit, category, source and mediator. */
function statisticsLines(report: StatisticsReport): { sheetZh: string; lines: StatisticsLine[] }[] {
  return [
    { sheetZh: '合计', lines: [{ dimensionZh: '合计', groupZh: '全部', ...report.totals }] },
    {
      sheetZh: '按月份',
      lines: report.byMonth.map((m) => ({ dimensionZh: '月份', groupZh: m.month, ...m })),
    },
    {
      sheetZh: '按单位',
      lines: report.byUnit.map((u) => ({ dimensionZh: '单位', groupZh: u.unitName ?? '未指定单位', ...u })),
    },
    {
      sheetZh: '按类别',
      lines: report.byCategory.map((c) => ({ dimensionZh: '类别', groupZh: c.categoryZh, ...c })),
    },
    {
      sheetZh: '按来源',
      lines: report.bySource.map((s) => ({ dimensionZh: '来源', groupZh: s.sourceZh, ...s })),
    },
    {
      sheetZh: '按调解员',
      lines: report.byMediator.map((m) => ({
        dimensionZh: '调解员',
        groupZh: m.mediatorName ?? '未指派',
        ...m,
      })),
    },
  ];
}

/** One table (CSV) with every group, its dimension in the first column. */
export function statisticsCsvSheet(report: StatisticsReport): Sheet<StatisticsLine> {
  const lines = statisticsLines(report).flatMap((part) => part.lines);
  return { name: '统计报表', columns: lineColumns, pages: [lines] };
}

/** One worksheet per dimension (XLSX). */
export function statisticsXlsxSheets(report: StatisticsReport): Sheet<StatisticsLine>[] {
  return statisticsLines(report).map((part) => ({
    name: part.sheetZh,
    columns: lineColumns,
    pages: [part.lines],
  }));
}
