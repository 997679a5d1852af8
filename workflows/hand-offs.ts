import { patched } from '@temporalio/workflow';
import { chinaDateOf } from '../domain/dates.js';
import { handOffDeadlineKind, handOffId, handOffKindLabelsZh, handOffRules } from '../domain/hand-offs.js';
import { refuse, refuseField } from '../domain/refusals.js';
import { type Disposition, staffRoles } from '../domain/vocabulary.js';
import type { Actor } from './case.messages.js';
import { planDeadline } from './case-activities.js';
import { startDeadline } from './case-deadline-planning.js';
import { startDelivery } from './case-notify.js';
import type { CaseEvent, CaseState } from './case-state.js';
import type {
  AcknowledgeHandOffInput,
  HandOffInput,
  HandOffRecord,
  RecordHandOffResultInput,
  WithdrawHandOffInput,
} from './hand-off.messages.js';
import { requireStaff } from './require-staff.js';

/**
 * Hand-offs (联动): the case, in the link stage, goes to a partner body (a court for judicial
 * confirmation or filing, an arbitration commission, the legal aid centre …) as a signed delivery; the
 * body acknowledges it and reports a result through its own API. Each step has a deadline from its
 * policy; the case waits in link (nothing else may close it) and moves on with the result.
 */

type WithActor<T> = T & { actor: Actor };

const open = (handOff: HandOffRecord) => handOff.status === 'sent' || handOff.status === 'acknowledged';

function handOffOf(state: CaseState, n: number): HandOffRecord {
  const handOff = state.handOffs.find((candidate) => candidate.n === n);
  if (!handOff) refuse('not_found', { detail: `the case has no hand-off ${n}` });
  return handOff;
}

/** What the receiving body reads: the dispute, the parties' names, and what the mediation came to. */
function deliveredCase(state: CaseState) {
  const outcome = state.outcome;
  return {
    summary: state.registration.summary,
    parties: state.registration.parties.map((party) => ({
      kind: party.kind,
      name: party.name,
      role: party.role,
    })),
    outcome: outcome
      ? { transition: outcome.transition, disposition: outcome.disposition, at: outcome.at }
      : null,
    ...(outcome?.transition === 'settle' ? { agreement: outcome.details } : {}),
    ...(outcome && outcome.transition !== 'settle' ? { findings: outcome.details } : {}),
  };
}

// ---- sending ----

/** 法律援助法 arts 31–32: who applies, for what, and why the economic condition is met or does not apply. */
function checkLegalAidApplication(state: CaseState, input: WithActor<HandOffInput>): void {
  const application = input.legalAid;
  if (!application)
    refuseField('legal_aid_application_required', 'legalAid', 'a legal aid hand-off carries the application');
  if (!state.registration.parties.some((party) => party.name === application.applicant))
    refuseField(
      'legal_aid_application_required',
      'legalAid.applicant',
      'the applicant must be a party to the case',
    );
  if (application.basis === 'exempt' && !application.exemption)
    refuseField(
      'legal_aid_application_required',
      'legalAid.exemption',
      'name the case of 法律援助法 art 32 that exempts the applicant from the economic condition',
    );
}

export function checkHandOff(state: CaseState, input: WithActor<HandOffInput>): void {
  requireStaff(input.actor, staffRoles, state);
  if (state.stage !== 'link')
    refuse('illegal_transition', {
      detail: 'a case is handed to a partner body once it has an outcome (link stage)',
      currentStage: state.stage,
    });
  if (state.handOffs.some(open)) refuse('hand_off_open', { detail: 'a hand-off of this case is still open' });
  if (state.linkPending !== null)
    refuse('link_pending', { detail: `the outcome is still travelling (${state.linkPending})` });
  const rule = handOffRules[input.kind];
  const transition = state.outcome?.transition;
  if (rule.needsOutcome && (!transition || !(rule.needsOutcome as readonly string[]).includes(transition)))
    refuseField(
      'hand_off_not_applicable',
      'kind',
      `${input.kind} needs an outcome of ${rule.needsOutcome.join(' or ')}, the case has ${transition}`,
    );
  // A court's own referral goes back to that court through the court docking (outcome report,
  // confirmation of a 委派 agreement), not as a second hand-off to a court.
  if (state.court && rule.receivers.includes('court'))
    refuseField(
      'hand_off_not_applicable',
      'kind',
      'a court referral goes back to its court through the court docking',
    );
  if (input.kind === 'judicial_confirmation' && state.outcome?.details.form !== 'written')
    refuseField('hand_off_not_applicable', 'kind', 'only a written agreement goes to judicial confirmation');
  if (!rule.receivers.includes(input.institution.kind))
    refuseField(
      'institution_kind_mismatch',
      'institutionId',
      `a ${input.institution.kind} does not take ${input.kind} hand-offs (${rule.receivers.join(', ')} do)`,
    );
  if (input.kind === 'legal_aid') checkLegalAidApplication(state, input);
  if (rule.needsJurisdiction && !input.jurisdictionBasis?.trim())
    refuseField('jurisdiction_required', 'jurisdictionBasis', 'name why this court has jurisdiction');
}

/**
 * A people's mediation agreement goes to judicial confirmation within 30 days of taking effect
 * (民事诉讼法 art 205; 人民调解法 art 33): the window under the policy in force when it was signed.
 */
export async function checkConfirmationWindow(state: CaseState, now: string): Promise<void> {
  const signedAt = (state.outcome?.details.signedAt as string | undefined) ?? state.outcome!.at;
  const window = await planDeadline({
    policyKey: 'court.confirmation_window',
    policyDate: chinaDateOf(signedAt),
    startEvent: { kind: 'agreement_effective', at: signedAt },
    extensionDays: 0,
  });
  if (window.explanation.dueAtEpochMilliseconds < Date.parse(now))
    refuse('window_closed', {
      detail: `the 30-day window for judicial confirmation closed on ${window.explanation.dueDate}`,
    });
}

export async function sendHandOff(
  state: CaseState,
  input: WithActor<HandOffInput>,
  now: string,
): Promise<CaseEvent[]> {
  if (input.kind === 'judicial_confirmation') await checkConfirmationWindow(state, now);
  const caseNumber = state.registration.caseNumber;
  const n = state.handOffs.length + 1;
  const rule = handOffRules[input.kind];
  await startDeadline(
    state,
    handOffDeadlineKind(n),
    {
      policyKey: rule.acknowledgementPolicy,
      policyDate: chinaDateOf(now),
      startEvent: { kind: 'hand_off_sent', at: now },
      extensionDays: 0,
    },
    now,
  );
  const deadline = state.deadline(handOffDeadlineKind(n))!;
  const deliveryId = `hand_off-${caseNumber}-${state.seq + 1}`;
  const record: HandOffRecord = {
    n,
    id: handOffId(caseNumber, n),
    kind: input.kind,
    institution: input.institution,
    note: input.note,
    jurisdictionBasis: input.jurisdictionBasis?.trim() || null,
    legalAid: input.legalAid ?? null,
    sentAt: now,
    sentBy: input.actor.id,
    deliveryId,
    status: 'sent',
    acknowledgement: null,
    result: null,
    withdrawal: null,
  };
  const event = state.apply(
    'hand_off_sent',
    input.actor,
    now,
    {
      n,
      kind: input.kind,
      institutionId: input.institution.id,
      institutionName: input.institution.name,
      note: input.note,
      jurisdictionBasis: record.jurisdictionBasis,
      deliveryId,
      acknowledgeBy: deadline.explanation.dueAt,
    },
    () => {
      state.handOffs = [...state.handOffs, record];
      state.linkPending = 'hand_off';
    },
  );
  await startDelivery({
    deliveryId,
    kind: 'hand_off.sent',
    caseNumber,
    target: { kind: 'institution', institutionId: input.institution.id, url: null },
    body: {
      handOffId: record.id,
      kind: input.kind,
      kindZh: handOffKindLabelsZh[input.kind],
      caseNumber,
      note: input.note,
      jurisdictionBasis: record.jurisdictionBasis,
      ...(record.legalAid ? { legalAid: record.legalAid } : {}),
      acknowledgeBy: deadline.explanation.dueAt,
      rule: deadline.explanation.summaryZh,
      case: deliveredCase(state),
      at: now,
    },
    createdAt: now,
  });
  return [event];
}

// ---- what the body answers ----

/**
 * The receiving body itself, or, for a body without an API (the API checks it has no key), staff
 * recording its answer from its letter or call: the assigned mediator, a supervisor or an admin.
 */
function requireReceiver(state: CaseState, handOff: HandOffRecord, actor: Actor): void {
  if (actor.kind === 'staff') {
    requireStaff(actor, ['mediator', 'supervisor', 'admin'], state);
    return;
  }
  if (actor.kind !== 'institution' || actor.id !== handOff.institution.id)
    refuse('not_found', { detail: 'no such hand-off to this institution' });
}

function sameAcknowledgement(handOff: HandOffRecord, input: AcknowledgeHandOffInput): boolean {
  const given = handOff.acknowledgement;
  return (
    given !== null &&
    given.accepted === input.accepted &&
    given.reason === (input.reason ?? null) &&
    given.reference === (input.reference ?? null) &&
    (given.returnToMediation ?? false) === (input.returnToMediation ?? false)
  );
}

export function checkAcknowledgement(state: CaseState, input: WithActor<AcknowledgeHandOffInput>): void {
  const handOff = handOffOf(state, input.n);
  requireReceiver(state, handOff, input.actor);
  if (handOff.status === 'withdrawn')
    refuse('hand_off_withdrawn', { detail: 'the centre withdrew this hand-off' });
  if (handOff.status !== 'sent' && !sameAcknowledgement(handOff, input))
    refuse('hand_off_closed', { detail: 'the hand-off was already acknowledged otherwise' });
  if (!input.accepted && !input.reason?.trim())
    refuseField('reason_required', 'reason', 'a body that declines gives its reason');
  if (input.returnToMediation && handOff.status === 'sent') {
    if (input.accepted)
      refuseField(
        'hand_off_not_applicable',
        'returnToMediation',
        'a body sends a case back to mediation by declining it',
      );
    checkReturnToMediation(state, 'returnToMediation');
  }
}

export async function acknowledgeHandOff(
  state: CaseState,
  input: WithActor<AcknowledgeHandOffInput>,
  now: string,
): Promise<CaseEvent[]> {
  const handOff = handOffOf(state, input.n);
  if (handOff.status !== 'sent') return []; // the same answer again: nothing changes
  const kind = handOffDeadlineKind(input.n);
  const acknowledgement = {
    accepted: input.accepted,
    reason: input.reason ?? null,
    reference: input.reference ?? null,
    ...(input.returnToMediation && !input.accepted ? { returnToMediation: true as const } : {}),
    at: now,
    by: input.actor.id,
  };
  if (input.accepted) {
    await startDeadline(
      state,
      kind,
      {
        policyKey: handOffRules[handOff.kind].resultPolicy,
        policyDate: chinaDateOf(now),
        startEvent: { kind: 'hand_off_acknowledged', at: now },
        extensionDays: 0,
      },
      now,
    );
  }
  const resultDueAt = input.accepted ? state.deadline(kind)!.explanation.dueAt : null;
  const answered = [
    state.apply(
      'hand_off_acknowledged',
      input.actor,
      now,
      { n: input.n, accepted: input.accepted, reason: acknowledgement.reason, resultDueAt },
      () => {
        handOff.acknowledgement = acknowledgement;
        handOff.status = input.accepted ? 'acknowledged' : 'declined';
        if (!input.accepted) {
          state.endDeadline(kind, 'met', now);
          state.linkPending = null;
        }
      },
    ),
  ];
  const returns = acknowledgement.returnToMediation && state.stage === 'link';
  if (returns && patched('declined-hand-off-returns-to-mediation'))
    answered.push(await returnToMediation(state, handOff, input.actor, now, acknowledgement.reason ?? ''));
  return answered;
}

function sameResult(handOff: HandOffRecord, input: RecordHandOffResultInput): boolean {
  const given = handOff.result;
  return (
    given !== null &&
    given.result === input.result &&
    given.date === input.date &&
    given.documentNumber === (input.documentNumber ?? null)
  );
}

export function checkHandOffResult(state: CaseState, input: WithActor<RecordHandOffResultInput>): void {
  const handOff = handOffOf(state, input.n);
  requireReceiver(state, handOff, input.actor);
  const rule = handOffRules[handOff.kind];
  if (handOff.status === 'withdrawn')
    refuse('hand_off_withdrawn', { detail: 'the centre withdrew this hand-off' });
  if (handOff.status === 'decided') {
    if (sameResult(handOff, input)) return; // a repeated result is answered, not recorded again
    refuse('hand_off_closed', { detail: 'a different result is already recorded' });
  }
  if (handOff.status !== 'acknowledged')
    refuse('hand_off_not_acknowledged', { detail: 'acknowledge the hand-off before reporting its result' });
  if (!rule.results.includes(input.result))
    refuseField('result_not_for_kind', 'result', `a ${handOff.kind} ends in ${rule.results.join(', ')}`);
  if (rule.numbered.includes(input.result) && !input.documentNumber?.trim())
    refuseField('document_number_required', 'documentNumber', `a ${input.result} result has a number`);
  if (input.result === 'lawyer_assigned' && !input.lawyer)
    refuseField('lawyer_required', 'lawyer', 'name the assigned legal aid worker and their organisation');
  if (rule.returning?.includes(input.result)) {
    if (!input.summary.trim())
      refuseField('reason_required', 'summary', 'a body that sends the case back to mediation says why');
    checkReturnToMediation(state, 'result');
  }
}

/** 退回调解: only a case of the centre's own, still in link, goes back to mediation. */
function checkReturnToMediation(state: CaseState, field: 'result' | 'returnToMediation'): void {
  if (state.registration.referral)
    refuseField(
      field === 'result' ? 'result_not_for_kind' : 'hand_off_not_applicable',
      field,
      `a case referred by a ${state.registration.referral.kind} goes back to its referrer, not to mediation here`,
    );
  if (state.stage !== 'link')
    refuse('illegal_transition', {
      detail: 'only a case waiting in the link stage goes back to mediation',
      currentStage: state.stage,
    });
}

/**
 * The case goes back to mediation (link → resolve) with the same mediator: the outcome is set aside
 * and the handling period (stage) runs again, its full length counted from the return, under the
 * policy version it started with and the extensions already granted; the mediator records a new
 * outcome as before.
 */
async function returnToMediation(
  state: CaseState,
  handOff: HandOffRecord,
  actor: Actor,
  now: string,
  reason: string,
): Promise<CaseEvent> {
  const current = state.deadline('stage')?.policy;
  if (current) {
    await startDeadline(
      state,
      'stage',
      {
        policyKey: current.key,
        // the same period of the same policy version, counted from the return instead of the triage
        pinnedPolicy: { ...current, startEvent: 'returned_to_mediation' },
        policyDate: chinaDateOf(now),
        startEvent: { kind: 'returned_to_mediation', at: now },
        extensionDays: state.grantedExtensionDays(),
      },
      now,
    );
  }
  const stage = state.deadline('stage');
  return state.apply(
    'returned_to_mediation',
    actor,
    now,
    {
      n: handOff.n,
      kind: handOff.kind,
      reason,
      previousOutcome: state.outcome?.transition ?? null,
      dueAt: stage && stage.closedAt === null ? stage.explanation.dueAt : null,
    },
    () => {
      state.outcome = null;
      state.amountFen = null;
      state.stage = 'resolve';
      state.linkPending = null;
    },
  );
}

/**
 * A failed case the court filed closes as 转立案 (transferred_for_filing), not as 调解不成: the
 * disposition says where the dispute went. Runs recorded before this patch closed with the outcome's.
 */
function closingDisposition(state: CaseState, handOff: HandOffRecord): Disposition | undefined {
  const filed = handOff.kind === 'filing' && handOff.result?.result === 'filed';
  if (filed && patched('filing-closes-as-transferred-for-filing')) return 'transferred_for_filing';
  return state.outcome?.disposition;
}

function closingEvent(state: CaseState, handOff: HandOffRecord, actor: Actor, now: string): CaseEvent {
  const result = handOff.result!;
  const disposition = closingDisposition(state, handOff);
  return state.apply(
    'closed',
    actor,
    now,
    {
      disposition,
      byHandOff: {
        n: handOff.n,
        kind: handOff.kind,
        result: result.result,
        documentNumber: result.documentNumber,
      },
    },
    () => {
      state.stage = 'dispose';
      state.closedAt = now;
      if (state.outcome && disposition && disposition !== state.outcome.disposition)
        state.outcome = { ...state.outcome, disposition };
    },
  );
}

export async function recordHandOffResult(
  state: CaseState,
  input: WithActor<RecordHandOffResultInput>,
  now: string,
): Promise<CaseEvent[]> {
  const handOff = handOffOf(state, input.n);
  if (handOff.status === 'decided') return [];
  const recorded = state.apply(
    'hand_off_result_recorded',
    input.actor,
    now,
    {
      n: input.n,
      result: input.result,
      date: input.date,
      documentNumber: input.documentNumber ?? null,
      summary: input.summary,
      ...(input.lawyer ? { lawyer: input.lawyer } : {}),
    },
    () => {
      handOff.result = {
        result: input.result,
        date: input.date,
        documentNumber: input.documentNumber?.trim() || null,
        summary: input.summary,
        lawyer: input.lawyer ?? null,
        at: now,
        by: input.actor.id,
      };
      handOff.status = 'decided';
      state.endDeadline(handOffDeadlineKind(input.n), 'met', now);
      state.linkPending = null;
    },
  );
  const rule = handOffRules[handOff.kind];
  const closes = rule.closing.includes(input.result) && state.stage === 'link';
  if (closes) return [recorded, closingEvent(state, handOff, input.actor, now)];
  const returns = rule.returning?.includes(input.result) && state.stage === 'link';
  if (returns && patched('hand-off-result-returns-to-mediation'))
    return [recorded, await returnToMediation(state, handOff, input.actor, now, input.summary)];
  return [recorded];
}

// ---- the centre withdraws it ----

export function checkWithdrawal(state: CaseState, input: WithActor<WithdrawHandOffInput>): void {
  requireStaff(input.actor, ['mediator', 'supervisor', 'admin'], state);
  const handOff = handOffOf(state, input.n);
  if (!open(handOff))
    refuse('hand_off_closed', { detail: `the hand-off is ${handOff.status}`, currentStage: state.stage });
}

export async function withdrawHandOff(
  state: CaseState,
  input: WithActor<WithdrawHandOffInput>,
  now: string,
): Promise<CaseEvent[]> {
  const handOff = handOffOf(state, input.n);
  const event = state.apply(
    'hand_off_withdrawn',
    input.actor,
    now,
    { n: input.n, reason: input.reason },
    () => {
      handOff.status = 'withdrawn';
      handOff.withdrawal = { reason: input.reason, at: now, by: input.actor.id };
      state.endDeadline(handOffDeadlineKind(input.n), 'cancelled', now);
      state.linkPending = null;
    },
  );
  await startDelivery({
    deliveryId: `hand_off-${state.registration.caseNumber}-${event.seq}`,
    kind: 'hand_off.withdrawn',
    caseNumber: state.registration.caseNumber,
    target: { kind: 'institution', institutionId: handOff.institution.id, url: null },
    body: { handOffId: handOff.id, caseNumber: state.registration.caseNumber, reason: input.reason, at: now },
    createdAt: now,
  });
  return [event];
}
