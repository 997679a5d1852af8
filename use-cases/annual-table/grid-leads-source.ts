import { type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import {
  type AnnualDimension,
  type AnnualQuery,
  type AnnualSource,
  chinaMonth,
  periodCondition,
  type SourceRow,
  toSourceRows,
  unitCondition,
} from './annual-source.js';

/** A lead has its grid (unit) and a dispute category, but no mediator: it is not a case. */
const leadGroupKeys: Partial<Record<AnnualDimension, SQL>> = {
  month: chinaMonth(sql`g.reported_at`),
  unit: sql`g.unit_id::text`,
  category: sql`g.category`,
};

/** The screening ledger (排查台账): leads grid workers REPORTED in the period, whatever became of them. */
export const gridLeadsSource: AnnualSource = {
  key: 'gridLeads',
  dimensions: ['month', 'unit', 'category'],
  async count(db: Database, query: AnnualQuery, groupBy: AnnualDimension | null): Promise<SourceRow[]> {
    const conditions = [
      periodCondition(sql`g.reported_at`, query.from, query.to),
      unitCondition(sql`g.unit_id`, query.units),
      ...(query.category ? [sql`g.category = ${query.category}`] : []),
    ];
    const group = groupBy ? (leadGroupKeys[groupBy] ?? sql`null`) : sql`null`;
    const rows = await db.execute(sql`
      select ${group} as group_key, count(*)::int as "gridLeads"
        from grid_leads g
       where ${sql.join(conditions, sql` and `)}
       group by 1`);
    const result = toSourceRows(rows as unknown as Record<string, unknown>[]);
    return groupBy === null && result.length === 0 ? [{ group: null, measures: {} }] : result;
  },
};
