import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import {
  type AtRiskThresholds,
  atRiskFlag,
  type DeadlineFilter,
  defaultAtRiskThresholds,
  filterConditions,
  liveDeadline,
  overdueFlag,
} from './deadline-conditions.js';
import { narrowScope, type SupervisionScope } from './scope.js';

/** Deadlines (rows of the lists) and distinct cases, overdue and at risk. */
export interface DeadlineCounts {
  overdueDeadlines: number;
  overdueCases: number;
  atRiskDeadlines: number;
  atRiskCases: number;
}

export interface SupervisionCounts {
  asOf: string;
  totals: DeadlineCounts;
  /** One row per unit with anything overdue or at risk, most overdue first. */
  byUnit: (DeadlineCounts & { unitId: string | null; unitName: string | null })[];
  /** One row per assignee (mediator); assigneeId null for cases nobody is assigned to yet. */
  byAssignee: (DeadlineCounts & { assigneeId: string | null; displayName: string | null })[];
}

interface CountRow extends Record<string, unknown> {
  group_kind: 'total' | 'unit' | 'assignee';
  unit_id: string | null;
  unit_name: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  overdue_deadlines: number;
  overdue_cases: number;
  at_risk_deadlines: number;
  at_risk_cases: number;
}

function counts(row: CountRow): DeadlineCounts {
  return {
    overdueDeadlines: Number(row.overdue_deadlines),
    overdueCases: Number(row.overdue_cases),
    atRiskDeadlines: Number(row.at_risk_deadlines),
    atRiskCases: Number(row.at_risk_cases),
  };
}

const byUrgency = (a: DeadlineCounts, b: DeadlineCounts) =>
  b.overdueDeadlines - a.overdueDeadlines || b.atRiskDeadlines - a.atRiskDeadlines;

/**
 * How many deadlines are overdue and at risk, in total, by unit and by assignee: the same rows the
 * two lists would return with the same filter. One pass over the live deadlines (GROUPING SETS).
 */
export async function countSupervisedDeadlines(
  db: Database,
  scope: SupervisionScope,
  filter: DeadlineFilter & Partial<AtRiskThresholds> = {},
  now: Date = new Date(),
): Promise<SupervisionCounts> {
  const thresholds = {
    withinDays: filter.withinDays ?? defaultAtRiskThresholds.withinDays,
    pastFraction: filter.pastFraction ?? defaultAtRiskThresholds.pastFraction,
  };
  const empty = { overdueDeadlines: 0, overdueCases: 0, atRiskDeadlines: 0, atRiskCases: 0 };
  const units = await narrowScope(db, scope, filter.unitId, { subtree: true });
  if (units !== 'all' && units.length === 0)
    return { asOf: now.toISOString(), totals: empty, byUnit: [], byAssignee: [] };
  // The flags read due_at and started_at only: with the live-deadline indexes carrying those (and the
  // unit and assignee) the count can be an index-only scan.
  const overdue = overdueFlag(now);
  const atRisk = atRiskFlag(now, thresholds);
  const conditions = [liveDeadline, ...filterConditions(units, filter)];
  // Per case first (a case has one unit and one assignee on all its deadlines), so that counting
  // cases is a plain count and not a DISTINCT in every grouping set.
  const rows = await db.execute<CountRow>(sql`
    with flagged as (
      select cd.case_number, cd.unit_id, cd.assignee_id,
             (${overdue}) as is_overdue, (${atRisk}) as is_at_risk
        from case_deadlines cd
       where ${sql.join(conditions, sql` and `)}
    ), per_case as (
      select case_number, unit_id, assignee_id,
             count(*) filter (where is_overdue) as overdue, count(*) filter (where is_at_risk) as at_risk
        from flagged
       where is_overdue or is_at_risk
       group by case_number, unit_id, assignee_id
    ), grouped as (
      select case when grouping(unit_id) = 0 then 'unit' when grouping(assignee_id) = 0 then 'assignee'
                  else 'total' end as group_kind,
             unit_id, assignee_id,
             coalesce(sum(overdue), 0)::int as overdue_deadlines,
             count(*) filter (where overdue > 0)::int as overdue_cases,
             coalesce(sum(at_risk), 0)::int as at_risk_deadlines,
             count(*) filter (where at_risk > 0)::int as at_risk_cases
        from per_case
       group by grouping sets ((), (unit_id), (assignee_id))
    )
    select g.*, u.name as unit_name, a.display_name as assignee_name
      from grouped g
      left join units u on u.id = g.unit_id
      left join users a on a.id = g.assignee_id`);
  const total = rows.find((row) => row.group_kind === 'total');
  return {
    asOf: now.toISOString(),
    totals: total ? counts(total) : empty,
    byUnit: rows
      .filter((row) => row.group_kind === 'unit')
      .map((row) => ({ unitId: row.unit_id, unitName: row.unit_name, ...counts(row) }))
      .sort(byUrgency),
    byAssignee: rows
      .filter((row) => row.group_kind === 'assignee')
      .map((row) => ({ assigneeId: row.assignee_id, displayName: row.assignee_name, ...counts(row) }))
      .sort(byUrgency),
  };
}
