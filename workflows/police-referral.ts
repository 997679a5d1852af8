import { chinaDateOf } from '../domain/dates.js';
import { refuse } from '../domain/refusals.js';
import type { TransitionName } from '../domain/transition-table.js';
import type { Actor, RecordSessionInput } from './case.messages.js';
import { startDeadline } from './case-deadline-planning.js';
import type { CaseEvent, CaseState, TrackedDeadline } from './case-state.js';
import { reportToInstitution } from './institution-reports.js';
import type { PoliceReferral } from './referral.messages.js';

/**
 * 警调对接: a public-order case is mediated once; a second round, at most, within 7 working days of
 * the first (公安机关办理行政案件程序规定 art 183). The outcome goes back to the police station.
 */

const system: Actor = { kind: 'system', id: 'police-docking' };
const windowKind = 'police_second_round';

function policeReferral(state: CaseState): PoliceReferral | undefined {
  const referral = state.registration.referral;
  return referral?.kind === 'police' ? referral : undefined;
}

/** A police case is mediated in two rounds at most, the second in time. */
export function checkPoliceTransition(state: CaseState, name: TransitionName): void {
  if (name !== 'recordSession' || !policeReferral(state)) return;
  if (state.sessions >= 2) {
    refuse('rounds_exhausted', { detail: 'a public-order case is mediated twice at most' });
  }
  const window = state.deadline(windowKind);
  if (state.sessions === 1 && (!window || window.closedAt !== null)) {
    refuse('second_round_expired', {
      detail: 'the second round had to be held within 7 working days of the first',
    });
  }
}

/** After the first session: the window for a second round opens. */
export async function afterPoliceSession(
  state: CaseState,
  input: RecordSessionInput,
  now: string,
): Promise<void> {
  if (!policeReferral(state) || state.sessions !== 1) return;
  await startDeadline(
    state,
    windowKind,
    {
      policyKey: 'police.second_round',
      policyDate: chinaDateOf(input.heldAt),
      startEvent: { kind: 'first_session_held', at: input.heldAt },
      extensionDays: 0,
    },
    now,
  );
}

/** The window closing is no one's fault: it ends quietly, and a second round is no longer possible. */
export async function onPoliceDeadlineDue(
  state: CaseState,
  deadline: TrackedDeadline,
  now: string,
): Promise<CaseEvent[] | undefined> {
  if (!policeReferral(state) || deadline.kind !== windowKind) return undefined;
  return [
    state.apply('second_round_window_closed', system, now, {}, () =>
      state.endDeadline(windowKind, 'cancelled', now),
    ),
  ];
}

export async function afterPoliceOutcome(state: CaseState, now: string): Promise<CaseEvent[]> {
  const referral = policeReferral(state);
  if (!referral || !state.outcome) return [];
  state.endDeadline(windowKind, 'cancelled', now);
  return [
    await reportToInstitution(
      state,
      {
        institutionId: referral.institutionId,
        reference: referral.reference,
        callbackUrl: referral.callbackUrl,
      },
      'reported_to_police',
      'police.outcome',
      { result: state.outcome.disposition, details: state.outcome.details },
      now,
      (sent) => {
        if (state.police) state.police.reports = [...state.police.reports, sent];
      },
    ),
  ];
}
