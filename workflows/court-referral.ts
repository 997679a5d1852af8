import { feeSavedByMediationFen } from '../domain/court-fees.js';
import { chinaDateOf } from '../domain/dates.js';
import type { DateRange } from '../domain/periods.js';
import { refuse } from '../domain/refusals.js';
import type { TransitionName } from '../domain/transition-table.js';
import { staffRoles } from '../domain/vocabulary.js';
import type { Actor } from './case.messages.js';
import { startDeadline } from './case-deadline-planning.js';
import { startDelivery } from './case-notify.js';
import type { CaseEvent, CaseState, TrackedDeadline } from './case-state.js';
import { withoutActor } from './case-updates.js';
import type {
  ConfirmationDecisionInput,
  CourtProgress,
  CourtReferral,
  RecordConfirmationApplicationInput,
  StartAppraisalInput,
} from './referral.messages.js';
import { requireStaff } from './require-staff.js';

/** 诉调对接: the court's deadlines, the outcome reports and judicial confirmation, for one case. */

const system: Actor = { kind: 'system', id: 'court-docking' };

export function courtReferral(state: CaseState): CourtReferral | undefined {
  const referral = state.registration.referral;
  return referral?.kind === 'court' ? referral : undefined;
}

function progress(state: CaseState): CourtProgress {
  if (!state.court) refuse('not_a_court_referral', { detail: 'the case was not referred by a court' });
  return state.court;
}

/** A court's case is accepted for mediation only once the centre has signed for its materials (签收). */
export function checkCourtTransition(state: CaseState, name: TransitionName): void {
  if (name !== 'accept' || !state.court || state.court.signedAt) return;
  refuse('materials_not_signed', {
    detail: 'sign for the court’s materials (签收) before accepting the mediation',
    currentStage: state.stage,
  });
}

function periodPolicyKey(referral: CourtReferral) {
  if (referral.type === 'delegated') return 'court.delegated' as const;
  return referral.procedure === 'simple'
    ? ('court.entrusted.simple' as const)
    : ('court.entrusted.ordinary' as const);
}

/** A referral starts the 3-working-day clock for signing and accepting (在线调解规则 art 15). */
export async function planCourtAcceptance(state: CaseState, now: string): Promise<void> {
  const referral = courtReferral(state);
  if (!referral) return;
  await startDeadline(
    state,
    'court_acceptance',
    {
      policyKey: 'court.acceptance',
      policyDate: referral.referralDate,
      startEvent: { kind: 'referral_received', at: referral.receivedAt },
      extensionDays: 0,
    },
    now,
    true,
  );
}

/** Send a report to the referring court as its own signed, retried delivery; recorded as an event. */
async function reportToCourt(
  state: CaseState,
  kind: string,
  body: Record<string, unknown>,
  now: string,
): Promise<CaseEvent> {
  const referral = courtReferral(state)!;
  const caseNumber = state.registration.caseNumber;
  const deliveryId = `court-${caseNumber}-${state.seq + 1}`;
  const event = state.apply('reported_to_court', system, now, { kind, deliveryId }, () => {
    progress(state).reports = [...progress(state).reports, { deliveryId, kind, at: now }];
  });
  await startDelivery({
    deliveryId,
    kind,
    caseNumber,
    target: { kind: 'institution', institutionId: referral.institutionId, url: referral.callbackUrl },
    body: { caseNumber, reference: referral.reference, at: now, ...body },
    createdAt: now,
  });
  return event;
}

// ---- 签收 ----

export function checkSignForMaterials(state: CaseState, actor: Actor): void {
  const court = progress(state);
  requireStaff(actor, ['clerk', 'supervisor', 'admin'], state);
  if (court.signedAt) refuse('already_signed', { detail: 'the materials were already signed for' });
  if (state.stage !== 'intake' && state.stage !== 'divert')
    refuse('illegal_transition', { detail: `not possible in stage ${state.stage}` });
}

export async function signForMaterials(state: CaseState, actor: Actor, now: string): Promise<CaseEvent[]> {
  const referral = courtReferral(state)!;
  state.endDeadline('court_acceptance', 'met', now);
  await startDeadline(
    state,
    'court_period',
    {
      policyKey: periodPolicyKey(referral),
      policyDate: referral.referralDate,
      startEvent: { kind: 'materials_signed', at: now },
      extensionDays: 0,
    },
    now,
  );
  const period = state.deadline('court_period')!;
  const signed = state.apply('materials_signed', actor, now, { dueAt: period.explanation.dueAt }, () => {
    progress(state).signedAt = now;
    progress(state).signedBy = actor.id;
  });
  const report = await reportToCourt(
    state,
    'court.accepted',
    { acceptedAt: now, mediationDueAt: period.explanation.dueAt, explanation: period.explanation.summaryZh },
    now,
  );
  return [signed, report];
}

// ---- the mediation period: extensions and appraisal (鉴定) pauses ----

function pauses(state: CaseState, today: string): DateRange[] {
  return progress(state).appraisals.map((appraisal) => ({ from: appraisal.from, to: appraisal.to ?? today }));
}

/** Recompute the court period with every extension and pause, under the policy it started with. */
export async function replanCourtPeriod(state: CaseState, now: string): Promise<TrackedDeadline> {
  const period = state.deadline('court_period')!;
  await startDeadline(
    state,
    'court_period',
    {
      policyKey: period.policy.key,
      pinnedPolicy: period.policy,
      policyDate: courtReferral(state)!.referralDate,
      startEvent: { kind: 'materials_signed', at: period.explanation.startEvent.at },
      extensionDays: state.grantedExtensionDays(),
      pauses: pauses(state, chinaDateOf(now)),
    },
    now,
  );
  const replanned = state.deadline('court_period')!;
  if (progress(state).appraisals.some((appraisal) => appraisal.to === null)) replanned.status = 'paused';
  return replanned;
}

export function checkAppraisal(state: CaseState, actor: Actor, starting: boolean): void {
  const court = progress(state);
  requireStaff(actor, ['mediator', 'supervisor', 'admin'], state);
  const period = state.deadline('court_period');
  if (!period || period.closedAt !== null)
    refuse('no_running_period', { detail: 'the court mediation period is not running' });
  const open = court.appraisals.some((appraisal) => appraisal.to === null);
  if (starting && open) refuse('appraisal_running', { detail: 'an appraisal is already running' });
  if (!starting && !open) refuse('no_appraisal_running', { detail: 'no appraisal is running' });
}

export async function startAppraisal(
  state: CaseState,
  input: StartAppraisalInput & { actor: Actor },
  now: string,
) {
  const period = state.deadline('court_period')!;
  return [
    state.apply('appraisal_started', input.actor, now, { reason: input.reason }, () => {
      progress(state).appraisals = [
        ...progress(state).appraisals,
        { reason: input.reason, from: chinaDateOf(now), to: null },
      ];
      period.status = 'paused';
      state.deadlineVersion += 1;
    }),
  ];
}

export async function endAppraisal(state: CaseState, actor: Actor, now: string) {
  const court = progress(state);
  const open = court.appraisals.find((appraisal) => appraisal.to === null)!;
  open.to = chinaDateOf(now);
  const replanned = await replanCourtPeriod(state, now);
  return [
    state.apply('appraisal_ended', actor, now, {
      from: open.from,
      to: open.to,
      pausedDays: replanned.explanation.pausedDays.length,
      dueAt: replanned.explanation.dueAt,
    }),
  ];
}

// ---- outcomes travel back to the court ----

/** After an outcome of a court case: the report, the fee saved, and the confirmation window (委派 only). */
export async function afterCourtOutcome(state: CaseState, now: string): Promise<CaseEvent[]> {
  const referral = courtReferral(state);
  const outcome = state.outcome;
  if (!referral || !outcome) return [];
  state.endDeadline('court_acceptance', 'cancelled', now);
  state.endDeadline('court_period', 'met', now);
  const body: Record<string, unknown> = { result: outcome.disposition, decidedAt: outcome.at };
  if (outcome.transition === 'settle') {
    const court = progress(state);
    court.feeSavedFen = feeSavedByMediationFen(referral.claimAmountFen, {
      filedBeforeMediation: referral.type === 'entrusted',
      simpleProcedure: referral.procedure === 'simple',
    });
    body.agreement = outcome.details;
    body.feeSavedFen = court.feeSavedFen;
    if (referral.type === 'delegated') {
      const signedAt = (outcome.details.signedAt as string | undefined) ?? now;
      await startDeadline(
        state,
        'confirmation_window',
        {
          policyKey: 'court.confirmation_window',
          policyDate: chinaDateOf(signedAt),
          startEvent: { kind: 'agreement_effective', at: signedAt },
          extensionDays: 0,
        },
        now,
      );
      court.confirmation = { application: null, decision: null, windowClosedAt: null };
      state.linkPending = 'judicial_confirmation';
      body.confirmationWindowDueAt = state.deadline('confirmation_window')!.explanation.dueAt;
    }
  } else {
    body.failureReport = outcome.details;
  }
  return [await reportToCourt(state, 'court.outcome', body, now)];
}

/**
 * What happens when a court deadline passes. Returns undefined for the default (mark overdue and tell
 * people); the events otherwise.
 */
export async function onCourtDeadlineDue(
  state: CaseState,
  deadline: TrackedDeadline,
  now: string,
): Promise<CaseEvent[] | undefined> {
  if (!courtReferral(state)) return undefined;
  if (deadline.kind === 'confirmation_window') {
    // The parties did not apply within 30 days: nothing is late at the centre; the link is complete.
    const court = progress(state);
    return [
      state.apply('confirmation_window_closed', system, now, {}, () => {
        state.endDeadline('confirmation_window', 'cancelled', now);
        if (court.confirmation) court.confirmation.windowClosedAt = now;
        state.linkPending = null;
      }),
    ];
  }
  return undefined;
}

/** After a court deadline was marked overdue: tell the court; an expired period is a failure. */
export async function afterCourtDeadlineOverdue(
  state: CaseState,
  deadline: TrackedDeadline,
  now: string,
): Promise<CaseEvent[]> {
  if (!courtReferral(state)) return [];
  if (deadline.kind === 'court_acceptance') {
    return [
      await reportToCourt(state, 'court.acceptance_overdue', { dueAt: deadline.explanation.dueAt }, now),
    ];
  }
  const undecided = state.pendingExtension() !== undefined;
  if (
    deadline.kind === 'court_period' &&
    !undecided &&
    (state.stage === 'divert' || state.stage === 'resolve')
  ) {
    // Expiry without an extension is a failure and is reported like one (特邀调解规定 art 27).
    const details = {
      reasons: '调解期限届满，未达成调解协议，亦未经双方同意延长调解期限',
      undisputedFacts: '',
      automatic: true,
    };
    const failed = state.apply('failed', system, now, details, () => {
      state.outcome = { transition: 'fail', disposition: 'failed', at: now, by: system.id, details };
      state.stage = 'link';
    });
    return [failed, ...(await afterCourtOutcome(state, now))];
  }
  return [];
}

// ---- judicial confirmation (司法确认) ----

function checkConfirmable(state: CaseState) {
  const referral = courtReferral(state);
  if (referral?.type !== 'delegated' || state.outcome?.transition !== 'settle') {
    refuse('not_confirmable', {
      detail: 'only a settled delegated (委派) court referral goes to judicial confirmation',
    });
  }
  const court = progress(state);
  if (court.confirmation?.decision)
    refuse('already_decided', { detail: 'the court has already ruled on confirmation' });
  return court;
}

export function checkConfirmationApplication(state: CaseState, actor: Actor): void {
  const court = checkConfirmable(state);
  requireStaff(actor, [...staffRoles], state);
  if (court.confirmation?.application)
    refuse('already_applied', { detail: 'the application is already recorded' });
  if (court.confirmation?.windowClosedAt)
    refuse('window_closed', { detail: 'the 30-day application window has closed' });
}

export async function recordConfirmationApplication(
  state: CaseState,
  input: RecordConfirmationApplicationInput & { actor: Actor },
  now: string,
) {
  const court = progress(state);
  return [
    state.apply(
      'confirmation_applied',
      input.actor,
      now,
      { appliedOn: input.appliedOn, court: input.court },
      () => {
        court.confirmation = {
          ...(court.confirmation ?? { decision: null, windowClosedAt: null }),
          application: { appliedAt: input.appliedOn, court: input.court, recordedBy: input.actor.id },
        };
        state.endDeadline('confirmation_window', 'met', now);
        state.linkPending = 'judicial_confirmation';
      },
    ),
  ];
}

export function checkConfirmationDecision(state: CaseState, actor: Actor): void {
  checkConfirmable(state);
  if (actor.kind !== 'institution' || actor.id !== courtReferral(state)!.institutionId) {
    refuse('forbidden', { detail: 'only the referring court rules on confirmation' });
  }
}

/** The court's ruling closes the loop: confirmed → the case is disposed of; rejected → recorded. */
export async function decideConfirmation(
  state: CaseState,
  input: ConfirmationDecisionInput & { actor: Actor },
  now: string,
) {
  const court = progress(state);
  const referral = courtReferral(state)!;
  const events = [
    state.apply('confirmation_decided', input.actor, now, withoutActor(input), () => {
      const confirmation = court.confirmation ?? { application: null, decision: null, windowClosedAt: null };
      court.confirmation = {
        ...confirmation,
        application: confirmation.application ?? {
          appliedAt: input.date,
          court: referral.institutionName,
          recordedBy: input.actor.id,
        },
        decision: { decision: input.decision, date: input.date, rulingNumber: input.rulingNumber, at: now },
      };
      state.endDeadline('confirmation_window', 'met', now);
      state.linkPending = null;
    }),
  ];
  if (input.decision === 'confirmed' && state.stage === 'link') {
    events.push(
      state.apply(
        'closed',
        input.actor,
        now,
        { disposition: state.outcome?.disposition, byConfirmation: true },
        () => {
          state.stage = 'dispose';
          state.closedAt = now;
        },
      ),
    );
  }
  return events;
}
