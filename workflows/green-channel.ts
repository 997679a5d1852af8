import { patched } from '@temporalio/workflow';
import type { DeadlinePolicyKey } from '../domain/deadline-policy.js';
import { enterpriseParty, stagePolicyKey } from '../domain/green-channel.js';
import { refuse, refuseField } from '../domain/refusals.js';
import type { TriageClass } from '../domain/vocabulary.js';
import { type Actor, type FlagGreenChannelInput, flagGreenChannelUpdate } from './case.messages.js';
import type { CaseEvent, CaseState } from './case-state.js';
import { type CaseRuntime, registerCaseUpdate } from './case-updates.js';
import { requireStaff } from './require-staff.js';

/**
 * 涉企绿色通道: a case one of whose parties is a registered enterprise may be flagged, at intake or later
 * by a clerk or supervisor. The flag puts it first in the queues (the read model's green_channel) and,
 * when it is set by triage, makes the handling period the green channel's shorter one.
 */

/**
 * The handling-period policy at triage. Cases triaged before this release replay as they ran; the
 * marker is written only where the rule decides something, i.e. for a flagged case (no case before
 * this release could be flagged).
 */
export function stagePolicyAtTriage(state: CaseState, triageClass: TriageClass): DeadlinePolicyKey {
  const green = state.greenChannel !== null && patched('green-channel-service-standards');
  return stagePolicyKey(triageClass, green);
}

/** Flagging is for a case still being worked on: before its outcome. */
const openStages = new Set(['intake', 'divert', 'resolve']);

function checkFlag(state: CaseState, input: FlagGreenChannelInput & { actor: Actor }): void {
  requireStaff(input.actor, ['clerk', 'supervisor'], state);
  if (!openStages.has(state.stage))
    refuse('illegal_transition', {
      detail: `no green channel flag in stage ${state.stage}`,
      reasonZh: '只有受理、分流或化解阶段的案件才能列入涉企绿色通道',
      currentStage: state.stage,
      allowed: [],
    });
  if (!enterpriseParty(state.registration.parties, input.creditCode))
    refuseField(
      'green_channel_not_a_party',
      'enterpriseId',
      'no party of the case is an organisation with this enterprise’s unified social credit code',
      { currentStage: state.stage },
    );
  const flagged = state.greenChannel;
  if (flagged && flagged.enterpriseId !== input.enterpriseId)
    refuseField(
      'green_channel_other_enterprise',
      'enterpriseId',
      'the case is flagged for another enterprise',
      {
        currentStage: state.stage,
        enterpriseId: flagged.enterpriseId,
      },
    );
}

function flag(state: CaseState, input: FlagGreenChannelInput & { actor: Actor }, now: string): CaseEvent[] {
  // Flagged already (a retry whose answer was lost): nothing changes, nothing is recorded.
  if (state.greenChannel) return [];
  const { actor, enterpriseId, enterpriseName, creditCode } = input;
  return [
    state.apply('green_channel_flagged', actor, now, { enterpriseId, enterpriseName, creditCode }, () => {
      state.greenChannel = { enterpriseId, enterpriseName, creditCode, flaggedBy: actor.id, flaggedAt: now };
    }),
  ];
}

/** 列入涉企绿色通道 after intake. */
export function registerGreenChannelHandlers(runtime: CaseRuntime): void {
  const { state, now } = runtime;
  registerCaseUpdate(runtime, flagGreenChannelUpdate, {
    check: (input) => checkFlag(state, input),
    apply: async (input) => flag(state, input, now()),
  });
}
