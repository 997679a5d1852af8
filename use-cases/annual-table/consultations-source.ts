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

/** Who answered, under the same name the cases use for their mediator (a duty lawyer is both). */
const answeredByName = sql`coalesce(nullif(answerer.display_name, ''), '未指派')`;

/** Consultations have topics of their own, not dispute categories: no category dimension. */
const consultationGroupKeys: Partial<Record<AnnualDimension, SQL>> = {
  month: chinaMonth(sql`q.recorded_at`),
  unit: sql`q.unit_id::text`,
  mediator: answeredByName,
};

/** The consultation ledger (法律咨询台账): consultations RECORDED in the period. */
export const consultationsSource: AnnualSource = {
  key: 'consultations',
  dimensions: ['month', 'unit', 'mediator'],
  async count(db: Database, query: AnnualQuery, groupBy: AnnualDimension | null): Promise<SourceRow[]> {
    const conditions = [
      periodCondition(sql`q.recorded_at`, query.from, query.to),
      unitCondition(sql`q.unit_id`, query.units),
      ...(query.mediator ? [sql`${answeredByName} = ${query.mediator}`] : []),
    ];
    const group = groupBy ? (consultationGroupKeys[groupBy] ?? sql`null`) : sql`null`;
    const rows = await db.execute(sql`
      select ${group} as group_key,
             count(*)::int as "consultations",
             count(*) filter (where q.case_number is not null)::int as "becameCases",
             count(*) filter (where q.referral = 'legal_aid')::int as "legalAidReferred"
        from consultations q
        join users answerer on answerer.id = q.answered_by_id
       where ${sql.join(conditions, sql` and `)}
       group by 1`);
    const result = toSourceRows(rows as unknown as Record<string, unknown>[]);
    return groupBy === null && result.length === 0 ? [{ group: null, measures: {} }] : result;
  },
};
