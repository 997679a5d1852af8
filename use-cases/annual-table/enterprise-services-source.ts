import { type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import {
  type AnnualDimension,
  type AnnualQuery,
  type AnnualSource,
  type SourceRow,
  toSourceRows,
  unitCondition,
} from './annual-source.js';

/** The China calendar day of an instant. */
const chinaDay = (column: SQL) => sql`((${column} at time zone 'UTC') + interval '8 hours')::date`;

/**
 * What the enterprise services did, each on its own day: 法治体检 visits (the day visited), their reports
 * (the day generated), 普法 sessions (the day held) and manuals handed out (the day, with the copies).
 */
const activities = sql`(
  select 'visit' as kind, visited_on as day, unit_id, 1 as n
    from enterprise_engagements where visited_on is not null
  union all
  select 'report', ${chinaDay(sql`reported_at`)}, unit_id, 1
    from enterprise_engagements where reported_at is not null
  union all
  select 'session', held_on, unit_id, 1 from enterprise_law_sessions
  union all
  select 'manual', handed_out_on, unit_id, copies from manual_handouts
)`;

const enterpriseGroupKeys: Partial<Record<AnnualDimension, SQL>> = {
  month: sql`to_char(a.day, 'YYYY-MM')`,
  unit: sql`a.unit_id::text`,
};

/**
 * Enterprise services (法治化营商环境服务) in the period, by the unit that did them: enterprises visited
 * for a 法治体检 (one per engagement visited, so that a breakdown's groups add up to the total), reports issued, 普法 sessions held, manuals handed out
 * (copies). No dispute category or mediator: they are not cases.
 */
export const enterpriseServicesSource: AnnualSource = {
  key: 'enterpriseServices',
  dimensions: ['month', 'unit'],
  async count(db: Database, query: AnnualQuery, groupBy: AnnualDimension | null): Promise<SourceRow[]> {
    const conditions = [
      sql`a.day between ${query.from}::date and ${query.to}::date`,
      unitCondition(sql`a.unit_id`, query.units),
    ];
    const group = groupBy ? (enterpriseGroupKeys[groupBy] ?? sql`null`) : sql`null`;
    const rows = await db.execute(sql`
      select ${group} as group_key,
             count(*) filter (where a.kind = 'visit')::int as "enterprisesExamined",
             count(*) filter (where a.kind = 'report')::int as "examinationReports",
             count(*) filter (where a.kind = 'session')::int as "legalEducationSessions",
             coalesce(sum(a.n) filter (where a.kind = 'manual'), 0)::int as "manualsHandedOut"
        from ${activities} a
       where ${sql.join(conditions, sql` and `)}
       group by 1`);
    const result = toSourceRows(rows as unknown as Record<string, unknown>[]);
    return groupBy === null && result.length === 0 ? [{ group: null, measures: {} }] : result;
  },
};
