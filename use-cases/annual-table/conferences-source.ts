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
import { caseMediatorName } from './cases-source.js';

const conferenceGroupKeys: Record<AnnualDimension, SQL> = {
  month: chinaMonth(sql`e.at`),
  unit: sql`coalesce(c.unit_id::text, '')`,
  category: sql`coalesce(c.category, '')`,
  mediator: caseMediatorName,
};

/**
 * Case conferences (研) HELD in the period: the cases' `conference_held` events, counted under their
 * case's unit, category and mediator (a waiver is not a conference and is not counted).
 */
export const conferencesSource: AnnualSource = {
  key: 'conferences',
  dimensions: ['month', 'unit', 'category', 'mediator'],
  async count(db: Database, query: AnnualQuery, groupBy: AnnualDimension | null): Promise<SourceRow[]> {
    const conditions = [
      sql`e.type = 'conference_held'`,
      periodCondition(sql`e.at`, query.from, query.to),
      unitCondition(sql`c.unit_id`, query.units),
      ...(query.category ? [sql`c.category = ${query.category}`] : []),
      ...(query.mediator ? [sql`${caseMediatorName} = ${query.mediator}`] : []),
    ];
    const group = groupBy ? conferenceGroupKeys[groupBy] : sql`null`;
    const rows = await db.execute(sql`
      select ${group} as group_key, count(*)::int as "conferences"
        from case_events e
        join cases c on c.case_number = e.case_number
        left join users mediator on mediator.id = c.assignee_id
       where ${sql.join(conditions, sql` and `)}
       group by 1`);
    const result = toSourceRows(rows as unknown as Record<string, unknown>[]);
    return groupBy === null && result.length === 0 ? [{ group: null, measures: {} }] : result;
  },
};
