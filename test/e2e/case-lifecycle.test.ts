import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseApi } from '../helpers/case-api.js';
import { createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

const neighbours = {
  source: 'walk_in',
  mediationConsent: { givenBy: ['王芳'] },
  summary: '楼上住户装修导致楼下墙面开裂，双方就修复费用争执不下',
  parties: [
    {
      kind: 'person',
      name: '王芳',
      role: 'applicant',
      idType: 'resident_id',
      idNumber: '150702199001011233',
      phone: '13800001111',
    },
    { kind: 'person', name: '李强', role: 'respondent', phone: '13900002222' },
  ],
};

describe('a neighbour dispute carried through the whole closed loop over HTTP', () => {
  let system: TestSystem;
  let api: ReturnType<typeof caseApi>;
  let clerk: TestUser;
  let mediator: TestUser;
  let supervisor: TestUser;

  beforeAll(async () => {
    system = await startTestSystem();
    api = caseApi(system);
    const unit = await createUnit(system.database.db);
    [clerk, mediator, supervisor] = await Promise.all([
      createStaff(system.database.db, 'clerk', unit.id),
      createStaff(system.database.db, 'mediator', unit.id),
      createStaff(system.database.db, 'supervisor', unit.id),
    ]);
  });
  afterAll(() => system?.stop());

  it('registers, triages, assigns, accepts, mediates, extends, settles, closes, follows up and archives', async () => {
    const registered = await api.register(clerk.token, neighbours);
    const no = registered.caseNumber;
    expect(registered.stage).toBe('intake');
    await api.expectReadModelMatchesWorkflow(clerk.token, no);

    const triaged = await api.transition(clerk.token, no, 'triage', {
      triageClass: 'general',
      category: 'neighbour',
    });
    expect(triaged.stage).toBe('divert');
    const [stageDeadline] = triaged.deadlines as {
      kind: string;
      status: string;
      explanation: Record<string, unknown>;
    }[];
    expect(stageDeadline).toMatchObject({ kind: 'stage', status: 'open' });
    expect(stageDeadline!.explanation).toMatchObject({
      policyKey: 'stage.general',
      period: { unit: 'calendar_days', length: 15 },
    });
    expect(String(stageDeadline!.explanation.summaryZh)).toContain('15日');
    await api.expectReadModelMatchesWorkflow(clerk.token, no);

    const assigned = await api.transition(clerk.token, no, 'assign', { mediatorId: mediator.id });
    expect(assigned).toMatchObject({ stage: 'divert', assigneeId: mediator.id });
    await api.expectReadModelMatchesWorkflow(clerk.token, no);

    const accepted = await api.transition(mediator.token, no, 'accept');
    expect(accepted.stage).toBe('resolve');
    expect(accepted.allowedTransitions).toContain('settle');

    await api.transition(mediator.token, no, 'sessions', {
      heldAt: '2026-11-20T02:00:00Z',
      location: '中心第三调解室',
      summary: '双方到场，确认墙面开裂系装修所致，就修复费用差距较大',
    });
    await api.transition(mediator.token, no, 'extension-requests', {
      days: 5,
      reason: '需等待第三方维修报价',
      partiesConsent: true,
    });
    const dueBefore = (await api.read(mediator.token, no)).deadlines as {
      explanation: { dueDate: string };
    }[];
    const approved = await api.transition(supervisor.token, no, 'extension-decisions', {
      approve: true,
      note: '同意',
    });
    const dueAfter = (
      approved.deadlines as { kind: string; explanation: { dueDate: string; extensionDays: number } }[]
    ).find((d) => d.kind === 'stage')!;
    expect(dueAfter.explanation.extensionDays).toBe(5);
    expect(dueAfter.explanation.dueDate > dueBefore[0]!.explanation.dueDate).toBe(true);
    await api.expectReadModelMatchesWorkflow(supervisor.token, no);

    const settled = await api.transition(mediator.token, no, 'settle', {
      form: 'written',
      terms: '李强于2026年12月10日前一次性支付修复费用人民币8,600元',
      amountFen: 860_000,
      performance: [{ description: '一次性支付修复费用', dueDate: '2026-12-10', amountFen: 860_000 }],
    });
    expect(settled).toMatchObject({ stage: 'link', disposition: 'settled_written', amountFen: 860_000 });
    const deadlines = settled.deadlines as { kind: string; status: string }[];
    expect(deadlines.find((d) => d.kind === 'stage')?.status).toBe('met');
    expect(deadlines.find((d) => d.kind === 'follow_up')?.status).toBe('open');

    const closed = await api.transition(mediator.token, no, 'close', {});
    expect(closed.stage).toBe('dispose');
    const refusedArchive = await api.transition(clerk.token, no, 'archive', {}, 422);
    expect(refusedArchive).toMatchObject({ code: 'follow_up_required', currentStage: 'dispose' });

    await api.transition(clerk.token, no, 'follow-ups', {
      performed: true,
      satisfaction: 5,
      notes: '已按期履行',
    });
    const archived = await api.transition(clerk.token, no, 'archive', {});
    expect(archived.stage).toBe('archived');
    await api.expectReadModelMatchesWorkflow(clerk.token, no);

    const events = (await api.call('GET', `/v1/cases/${no}/events`, clerk.token, undefined, 200)).items as {
      seq: number;
      type: string;
      actorId: string;
    }[];
    expect(events.map((e) => e.type)).toEqual([
      'registered',
      'triaged',
      'assigned',
      'accepted',
      'session_recorded',
      'extension_requested',
      'extension_decided',
      'settled',
      'closed',
      'follow_up_recorded',
      'archived',
    ]);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events[3]!.actorId).toBe(mediator.id);

    const [agreement] = await system.database
      .sql`select form, amount_fen from case_agreements where case_number = ${no}`;
    expect(agreement).toEqual({ form: 'written', amount_fen: '860000' });
    const sessions = await system.database
      .sql`select count(*)::int as n from case_sessions where case_number = ${no}`;
    expect(sessions[0]!.n).toBe(1);
    const openDeadlines = await system.database
      .sql`select count(*)::int as n from case_deadlines where case_number = ${no} and status in ('open','overdue')`;
    expect(openDeadlines[0]!.n).toBe(0);

    await api.transition(clerk.token, no, 'triage', { triageClass: 'simple', category: 'neighbour' }, 409);
  });

  it('puts assignments and extension requests in the right inboxes', async () => {
    const mine = (await api.call('GET', '/v1/inbox', mediator.token, undefined, 200)).items as {
      kind: string;
    }[];
    expect(mine.map((n) => n.kind)).toContain('assigned');
    const supervisors = (await api.call('GET', '/v1/inbox', supervisor.token, undefined, 200)).items as {
      kind: string;
      key: string;
    }[];
    expect(supervisors.map((n) => n.kind)).toContain('extension_requested');
    const read = await api.call(
      'POST',
      `/v1/inbox/${encodeURIComponent(supervisors[0]!.key)}/read`,
      supervisor.token,
      undefined,
      200,
    );
    expect(read.readAt).not.toBeNull();
    await api.call(
      'POST',
      `/v1/inbox/${encodeURIComponent(supervisors[0]!.key)}/read`,
      clerk.token,
      undefined,
      404,
    );
  });

  it.each([
    ['fail', { reasons: '双方对赔偿数额分歧过大', undisputedFacts: '事故发生时间、地点无争议' }, 'failed'],
    ['withdraw', { reason: '申请人撤回调解申请' }, 'withdrawn'],
    ['terminate', { reason: '一方当事人明确拒绝继续调解' }, 'terminated'],
    [
      'refer-out',
      { to: '区劳动人事争议仲裁委员会', reason: '属劳动争议，当事人同意转仲裁', partiesConsent: true },
      'referred_out',
    ],
  ])(
    'takes a case that ends with %s through close and archive without a follow-up',
    async (path, body, disposition) => {
      const { caseNumber: no } = await api.register(clerk.token, neighbours);
      await api.transition(clerk.token, no, 'triage', { triageClass: 'simple', category: 'neighbour' });
      await api.transition(clerk.token, no, 'assign', { mediatorId: mediator.id });
      await api.transition(mediator.token, no, 'accept');
      const ended = await api.transition(mediator.token, no, path, body);
      expect(ended).toMatchObject({ stage: 'link', disposition });
      await api.transition(mediator.token, no, 'close', {});
      expect((await api.transition(clerk.token, no, 'archive', {})).stage).toBe('archived');
      await api.expectReadModelMatchesWorkflow(clerk.token, no);
    },
  );

  it('rejects a case at intake and settles another on the spot at the window', async () => {
    const rejected = await api.register(clerk.token, neighbours);
    expect(
      await api.transition(clerk.token, rejected.caseNumber, 'reject', { reason: '不属于人民调解受理范围' }),
    ).toMatchObject({
      stage: 'link',
      disposition: 'rejected',
    });
    const onTheSpot = await api.register(clerk.token, neighbours);
    await api.transition(clerk.token, onTheSpot.caseNumber, 'triage', {
      triageClass: 'simple',
      category: 'neighbour',
    });
    const settled = await api.transition(clerk.token, onTheSpot.caseNumber, 'settle', {
      form: 'oral',
      terms: '双方当场达成口头协议，互不追究',
      amountFen: 0,
      performance: [],
    });
    expect(settled).toMatchObject({ stage: 'link', disposition: 'settled_oral' });
  });
});
