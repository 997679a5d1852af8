import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { institutions } from '../../db/schema/index.js';
import { institutionCallbackSecret, verifySignature } from '../../lib/signature.js';
import { caseApi } from '../helpers/case-api.js';
import { eventually } from '../helpers/eventually.js';
import { type ReceivedRequest, startReceiver } from '../helpers/receiver.js';
import { createInstitution, createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem, testCallbackSigningKey } from '../helpers/test-system.js';

/**
 * Hand-offs (联动) over HTTP with real partner bodies: each body is a small HTTP server on loopback that
 * receives the centre's signed deliveries, and answers through its own API key.
 */
function dispute(summary: string) {
  return {
    source: 'walk_in',
    mediationConsent: { givenBy: ['赵磊'] },
    summary,
    parties: [
      {
        kind: 'person',
        name: '赵磊',
        role: 'applicant',
        idType: 'resident_id',
        idNumber: '150702199001011233',
        phone: '13800001111',
      },
      { kind: 'person', name: '孙丽', role: 'respondent', phone: '13900002222' },
    ],
  };
}

type Institution = Awaited<ReturnType<typeof createInstitution>>;

describe('hand-offs to partner bodies (联动) over HTTP', () => {
  let system: TestSystem;
  let api: ReturnType<typeof caseApi>;
  let clerk: TestUser;
  let mediator: TestUser;
  let supervisor: TestUser;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let court: Institution;
  let otherCourt: Institution;
  let arbitration: Institution;

  beforeAll(async () => {
    receiver = await startReceiver(() => 200);
    system = await startTestSystem();
    api = caseApi(system);
    const db = system.database.db;
    const unit = await createUnit(db, '呼伦贝尔市非诉纠纷调处中心');
    [clerk, mediator, supervisor] = await Promise.all([
      createStaff(db, 'clerk', unit.id),
      createStaff(db, 'mediator', unit.id),
      createStaff(db, 'supervisor', unit.id),
    ]);
    [court, otherCourt, arbitration] = await Promise.all([
      createInstitution(db, 'court', '海拉尔区人民法院', receiver.url),
      createInstitution(db, 'court', '满洲里市人民法院', receiver.url),
      createInstitution(db, 'labour_arbitration', '呼伦贝尔市劳动人事争议仲裁委员会', receiver.url),
    ]);
  });
  afterAll(async () => {
    await system?.stop();
    await receiver?.close();
  });

  const delivered = (handOffId: string, kind: string) =>
    receiver.received.find(
      (r) => r.headers['x-feisutong-event'] === kind && JSON.parse(r.body).handOffId === handOffId,
    );
  const signedFor = (request: ReceivedRequest, institution: Institution) =>
    verifySignature(
      institutionCallbackSecret(testCallbackSigningKey, institution.id),
      Number(request.headers['x-feisutong-timestamp']),
      request.body,
      String(request.headers['x-feisutong-signature']),
    );

  async function mediated(summary: string, category: string) {
    const { caseNumber } = await api.register(clerk.token, dispute(summary));
    await api.transition(clerk.token, caseNumber, 'triage', { triageClass: 'general', category });
    await api.transition(clerk.token, caseNumber, 'assign', { mediatorId: mediator.id });
    await api.transition(mediator.token, caseNumber, 'accept');
    return caseNumber;
  }

  it('sends a walk-in written agreement to judicial confirmation and closes the case with the ruling', async () => {
    const caseNumber = await mediated('装修漏水损害赔偿纠纷', 'neighbour');
    await api.transition(mediator.token, caseNumber, 'settle', {
      form: 'written',
      terms: '孙丽于2027年1月31日前赔偿赵磊修复费用八千元',
      amountFen: 800_000,
      performance: [{ description: '赔偿修复费用', dueDate: '2027-01-31', amountFen: 800_000 }],
    });

    const noBasis = await api.transition(
      mediator.token,
      caseNumber,
      'hand-offs',
      {
        kind: 'judicial_confirmation',
        institutionId: court.id,
        note: '双方共同申请司法确认',
        partiesConsent: true,
      },
      422,
    );
    expect(noBasis).toMatchObject({ code: 'jurisdiction_required' });
    expect(noBasis.errors).toEqual([expect.objectContaining({ field: 'jurisdictionBasis' })]);
    const wrongBody = await api.transition(
      mediator.token,
      caseNumber,
      'hand-offs',
      {
        kind: 'judicial_confirmation',
        institutionId: arbitration.id,
        note: '双方共同申请司法确认',
        jurisdictionBasis: '调解组织所在地基层人民法院',
        partiesConsent: true,
      },
      422,
    );
    expect(wrongBody).toMatchObject({ code: 'institution_kind_mismatch' });
    expect(wrongBody.errors).toEqual([expect.objectContaining({ field: 'institutionId' })]);

    const sent = await api.transition(mediator.token, caseNumber, 'hand-offs', {
      kind: 'judicial_confirmation',
      institutionId: court.id,
      note: '双方当事人共同申请司法确认，附调解协议书',
      jurisdictionBasis: '《民事诉讼法》第205条：调解组织所在地基层人民法院',
      partiesConsent: true,
    });
    expect(sent).toMatchObject({ stage: 'link', linkPending: 'hand_off' });
    const handOffId = `${caseNumber}-H1`;
    const deadline = (sent.deadlines as { kind: string; explanation: Record<string, unknown> }[]).find(
      (d) => d.kind === 'hand_off-1',
    );
    expect(deadline?.explanation).toMatchObject({ policyKey: 'hand_off.acknowledgement' });
    // Nothing closes the case while the court has it.
    expect((await api.transition(mediator.token, caseNumber, 'close', {}, 422)).code).toBe('link_pending');

    const request = await eventually(() => delivered(handOffId, 'hand_off.sent'));
    expect(signedFor(request, court)).toBe(true);
    const body = JSON.parse(request.body);
    expect(body).toMatchObject({ kind: 'judicial_confirmation', caseNumber });
    expect(body.case.agreement.terms).toContain('八千元');
    expect(request.body).not.toContain('150702199001011233'); // parties by name and role only
    expect(request.body).not.toContain('13800001111');

    // Another court does not see it; the court does.
    await api.call('GET', `/v1/hand-offs/${handOffId}`, otherCourt.apiKey, undefined, 404);
    await api.call(
      'POST',
      `/v1/hand-offs/${handOffId}/result`,
      otherCourt.apiKey,
      { result: 'confirmed', date: '2026-12-02', documentNumber: 'x', summary: 'x' },
      404,
    );
    const listed = await api.call('GET', '/v1/hand-offs', court.apiKey, undefined, 200);
    expect((listed.items as { id: string }[]).map((item) => item.id)).toContain(handOffId);

    const early = await api.call(
      'POST',
      `/v1/hand-offs/${handOffId}/result`,
      court.apiKey,
      { result: 'confirmed', date: '2026-12-02', documentNumber: '(2026)内0702民特1号', summary: '确认有效' },
      409,
    );
    expect(early.code).toBe('hand_off_not_acknowledged');
    const accepted = await api.call(
      'POST',
      `/v1/hand-offs/${handOffId}/acknowledgement`,
      court.apiKey,
      { accepted: true, reference: '(2026)内0702民特1号' },
      200,
    );
    expect(accepted).toMatchObject({
      status: 'acknowledged',
      deadline: { policyKey: 'hand_off.judicial_confirmation.ruling', status: 'open' },
    });
    const wrongResult = await api.call(
      'POST',
      `/v1/hand-offs/${handOffId}/result`,
      court.apiKey,
      { result: 'filed', date: '2026-12-02', documentNumber: '(2026)内0702民初9号', summary: '立案' },
      422,
    );
    expect(wrongResult.errors).toEqual([expect.objectContaining({ field: 'result' })]);
    const unnumbered = await api.call(
      'POST',
      `/v1/hand-offs/${handOffId}/result`,
      court.apiKey,
      { result: 'confirmed', date: '2026-12-02', summary: '确认有效' },
      422,
    );
    expect(unnumbered.errors).toEqual([expect.objectContaining({ field: 'documentNumber' })]);

    const ruling = {
      result: 'confirmed',
      date: '2026-12-02',
      documentNumber: '(2026)内0702民特1号',
      summary: '裁定确认调解协议有效',
    };
    const decided = await api.call('POST', `/v1/hand-offs/${handOffId}/result`, court.apiKey, ruling, 200);
    expect(decided).toMatchObject({ status: 'decided', result: { result: 'confirmed' } });
    // The same ruling again is answered, not recorded twice; a different one is refused.
    const again = await api.call('POST', `/v1/hand-offs/${handOffId}/result`, court.apiKey, ruling, 200);
    expect(again.result).toEqual(decided.result);
    const changed = await api.call(
      'POST',
      `/v1/hand-offs/${handOffId}/result`,
      court.apiKey,
      { ...ruling, result: 'rejected' },
      409,
    );
    expect(changed.code).toBe('hand_off_closed');

    const closed = await api.read(mediator.token, caseNumber);
    expect(closed).toMatchObject({ stage: 'dispose', linkPending: null, disposition: 'settled_written' });
    const events = await api.call('GET', `/v1/cases/${caseNumber}/events`, mediator.token, undefined, 200);
    const types = (events.items as { type: string }[]).map((event) => event.type);
    expect(types.filter((type) => type === 'hand_off_result_recorded')).toHaveLength(1);
    expect(types.at(-1)).toBe('closed');
    await api.expectReadModelMatchesWorkflow(mediator.token, caseNumber);
  });

  it('sends a failed case to filing and closes it with the court’s filing number', async () => {
    const caseNumber = await mediated('买卖合同货款纠纷', 'contract');
    const settledOnly = await api.transition(
      mediator.token,
      caseNumber,
      'hand-offs',
      {
        kind: 'filing',
        institutionId: court.id,
        note: '转立案',
        jurisdictionBasis: '被告住所地',
        partiesConsent: true,
      },
      409,
    );
    expect(settledOnly.code).toBe('illegal_transition'); // still mediating: no outcome yet
    await api.transition(mediator.token, caseNumber, 'fail', {
      reasons: '双方对货款数额分歧过大',
      undisputedFacts: '双方于2026年3月签订买卖合同，被告已收货',
    });
    await api.transition(mediator.token, caseNumber, 'hand-offs', {
      kind: 'filing',
      institutionId: court.id,
      note: '原告申请立案，随附无争议事实确认书及证据材料',
      jurisdictionBasis: '《民事诉讼法》第24条：合同履行地海拉尔区',
      partiesConsent: true,
    });
    const handOffId = `${caseNumber}-H1`;
    const request = await eventually(() => delivered(handOffId, 'hand_off.sent'));
    expect(JSON.parse(request.body).case.findings.undisputedFacts).toContain('已收货');

    const acknowledged = await api.call(
      'POST',
      `/v1/hand-offs/${handOffId}/acknowledgement`,
      court.apiKey,
      { accepted: true },
      200,
    );
    expect(acknowledged.deadline).toMatchObject({ policyKey: 'hand_off.filing.decision' });
    await api.call(
      'POST',
      `/v1/hand-offs/${handOffId}/result`,
      court.apiKey,
      {
        result: 'filed',
        date: '2026-12-02',
        documentNumber: '(2026)内0702民初3456号',
        summary: '已登记立案',
      },
      200,
    );
    const closed = await api.read(mediator.token, caseNumber);
    // 转立案: the case closes as transferred for filing, the outcome's findings kept
    expect(closed).toMatchObject({
      stage: 'dispose',
      disposition: 'transferred_for_filing',
      outcome: { transition: 'fail', disposition: 'transferred_for_filing' },
    });
    await api.expectReadModelMatchesWorkflow(mediator.token, caseNumber);
    const events = await api.call('GET', `/v1/cases/${caseNumber}/events`, mediator.token, undefined, 200);
    const last = (events.items as { type: string; payload: Record<string, unknown> }[]).at(-1);
    expect(last).toMatchObject({
      type: 'closed',
      payload: { byHandOff: { kind: 'filing', result: 'filed', documentNumber: '(2026)内0702民初3456号' } },
    });
  });

  it('takes a case the arbitration commission sends back (退回调解) to mediation, its period counted again', async () => {
    const caseNumber = await mediated('加班费争议', 'labour');
    await api.transition(mediator.token, caseNumber, 'fail', {
      reasons: '双方对加班时长认定分歧',
      undisputedFacts: '劳动关系存续',
    });
    const failed = await api.read(mediator.token, caseNumber);
    const periodBefore = (failed.deadlines as { kind: string; explanation: { dueAt: string } }[]).find(
      (d) => d.kind === 'stage',
    );
    await api.transition(mediator.token, caseNumber, 'hand-offs', {
      kind: 'labour_arbitration',
      institutionId: arbitration.id,
      note: '申请劳动争议仲裁',
      partiesConsent: true,
    });
    const handOffId = `${caseNumber}-H1`;
    await api.call(
      'POST',
      `/v1/hand-offs/${handOffId}/acknowledgement`,
      arbitration.apiKey,
      { accepted: true },
      200,
    );
    const result = {
      result: 'returned_for_mediation',
      date: '2026-12-02',
      summary: '争议标的较小，建议先行调解，退回调解中心',
    };
    const noReason = await api.call(
      'POST',
      `/v1/hand-offs/${handOffId}/result`,
      arbitration.apiKey,
      { ...result, summary: '   ' },
      400,
    );
    expect(noReason.errors).toEqual([expect.objectContaining({ field: 'summary' })]);
    await api.call('POST', `/v1/hand-offs/${handOffId}/result`, arbitration.apiKey, result, 200);
    // the same answer again changes nothing; a different one is refused
    await api.call('POST', `/v1/hand-offs/${handOffId}/result`, arbitration.apiKey, result, 200);

    const returned = await api.read(mediator.token, caseNumber);
    expect(returned).toMatchObject({ stage: 'resolve', outcome: null, disposition: null, linkPending: null });
    const period = (
      returned.deadlines as {
        kind: string;
        closedAt: string | null;
        explanation: { dueAt: string; startEvent: { kind: string } };
      }[]
    ).find((d) => d.kind === 'stage');
    expect(period).toMatchObject({
      closedAt: null,
      explanation: { startEvent: { kind: 'returned_to_mediation' } },
    });
    expect(Date.parse(period!.explanation.dueAt)).toBeGreaterThanOrEqual(
      Date.parse(periodBefore!.explanation.dueAt),
    );
    const events = await api.call('GET', `/v1/cases/${caseNumber}/events`, mediator.token, undefined, 200);
    const types = (events.items as { type: string }[]).map((event) => event.type);
    expect(types.slice(-2)).toEqual(['hand_off_result_recorded', 'returned_to_mediation']);
    expect(types.filter((type) => type === 'returned_to_mediation')).toHaveLength(1);

    // back in mediation: closing or another hand-off is illegal until a new outcome, 409 with the stage
    const close = await api.transition(mediator.token, caseNumber, 'close', {}, 409);
    expect(close).toMatchObject({ code: 'illegal_transition', currentStage: 'resolve' });
    const again = await api.transition(
      mediator.token,
      caseNumber,
      'hand-offs',
      {
        kind: 'labour_arbitration',
        institutionId: arbitration.id,
        note: '再次申请仲裁',
        partiesConsent: true,
      },
      409,
    );
    expect(again).toMatchObject({ code: 'illegal_transition', currentStage: 'resolve' });
    const otherAnswer = await api.call(
      'POST',
      `/v1/hand-offs/${handOffId}/result`,
      arbitration.apiKey,
      { result: 'dismissed', date: '2026-12-02', summary: '驳回' },
      409,
    );
    expect(otherAnswer.code).toBe('hand_off_closed');

    // the mediator mediates again and settles
    const settled = await api.transition(mediator.token, caseNumber, 'settle', {
      form: 'written',
      terms: '用人单位于2027年1月15日前支付加班费三千元',
      amountFen: 300_000,
      performance: [{ description: '支付加班费', dueDate: '2027-01-15', amountFen: 300_000 }],
    });
    expect(settled).toMatchObject({ stage: 'link', disposition: 'settled_written' });
    await api.expectReadModelMatchesWorkflow(mediator.token, caseNumber);
  });

  it('takes a case back to mediation when the body declines it and sends it back (退回调解)', async () => {
    const caseNumber = await mediated('劳务报酬纠纷', 'labour');
    await api.transition(mediator.token, caseNumber, 'terminate', { reason: '一方暂时无法到场' });
    await api.transition(mediator.token, caseNumber, 'hand-offs', {
      kind: 'labour_arbitration',
      institutionId: arbitration.id,
      note: '申请劳动争议仲裁',
      partiesConsent: true,
    });
    const handOffId = `${caseNumber}-H1`;
    const acceptedAndReturned = await api.call(
      'POST',
      `/v1/hand-offs/${handOffId}/acknowledgement`,
      arbitration.apiKey,
      { accepted: true, returnToMediation: true },
      422,
    );
    expect(acceptedAndReturned).toMatchObject({ code: 'hand_off_not_applicable' });
    expect(acceptedAndReturned.errors).toEqual([expect.objectContaining({ field: 'returnToMediation' })]);
    const decline = {
      accepted: false,
      reason: '不属于劳动争议，建议由调解中心继续调解',
      returnToMediation: true,
    };
    await api.call('POST', `/v1/hand-offs/${handOffId}/acknowledgement`, arbitration.apiKey, decline, 200);
    await api.call('POST', `/v1/hand-offs/${handOffId}/acknowledgement`, arbitration.apiKey, decline, 200);
    const returned = await api.read(mediator.token, caseNumber);
    expect(returned).toMatchObject({ stage: 'resolve', outcome: null });
    const events = await api.call('GET', `/v1/cases/${caseNumber}/events`, mediator.token, undefined, 200);
    const types = (events.items as { type: string }[]).map((event) => event.type);
    expect(types.filter((type) => type === 'returned_to_mediation')).toHaveLength(1);
    const otherwise = await api.call(
      'POST',
      `/v1/hand-offs/${handOffId}/acknowledgement`,
      arbitration.apiKey,
      { accepted: true },
      409,
    );
    expect(otherwise.code).toBe('hand_off_closed');
    await api.expectReadModelMatchesWorkflow(mediator.token, caseNumber);
  });

  it('refuses 退回调解 before the body has accepted the hand-off', async () => {
    const caseNumber = await mediated('合同纠纷转立案', 'contract');
    await api.transition(mediator.token, caseNumber, 'fail', {
      reasons: '分歧大',
      undisputedFacts: '合同成立',
    });
    await api.transition(mediator.token, caseNumber, 'hand-offs', {
      kind: 'labour_arbitration',
      institutionId: arbitration.id,
      note: '申请仲裁',
      partiesConsent: true,
    });
    const handOffId = `${caseNumber}-H1`;
    const early = await api.call(
      'POST',
      `/v1/hand-offs/${handOffId}/result`,
      arbitration.apiKey,
      { result: 'returned_for_mediation', date: '2026-12-02', summary: '退回' },
      409,
    );
    expect(early.code).toBe('hand_off_not_acknowledged');
  });

  it('sends a failed labour dispute to arbitration, which accepts it and comes back decided', async () => {
    const caseNumber = await mediated('拖欠工资纠纷', 'labour');
    await api.transition(mediator.token, caseNumber, 'fail', {
      reasons: '用人单位不同意支付加班费',
      undisputedFacts: '劳动关系存续期间为2025年1月至2026年10月',
    });
    const wrongKind = await api.transition(
      mediator.token,
      caseNumber,
      'hand-offs',
      {
        kind: 'judicial_confirmation',
        institutionId: court.id,
        note: 'x',
        jurisdictionBasis: 'x',
        partiesConsent: true,
      },
      422,
    );
    expect(wrongKind).toMatchObject({ code: 'hand_off_not_applicable' });
    expect(wrongKind.errors).toEqual([expect.objectContaining({ field: 'kind' })]);
    const sent = await api.transition(mediator.token, caseNumber, 'hand-offs', {
      kind: 'labour_arbitration',
      institutionId: arbitration.id,
      note: '劳动者申请劳动争议仲裁（裁调对接）',
      partiesConsent: true,
    });
    const first = (sent.deadlines as { kind: string; explanation: Record<string, unknown> }[]).find(
      (d) => d.kind === 'hand_off-1',
    );
    expect(first?.explanation).toMatchObject({
      policyKey: 'hand_off.labour_arbitration.acceptance',
      period: { unit: 'calendar_days', length: 5 },
    });
    const handOffId = `${caseNumber}-H1`;
    const request = await eventually(() => delivered(handOffId, 'hand_off.sent'));
    expect(signedFor(request, arbitration)).toBe(true);

    const accepted = await api.call(
      'POST',
      `/v1/hand-offs/${handOffId}/acknowledgement`,
      arbitration.apiKey,
      { accepted: true, reference: '呼劳人仲案字〔2026〕88号' },
      200,
    );
    expect(accepted.deadline).toMatchObject({ policyKey: 'hand_off.labour_arbitration.award' });
    expect(String((accepted.deadline as { summaryZh: string }).summaryZh)).toContain('45');
    await api.call(
      'POST',
      `/v1/hand-offs/${handOffId}/result`,
      arbitration.apiKey,
      {
        result: 'awarded',
        date: '2026-12-02',
        documentNumber: '呼劳人仲裁字〔2026〕88号',
        summary: '裁决用人单位支付加班费一万二千元',
      },
      200,
    );
    const closed = await api.read(mediator.token, caseNumber);
    expect(closed.stage).toBe('dispose');
    const handOffs = closed.handOffs as { status: string; result: { result: string } }[];
    expect(handOffs[0]).toMatchObject({ status: 'decided', result: { result: 'awarded' } });
  });

  it('refuses a result for a withdrawn hand-off with 409, and tells the body it was withdrawn', async () => {
    const caseNumber = await mediated('劳务费纠纷', 'labour');
    await api.transition(mediator.token, caseNumber, 'fail', { reasons: '分歧过大', undisputedFacts: '无' });
    await api.transition(mediator.token, caseNumber, 'hand-offs', {
      kind: 'labour_arbitration',
      institutionId: arbitration.id,
      note: '申请仲裁',
      partiesConsent: true,
    });
    const handOffId = `${caseNumber}-H1`;
    await api.call(
      'POST',
      `/v1/hand-offs/${handOffId}/acknowledgement`,
      arbitration.apiKey,
      { accepted: true },
      200,
    );
    const withdrawn = await api.transition(mediator.token, caseNumber, 'hand-offs/1/withdrawal', {
      reason: '劳动者撤回仲裁申请，双方自行和解',
    });
    expect(withdrawn.linkPending).toBeNull();
    await eventually(() => delivered(handOffId, 'hand_off.withdrawn'));
    const late = await api.call(
      'POST',
      `/v1/hand-offs/${handOffId}/result`,
      arbitration.apiKey,
      { result: 'awarded', date: '2026-12-02', documentNumber: 'x号', summary: '裁决' },
      409,
    );
    expect(late.code).toBe('hand_off_withdrawn');
    await api.transition(mediator.token, caseNumber, 'close', {});
  });

  it('opens a decision when a visit finds an instalment unperformed, and archives only once it is taken', async () => {
    const caseNumber = await mediated('民间借贷纠纷', 'lending');
    await api.transition(mediator.token, caseNumber, 'settle', {
      form: 'written',
      terms: '孙丽分两期归还借款两万元',
      amountFen: 2_000_000,
      performance: [
        { description: '第一期还款', dueDate: '2026-12-01', amountFen: 1_000_000 },
        { description: '第二期还款', dueDate: '2026-12-02', amountFen: 1_000_000 },
      ],
    });
    await api.transition(mediator.token, caseNumber, 'close', {});
    const noSuchStep = await api.transition(
      mediator.token,
      caseNumber,
      'follow-ups',
      { performed: false, satisfaction: 2, unperformedSteps: [3] },
      422,
    );
    expect(noSuchStep.errors).toEqual([expect.objectContaining({ field: 'unperformedSteps' })]);

    const visited = await api.transition(mediator.token, caseNumber, 'follow-ups', {
      performed: false,
      satisfaction: 2,
      notes: '第二期还款未按期支付',
      unperformedSteps: [2],
    });
    expect(visited.performanceDecisions).toEqual([
      expect.objectContaining({ unperformedSteps: [2], decision: null }),
    ]);
    const decision = (
      visited.deadlines as { kind: string; status: string; explanation: Record<string, unknown> }[]
    ).find((d) => d.kind === 'performance_decision');
    expect(decision).toMatchObject({ status: 'open', explanation: { policyKey: 'follow_up.decision' } });
    expect((await api.transition(clerk.token, caseNumber, 'archive', {}, 422)).code).toBe('decision_pending');
    // The supervisor sees the agreements waiting for a decision among the deadlines coming due.
    const waiting = await api.call(
      'GET',
      '/v1/supervision/at-risk?kind=performance_decision&withinDays=10',
      supervisor.token,
      undefined,
      200,
    );
    expect((waiting.items as { caseNumber: string }[]).map((item) => item.caseNumber)).toContain(caseNumber);

    // Not confirmed by a court: enforcement is not open to the party; suing on the agreement is.
    const enforcement = await api.transition(
      mediator.token,
      caseNumber,
      'performance-decisions',
      { action: 'enforcement', note: '申请强制执行' },
      422,
    );
    expect(enforcement).toMatchObject({ code: 'action_not_available' });
    expect(enforcement.errors).toEqual([expect.objectContaining({ field: 'action' })]);
    const decided = await api.transition(mediator.token, caseNumber, 'performance-decisions', {
      action: 'litigation',
      note: '已告知出借人可就调解协议的履行向人民法院提起诉讼',
    });
    expect(decided.performanceDecisions).toEqual([
      expect.objectContaining({ decision: expect.objectContaining({ action: 'litigation' }) }),
    ]);
    const met = (decided.deadlines as { kind: string; status: string }[]).find(
      (d) => d.kind === 'performance_decision',
    );
    expect(met?.status).toBe('met');

    // A later visit is kept beside the first, not written over it.
    const second = await api.transition(mediator.token, caseNumber, 'follow-ups', {
      performed: true,
      satisfaction: 4,
      notes: '已全部还清',
    });
    expect(second.followUps).toHaveLength(2);
    expect(await api.transition(clerk.token, caseNumber, 'archive', {})).toMatchObject({ stage: 'archived' });
  });

  it('lets staff record the answers of a body without an API, and only of such a body', async () => {
    const [bureau] = await system.database.db
      .insert(institutions)
      .values({ code: `I-petitions-${Date.now()}`, name: '海拉尔区信访局', kind: 'petitions_bureau' })
      .returning();
    const caseNumber = await mediated('征地补偿信访纠纷', 'land');
    await api.transition(mediator.token, caseNumber, 'fail', {
      reasons: '补偿标准属行政决定，调解无法解决',
      undisputedFacts: '土地于2025年被征收',
    });
    await api.transition(mediator.token, caseNumber, 'hand-offs', {
      kind: 'petition',
      institutionId: bureau!.id,
      note: '当事人同意转信访部门依法处理（访调对接）',
      partiesConsent: true,
    });
    // No callback URL and no API: the delivery waits to be pulled, and staff record the answers.
    const noDetail = await api.transition(
      mediator.token,
      caseNumber,
      'hand-offs/1/acknowledgement',
      { accepted: false },
      422,
    );
    expect(noDetail.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    const accepted = await api.transition(mediator.token, caseNumber, 'hand-offs/1/acknowledgement', {
      accepted: true,
      reference: '海信字〔2026〕7号',
    });
    const handOffs = accepted.handOffs as { status: string; acknowledgement: { by: string } }[];
    expect(handOffs[0]).toMatchObject({ status: 'acknowledged', acknowledgement: { by: mediator.id } });
    const decided = await api.transition(mediator.token, caseNumber, 'hand-offs/1/result', {
      result: 'completed',
      date: '2026-12-02',
      summary: '信访局已受理并答复当事人',
    });
    expect(decided.stage).toBe('dispose');

    // A court with an API key answers itself: staff may not answer for it.
    const other = await mediated('房屋买卖合同纠纷', 'contract');
    await api.transition(mediator.token, other, 'fail', {
      reasons: '分歧过大',
      undisputedFacts: '合同已签订',
    });
    await api.transition(mediator.token, other, 'hand-offs', {
      kind: 'filing',
      institutionId: court.id,
      note: '转立案',
      jurisdictionBasis: '不动产所在地',
      partiesConsent: true,
    });
    const refused = await api.transition(
      mediator.token,
      other,
      'hand-offs/1/acknowledgement',
      { accepted: true },
      409,
    );
    expect(refused.code).toBe('body_answers_itself');
  });

  it('sends a legal aid application with its applicant, matter and basis, naming what is missing', async () => {
    const legalAid = await createInstitution(
      system.database.db,
      'legal_aid_centre',
      '呼伦贝尔市法律援助中心',
    );
    const caseNumber = await mediated('追索劳动报酬纠纷', 'labour');
    await api.transition(mediator.token, caseNumber, 'fail', {
      reasons: '拒不支付',
      undisputedFacts: '欠薪三个月',
    });
    const send = (legalAidApplication: unknown, expected: number) =>
      api.transition(
        mediator.token,
        caseNumber,
        'hand-offs',
        {
          kind: 'legal_aid',
          institutionId: legalAid.id,
          note: '申请人经济困难，申请法律援助',
          partiesConsent: true,
          ...(legalAidApplication ? { legalAid: legalAidApplication } : {}),
        },
        expected,
      );
    const missing = await send(undefined, 422);
    expect(missing.errors).toEqual([expect.objectContaining({ field: 'legalAid' })]);
    const stranger = await send(
      { applicant: '王五', matter: '请求支付劳动报酬', basis: 'economic_difficulty' },
      422,
    );
    expect(stranger.errors).toEqual([expect.objectContaining({ field: 'legalAid.applicant' })]);
    const noExemption = await send({ applicant: '赵磊', matter: '请求支付劳动报酬', basis: 'exempt' }, 422);
    expect(noExemption.errors).toEqual([expect.objectContaining({ field: 'legalAid.exemption' })]);
    const application = {
      applicant: '赵磊',
      matter: '请求支付劳动报酬（第31条第5项）',
      basis: 'economic_difficulty',
    };
    await send(application, 200);
    const seen = await api.call('GET', `/v1/hand-offs/${caseNumber}-H1`, legalAid.apiKey, undefined, 200);
    expect(seen).toMatchObject({
      kind: 'legal_aid',
      legalAid: application,
      deadline: { policyKey: 'hand_off.legal_aid.review' },
    });
  });
});
