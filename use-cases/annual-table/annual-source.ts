import { type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { addDays, startOfChinaDayEpochMilliseconds } from '../../domain/dates.js';
import { timestamp } from '../supervision/deadline-conditions.js';
import type { SupervisionScope } from '../supervision/scope.js';

/** How the annual table can be filtered and broken down (按月份、单位、纠纷类别、调解员). */
export const annualDimensions = ['month', 'unit', 'category', 'mediator'] as const;
export type AnnualDimension = (typeof annualDimensions)[number];
export const annualDimensionLabelsZh: Record<AnnualDimension, string> = {
  month: '月份',
  unit: '承办单位',
  category: '纠纷类别',
  mediator: '调解员（承办人）',
};

/** What one table covers: a period of China calendar days, the units, and optionally one category or mediator. */
export interface AnnualQuery {
  /** First day, inclusive ('YYYY-MM-DD', China time). */
  from: string;
  /** Last day, inclusive. */
  to: string;
  /** The unit ids covered ('all' for an admin with no unit chosen). */
  units: SupervisionScope;
  /** A dispute category code. */
  category?: string | undefined;
  /** A mediator's name as the table shows it (a user's display name, or the name a legacy ledger gave). */
  mediator?: string | undefined;
}

/** One group's measures: `group` is null for the whole query, else the group's key in `groupBy`. */
export interface SourceRow {
  group: string | null;
  measures: Record<string, number>;
}

/**
 * Where some lines of the annual table come from: one table of records (cases, consultations, and in
 * time grid leads, conferences, enterprise engagements…), counted in one query per call. A source names
 * the dimensions it can be filtered and grouped by; a line whose source lacks a dimension shows 「—」
 * when that dimension is filtered, and is left out of that breakdown.
 */
export interface AnnualSource {
  key: string;
  dimensions: readonly AnnualDimension[];
  /** Every measure for the whole query (groupBy null: one row, group null) or per group. */
  count(db: Database, query: AnnualQuery, groupBy: AnnualDimension | null): Promise<SourceRow[]>;
}

/** `column` within [from, to] as China calendar days. */
export function periodCondition(column: SQL, from: string, to: string): SQL {
  const start = new Date(startOfChinaDayEpochMilliseconds(from));
  const end = new Date(startOfChinaDayEpochMilliseconds(addDays(to, 1)));
  return sql`${column} >= ${timestamp(start)} and ${column} < ${timestamp(end)}`;
}

/** `column` (a unit id) within the query's units. */
export function unitCondition(column: SQL, units: SupervisionScope): SQL {
  return units === 'all' ? sql`true` : sql`${column} = any(${sql.param([...units])}::uuid[])`;
}

/** The month of an instant in China time, 'YYYY-MM'. */
export function chinaMonth(column: SQL): SQL {
  return sql`to_char((${column} at time zone 'UTC') + interval '8 hours', 'YYYY-MM')`;
}

/** Rows of `select group_key, <measures>` as SourceRows, every measure a number (sums come as text). */
export function toSourceRows(rows: Record<string, unknown>[]): SourceRow[] {
  return rows.map(({ group_key, ...measures }) => ({
    group: group_key === undefined || group_key === null ? null : String(group_key),
    measures: Object.fromEntries(Object.entries(measures).map(([key, value]) => [key, Number(value ?? 0)])),
  }));
}
