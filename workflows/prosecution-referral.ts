import { chinaDateOf, daysBetween } from '../domain/dates.js';
import { instalmentDeadlineKind } from '../domain/deadline-kinds.js';
import { refuse } from '../domain/refusals.js';
import type { TransitionName } from '../domain/transition-table.js';
import { staffRoles } from '../domain/vocabulary.js';
import type { Actor, SettleInput, TransitionRequest } from './case.messages.js';
import { planProsecutionDeadlineDurably } from './case-activities.js';
import { startDeadline } from './case-deadline-planning.js';
import type { CaseEvent, CaseState, TrackedDeadline } from './case-state.js';
import { reportToInstitution } from './institution-reports.js';
import type {
  ProsecutionDecisionInput,
  ProsecutionProgress,
  ProsecutionReferral,
  RecordPaymentInput,
} from './referral.messages.js';

/** 检调对接: the prosecutor's hard deadline, the settlement package, instalments and the decision. */

const system: Actor = { kind: 'system', id: 'prosecution-docking' };

function prosecutionReferral(state: CaseState): ProsecutionReferral | undefined {
  const referral = state.registration.referral;
  return referral?.kind === 'prosecution' ? referral : undefined;
}

function progress(state: CaseState): ProsecutionProgress {
  if (!state.prosecution)
    refuse('not_a_prosecution_referral', { detail: 'the case was not referred by a procuratorate' });
  return state.prosecution;
}

function report(
  state: CaseState,
  kind: string,
  body: Record<string, unknown>,
  now: string,
): Promise<CaseEvent> {
  const referral = prosecutionReferral(state)!;
  return reportToInstitution(
    state,
    {
      institutionId: referral.institutionId,
      reference: referral.reference,
      callbackUrl: referral.callbackUrl,
    },
    'reported_to_procuratorate',
    kind,
    body,
    now,
    (sent) => {
      progress(state).reports = [...progress(state).reports, sent];
    },
  );
}

/** The mediation deadline: min(local period, prosecutor's deadline − buffer), from receipt. */
export async function planProsecutionMediation(state: CaseState, now: string): Promise<void> {
  const referral = prosecutionReferral(state);
  if (!referral) return;
  const planned = await planProsecutionDeadlineDurably({
    signedAt: referral.receivedAt,
    prosecutorDueDate: referral.reviewDueOn,
  });
  state.setDeadline('prosecution', planned.policy, planned.explanation, now);
}

/** The settlement of a criminal case's civil side must carry the terms arts 498–499 require. */
export function checkProsecutionTransition<T extends TransitionName>(
  state: CaseState,
  name: T,
  request: TransitionRequest<T>,
): void {
  if (name === 'settle') checkProsecutionSettlement(state, request as TransitionRequest<'settle'>);
}

function checkProsecutionSettlement(state: CaseState, input: SettleInput): void {
  if (!prosecutionReferral(state)) return;
  const terms = input.prosecution;
  if (!terms)
    refuse('prosecution_terms_required', {
      detail: 'a criminal settlement records compensation, remorse and forgiveness',
    });
  if (terms.instalments.length === 0)
    refuse('instalments_required', { detail: 'state when the compensation is paid' });
  const total = terms.instalments.reduce((sum, instalment) => sum + instalment.amountFen, 0);
  if (total !== terms.compensationFen)
    refuse('instalments_do_not_add_up', { detail: 'the instalments must add up to the compensation' });
  if (terms.instalments.length > 1 && (!terms.guarantee || !terms.victimConsentToInstalments)) {
    refuse('instalments_need_guarantee', {
      detail: 'payment in instalments needs a guarantee and the victim’s consent (art 499)',
    });
  }
}

async function sendPackage(state: CaseState, now: string): Promise<CaseEvent> {
  const prosecution = progress(state);
  prosecution.packageSentAt = now;
  return report(
    state,
    'prosecution.package',
    {
      agreement: state.outcome?.details ?? null,
      terms: prosecution.terms,
      payments: prosecution.instalments,
      forgivenessLetter: prosecution.terms?.forgivenessLetter ?? null,
    },
    now,
  );
}

/** After an outcome: the settlement's instalments become deadlines; the package or the report goes back. */
export async function afterProsecutionOutcome(state: CaseState, now: string): Promise<CaseEvent[]> {
  const referral = prosecutionReferral(state);
  const outcome = state.outcome;
  if (!referral || !outcome) return [];
  state.endDeadline('prosecution', 'met', now);
  if (outcome.transition !== 'settle') {
    return [
      await report(
        state,
        'prosecution.not_concluded',
        { result: outcome.disposition, details: outcome.details },
        now,
      ),
    ];
  }
  const prosecution = progress(state);
  const terms = (outcome.details as unknown as SettleInput).prosecution!;
  prosecution.terms = terms;
  prosecution.instalments = terms.instalments.map((instalment, index) => ({
    n: index + 1,
    amountFen: instalment.amountFen,
    dueDate: instalment.dueDate,
    paidOn: null,
    proof: null,
  }));
  for (const instalment of prosecution.instalments) {
    await startDeadline(
      state,
      instalmentDeadlineKind(instalment.n),
      {
        policyKey: 'follow_up',
        policyDate: chinaDateOf(now),
        startEvent: { kind: 'settled', at: now },
        extensionDays: 0,
        periodOverride: {
          id: 'agreement.instalment',
          length: Math.max(daysBetween(chinaDateOf(now), instalment.dueDate), 1),
          rule: `Instalment ${instalment.n} is paid by ${instalment.dueDate}, as the settlement agreement says.`,
          ruleZh: `按和解协议，第${instalment.n}期赔偿款应于${instalment.dueDate}前支付。`,
          source: '和解协议；《民法典》第203条（期限末日为法定休假日的顺延）',
        },
      },
      now,
    );
  }
  state.linkPending = 'prosecution_decision';
  return referral.performanceBeforeDecision ? [] : [await sendPackage(state, now)];
}

/** When the prosecutor's deadline (less the buffer) passes unsettled: the referral goes back, not concluded. */
export async function afterProsecutionDeadlineOverdue(
  state: CaseState,
  deadline: TrackedDeadline,
  now: string,
) {
  if (!prosecutionReferral(state) || deadline.kind !== 'prosecution') return [];
  if (state.stage !== 'intake' && state.stage !== 'divert' && state.stage !== 'resolve') return [];
  const details = {
    reasons: '调解期限届满，未能达成和解，案件退回检察机关',
    undisputedFacts: '',
    automatic: true,
  };
  const failed = state.apply('failed', system, now, details, () => {
    state.outcome = { transition: 'fail', disposition: 'failed', at: now, by: system.id, details };
    state.stage = 'link';
  });
  return [failed, ...(await afterProsecutionOutcome(state, now))];
}

export function checkPayment(state: CaseState, input: RecordPaymentInput & { actor: Actor }): void {
  const prosecution = progress(state);
  const { actor } = input;
  if (actor.kind !== 'staff' || !(staffRoles as readonly string[]).includes(actor.role ?? '')) {
    refuse('forbidden_role', { detail: 'only centre staff record payments' });
  }
  if (actor.role === 'mediator' && actor.id !== state.assigneeId)
    refuse('not_assignee', { detail: 'only the assigned mediator' });
  const instalment = prosecution.instalments.find((candidate) => candidate.n === input.instalment);
  if (!instalment)
    refuse('no_such_instalment', { detail: `the agreement has no instalment ${input.instalment}` });
  if (instalment.paidOn) refuse('already_paid', { detail: `instalment ${input.instalment} is already paid` });
}

export async function recordPayment(
  state: CaseState,
  input: RecordPaymentInput & { actor: Actor },
  now: string,
) {
  const prosecution = progress(state);
  const instalment = prosecution.instalments.find((candidate) => candidate.n === input.instalment)!;
  const events = [
    state.apply(
      'payment_recorded',
      input.actor,
      now,
      { instalment: input.instalment, paidOn: input.paidOn, proof: input.proof },
      () => {
        instalment.paidOn = input.paidOn;
        instalment.proof = input.proof;
        state.endDeadline(instalmentDeadlineKind(instalment.n), 'met', now);
      },
    ),
  ];
  const allPaid = prosecution.instalments.every((candidate) => candidate.paidOn !== null);
  if (allPaid && prosecutionReferral(state)!.performanceBeforeDecision && !prosecution.packageSentAt) {
    events.push(await sendPackage(state, now));
  }
  return events;
}

export function checkProsecutionDecision(state: CaseState, actor: Actor): void {
  const prosecution = progress(state);
  if (actor.kind !== 'institution' || actor.id !== prosecutionReferral(state)!.institutionId) {
    refuse('forbidden', { detail: 'only the referring procuratorate decides' });
  }
  if (prosecution.decision) refuse('already_decided', { detail: 'the procuratorate has already decided' });
  if (state.stage !== 'link')
    refuse('illegal_transition', { detail: `the mediation has not ended (stage ${state.stage})` });
}

/** The procuratorate's decision closes the case with its disposition. */
export async function decideProsecution(
  state: CaseState,
  input: ProsecutionDecisionInput & { actor: Actor },
  now: string,
) {
  const prosecution = progress(state);
  return [
    state.apply(
      'prosecution_decided',
      input.actor,
      now,
      { decision: input.decision, date: input.date },
      () => {
        prosecution.decision = { decision: input.decision, date: input.date, at: now };
        state.linkPending = null;
      },
    ),
    state.apply(
      'closed',
      input.actor,
      now,
      { disposition: state.outcome?.disposition, byDecision: input.decision },
      () => {
        state.stage = 'dispose';
        state.closedAt = now;
      },
    ),
  ];
}
