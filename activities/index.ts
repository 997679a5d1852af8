import type { Database } from '../db/client.js';
import type { LookupDigester } from '../domain/party-lookup.js';
import type { PlanDeadlineInput, PlanProsecutionDeadlineInput } from '../domain/plan-deadline.js';
import { type CentrePolicyInForceInput, centrePolicyInForce } from './centre-policy-in-force.js';
import {
  attemptDelivery,
  type DeliveryRequest,
  type DeliverySettings,
  recordDelivery,
} from './deliveries/deliver.js';
import { type FindCalendarCasesInput, findCalendarCases } from './find-calendar-cases.js';
import { type FindConflictsInput, findConflicts } from './find-conflicts.js';
import { type NotifyInput, notify } from './notify.js';
import { planDeadline, planProsecutionDeadline } from './plan-deadline.js';
import { type ProjectCaseInput, projectCase } from './project-case.js';
import { queueSessionReminder, type SessionReminderInput } from './queue-session-reminder.js';

interface ActivityDependencies {
  db: Database;
  deliveries?: DeliverySettings;
  /** Digests parties' numbers for the look-up index; without it the index waits for the backfill. */
  lookupDigest?: LookupDigester;
}

/** Every side effect the workflows may ask for, bound to its dependencies. */
export function createActivities(deps: ActivityDependencies) {
  return {
    projectCase: (input: ProjectCaseInput) => projectCase(deps.db, input, deps.lookupDigest),
    planDeadline: (input: PlanDeadlineInput) => planDeadline(deps.db, input),
    planProsecutionDeadline: (input: PlanProsecutionDeadlineInput) => planProsecutionDeadline(deps.db, input),
    findConflicts: (input: FindConflictsInput) => findConflicts(deps.db, input),
    centrePolicyInForce: (input: CentrePolicyInForceInput) => centrePolicyInForce(deps.db, input),
    findCalendarCases: (input: FindCalendarCasesInput) => findCalendarCases(deps.db, input),
    notify: (input: NotifyInput) => notify(deps.db, input, Boolean(deps.deliveries?.webhook)),
    recordDelivery: (request: DeliveryRequest) => recordDelivery(deps.db, request),
    attemptDelivery: (request: DeliveryRequest) => attemptDelivery(deps.db, deps.deliveries ?? {}, request),
    queueSessionReminder: (input: SessionReminderInput) => queueSessionReminder(deps.db, input),
  };
}

export type CaseActivities = ReturnType<typeof createActivities>;
