import type { WorkingDayCalendar } from './calendar.js';
import type { IsoDate } from './dates.js';
import {
  type DeadlinePolicy,
  type DeadlinePolicyKey,
  type StartEventKind,
  selectPolicy,
} from './deadline-policy.js';
import { type DeadlineExplanation, explainDeadline } from './explain-deadline.js';
import type { DateRange } from './periods.js';
import { explainProsecutionDeadline } from './prosecution-deadline.js';

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

/** A deadline from the policy in force, the calendar and the extensions granted; refuses what no rule allows. */
export function planDeadline(
  policies: readonly DeadlinePolicy[],
  calendar: WorkingDayCalendar,
  input: PlanDeadlineInput,
): PlannedDeadline {
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
}

export interface PlanProsecutionDeadlineInput {
  signedAt: string;
  prosecutorDueDate: IsoDate;
}

/** The earlier of the local mediation period and the prosecutor's deadline less a buffer (检调对接). */
export function planProsecutionDeadline(
  policies: readonly DeadlinePolicy[],
  calendar: WorkingDayCalendar,
  input: PlanProsecutionDeadlineInput,
) {
  const explanation = explainProsecutionDeadline({ calendar, policies, ...input });
  const policy = selectPolicy(policies, 'prosecution.mediation', explanation.startEvent.date);
  return { policy, explanation };
}
