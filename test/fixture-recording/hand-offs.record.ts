import { afterAll, beforeAll, expect, it } from 'vitest';
import { chinaDateOf } from '../../domain/dates.js';
import { decideOnNonPerformanceUpdate } from '../../workflows/case.messages.js';
import {
  acknowledgeHandOffUpdate,
  handOffUpdate,
  recordHandOffResultUpdate,
  withdrawHandOffUpdate,
} from '../../workflows/hand-off.messages.js';
import { type CaseWorkflowHarness, createCaseWorkflowHarness } from '../helpers/case-workflow-env.js';
import { createInstitution } from '../helpers/staff.js';
import { acceptedCase, institutionActor, saveHistory } from './recording-helpers.js';

/**
 * Histories of hand-offs to partner bodies (联动): sent, withdrawn, acknowledged or declined, answered
 * (once, and the same answer again), closing the case or leaving it to the centre, and a body's
 * deadline running out. Record with `npm run fixtures:record -- test/fixture-recording/hand-offs.record.ts`.
 */
let h: CaseWorkflowHarness;
beforeAll(async () => {
  h = await createCaseWorkflowHarness();
});
afterAll(() => h?.teardown());

it('records a walk-in agreement sent to judicial confirmation, withdrawn, sent again and confirmed', async () => {
  const court = await createInstitution(h.database.db, 'court', '海拉尔区人民法院');
  await h.run(async () => {
    const handle = await acceptedCase(h, 'FX-2026-000021', 'neighbour');
    await h.transition(handle, 'settle', h.mediator, {
      form: 'written',
      terms: '一方于一个月内赔偿修复费用八千元',
      amountFen: 800_000,
      performance: [{ description: '赔偿修复费用', amountFen: 800_000 }],
    });
    const send = {
      kind: 'judicial_confirmation' as const,
      institution: { id: court.id, name: court.name, kind: 'court' as const },
      note: '双方共同申请司法确认',
      jurisdictionBasis: '调解组织所在地基层人民法院',
      partiesConsent: true as const,
      actor: h.actor(h.mediator),
    };
    await handle.executeUpdate(handOffUpdate, { args: [send] });
    await handle.executeUpdate(withdrawHandOffUpdate, {
      args: [{ n: 1, reason: '申请材料有误，更正后重新提交', actor: h.actor(h.mediator) }],
    });
    await handle.executeUpdate(handOffUpdate, { args: [send] });
    const court2 = institutionActor(court, 'court');
    await handle.executeUpdate(acknowledgeHandOffUpdate, { args: [{ n: 2, accepted: true, actor: court2 }] });
    const ruling = {
      n: 2,
      result: 'confirmed' as const,
      date: chinaDateOf(await h.env.currentTimeMs()),
      documentNumber: '(2026)内0702民特21号',
      summary: '裁定确认调解协议有效',
      actor: court2,
    };
    await handle.executeUpdate(recordHandOffResultUpdate, { args: [ruling] });
    const again = await handle.executeUpdate(recordHandOffResultUpdate, { args: [ruling] });
    expect(again.stage).toBe('dispose');
    await saveHistory(h, 'hand-off-confirmation-withdrawn-then-confirmed', handle.workflowId);
  });
});

it('records a legal aid review left overdue, then granted and assigned, and an arbitration declined', async () => {
  const [legalAid, arbitration] = await Promise.all([
    createInstitution(h.database.db, 'legal_aid_centre', '呼伦贝尔市法律援助中心'),
    createInstitution(h.database.db, 'labour_arbitration', '呼伦贝尔市劳动人事争议仲裁委员会'),
  ]);
  await h.run(async () => {
    const handle = await acceptedCase(h, 'FX-2026-000022', 'labour');
    await h.transition(handle, 'fail', h.mediator, {
      reasons: '拒绝支付经济补偿',
      undisputedFacts: '劳动关系成立',
    });
    const sent = await handle.executeUpdate(handOffUpdate, {
      args: [
        {
          kind: 'legal_aid',
          legalAid: { applicant: '刘洋', matter: '请求支付经济补偿', basis: 'economic_difficulty' },
          institution: { id: legalAid.id, name: legalAid.name, kind: 'legal_aid_centre' },
          note: '申请法律援助',
          partiesConsent: true,
          actor: h.actor(h.mediator),
        },
      ],
    });
    const review = sent.deadlines.find((deadline) => deadline.kind === 'hand_off-1')!;
    await h.skipUntil(review.explanation.dueAtEpochMilliseconds);
    const late = await h.viewWhen(handle, (v) => v.deadlines.some((d) => d.status === 'overdue'));
    expect(late.overdue).toBe(true);
    const centre = institutionActor(legalAid, 'legal_aid_centre');
    await handle.executeUpdate(acknowledgeHandOffUpdate, { args: [{ n: 1, accepted: true, actor: centre }] });
    await handle.executeUpdate(recordHandOffResultUpdate, {
      args: [
        {
          n: 1,
          result: 'lawyer_assigned',
          date: chinaDateOf(await h.env.currentTimeMs()),
          summary: '指派律师',
          lawyer: { name: '高明', organisation: '某律师事务所' },
          actor: centre,
        },
      ],
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
    await handle.executeUpdate(acknowledgeHandOffUpdate, {
      args: [
        {
          n: 2,
          accepted: false,
          reason: '已超过仲裁时效',
          actor: institutionActor(arbitration, 'labour_arbitration'),
        },
      ],
    });
    const closed = await h.transition(handle, 'close', h.mediator, {});
    expect(closed.stage).toBe('dispose');
    await saveHistory(h, 'hand-off-legal-aid-overdue-assigned-arbitration-declined', handle.workflowId);
  });
});

it('records a visit that finds an instalment unperformed, the decision taken, a second visit and the archive', async () => {
  await h.run(async () => {
    const handle = await acceptedCase(h, 'FX-2026-000023', 'lending');
    await h.transition(handle, 'settle', h.mediator, {
      form: 'written',
      terms: '分两期归还借款两万元',
      amountFen: 2_000_000,
      performance: [
        { description: '第一期还款', amountFen: 1_000_000 },
        { description: '第二期还款', amountFen: 1_000_000 },
      ],
    });
    await h.transition(handle, 'close', h.mediator, {});
    await h.transition(handle, 'recordFollowUp', h.mediator, {
      performed: false,
      satisfaction: 2,
      unperformedSteps: [2],
    });
    await handle.executeUpdate(decideOnNonPerformanceUpdate, {
      args: [{ action: 'remind', note: '电话督促借款人履行第二期', actor: h.actor(h.mediator) }],
    });
    await h.transition(handle, 'recordFollowUp', h.mediator, { performed: true, satisfaction: 4 });
    const archived = await h.transition(handle, 'archive', h.clerk, {});
    expect(archived.followUps).toHaveLength(2);
    await saveHistory(h, 'unperformed-instalment-decided-archived', handle.workflowId);
  });
});
