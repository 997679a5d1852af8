import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { disputeCategoryLabelsZh } from '../../domain/vocabulary.js';
import { narrowScope, type SupervisionScope } from '../supervision/scope.js';
import { monthsBetween } from '../supervision/statistics.js';
import { type AnnualLine, annualLines, annualServiceLabelsZh, annualSourcesOf } from './annual-lines.js';
import {
  type AnnualDimension,
  type AnnualQuery,
  type AnnualSource,
  annualDimensionLabelsZh,
  type SourceRow,
} from './annual-source.js';

export interface AnnualTableFilter {
  from: string;
  to: string;
  /** A unit and every unit below it; within the caller's scope. */
  unitId?: string | undefined;
  category?: string | undefined;
  mediator?: string | undefined;
}

/** 数据状态 of a line. */
export const lineStatuses = ['counted', 'no_source', 'not_by_filter'] as const;
export type LineStatus = (typeof lineStatuses)[number];
export const lineStatusLabelsZh: Record<LineStatus, string> = {
  counted: '已统计',
  no_source: '尚无数据来源',
  not_by_filter: '不按所选类别或调解员统计',
};

export interface AnnualTableLine {
  key: string;
  serviceZh: string;
  labelZh: string;
  measureUnitZh: string;
  howCountedZh: string;
  money: boolean;
  status: LineStatus;
  statusZh: string;
  /** Fen for money lines; 0 when there is no source yet; null when the filter does not apply. */
  value: number | null;
}

export interface AnnualGroup {
  key: string;
  labelZh: string;
  /** The first day of the month, for the month breakdown. */
  monthStart?: string;
  values: Record<string, number>;
}

/** One breakdown: groups × the counted lines whose source has the dimension. */
export interface AnnualBreakdown {
  dimension: AnnualDimension;
  dimensionZh: string;
  lines: AnnualTableLine[];
  groups: AnnualGroup[];
}

export interface AnnualTable {
  filter: AnnualTableFilter;
  generatedAt: string;
  lines: AnnualTableLine[];
  breakdowns: AnnualBreakdown[];
}

const filterDimensions = (filter: AnnualTableFilter): AnnualDimension[] => [
  ...(filter.category ? (['category'] as const) : []),
  ...(filter.mediator ? (['mediator'] as const) : []),
];

const applies = (source: AnnualSource, filter: AnnualTableFilter) =>
  filterDimensions(filter).every((dimension) => source.dimensions.includes(dimension));

function tableLine(line: AnnualLine, filter: AnnualTableFilter, totals: Map<AnnualSource, SourceRow[]>) {
  const status: LineStatus = !line.source
    ? 'no_source'
    : applies(line.source.source, filter)
      ? 'counted'
      : 'not_by_filter';
  const value =
    status === 'no_source'
      ? 0
      : status === 'counted' && line.source
        ? (totals.get(line.source.source)?.[0]?.measures[line.source.measure] ?? 0)
        : null;
  return {
    key: line.key,
    serviceZh: annualServiceLabelsZh[line.service],
    labelZh: line.labelZh,
    measureUnitZh: line.measureUnitZh,
    howCountedZh: line.howCountedZh,
    money: line.money === true,
    status,
    statusZh: lineStatusLabelsZh[status],
    value,
  } satisfies AnnualTableLine;
}

async function groupLabels(db: Database, dimension: AnnualDimension, keys: string[]) {
  const labels = new Map<string, string>();
  if (dimension === 'unit') {
    const ids = keys.filter((key) => key !== '');
    const named =
      ids.length === 0
        ? []
        : await db.execute<{ id: string; name: string }>(
            sql`select id::text as id, name from units where id = any(${sql.param(ids)}::uuid[])`,
          );
    for (const unit of named) labels.set(unit.id, unit.name);
    labels.set('', '未分配单位');
  }
  if (dimension === 'category') {
    for (const key of keys)
      labels.set(
        key,
        key === '' ? '未分类' : (disputeCategoryLabelsZh[key as keyof typeof disputeCategoryLabelsZh] ?? key),
      );
  }
  if (dimension === 'month')
    for (const key of keys) labels.set(key, `${key.slice(0, 4)}年${Number(key.slice(5, 7))}月`);
  return (key: string) => labels.get(key) ?? key;
}

async function breakdown(
  db: Database,
  query: AnnualQuery,
  filter: AnnualTableFilter,
  dimension: AnnualDimension,
  lines: AnnualTableLine[],
): Promise<AnnualBreakdown> {
  const counted = annualLines.filter(
    (line) =>
      line.source && applies(line.source.source, filter) && line.source.source.dimensions.includes(dimension),
  );
  const sources = annualSourcesOf(counted);
  const rowsBySource = new Map(
    await Promise.all(
      sources.map(async (source) => [source, await source.count(db, query, dimension)] as const),
    ),
  );
  const keys = new Set<string>(dimension === 'month' ? monthsBetween(query.from, query.to) : []);
  for (const rows of rowsBySource.values()) for (const row of rows) keys.add(row.group ?? '');
  const labelOf = await groupLabels(db, dimension, [...keys]);
  const groups: AnnualGroup[] = [...keys].map((key) => ({
    key,
    labelZh: labelOf(key),
    ...(dimension === 'month' ? { monthStart: `${key}-01` } : {}),
    values: Object.fromEntries(
      counted.map((line) => {
        const row = rowsBySource.get(line.source!.source)?.find((each) => (each.group ?? '') === key);
        return [line.key, row?.measures[line.source!.measure] ?? 0];
      }),
    ),
  }));
  const first = counted[0]?.key ?? '';
  groups.sort((a, b) =>
    dimension === 'month'
      ? a.key.localeCompare(b.key)
      : (b.values[first] ?? 0) - (a.values[first] ?? 0) || a.labelZh.localeCompare(b.labelZh, 'zh'),
  );
  const keep = new Set(counted.map((line) => line.key));
  return {
    dimension,
    dimensionZh: annualDimensionLabelsZh[dimension],
    lines: lines.filter((line) => keep.has(line.key)),
    groups,
  };
}

/**
 * The centre's annual table (年度统计表) for a period, within the caller's scope (narrowed to a unit and
 * its subtree, a dispute category, a mediator), every line of the registry (annual-lines.ts) with its
 * 统计口径 and 数据状态, and the breakdowns asked for. Called by the dashboard page and its export.
 */
export async function computeAnnualTable(
  db: Database,
  scope: SupervisionScope,
  filter: AnnualTableFilter,
  breakdowns: readonly AnnualDimension[] = [],
): Promise<AnnualTable> {
  const units = await narrowScope(db, scope, filter.unitId, { subtree: true });
  const query: AnnualQuery = {
    from: filter.from,
    to: filter.to,
    units,
    category: filter.category,
    mediator: filter.mediator,
  };
  const sources = annualSourcesOf(annualLines).filter((source) => applies(source, filter));
  const totals = new Map(
    await Promise.all(sources.map(async (source) => [source, await source.count(db, query, null)] as const)),
  );
  const lines = annualLines.map((line) => tableLine(line, filter, totals));
  return {
    filter,
    generatedAt: new Date().toISOString(),
    lines,
    breakdowns: await Promise.all(
      breakdowns.map((dimension) => breakdown(db, query, filter, dimension, lines)),
    ),
  };
}
