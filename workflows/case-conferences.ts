import { patched } from '@temporalio/workflow';
import { chinaDateOf } from '../domain/dates.js';
import { refuse } from '../domain/refusals.js';
import type { TransitionName } from '../domain/transition-table.js';
import type { TriageClass } from '../domain/vocabulary.js';
import type {
  Actor,
  ConferenceRequirement,
  HoldConferenceInput,
  WaiveConferenceInput,
} from './case.messages.js';
import { centrePolicyInForce } from './case-activities.js';
import type { CaseEvent, CaseState } from './case-state.js';
import { requireStaff } from './require-staff.js';

/**
 * Case conferences (研): any case may hold one; a complex (复杂) case triaged while the centre's policy
 * `conference.before_settlement` is on must hold one before it settles, unless a supervisor waives it.
 * The requirement is fixed at triage, so turning the policy off later does not reach cases already
 * triaged, and the workflow (not a table) is what the settle Update is checked against.
 */

/** Whether the case must confer before it settles, decided when it is triaged; null: it need not. */
export async function conferenceRequirementAtTriage(
  state: CaseState,
  triageClass: TriageClass,
  triagedAt: string,
): Promise<ConferenceRequirement | null> {
  if (triageClass !== 'complex') return null;
  // Cases triaged complex before this release replay as they ran: they had no such requirement.
  if (!patched('complex-case-conference-gate')) return state.conferenceRequirement;
  if (state.conferenceRequirement) return state.conferenceRequirement;
  const policy = await centrePolicyInForce({
    key: 'conference.before_settlement',
    onDate: chinaDateOf(triagedAt),
  });
  return policy ? { policyId: policy.policyId, waiver: null } : null;
}

function conferred(state: CaseState): boolean {
  return state.conferences.length > 0 || state.conferenceRequirement?.waiver != null;
}

/** The settle Update of a case that must confer is refused until it has (or a supervisor waived it). */
export function checkConferenceGate(state: CaseState, name: TransitionName): void {
  if (name !== 'settle' || !state.conferenceRequirement || conferred(state)) return;
  refuse('conference_required', {
    detail: 'a complex case holds a case conference (or has it waived by a supervisor) before it settles',
    currentStage: state.stage,
  });
}

/** Conferences are held while the case is being worked on: divert or resolve. */
function requireOpenCase(state: CaseState): void {
  if (state.stage === 'divert' || state.stage === 'resolve') return;
  refuse('illegal_transition', {
    detail: `no case conference in stage ${state.stage}`,
    reasonZh: '只有分流或化解阶段的案件才能召开研判会',
    currentStage: state.stage,
    allowed: [],
  });
}

export function checkHoldConference(state: CaseState, input: HoldConferenceInput & { actor: Actor }): void {
  requireStaff(input.actor, ['mediator', 'supervisor'], state);
  requireOpenCase(state);
}

export async function holdConference(
  state: CaseState,
  input: HoldConferenceInput & { actor: Actor },
  now: string,
): Promise<CaseEvent[]> {
  const { actor, ...conference } = input;
  const n = state.conferences.length + 1;
  return [
    state.apply('conference_held', actor, now, { ...conference, n }, () => {
      state.conferences = [...state.conferences, { ...conference, n, recordedBy: actor.id, recordedAt: now }];
    }),
  ];
}

export function checkWaiveConference(state: CaseState, input: WaiveConferenceInput & { actor: Actor }): void {
  requireStaff(input.actor, ['supervisor'], state);
  requireOpenCase(state);
  if (!state.conferenceRequirement || conferred(state)) {
    refuse('conference_not_required', {
      detail: 'the case needs no conference, has held one or has it waived already',
      currentStage: state.stage,
    });
  }
}

export async function waiveConference(
  state: CaseState,
  input: WaiveConferenceInput & { actor: Actor },
  now: string,
): Promise<CaseEvent[]> {
  const requirement = state.conferenceRequirement!;
  return [
    state.apply('conference_waived', input.actor, now, { reason: input.reason }, () => {
      state.conferenceRequirement = {
        ...requirement,
        waiver: { reason: input.reason, by: input.actor.id, at: now },
      };
    }),
  ];
}
