import type { Column, Sheet } from '../supervision/tabular-export.js';
import { yuan } from '../supervision/tabular-export.js';
import type { AnnualBreakdown, AnnualGroup, AnnualTable, AnnualTableLine } from './compute-annual-table.js';

/** A calendar day as a date cell (midnight UTC of that day). */
const day = (date: string) => new Date(`${date}T00:00:00Z`);

/** A line's figure as the sheet shows it: yuan for money, the count otherwise. */
export const lineFigure = (line: AnnualTableLine, value: number | null) =>
  value === null ? null : line.money ? yuan(value) : value;

interface NumberedLine extends AnnualTableLine {
  number: number;
}

function linesSheet(table: AnnualTable): Sheet<NumberedLine> {
  const columns: Column<NumberedLine>[] = [
    { header: '序号', value: (line) => line.number, width: 6 },
    { header: '服务类别', value: (line) => line.serviceZh, width: 18 },
    { header: '统计项目', value: (line) => line.labelZh, width: 24 },
    { header: '计量单位', value: (line) => line.measureUnitZh, width: 10 },
    { header: '数值', value: (line) => lineFigure(line, line.value), width: 18, numberFormat: '#,##0.##' },
    { header: '统计起始日期', value: () => day(table.filter.from), numberFormat: 'yyyy-mm-dd', width: 14 },
    { header: '统计截止日期', value: () => day(table.filter.to), numberFormat: 'yyyy-mm-dd', width: 14 },
    { header: '数据状态', value: (line) => line.statusZh, width: 26 },
    { header: '统计口径', value: (line) => line.howCountedZh, width: 56 },
  ];
  return {
    name: '年度统计表',
    columns,
    pages: [table.lines.map((line, index) => ({ ...line, number: index + 1 }))],
    autoFilter: true,
  };
}

function breakdownSheet(breakdown: AnnualBreakdown): Sheet<AnnualGroup> {
  const groupColumn: Column<AnnualGroup> =
    breakdown.dimension === 'month'
      ? {
          header: breakdown.dimensionZh,
          value: (group) => (group.monthStart ? day(group.monthStart) : group.labelZh),
          numberFormat: 'yyyy"年"m"月"',
          width: 12,
        }
      : { header: breakdown.dimensionZh, value: (group) => group.labelZh, width: 28 };
  return {
    name: `按${breakdown.dimensionZh.replace(/（.*）/, '')}`,
    columns: [
      groupColumn,
      ...breakdown.lines.map(
        (line): Column<AnnualGroup> => ({
          header: `${line.labelZh}(${line.measureUnitZh})`,
          value: (group) => lineFigure(line, group.values[line.key] ?? 0),
          total: true,
          ...(line.money ? { numberFormat: '#,##0.00', width: 18 } : {}),
        }),
      ),
    ],
    pages: [breakdown.groups],
    autoFilter: true,
    totalsLabel: '合计',
  };
}

/**
 * The annual table as a workbook: 年度统计表 (every line with its 数据状态 and 统计口径, the period as
 * date cells) and one sheet per breakdown (groups × lines, a 合计 row); each with an autofilter.
 */
export function annualTableXlsxSheets(table: AnnualTable): Sheet<NumberedLine | AnnualGroup>[] {
  return [
    linesSheet(table) as Sheet<NumberedLine | AnnualGroup>,
    ...table.breakdowns.map((breakdown) => breakdownSheet(breakdown) as Sheet<NumberedLine | AnnualGroup>),
  ];
}

/** The lines alone, for CSV. */
export function annualTableCsvSheet(table: AnnualTable): Sheet<NumberedLine> {
  return linesSheet(table);
}
