import { chinaDateOf, daysBetween, isIsoDate } from '../domain/dates.js';
import { refuse, refuseField } from '../domain/refusals.js';
import {
  type Actor,
  type ExplainSupervisionInput,
  explainSupervisionUpdate,
  type IssueSupervisionOrderInput,
  issueSupervisionOrderUpdate,
} from './case.messages.js';
import { startDeadline } from './case-deadline-planning.js';
import { notifyCase } from './case-notify.js';
import type { CaseEvent, CaseState } from './case-state.js';
import { type CaseRuntime, registerCaseUpdate } from './case-updates.js';
import { supervises } from './supervisor-scope.js';

/**
 * A supervision order asks for an explanation within days, not years: a later date is a typing error
 * (and a period beyond the known calendars could not be planned). Validators do not run on replay, so
 * the bound needs no patch.
 */
const MAX_EXPLAIN_DAYS = 90;

function openOrder(state: CaseState) {
  return state.supervisionOrders.find((order) => order.explainedAt === null);
}

/** Validator of a supervision order (督办): who may issue it, and when. Throws a refusal. */
function checkSupervisionOrder(
  state: CaseState,
  input: IssueSupervisionOrderInput & { actor: Actor },
  now: string,
) {
  const { actor } = input;
  if (actor.role !== 'supervisor' && actor.role !== 'admin')
    refuse('forbidden_role', { detail: 'only a supervisor issues supervision orders' });
  if (actor.role === 'supervisor' && !supervises(actor, state.unitId))
    refuse('forbidden_unit', { detail: 'the case belongs to another unit' });
  if (state.stage === 'archived') refuse('illegal_transition', { detail: 'the case is archived' });
  if (!state.assigneeId)
    refuse('no_assignee', { detail: 'the case has no assignee to answer a supervision order' });
  if (openOrder(state))
    refuse('supervision_pending', { detail: 'an earlier supervision order has not been answered yet' });
  if (!isIsoDate(input.explainBy) || daysBetween(chinaDateOf(now), input.explainBy) < 1) {
    refuseField('explain_by_not_in_future', 'explainBy', 'must be a date after today (China time)');
  }
  if (daysBetween(chinaDateOf(now), input.explainBy) > MAX_EXPLAIN_DAYS) {
    refuseField('explain_by_too_far', 'explainBy', `must be at most ${MAX_EXPLAIN_DAYS} days after today`);
  }
}

function checkSupervisionExplanation(state: CaseState, input: ExplainSupervisionInput & { actor: Actor }) {
  const order = openOrder(state);
  if (!order) refuse('no_open_supervision', { detail: 'there is no open supervision order to answer' });
  if (input.actor.id !== order.assigneeId)
    refuse('not_addressee', { detail: 'only the assignee the order was addressed to answers it' });
}

async function issueSupervisionOrder(
  state: CaseState,
  input: IssueSupervisionOrderInput & { actor: Actor },
  now: string,
): Promise<CaseEvent[]> {
  const caseNumber = state.registration.caseNumber;
  const length = daysBetween(chinaDateOf(now), input.explainBy);
  await startDeadline(
    state,
    'supervision',
    {
      policyKey: 'supervision.order',
      policyDate: chinaDateOf(now),
      startEvent: { kind: 'supervision_issued', at: now },
      extensionDays: 0,
      periodOverride: {
        length,
        rule: `Explain by ${input.explainBy}, the date set in the supervision order.`,
        ruleZh: `按督办要求于${input.explainBy}前说明情况。`,
      },
    },
    now,
  );
  const assigneeId = state.assigneeId!;
  const event = state.apply(
    'supervision_issued',
    input.actor,
    now,
    { note: input.note, explainBy: input.explainBy, assigneeId },
    () => {
      state.supervisionOrders = [
        ...state.supervisionOrders,
        {
          seq: state.seq + 1,
          note: input.note,
          explainBy: input.explainBy,
          issuedBy: input.actor.id,
          issuedAt: now,
          assigneeId,
          explanation: null,
          explainedAt: null,
        },
      ];
    },
  );
  await notifyCase({
    key: `${caseNumber}:${event.seq}`,
    caseNumber,
    kind: 'supervision_issued',
    recipients: { userIds: [assigneeId], supervisorsOfUnit: null },
    title: `督办：${caseNumber}`,
    body: `${input.note}（请于${input.explainBy}前说明情况）`,
    at: now,
  });
  return [event];
}

async function explainSupervision(
  state: CaseState,
  input: ExplainSupervisionInput & { actor: Actor },
  now: string,
): Promise<CaseEvent[]> {
  const order = openOrder(state)!;
  const caseNumber = state.registration.caseNumber;
  const event = state.apply(
    'supervision_explained',
    input.actor,
    now,
    { orderSeq: order.seq, explanation: input.explanation },
    () => {
      order.explanation = input.explanation;
      order.explainedAt = now;
      state.endDeadline('supervision', 'met', now);
    },
  );
  await notifyCase({
    key: `${caseNumber}:${event.seq}`,
    caseNumber,
    kind: 'supervision_explained',
    recipients: { userIds: [order.issuedBy], supervisorsOfUnit: null },
    title: `督办已反馈：${caseNumber}`,
    body: input.explanation.slice(0, 200),
    at: now,
  });
  return [event];
}

/** The supervision Updates: a supervisor's order (督办) and the assignee's answer. */
export function registerSupervisionHandlers(runtime: CaseRuntime): void {
  const { state, now } = runtime;
  registerCaseUpdate(runtime, issueSupervisionOrderUpdate, {
    check: (input) => checkSupervisionOrder(state, input, now()),
    apply: (input) => issueSupervisionOrder(state, input, now()),
  });
  registerCaseUpdate(runtime, explainSupervisionUpdate, {
    check: (input) => checkSupervisionExplanation(state, input),
    apply: (input) => explainSupervision(state, input, now()),
  });
}
