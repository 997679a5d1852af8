import { patched } from '@temporalio/workflow';
import { chinaDateOf } from '../domain/dates.js';
import { checkExtension } from '../domain/extensions.js';
import { refuse } from '../domain/refusals.js';
import { type TransitionName, transitionTable } from '../domain/transition-table.js';
import { checkTransition } from '../domain/transitions.js';
import type { TriageClass } from '../domain/vocabulary.js';
import type { CaseOutcome, TransitionRequest } from './case.messages.js';
import { findConflicts } from './case-activities.js';
import { conferenceRequirementAtTriage } from './case-conferences.js';
import { startDeadline } from './case-deadline-planning.js';
import type { CaseEventPayloads } from './case-events.js';
import { notifyCase } from './case-notify.js';
import type { CaseEvent, CaseState } from './case-state.js';
import { type CaseRuntime, type CaseUpdateHandler, withoutActor } from './case-updates.js';
import { courtReferral, replanCourtPeriod } from './court-referral.js';
import { afterOutcome, checkDockingTransition } from './docking-hooks.js';
import { stagePolicyAtTriage } from './green-channel.js';
import { requireConsentBeforeAcceptance } from './mediation-consent.js';
import { afterFollowUp } from './performance-follow-through.js';
import { afterPoliceSession } from './police-referral.js';

type Applier<T extends TransitionName> = (
  state: CaseState,
  request: TransitionRequest<T>,
  now: string,
) => Promise<CaseEvent[]>;

async function planStageDeadline(state: CaseState, triageClass: TriageClass, triagedAt: string, now: string) {
  const stage = state.deadline('stage');
  const current = stage?.policy;
  // A later re-plan (an extension, a return) keeps the policy family triage chose (涉企绿色通道 or not).
  const policyKey = current?.key.startsWith(`stage.${triageClass}`)
    ? current.key
    : stagePolicyAtTriage(state, triageClass);
  // A case a partner body sent back to mediation counts its handling period from the return.
  const returned = stage?.explanation.startEvent.kind === 'returned_to_mediation' ? stage : undefined;
  await startDeadline(
    state,
    'stage',
    {
      policyKey,
      // Same class as before (an extension): keep the policy it started under. A new class: its own policy.
      ...(current?.key === policyKey ? { pinnedPolicy: current } : {}),
      policyDate: chinaDateOf(returned?.explanation.startEvent.at ?? triagedAt),
      startEvent: returned
        ? { kind: 'returned_to_mediation', at: returned.explanation.startEvent.at }
        : { kind: 'triaged', at: triagedAt },
      extensionDays: state.grantedExtensionDays(),
    },
    now,
  );
}

/** Record an outcome (结果): the stage deadline's work is done and the case moves to link. */
type OutcomeEventType = 'settled' | 'failed' | 'withdrawn' | 'terminated' | 'referred_out' | 'rejected';

function outcome<T extends 'settle' | 'fail' | 'withdraw' | 'terminate' | 'referOut' | 'reject'>(
  transition: T,
  type: OutcomeEventType,
  disposition: (request: TransitionRequest<T>) => CaseOutcome['disposition'],
  after?: (state: CaseState, request: TransitionRequest<T>, now: string) => Promise<void>,
): Applier<T> {
  return async (state, request, now) => {
    const details = withoutActor(request) as Record<string, unknown>;
    const payload = details as unknown as CaseEventPayloads[typeof type];
    const event = state.apply(type, request.actor, now, payload, () => {
      state.outcome = {
        transition,
        disposition: disposition(request),
        at: now,
        by: request.actor.id,
        details,
      };
      state.stage = transitionTable[transition].to;
      state.endDeadline('stage', 'met', now);
    });
    await after?.(state, request, now);
    return [event, ...(await afterOutcome(state, now))];
  };
}

/** The deadline an extension moves: the court's period for a court referral, else the handling period. */
function extensionTarget(state: CaseState) {
  if (courtReferral(state)) return state.deadline('court_period');
  if (state.registration.referral?.kind === 'prosecution') return state.deadline('prosecution');
  return state.deadline('stage');
}

/**
 * A staff transition as an Update: the transition table decides who may do what from which stage
 * (domain/transitions.ts), the dockings add their own rules (docking-hooks.ts), then the applier
 * records it.
 */
export function transitionHandler<T extends TransitionName>(
  runtime: CaseRuntime,
  name: T,
): CaseUpdateHandler<TransitionRequest<T>> {
  const { state, now } = runtime;
  return {
    check(request) {
      const { actor } = request;
      const check = checkTransition(state.facts(), name, {
        id: actor.id,
        role: (actor.role ?? 'none') as never,
      });
      if (!check.ok) {
        refuse(check.code, {
          detail: check.reason,
          reasonZh: check.reasonZh,
          currentStage: check.currentStage,
          allowed: check.allowed,
        });
      }
      checkDockingTransition(state, name, request);
    },
    apply: (request) => transitionAppliers[name](state, request, now()),
  };
}

const transitionAppliers: { [T in TransitionName]: Applier<T> } = {
  async triage(state, request, now) {
    const triagedAt = state.triagedAt ?? now;
    // A court referral runs on the court's period (from 签收), not the centre's handling period.
    // A referred case runs on its referrer's deadlines (court period, prosecutor's deadline) instead.
    if (!state.registration.referral) await planStageDeadline(state, request.triageClass, triagedAt, now);
    const stage = state.deadline('stage');
    const conferenceRequirement = await conferenceRequirementAtTriage(state, request.triageClass, triagedAt);
    return [
      state.apply(
        'triaged',
        request.actor,
        now,
        {
          ...withoutActor(request),
          dueAt: stage?.explanation.dueAt ?? null,
          ...(conferenceRequirement ? { conferenceRequired: true as const } : {}),
          ...(stage?.policy.key.endsWith('.green') ? { greenChannel: true as const } : {}),
        },
        () => {
          state.conferenceRequirement = conferenceRequirement;
          state.triageClass = request.triageClass;
          state.category = request.category;
          state.triagedAt = triagedAt;
          state.stage = 'divert';
        },
      ),
    ];
  },

  async assign(state, request, now) {
    // The same mediator (and unit) again, typically a retry whose answer was lost: nothing changes, so
    // nothing is recorded (once this logged a "reassigned" from M to M and notified M again).
    const unchanged =
      request.mediatorId === state.assigneeId && (request.unitId ?? state.unitId) === state.unitId;
    if (unchanged && patched('assign-to-current-assignee-records-nothing')) return [];
    const conflicts = await findConflicts({
      caseNumber: state.registration.caseNumber,
      mediatorId: request.mediatorId,
      parties: state.registration.parties,
    });
    if (conflicts.length > 0 && !request.conflictOverride) {
      refuse('conflict_of_interest', {
        detail: 'the mediator has a conflict of interest with a party of this case',
        conflicts,
      });
    }
    if (request.conflictOverride && !['supervisor', 'admin'].includes(request.actor.role ?? '')) {
      refuse('override_forbidden', { detail: 'only a supervisor may assign despite a conflict of interest' });
    }
    const previous = state.assigneeId;
    const event = state.apply(
      previous ? 'reassigned' : 'assigned',
      request.actor,
      now,
      { ...withoutActor(request), previousAssigneeId: previous, conflicts },
      () => {
        state.assigneeId = request.mediatorId;
        state.unitId = request.unitId ?? state.unitId;
        state.stage = transitionTable.assign.to;
      },
    );
    await notifyCase({
      key: `${state.registration.caseNumber}:${event.seq}`,
      caseNumber: state.registration.caseNumber,
      kind: 'assigned',
      recipients: { userIds: [request.mediatorId], supervisorsOfUnit: null },
      title: `新指派案件 ${state.registration.caseNumber}`,
      body: `您被指派调解案件 ${state.registration.caseNumber}：${state.registration.summary.slice(0, 60)}`,
      at: now,
    });
    return [event];
  },

  async accept(state, request, now) {
    requireConsentBeforeAcceptance(state);
    return [
      state.apply('accepted', request.actor, now, {}, () => {
        state.stage = 'resolve';
      }),
    ];
  },

  async recordSession(state, request, now) {
    const event = state.apply('session_recorded', request.actor, now, withoutActor(request), () => {
      state.sessions += 1;
    });
    await afterPoliceSession(state, request, now);
    return [event];
  },

  async requestExtension(state, request, now) {
    const target = extensionTarget(state);
    if (!target || target.closedAt !== null)
      refuse('no_deadline', { detail: 'the case has no running period to extend' });
    const check = checkExtension(target.policy, {
      grantedDays: state.grantedExtensionDays(),
      requestedDays: request.days,
      partiesConsent: request.partiesConsent,
    });
    if (!check.ok)
      refuse(check.code, {
        detail: check.reason,
        reasonZh: check.reasonZh,
        remainingDays: check.remainingDays,
      });
    const event = state.apply('extension_requested', request.actor, now, withoutActor(request), () => {
      state.extensions = [
        ...state.extensions,
        {
          days: request.days,
          reason: request.reason,
          partiesConsent: request.partiesConsent,
          requestedBy: request.actor.id,
          requestedAt: now,
          decision: null,
        },
      ];
    });
    await notifyCase({
      key: `${state.registration.caseNumber}:${event.seq}`,
      caseNumber: state.registration.caseNumber,
      kind: 'extension_requested',
      recipients: { userIds: [], supervisorsOfUnit: state.unitId },
      title: `${state.registration.caseNumber} 申请延期${request.days}日`,
      body: `延期理由：${request.reason}`,
      at: now,
    });
    return [event];
  },

  async decideExtension(state, request, now) {
    const pending = state.pendingExtension()!;
    pending.decision = {
      approve: request.approve,
      by: request.actor.id,
      at: now,
      ...(request.note ? { note: request.note } : {}),
    };
    if (request.approve && courtReferral(state)) {
      await replanCourtPeriod(state, now);
    } else if (request.approve && state.triageClass && state.triagedAt) {
      await planStageDeadline(state, state.triageClass, state.triagedAt, now);
    }
    const target = extensionTarget(state);
    return [
      state.apply('extension_decided', request.actor, now, {
        ...withoutActor(request),
        days: pending.days,
        dueAt: target?.explanation.dueAt ?? null,
      }),
    ];
  },

  settle: outcome(
    'settle',
    'settled',
    (request) => (request.form === 'written' ? 'settled_written' : 'settled_oral'),
    async (state, request, now) => {
      state.amountFen = request.amountFen;
      const settledAt = request.signedAt ?? now;
      await startDeadline(
        state,
        'follow_up',
        {
          policyKey: 'follow_up',
          policyDate: chinaDateOf(settledAt),
          startEvent: { kind: 'settled', at: settledAt },
          extensionDays: 0,
        },
        now,
      );
    },
  ),
  fail: outcome('fail', 'failed', () => 'failed'),
  withdraw: outcome('withdraw', 'withdrawn', () => 'withdrawn'),
  terminate: outcome('terminate', 'terminated', () => 'terminated'),
  referOut: outcome('referOut', 'referred_out', () => 'referred_out'),
  reject: outcome('reject', 'rejected', () => 'rejected'),

  async close(state, request, now) {
    return [
      state.apply(
        'closed',
        request.actor,
        now,
        { ...withoutActor(request), disposition: state.outcome?.disposition },
        () => {
          state.stage = 'dispose';
          state.closedAt = now;
        },
      ),
    ];
  },

  async recordFollowUp(state, request, now) {
    const visit = state.apply('follow_up_recorded', request.actor, now, withoutActor(request), () => {
      state.recordFollowUp(withoutActor(request), request.actor.id, now);
      state.endDeadline('follow_up', 'met', now);
    });
    return [visit, ...(await afterFollowUp(state, request, now))];
  },

  async archive(state, request, now) {
    return [
      state.apply('archived', request.actor, now, {}, () => {
        state.stage = 'archived';
        for (const deadline of state.deadlines) state.endDeadline(deadline.kind, 'cancelled', now);
      }),
    ];
  },
};
