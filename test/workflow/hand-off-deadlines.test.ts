import { type WorkflowHandle, WorkflowUpdateFailedError } from '@temporalio/client';
import type { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDateOf } from '../../domain/dates.js';
import type { Actor, CaseView } from '../../workflows/case.messages.js';
import {
  acknowledgeHandOffUpdate,
  handOffUpdate,
  recordHandOffResultUpdate,
} from '../../workflows/hand-off.messages.js';
import { signForMaterialsUpdate } from '../../workflows/referral.messages.js';
import { type CaseWorkflowHarness, createCaseWorkflowHarness } from '../helpers/case-workflow-env.js';
import { createInstitution } from '../helpers/staff.js';

const day = 24 * 60 * 60 * 1000;

describe('hand-off deadlines (time-skipping server)', () => {
  let h: CaseWorkflowHarness;
  let legalAid: Awaited<ReturnType<typeof createInstitution>>;
  let centre: Actor;

  beforeAll(async () => {
    h = await createCaseWorkflowHarness();
    legalAid = await createInstitution(h.database.db, 'legal_aid_centre', '呼伦贝尔市法律援助中心');
    centre = { kind: 'institution', id: legalAid.id, role: 'legal_aid_centre' };
  });
  afterAll(() => h?.teardown());

  /** A labour dispute that failed mediation, the worker applying for legal aid (援调对接). */
  async function legalAidApplied(caseNumber: string): Promise<{ handle: WorkflowHandle; view: CaseView }> {
    const handle = await h.start(caseNumber);
    await h.transition(handle, 'triage', h.clerk, { triageClass: 'general', category: 'labour' });
    await h.transition(handle, 'assign', h.clerk, { mediatorId: h.mediator.id });
    await h.transition(handle, 'accept', h.mediator, {});
    await h.transition(handle, 'fail', h.mediator, {
      reasons: '用人单位拒绝支付经济补偿',
      undisputedFacts: '劳动者于2026年10月被解除劳动合同',
    });
    const view = await handle.executeUpdate(handOffUpdate, {
      args: [
        {
          kind: 'legal_aid',
          legalAid: { applicant: '刘洋', matter: '请求支付经济补偿', basis: 'economic_difficulty' },
          institution: { id: legalAid.id, name: legalAid.name, kind: 'legal_aid_centre' },
          note: '劳动者经济困难，申请法律援助以申请劳动仲裁',
          partiesConsent: true,
          actor: h.actor(h.mediator),
        },
      ],
    });
    return { handle, view };
  }

  const handOffDeadline = (view: CaseView) => view.deadlines.find((d) => d.kind === 'hand_off-1')!;

  it('reviews a legal aid application within 7 days (法律援助法 art 43) and assigns a lawyer within 3 more', async () => {
    await h.run(async () => {
      const { handle, view } = await legalAidApplied('LA-2026-000001');
      const review = handOffDeadline(view);
      expect(review.explanation).toMatchObject({
        policyKey: 'hand_off.legal_aid.review',
        period: { unit: 'calendar_days', length: 7 },
      });
      expect(review.explanation.summaryZh).toContain('七日');

      // Five days on, the centre decides to grant legal aid: within the period, nothing is overdue.
      await h.skipUntil(Date.parse(review.explanation.startEvent.at) + 5 * day, 0);
      const before = await h.view(handle);
      expect(handOffDeadline(before).status).toBe('open');
      const granted = await handle.executeUpdate(acknowledgeHandOffUpdate, {
        args: [{ n: 1, accepted: true, reference: '呼法援〔2026〕12号', actor: centre }],
      });
      const assignment = handOffDeadline(granted);
      expect(assignment.explanation).toMatchObject({
        policyKey: 'hand_off.legal_aid.assignment',
        period: { unit: 'calendar_days', length: 3 },
      });
      expect(granted.handOffs?.[0]?.status).toBe('acknowledged');

      const assigned = await handle.executeUpdate(recordHandOffResultUpdate, {
        args: [
          {
            n: 1,
            result: 'lawyer_assigned',
            date: assignment.explanation.startEvent.date,
            summary: '指派律师承办劳动仲裁代理',
            lawyer: { name: '高明', organisation: '内蒙古某律师事务所' },
            actor: centre,
          },
        ],
      });
      expect(handOffDeadline(assigned).status).toBe('met');
      expect(assigned.overdue).toBe(false);
      // Legal aid does not dispose of the dispute: the case stays with the centre, free to close.
      expect(assigned).toMatchObject({ stage: 'link', linkPending: null });
      const closed = await h.transition(handle, 'close', h.mediator, {});
      expect(closed.stage).toBe('dispose');
    });
  });

  it('marks an unanswered legal aid review overdue when its 7 days run out; the case keeps waiting for it', async () => {
    await h.run(async () => {
      const { handle, view } = await legalAidApplied('LA-2026-000002');
      const review = handOffDeadline(view);
      await h.skipUntil(review.explanation.dueAtEpochMilliseconds);
      const late = await h.viewWhen(handle, (v) => handOffDeadline(v).status === 'overdue');
      expect(handOffDeadline(late).status).toBe('overdue');
      expect(late.overdue).toBe(true);
      expect(late.linkPending).toBe('hand_off');
      // A late decision is still taken: the assignment period starts from it.
      const granted = await handle.executeUpdate(acknowledgeHandOffUpdate, {
        args: [{ n: 1, accepted: true, actor: centre }],
      });
      expect(handOffDeadline(granted)).toMatchObject({ status: 'open' });
      expect(handOffDeadline(granted).explanation.policyKey).toBe('hand_off.legal_aid.assignment');
    });
  });

  it('sends a court’s own referral back through the court docking, not as a hand-off to a court', async () => {
    const court = await createInstitution(h.database.db, 'court', '扎兰屯市人民法院');
    await h.run(async () => {
      const now = new Date(await h.env.currentTimeMs()).toISOString();
      const handle = await h.start(
        'LA-2026-000003',
        {},
        {
          source: 'court',
          registeredBy: { kind: 'institution', id: court.id, role: 'court' },
          referral: {
            kind: 'court',
            institutionId: court.id,
            institutionName: court.name,
            reference: '(2026)内0783民诉前调3号',
            type: 'delegated',
            procedure: null,
            referralDate: chinaDateOf(now),
            receivedAt: now,
            claimsSummary: '借款纠纷',
            claimAmountFen: 1_000_000,
            materials: ['起诉状'],
            contact: { name: '李法官' },
            callbackUrl: null,
          },
        },
      );
      await handle.executeUpdate(signForMaterialsUpdate, { args: [{ actor: h.actor(h.clerk) }] });
      await h.transition(handle, 'triage', h.clerk, { triageClass: 'general', category: 'lending' });
      await h.transition(handle, 'assign', h.clerk, { mediatorId: h.mediator.id });
      await h.transition(handle, 'accept', h.mediator, {});
      await h.transition(handle, 'fail', h.mediator, {
        reasons: '分歧过大',
        undisputedFacts: '借款事实无争议',
      });
      const refused = await handle
        .executeUpdate(handOffUpdate, {
          args: [
            {
              kind: 'filing',
              institution: { id: court.id, name: court.name, kind: 'court' },
              note: '转立案',
              jurisdictionBasis: '原移送法院',
              partiesConsent: true,
              actor: h.actor(h.mediator),
            },
          ],
        })
        .catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
      const cause = (refused as WorkflowUpdateFailedError).cause as ApplicationFailure;
      expect(cause.type).toBe('hand_off_not_applicable');
      expect((await h.view(handle)).handOffs).toEqual([]);
    });
  });
});
