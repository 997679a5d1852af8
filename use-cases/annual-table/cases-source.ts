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

/**
 * The mediator a case is counted under: the assigned user's name, else the name a legacy ledger gave
 * (cases.state.imported.mediatorName), else 未指派. Names, not ids: imported cases have only a name.
 */
export const caseMediatorName = sql`coalesce(nullif(mediator.display_name, ''),
  nullif(c.state -> 'imported' ->> 'mediatorName', ''), '未指派')`;

const caseGroupKeys: Record<AnnualDimension, SQL> = {
  month: chinaMonth(sql`c.registered_at`),
  unit: sql`coalesce(c.unit_id::text, '')`,
  category: sql`coalesce(c.category, '')`,
  mediator: caseMediatorName,
};

const settled = sql`c.disposition in ('settled_written', 'settled_oral')`;

/**
 * Cases REGISTERED in the period (受理), each measure counting what has become of them so far, as the
 * statistics page does (use-cases/supervision/statistics.ts): money in fen.
 */
export const casesSource: AnnualSource = {
  key: 'cases',
  dimensions: ['month', 'unit', 'category', 'mediator'],
  async count(db: Database, query: AnnualQuery, groupBy: AnnualDimension | null): Promise<SourceRow[]> {
    const conditions = [
      periodCondition(sql`c.registered_at`, query.from, query.to),
      unitCondition(sql`c.unit_id`, query.units),
      ...(query.category ? [sql`c.category = ${query.category}`] : []),
      ...(query.mediator ? [sql`${caseMediatorName} = ${query.mediator}`] : []),
    ];
    const group = groupBy ? caseGroupKeys[groupBy] : sql`null`;
    const rows = await db.execute(sql`
      select ${group} as group_key,
             coalesce(sum(c.parties_count), 0)::text as "peopleServed",
             count(*)::int as "received",
             count(*) filter (where ${settled})::int as "settled",
             coalesce(sum(c.amount_fen) filter (where ${settled}), 0)::text as "amountSettledFen",
             count(*) filter (where c.referral_kind = 'court')::int as "courtReceived",
             count(*) filter (where c.referral_kind = 'court' and ${settled})::int as "courtSettled",
             coalesce(sum(c.court_fee_saved_fen) filter (where c.referral_kind = 'court'), 0)::text
               as "courtFeeSavedFen",
             count(*) filter (where c.referral_kind = 'prosecution')::int as "prosecutionReceived",
             count(*) filter (where c.referral_kind = 'prosecution' and ${settled})::int as "prosecutionSettled",
             count(*) filter (where c.source in ('online', 'wechat'))::int as "receivedOnline",
             count(*) filter (where c.source in ('online', 'wechat') and ${settled})::int as "settledOnline",
             count(*) filter (where c.source = 'grid_worker')::int as "gridReported"
        from cases c
        left join users mediator on mediator.id = c.assignee_id
       where ${sql.join(conditions, sql` and `)}
       group by 1`);
    const result = toSourceRows(rows as unknown as Record<string, unknown>[]);
    // No case at all: the whole query still has a row, of zeros.
    return groupBy === null && result.length === 0 ? [{ group: null, measures: {} }] : result;
  },
};
