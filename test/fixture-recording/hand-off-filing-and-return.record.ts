import { afterAll, beforeAll, expect, it } from 'vitest';
import { chinaDateOf } from '../../domain/dates.js';
import {
  acknowledgeHandOffUpdate,
  handOffUpdate,
  recordHandOffResultUpdate,
} from '../../workflows/hand-off.messages.js';
import { type CaseWorkflowHarness, createCaseWorkflowHarness } from '../helpers/case-workflow-env.js';
import { createInstitution } from '../helpers/staff.js';
import { acceptedCase, institutionActor, saveHistory } from './recording-helpers.js';

/**
 * Histories of a failed case filed at court (closed as 转立案) and of a hand-off that sends the case
 * back to mediation (退回调解). Record with
 * `npm run fixtures:record -- test/fixture-recording/hand-off-filing-and-return.record.ts`.
 */
let h: CaseWorkflowHarness;
beforeAll(async () => {
  h = await createCaseWorkflowHarness();
});
afterAll(() => h?.teardown());

it('records a failed case sent to the court for filing and closed as 转立案 with the filing number', async () => {
  const court = await createInstitution(h.database.db, 'court', '海拉尔区人民法院');
  await h.run(async () => {
    const handle = await acceptedCase(h, 'FX-2026-000031', 'contract');
    await h.transition(handle, 'fail', h.mediator, {
      reasons: '双方对货款数额分歧过大',
      undisputedFacts: '双方签订买卖合同，被告已收货',
    });
    await handle.executeUpdate(handOffUpdate, {
      args: [
        {
          kind: 'filing',
          institution: { id: court.id, name: court.name, kind: 'court' },
          note: '原告申请立案',
          jurisdictionBasis: '合同履行地',
          partiesConsent: true,
          actor: h.actor(h.mediator),
        },
      ],
    });
    const courtActor = institutionActor(court, 'court');
    await handle.executeUpdate(acknowledgeHandOffUpdate, {
      args: [{ n: 1, accepted: true, actor: courtActor }],
    });
    const closed = await handle.executeUpdate(recordHandOffResultUpdate, {
      args: [
        {
          n: 1,
          result: 'filed',
          date: chinaDateOf(await h.env.currentTimeMs()),
          documentNumber: '(2026)内0702民初3456号',
          summary: '已登记立案',
          actor: courtActor,
        },
      ],
    });
    expect(closed).toMatchObject({ stage: 'dispose', disposition: 'transferred_for_filing' });
    await saveHistory(h, 'hand-off-filing-closed-transferred-for-filing', handle.workflowId);
  });
});

it('records a failed labour dispute the arbitration commission sends back to mediation, then settled', async () => {
  const arbitration = await createInstitution(
    h.database.db,
    'labour_arbitration',
    '呼伦贝尔市劳动人事争议仲裁委员会',
  );
  await h.run(async () => {
    const handle = await acceptedCase(h, 'FX-2026-000032', 'labour');
    await h.transition(handle, 'fail', h.mediator, {
      reasons: '对加班时长分歧',
      undisputedFacts: '劳动关系存续',
    });
    await handle.executeUpdate(handOffUpdate, {
      args: [
        {
          kind: 'labour_arbitration',
          institution: { id: arbitration.id, name: arbitration.name, kind: 'labour_arbitration' },
          note: '申请劳动争议仲裁',
          partiesConsent: true,
          actor: h.actor(h.mediator),
        },
      ],
    });
    const commission = institutionActor(arbitration, 'labour_arbitration');
    await handle.executeUpdate(acknowledgeHandOffUpdate, {
      args: [{ n: 1, accepted: true, actor: commission }],
    });
    const sentBack = {
      n: 1,
      result: 'returned_for_mediation' as const,
      date: chinaDateOf(await h.env.currentTimeMs()),
      summary: '争议标的较小，建议先行调解',
      actor: commission,
    };
    const returned = await handle.executeUpdate(recordHandOffResultUpdate, { args: [sentBack] });
    expect(returned).toMatchObject({ stage: 'resolve', outcome: null });
    await handle.executeUpdate(recordHandOffResultUpdate, { args: [sentBack] });
    await h.transition(handle, 'requestExtension', h.mediator, {
      days: 5,
      reason: '双方同意延长',
      partiesConsent: true,
    });
    await h.transition(handle, 'decideExtension', h.supervisor, { approve: true });
    const settled = await h.transition(handle, 'settle', h.mediator, {
      form: 'written',
      terms: '支付加班费三千元',
      amountFen: 300_000,
      performance: [{ description: '支付加班费', amountFen: 300_000 }],
    });
    expect(settled.stage).toBe('link');
    await saveHistory(h, 'hand-off-arbitration-returned-to-mediation-then-settled', handle.workflowId);
  });
});

it('records a hand-off the body declines and sends back to mediation, then failed again', async () => {
  const bureau = await createInstitution(h.database.db, 'petitions_bureau', '呼伦贝尔市信访局');
  await h.run(async () => {
    const handle = await acceptedCase(h, 'FX-2026-000033', 'neighbour');
    await h.transition(handle, 'terminate', h.mediator, { reason: '一方暂时无法到场' });
    await handle.executeUpdate(handOffUpdate, {
      args: [
        {
          kind: 'petition',
          institution: { id: bureau.id, name: bureau.name, kind: 'petitions_bureau' },
          note: '访调对接',
          partiesConsent: true,
          actor: h.actor(h.mediator),
        },
      ],
    });
    const decline = {
      n: 1,
      accepted: false,
      reason: '属于民间纠纷，退回调解中心继续调解',
      returnToMediation: true,
      actor: institutionActor(bureau, 'petitions_bureau'),
    };
    const returned = await handle.executeUpdate(acknowledgeHandOffUpdate, { args: [decline] });
    expect(returned).toMatchObject({ stage: 'resolve', outcome: null });
    await handle.executeUpdate(acknowledgeHandOffUpdate, { args: [decline] });
    const failed = await h.transition(handle, 'fail', h.mediator, {
      reasons: '仍无法达成一致',
      undisputedFacts: '相邻关系',
    });
    expect(failed.stage).toBe('link');
    await saveHistory(h, 'hand-off-declined-returned-to-mediation-then-failed', handle.workflowId);
  });
});
