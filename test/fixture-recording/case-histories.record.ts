import { writeFile } from 'node:fs/promises';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mediatorRelations } from '../../db/schema/index.js';
import { addDays, chinaDateOf } from '../../domain/dates.js';
import {
  confirmationDecisionUpdate,
  endAppraisalUpdate,
  prosecutionDecisionUpdate,
  recordPaymentUpdate,
  signForMaterialsUpdate,
  startAppraisalUpdate,
} from '../../workflows/referral.messages.js';
import { type CaseWorkflowHarness, createCaseWorkflowHarness } from '../helpers/case-workflow-env.js';
import { createInstitution } from '../helpers/staff.js';

let h: CaseWorkflowHarness;
/** Follow-up planning fails this many more times (a database that does not answer). */
let followUpPlanningFailures = 0;
beforeAll(async () => {
  h = await createCaseWorkflowHarness({
    wrapActivities: (activities) => ({
      ...activities,
      planDeadline: async (input) => {
        if (input.policyKey === 'follow_up' && followUpPlanningFailures > 0) {
          followUpPlanningFailures -= 1;
          throw new Error('simulated: the database does not answer');
        }
        return activities.planDeadline(input);
      },
    }),
  });
});
afterAll(() => h?.teardown());

async function save(name: string, handle: WorkflowHandle, runId?: string) {
  const history = await h.env.client.workflow.getHandle(handle.workflowId, runId).fetchHistory();
  const path = new URL(`../fixtures/histories/${name}.json`, import.meta.url);
  await writeFile(path, `${historyToJSON(history)}\n`);
}

it('records a settled case carried through to the archive (sessions, extension, follow-up)', async () => {
  await h.run(async () => {
    const handle = await h.start('FX-2026-000001');
    await h.transition(handle, 'triage', h.clerk, { triageClass: 'general', category: 'neighbour' });
    await h.transition(handle, 'assign', h.clerk, { mediatorId: h.mediator.id });
    await h.transition(handle, 'accept', h.mediator, {});
    await h.transition(handle, 'recordSession', h.mediator, {
      heldAt: '2026-11-27T02:00:00Z',
      summary: '首次调解',
    });
    await h.transition(handle, 'requestExtension', h.mediator, {
      days: 5,
      reason: '等待报价',
      partiesConsent: true,
    });
    await h.transition(handle, 'decideExtension', h.supervisor, { approve: true });
    const settled = await h.transition(handle, 'settle', h.mediator, {
      form: 'written',
      terms: '赔偿修复费用8600元',
      amountFen: 860_000,
      performance: [{ description: '一次性支付', amountFen: 860_000 }],
    });
    await h.transition(handle, 'close', h.mediator, {});
    const followUp = settled.deadlines.find((d) => d.kind === 'follow_up')!;
    await h.skipUntil(followUp.explanation.reminders[0]!.atEpochMilliseconds);
    await h.transition(handle, 'recordFollowUp', h.clerk, { performed: true, satisfaction: 5 });
    await h.transition(handle, 'archive', h.clerk, {});
    await handle.result();
    await save('settled-and-archived', handle);
  });
});

it('records an overdue case that failed, with reminders and a refused conflicting assignment', async () => {
  await h.database.db.insert(mediatorRelations).values({
    userId: h.mediator.id,
    name: '刘洋',
    nameNormalised: '刘洋',
    relation: '同学',
  });
  await h.run(async () => {
    const handle = await h.start('FX-2026-000002');
    await h.transition(handle, 'triage', h.clerk, { triageClass: 'simple', category: 'labour' });
    const refused = await h
      .transition(handle, 'assign', h.clerk, { mediatorId: h.mediator.id })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Error);
    await h.transition(handle, 'assign', h.supervisor, {
      mediatorId: h.mediator.id,
      conflictOverride: { reason: '当事人同意' },
    });
    const accepted = await h.transition(handle, 'accept', h.mediator, {});
    await h.skipUntil(accepted.deadlines[0]!.explanation.dueAtEpochMilliseconds);
    await h.transition(handle, 'fail', h.mediator, { reasons: '分歧过大', undisputedFacts: '劳动关系存续' });
    await h.transition(handle, 'close', h.mediator, {});
    await h.transition(handle, 'archive', h.clerk, {});
    await handle.result();
    await save('overdue-failed-archived', handle);
  });
  await h.database.db.delete(mediatorRelations);
});

it('records a case rejected at intake', async () => {
  await h.run(async () => {
    const handle = await h.start('FX-2026-000003');
    await h.transition(handle, 'reject', h.clerk, { reason: '不属于受理范围' });
    await h.transition(handle, 'close', h.clerk, {});
    await h.transition(handle, 'archive', h.clerk, {});
    await handle.result();
    await save('rejected-at-intake', handle);
  });
});

it('records a run that continued as new', async () => {
  await h.run(async () => {
    const handle = await h.start('FX-2026-000004', { eventsPerRun: 3 });
    const firstRunId = (await handle.describe()).runId;
    await h.transition(handle, 'triage', h.clerk, { triageClass: 'complex', category: 'land' });
    await h.transition(handle, 'assign', h.clerk, { mediatorId: h.mediator.id });
    await h.env.sleep(1000);
    expect((await h.env.client.workflow.getHandle(handle.workflowId).describe()).runId).not.toBe(firstRunId);
    await save('continued-as-new', handle, firstRunId);
  });
});

it('records a delegated court referral: 签收, appraisal, settlement reported, confirmed by the court, archived', async () => {
  const court = await createInstitution(h.database.db, 'court', '海拉尔区人民法院');
  await h.run(async () => {
    const now = new Date(await h.env.currentTimeMs()).toISOString();
    const handle = await h.start(
      'FX-2026-000005',
      {},
      {
        source: 'court',
        registeredBy: { kind: 'institution', id: court.id, role: 'court' },
        referral: {
          kind: 'court',
          institutionId: court.id,
          institutionName: court.name,
          reference: '(2026)内0702民诉前调5号',
          type: 'delegated',
          procedure: null,
          referralDate: chinaDateOf(now),
          receivedAt: now,
          claimsSummary: '物业服务合同纠纷',
          claimAmountFen: 1_200_000,
          materials: ['起诉状'],
          contact: { name: '李法官' },
          callbackUrl: null,
        },
      },
    );
    await handle.executeUpdate(signForMaterialsUpdate, { args: [{ actor: h.actor(h.clerk) }] });
    await h.transition(handle, 'triage', h.clerk, {
      triageClass: 'general',
      category: 'property_management',
    });
    await h.transition(handle, 'assign', h.clerk, { mediatorId: h.mediator.id });
    await h.transition(handle, 'accept', h.mediator, {});
    await handle.executeUpdate(startAppraisalUpdate, {
      args: [{ reason: '漏水原因鉴定', actor: h.actor(h.mediator) }],
    });
    await h.env.sleep('3 days');
    await handle.executeUpdate(endAppraisalUpdate, { args: [{ actor: h.actor(h.mediator) }] });
    await h.transition(handle, 'settle', h.mediator, {
      form: 'written',
      terms: '减免部分物业费',
      amountFen: 800_000,
      performance: [],
    });
    await handle.executeUpdate(confirmationDecisionUpdate, {
      args: [
        {
          decision: 'confirmed',
          date: chinaDateOf(now),
          rulingNumber: '(2026)内0702民特5号',
          actor: { kind: 'institution', id: court.id, role: 'court' },
        },
      ],
    });
    await h.transition(handle, 'recordFollowUp', h.clerk, { performed: true, satisfaction: 5 });
    await h.transition(handle, 'archive', h.clerk, {});
    await handle.result();
    await save('court-delegated-confirmed', handle);
  });
});

it('records a prosecution referral settled in instalments, package after payment, decision closes it', async () => {
  const procuratorate = await createInstitution(h.database.db, 'procuratorate', '海拉尔区人民检察院');
  await h.run(async () => {
    const now = new Date(await h.env.currentTimeMs()).toISOString();
    const today = chinaDateOf(now);
    const handle = await h.start(
      'FX-2026-000006',
      {},
      {
        source: 'procuratorate',
        registeredBy: { kind: 'institution', id: procuratorate.id, role: 'procuratorate' },
        referral: {
          kind: 'prosecution',
          institutionId: procuratorate.id,
          institutionName: procuratorate.name,
          reference: '检-FX-6',
          offence: '故意伤害',
          statuteArticle: '刑法第234条',
          facts: '邻里纠纷引发轻伤',
          prosecutorContact: { name: '孙检察官' },
          reviewStartedOn: today,
          reviewDueOn: addDays(today, 30),
          eligibility: {
            privateDispute: true,
            criminalLawChapter: 4,
            negligent: false,
            likelySentenceMonths: 12,
            intentionalCrimeWithinFiveYears: false,
          },
          performanceBeforeDecision: true,
          referralDate: today,
          receivedAt: now,
          callbackUrl: null,
        },
      },
    );
    await h.transition(handle, 'triage', h.clerk, { triageClass: 'general', category: 'other' });
    await h.transition(handle, 'assign', h.clerk, { mediatorId: h.mediator.id });
    await h.transition(handle, 'accept', h.mediator, {});
    await h.transition(handle, 'settle', h.mediator, {
      form: 'written',
      terms: '分两期赔偿',
      amountFen: 500_000,
      performance: [],
      prosecution: {
        compensationFen: 500_000,
        method: '转账',
        remorse: '当面道歉',
        forgiveness: true,
        leniencyRequested: true,
        forgivenessLetter: { signedOn: today, signedBy: '钱亮' },
        instalments: [
          { amountFen: 200_000, dueDate: addDays(today, 3) },
          { amountFen: 300_000, dueDate: addDays(today, 10) },
        ],
        guarantee: { kind: 'deposit', detail: '保证金' },
        victimConsentToInstalments: true,
      },
    });
    for (const instalment of [1, 2]) {
      await handle.executeUpdate(recordPaymentUpdate, {
        args: [{ instalment, paidOn: today, proof: `凭证${instalment}`, actor: h.actor(h.mediator) }],
      });
    }
    await handle.executeUpdate(prosecutionDecisionUpdate, {
      args: [
        {
          decision: 'non_prosecution',
          date: today,
          actor: { kind: 'institution', id: procuratorate.id, role: 'procuratorate' },
        },
      ],
    });
    await h.transition(handle, 'recordFollowUp', h.clerk, { performed: true, satisfaction: 4 });
    await h.transition(handle, 'archive', h.clerk, {});
    await handle.result();
    await save('prosecution-instalments-decided', handle);
  });
});

it('records a settlement rolled back after its follow-up planning gave up, then settled again', async () => {
  await h.run(async () => {
    const handle = await h.start('FX-2026-000007');
    await h.transition(handle, 'triage', h.clerk, { triageClass: 'simple', category: 'contract' });
    await h.transition(handle, 'assign', h.clerk, { mediatorId: h.mediator.id });
    await h.transition(handle, 'accept', h.mediator, {});
    const settlement = {
      form: 'oral' as const,
      terms: '当场退还押金2000元',
      amountFen: 200_000,
      performance: [],
    };
    followUpPlanningFailures = 5; // every one of the bounded tries
    await expect(h.transition(handle, 'settle', h.mediator, settlement)).rejects.toThrow();
    expect((await h.view(handle)).stage).toBe('resolve');
    const settled = await h.transition(handle, 'settle', h.mediator, settlement);
    expect(settled.stage).toBe('link');
    await save('settle-rolled-back-then-settled', handle);
  });
});

it('records an assignment the read model refused for good (no such unit), rolled back, then assigned', async () => {
  await h.run(async () => {
    const handle = await h.start('FX-2026-000008');
    await h.transition(handle, 'triage', h.clerk, { triageClass: 'simple', category: 'contract' });
    const noSuchUnit = '00000000-0000-4000-8000-000000000000';
    await expect(
      h.transition(handle, 'assign', h.clerk, { mediatorId: h.mediator.id, unitId: noSuchUnit }),
    ).rejects.toThrow();
    expect(await h.view(handle)).toMatchObject({ stage: 'divert', assigneeId: null, seq: 2 });
    const assigned = await h.transition(handle, 'assign', h.clerk, { mediatorId: h.mediator.id });
    expect(assigned.seq).toBe(3);
    await save('assignment-refused-by-read-model-then-assigned', handle);
  });
});

it('records the current mediator assigned again (nothing recorded), then accepted', async () => {
  await h.run(async () => {
    const handle = await h.start('FX-2026-000009');
    await h.transition(handle, 'triage', h.clerk, { triageClass: 'simple', category: 'contract' });
    await h.transition(handle, 'assign', h.clerk, { mediatorId: h.mediator.id });
    const again = await h.transition(handle, 'assign', h.clerk, { mediatorId: h.mediator.id });
    expect(again.seq).toBe(3);
    await h.transition(handle, 'accept', h.mediator, {});
    await save('assigned-again-recorded-nothing', handle);
  });
});
