import { type SQL, sql } from 'drizzle-orm';
import { kindCondition } from './deadline-filters.js';
import type { SupervisionScope } from './scope.js';

/** An instant as a timestamptz parameter (drizzle's postgres.js driver sends text, not Date). */
export function timestamp(instant: Date): SQL {
  return sql`${instant.toISOString()}::timestamptz`;
}

/** Filters shared by the overdue and at-risk lists and their counts. */
export interface DeadlineFilter {
  /** A unit and the units below it (must be within the caller's scope). */
  unitId?: string;
  /** The mediator the case is assigned to. */
  assigneeId?: string;
  /** A kind (`stage`, `court_period`, `instalment-2`…) or a family (`instalment`). */
  kind?: string;
  /** The channel the case came in through (cases.source, copied to case_deadlines.source). */
  source?: string;
}

/** What makes a deadline at risk: due within `withinDays` days, or `pastFraction` of its period used. */
export interface AtRiskThresholds {
  withinDays: number;
  pastFraction: number;
}

export const defaultAtRiskThresholds: AtRiskThresholds = { withinDays: 2, pastFraction: 0.8 };

/**
 * A deadline still running: open, or marked overdue by the workflow. `cd` is case_deadlines.
 * The status list matches the partial indexes' predicate word for word, so the planner can use them.
 */
export const liveDeadline = sql`cd.status in ('open', 'overdue')`;

/**
 * Overdue: a live deadline whose due instant has passed. This is exactly "status 'overdue', or open
 * and past due": the workflow marks a deadline overdue only once its due instant has passed, and an
 * extension that moves an overdue deadline into the future opens it again (CaseState.setDeadline).
 * Written as a range on due_at so that the list is an ordered index scan.
 */
export function overdueCondition(now: Date): SQL {
  return sql`${liveDeadline} and ${overdueFlag(now)}`;
}

/** The overdue test alone, for rows already known to be live (reads due_at only). */
export function overdueFlag(now: Date): SQL {
  return sql`cd.due_at < ${timestamp(now)}`;
}

/** At risk: live, not yet due, and either due within N days or past X of its period (start → due). */
export function atRiskCondition(now: Date, thresholds: AtRiskThresholds): SQL {
  return sql`${liveDeadline} and ${atRiskFlag(now, thresholds)}`;
}

/** The at-risk test alone, for rows already known to be live (reads due_at and started_at only). */
export function atRiskFlag(now: Date, thresholds: AtRiskThresholds): SQL {
  const horizon = new Date(now.getTime() + thresholds.withinDays * 86_400_000);
  return sql`(cd.due_at >= ${timestamp(now)} and (
    cd.due_at < ${timestamp(horizon)}
    or cd.started_at + (cd.due_at - cd.started_at) * ${thresholds.pastFraction}::float8 <= ${timestamp(now)}
  ))`;
}

/** unit, assignee, kind and source filters; `units` is the scope already narrowed to unitId. */
export function filterConditions(units: SupervisionScope, filter: DeadlineFilter): SQL[] {
  const conditions: SQL[] = [];
  if (units !== 'all') conditions.push(sql`cd.unit_id = any(${sql.param([...units])}::uuid[])`);
  if (filter.assigneeId) conditions.push(sql`cd.assignee_id = ${filter.assigneeId}`);
  if (filter.kind) {
    const kind = kindCondition(filter.kind);
    conditions.push('exact' in kind ? sql`cd.kind = ${kind.exact}` : sql`cd.kind like ${kind.prefix}`);
  }
  if (filter.source) conditions.push(sql`cd.source = ${filter.source}`);
  return conditions;
}

/**
 * A case (`c`) that has had a deadline go overdue, now or at any time: its overdue flag, or a
 * deadline_overdue event in its log. Written as an uncorrelated IN so that PostgreSQL reads the
 * events once into a hash (the partial index case_events (case_number) WHERE type = 'deadline_overdue'
 * makes that an index-only scan).
 */
export const everOverdueCase = sql`(c.overdue or c.case_number in (
  select e.case_number from case_events e where e.type = 'deadline_overdue'))`;
