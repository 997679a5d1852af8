import { ApplicationFailure } from '@temporalio/activity';
import type { Database } from '../db/client.js';
import { calendarOverrides, calendarYears, deadlinePolicies } from '../db/schema/index.js';
import { createCalendar, type WorkingDayCalendar } from '../domain/calendar.js';
import type { IsoDate } from '../domain/dates.js';
import {
  type DeadlinePolicy,
  type DeadlinePolicyKey,
  type StartEventKind,
  selectPolicy,
} from '../domain/deadline-policy.js';
import { DomainError } from '../domain/errors.js';
import { type DeadlineExplanation, explainDeadline } from '../domain/explain-deadline.js';
import type { DateRange } from '../domain/periods.js';
import { explainProsecutionDeadline } from '../domain/prosecution-deadline.js';

export interface PlanDeadlineInput {
  policyKey: DeadlinePolicyKey;
  /**
   * The policy the deadline was first planned with. Recomputations (an extension, a loaded holiday
   * year) keep it: a case keeps the policy in force when its period started, whatever eras an admin
   * adds later.
   */
  pinnedPolicy?: DeadlinePolicy;
  /** A period set by a person rather than the policy (a supervision order's explain-by date). */
  periodOverride?: { length: number; rule: string; ruleZh: string; source?: string; id?: string };
  /** The day whose policy applies: a case keeps the policy in force when its period started. */
  policyDate: IsoDate;
  startEvent: { kind: StartEventKind; at: string };
  extensionDays: number;
  pauses?: DateRange[];
  notAfter?: { date: IsoDate; reason: string; reasonZh: string };
}

export interface PlannedDeadline {
  policy: DeadlinePolicy;
  explanation: DeadlineExplanation;
}

/** The holiday calendar as it stands: package data plus the admin's overrides and loaded years. */
export async function loadCalendar(db: Database): Promise<WorkingDayCalendar> {
  const [overrides, years] = await Promise.all([
    db.select().from(calendarOverrides),
    db.select().from(calendarYears),
  ]);
  return createCalendar({
    overrides: overrides.map((row) => ({
      date: row.date,
      kind: row.kind,
      ...(row.name ? { name: row.name } : {}),
    })),
    loadedYears: years.map((row) => row.year),
  });
}

export async function loadPolicies(db: Database): Promise<DeadlinePolicy[]> {
  const rows = await db.select({ definition: deadlinePolicies.definition }).from(deadlinePolicies);
  return rows.map((row) => row.definition as DeadlinePolicy);
}

/**
 * Compute a deadline from the policy in force, the calendar and the extensions granted. Runs as an
 * activity because the policies and holidays live in PostgreSQL; the result is recorded in the case's
 * history, so replay never reads them again.
 */
export async function planDeadline(db: Database, input: PlanDeadlineInput): Promise<PlannedDeadline> {
  const [policies, calendar] = await Promise.all([loadPolicies(db), loadCalendar(db)]);
  try {
    const selected = input.pinnedPolicy ?? selectPolicy(policies, input.policyKey, input.policyDate);
    const policy: DeadlinePolicy = input.periodOverride
      ? {
          ...selected,
          period: { unit: 'calendar_days', length: input.periodOverride.length },
          rule: input.periodOverride.rule,
          ruleZh: input.periodOverride.ruleZh,
          ...(input.periodOverride.source ? { source: input.periodOverride.source } : {}),
          ...(input.periodOverride.id ? { id: input.periodOverride.id } : {}),
        }
      : selected;
    const explanation = explainDeadline({
      policy,
      startEvent: input.startEvent,
      calendar,
      extensions: input.extensionDays > 0 ? [{ days: input.extensionDays }] : [],
      ...(input.pauses ? { pauses: input.pauses } : {}),
      ...(input.notAfter ? { notAfter: input.notAfter } : {}),
    });
    return { policy, explanation };
  } catch (error) {
    if (error instanceof DomainError) {
      throw ApplicationFailure.nonRetryable(error.message, error.code, { reasonZh: error.reasonZh });
    }
    throw error;
  }
}

export interface PlanProsecutionDeadlineInput {
  signedAt: string;
  prosecutorDueDate: IsoDate;
}

/** The earlier of the local mediation period and the prosecutor's deadline less a buffer (检调对接). */
export async function planProsecutionDeadline(
  db: Database,
  input: PlanProsecutionDeadlineInput,
): Promise<PlannedDeadline> {
  const [policies, calendar] = await Promise.all([loadPolicies(db), loadCalendar(db)]);
  try {
    const explanation = explainProsecutionDeadline({ calendar, policies, ...input });
    const policy = selectPolicy(policies, 'prosecution.mediation', explanation.startEvent.date);
    return { policy, explanation };
  } catch (error) {
    if (error instanceof DomainError) {
      throw ApplicationFailure.nonRetryable(error.message, error.code, { reasonZh: error.reasonZh });
    }
    throw error;
  }
}
