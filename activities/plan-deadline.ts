import type { Database } from '../db/client.js';
import { loadCalendar, loadPolicies } from '../db/queries/deadline-reference.js';
import {
  type PlanDeadlineInput,
  type PlannedDeadline,
  type PlanProsecutionDeadlineInput,
  planDeadline as planFrom,
  planProsecutionDeadline as planProsecutionFrom,
} from '../domain/plan-deadline.js';

/**
 * Compute a deadline from the policy in force, the calendar and the extensions granted. Runs as an
 * activity because the policies and holidays live in PostgreSQL; the result is recorded in the case's
 * history, so replay never reads them again. A rule's refusal (no policy in force) is non-retryable
 * (the worker's interceptor makes it so).
 */
export async function planDeadline(db: Database, input: PlanDeadlineInput): Promise<PlannedDeadline> {
  const [policies, calendar] = await Promise.all([loadPolicies(db), loadCalendar(db)]);
  return planFrom(policies, calendar, input);
}

/** The earlier of the local mediation period and the prosecutor's deadline less a buffer (检调对接). */
export async function planProsecutionDeadline(
  db: Database,
  input: PlanProsecutionDeadlineInput,
): Promise<PlannedDeadline> {
  const [policies, calendar] = await Promise.all([loadPolicies(db), loadCalendar(db)]);
  return planProsecutionFrom(policies, calendar, input);
}
