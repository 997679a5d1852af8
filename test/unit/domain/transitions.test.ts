import { describe, expect, it } from 'vitest';
import { type Stage, stages } from '../../../domain/stages.js';
import { type TransitionName, transitionNames } from '../../../domain/transition-table.js';
import {
  allowedTransitions,
  type CaseFacts,
  checkTransition,
  type TransitionActor,
  transitionRefusalCodes,
  transitionRefusalHttpStatus,
} from '../../../domain/transitions.js';
import { type StaffRole, staffRoles } from '../../../domain/vocabulary.js';

/**
 * The expected table, written from the design's description of who does what (DESIGN.md "Who uses it"
 * and "The pipeline"), independently of domain/transition-table.ts. C clerk, M mediator (assigned),
 * S supervisor, A admin; a missing stage means the transition is illegal there.
 */
const expectedTable: Record<TransitionName, { to: Stage; from: Partial<Record<Stage, string>> }> = {
  triage: { to: 'divert', from: { intake: 'C S A', divert: 'C S A' } },
  assign: { to: 'divert', from: { divert: 'C S A', resolve: 'S A' } },
  accept: { to: 'resolve', from: { divert: 'M S A' } },
  recordSession: { to: 'resolve', from: { resolve: 'M S A' } },
  requestExtension: { to: 'resolve', from: { resolve: 'M S A' } },
  decideExtension: { to: 'resolve', from: { resolve: 'S A' } },
  settle: { to: 'link', from: { divert: 'C M S A', resolve: 'M S A' } },
  fail: { to: 'link', from: { resolve: 'M S A' } },
  withdraw: { to: 'link', from: { divert: 'C M S A', resolve: 'M S A' } },
  terminate: { to: 'link', from: { resolve: 'M S A' } },
  referOut: { to: 'link', from: { divert: 'C S A', resolve: 'M S A' } },
  reject: { to: 'link', from: { intake: 'C S A', divert: 'C S A' } },
  close: { to: 'dispose', from: { link: 'C M S A' } },
  recordFollowUp: { to: 'dispose', from: { dispose: 'C M S A' } },
  archive: { to: 'archived', from: { dispose: 'C S A' } },
};

// A grid worker ('G') may perform no transition of a case: no row names them.
const roleLetters: Record<StaffRole, string> = {
  clerk: 'C',
  mediator: 'M',
  supervisor: 'S',
  admin: 'A',
  grid_worker: 'G',
};

const mediatorId = 'mediator-1';

/** Facts that satisfy every case condition, so only the stage and the role can refuse. */
function permissiveFacts(stage: Stage, transition: TransitionName): CaseFacts {
  return {
    stage,
    assigneeId: mediatorId,
    outcome: stage === 'link' || stage === 'dispose' || stage === 'archived' ? 'settled_written' : null,
    extensionPending: transition === 'decideExtension',
    followUpRecorded: true,
    linkPending: false,
  };
}

function actorFor(role: StaffRole): TransitionActor {
  return { id: role === 'mediator' ? mediatorId : `${role}-1`, role };
}

describe('the transition table, every stage × transition × role', () => {
  const cases = stages.flatMap((stage) =>
    transitionNames.flatMap((transition) => staffRoles.map((role) => ({ stage, transition, role }))),
  );

  it('covers 6 stages × 15 transitions × 5 roles', () => {
    expect(cases).toHaveLength(6 * 15 * 5);
    expect(Object.keys(expectedTable).sort()).toEqual([...transitionNames].sort());
  });

  it.each(cases)('$transition in $stage by $role', ({ stage, transition, role }) => {
    const expectation = expectedTable[transition];
    const rolesThere = expectation.from[stage];
    const result = checkTransition(permissiveFacts(stage, transition), transition, actorFor(role));
    if (rolesThere === undefined) {
      expect(result).toMatchObject({ ok: false, code: 'illegal_transition', currentStage: stage });
    } else if (!rolesThere.split(' ').includes(roleLetters[role])) {
      expect(result).toMatchObject({ ok: false, code: 'forbidden_role', currentStage: stage });
    } else {
      expect(result).toEqual({ ok: true, from: stage, to: expectation.to });
    }
  });

  it('refuses institution clients every staff transition', () => {
    for (const stage of stages) {
      for (const transition of transitionNames) {
        const result = checkTransition(permissiveFacts(stage, transition), transition, {
          id: 'court-1',
          role: 'court',
        });
        expect(result.ok).toBe(false);
        if (!result.ok) expect(['illegal_transition', 'forbidden_role']).toContain(result.code);
      }
    }
  });
});

describe('refusal codes', () => {
  it('are stable and map to HTTP statuses', () => {
    expect(transitionRefusalCodes).toEqual([
      'illegal_transition',
      'forbidden_role',
      'not_assignee',
      'not_assigned',
      'extension_already_pending',
      'no_pending_extension',
      'outcome_required',
      'link_pending',
      'follow_up_required',
    ]);
    expect(transitionRefusalHttpStatus).toEqual({
      illegal_transition: 409,
      forbidden_role: 403,
      not_assignee: 403,
      not_assigned: 422,
      extension_already_pending: 422,
      no_pending_extension: 422,
      outcome_required: 422,
      link_pending: 422,
      follow_up_required: 422,
    });
  });

  it('checks the stage before the role', () => {
    const facts = permissiveFacts('intake', 'fail');
    expect(checkTransition(facts, 'fail', actorFor('clerk'))).toMatchObject({ code: 'illegal_transition' });
  });

  it('gives a reason in English and Chinese, the current stage and what the actor may do instead', () => {
    const facts: CaseFacts = { ...permissiveFacts('intake', 'settle'), assigneeId: null };
    const result = checkTransition(facts, 'settle', actorFor('clerk'));
    expect(result).toEqual({
      ok: false,
      code: 'illegal_transition',
      reason: "'settle' is not possible in stage 'intake'",
      reasonZh: '案件处于“接案”阶段，不能登记调解成功',
      currentStage: 'intake',
      allowed: ['triage', 'reject'],
    });
  });
});

describe('a mediator acts only on cases assigned to them', () => {
  const mediatorCells = (
    Object.entries(expectedTable) as [TransitionName, (typeof expectedTable)[TransitionName]][]
  ).flatMap(([transition, { from }]) =>
    (Object.entries(from) as [Stage, string][])
      .filter(([, roles]) => roles.split(' ').includes('M'))
      .map(([stage]) => ({ transition, stage })),
  );

  it('lists the mediator cells of the table', () => {
    // accept, recordSession, requestExtension, settle ×2, fail, withdraw ×2, terminate, referOut, close, recordFollowUp
    expect(mediatorCells).toHaveLength(12);
  });

  it.each(mediatorCells)(
    '$transition in $stage by another mediator is not_assignee',
    ({ transition, stage }) => {
      const result = checkTransition(permissiveFacts(stage, transition), transition, {
        id: 'mediator-2',
        role: 'mediator',
      });
      expect(result).toMatchObject({ ok: false, code: 'not_assignee' });
    },
  );

  it('refuses a mediator accepting an unassigned case', () => {
    const facts: CaseFacts = { ...permissiveFacts('divert', 'accept'), assigneeId: null };
    expect(checkTransition(facts, 'accept', actorFor('mediator'))).toMatchObject({ code: 'not_assignee' });
  });

  it('refuses a supervisor accepting on behalf of nobody', () => {
    const facts: CaseFacts = { ...permissiveFacts('divert', 'accept'), assigneeId: null };
    expect(checkTransition(facts, 'accept', actorFor('supervisor'))).toMatchObject({ code: 'not_assigned' });
  });
});

describe('rules on the state of the case', () => {
  const resolving: CaseFacts = {
    stage: 'resolve',
    assigneeId: mediatorId,
    outcome: null,
    extensionPending: false,
    followUpRecorded: false,
    linkPending: false,
  };

  it('allows one pending extension request at a time', () => {
    expect(checkTransition(resolving, 'requestExtension', actorFor('mediator')).ok).toBe(true);
    const pending = { ...resolving, extensionPending: true };
    expect(checkTransition(pending, 'requestExtension', actorFor('mediator'))).toMatchObject({
      code: 'extension_already_pending',
    });
  });

  it('decides an extension only when one is pending', () => {
    expect(checkTransition(resolving, 'decideExtension', actorFor('supervisor'))).toMatchObject({
      code: 'no_pending_extension',
      reasonZh: '没有待审批的延期申请',
    });
  });

  it('closes only with an outcome and once the outcome has travelled', () => {
    const linking: CaseFacts = { ...resolving, stage: 'link', outcome: 'failed', linkPending: true };
    expect(checkTransition({ ...linking, outcome: null }, 'close', actorFor('clerk'))).toMatchObject({
      code: 'outcome_required',
    });
    expect(checkTransition(linking, 'close', actorFor('clerk'))).toMatchObject({ code: 'link_pending' });
    expect(checkTransition({ ...linking, linkPending: false }, 'close', actorFor('clerk'))).toEqual({
      ok: true,
      from: 'link',
      to: 'dispose',
    });
  });

  it.each([
    ['settled_written', false, 'follow_up_required'],
    ['settled_oral', false, 'follow_up_required'],
    ['settled_written', true, null],
    ['failed', false, null],
    ['withdrawn', false, null],
    ['terminated', false, null],
    ['referred_out', false, null],
    ['rejected', false, null],
  ] as const)('archives a %s case with follow-up recorded=%s → %s', (outcome, followUpRecorded, code) => {
    const disposed: CaseFacts = { ...resolving, stage: 'dispose', outcome, followUpRecorded };
    const result = checkTransition(disposed, 'archive', actorFor('clerk'));
    if (code === null) expect(result).toEqual({ ok: true, from: 'dispose', to: 'archived' });
    else expect(result).toMatchObject({ ok: false, code });
  });

  it('lists what an assigned mediator may do while mediating', () => {
    expect(allowedTransitions(resolving, actorFor('mediator'))).toEqual([
      'recordSession',
      'requestExtension',
      'settle',
      'fail',
      'withdraw',
      'terminate',
      'referOut',
    ]);
    expect(allowedTransitions(resolving, { id: 'mediator-2', role: 'mediator' })).toEqual([]);
  });

  it('lets nobody touch an archived case', () => {
    const archived: CaseFacts = { ...resolving, stage: 'archived', outcome: 'settled_written' };
    for (const role of staffRoles) expect(allowedTransitions(archived, actorFor(role))).toEqual([]);
  });
});

describe('the story of a case', () => {
  it('goes from intake to archive through the closed loop', () => {
    const clerk = actorFor('clerk');
    const mediator = actorFor('mediator');
    let facts: CaseFacts = {
      stage: 'intake',
      assigneeId: null,
      outcome: null,
      extensionPending: false,
      followUpRecorded: false,
      linkPending: false,
    };
    const step = (transition: TransitionName, actor: TransitionActor, change: Partial<CaseFacts> = {}) => {
      const result = checkTransition(facts, transition, actor);
      if (!result.ok) throw new Error(`${transition} refused: ${result.reason}`);
      facts = { ...facts, ...change, stage: result.to };
    };
    step('triage', clerk);
    step('assign', clerk, { assigneeId: mediatorId });
    step('accept', mediator);
    step('recordSession', mediator);
    step('requestExtension', mediator, { extensionPending: true });
    step('decideExtension', actorFor('supervisor'), { extensionPending: false });
    step('settle', mediator, { outcome: 'settled_written', linkPending: true });
    expect(checkTransition(facts, 'close', mediator)).toMatchObject({ code: 'link_pending' });
    facts = { ...facts, linkPending: false };
    step('close', mediator);
    expect(checkTransition(facts, 'archive', clerk)).toMatchObject({ code: 'follow_up_required' });
    step('recordFollowUp', mediator, { followUpRecorded: true });
    step('archive', clerk);
    expect(facts.stage).toBe('archived');
  });

  it('sends a reassigned case back to divert for the new mediator to accept', () => {
    const facts: CaseFacts = {
      stage: 'resolve',
      assigneeId: mediatorId,
      outcome: null,
      extensionPending: false,
      followUpRecorded: false,
      linkPending: false,
    };
    expect(checkTransition(facts, 'assign', actorFor('supervisor'))).toEqual({
      ok: true,
      from: 'resolve',
      to: 'divert',
    });
    expect(checkTransition(facts, 'assign', actorFor('clerk'))).toMatchObject({ code: 'forbidden_role' });
  });
});
