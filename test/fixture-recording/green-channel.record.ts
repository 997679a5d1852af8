import { afterAll, beforeAll, expect, it } from 'vitest';
import { enterprises } from '../../db/schema/index.js';
import { flagGreenChannelUpdate } from '../../workflows/case.messages.js';
import { type CaseWorkflowHarness, createCaseWorkflowHarness } from '../helpers/case-workflow-env.js';
import { saveHistory } from './recording-helpers.js';

let h: CaseWorkflowHarness;
beforeAll(async () => {
  h = await createCaseWorkflowHarness();
  // The read model refers to the registry's row (cases.green_channel_enterprise_id).
  await h.database.db.insert(enterprises).values({
    id: dairy.enterpriseId,
    name: dairy.enterpriseName,
    creditCode: dairy.creditCode,
    entityClass: 'private_enterprise',
    industry: 'manufacturing',
    unitId: h.unitId,
    registeredById: h.clerk.id,
    registeredAt: new Date(),
  });
});
afterAll(() => h?.teardown());

/** The dairy a supplier has a claim against; the flag names it as the registry holds it. */
const dairy = {
  enterpriseId: '6f1d3c0e-4b8a-4c2e-9d7f-2a5b8c9e0f11',
  enterpriseName: '呼伦贝尔草原乳业有限公司',
  creditCode: '91110108551385082Q',
};

it('records a case flagged for the green channel, triaged on the shorter period, extended and settled', async () => {
  await h.run(async () => {
    const handle = await h.start(
      'FX-2026-000501',
      {},
      {
        summary: '鲜奶供货款结算纠纷，供货方主张拖欠货款',
        parties: [
          { kind: 'person', name: '刘洋', role: 'applicant' },
          {
            kind: 'organisation',
            name: dairy.enterpriseName,
            role: 'respondent',
            idType: 'unified_social_credit_code',
            idNumber: dairy.creditCode,
          },
        ],
      },
    );
    const flagged = await handle.executeUpdate(flagGreenChannelUpdate, {
      args: [{ ...dairy, actor: h.actor(h.clerk) }],
    });
    expect(flagged.greenChannel).toMatchObject({ ...dairy, flaggedBy: h.clerk.id });
    // Again (a retry): nothing recorded.
    const again = await handle.executeUpdate(flagGreenChannelUpdate, {
      args: [{ ...dairy, actor: h.actor(h.clerk) }],
    });
    expect(again.seq).toBe(flagged.seq);
    const triaged = await h.transition(handle, 'triage', h.clerk, {
      triageClass: 'simple',
      category: 'contract',
    });
    const stage = triaged.deadlines.find((deadline) => deadline.kind === 'stage')!;
    expect(stage.explanation.policyKey).toBe('stage.simple.green');
    expect(stage.explanation.period.length).toBe(3);
    await h.transition(handle, 'assign', h.clerk, { mediatorId: h.mediator.id });
    await h.transition(handle, 'accept', h.mediator, {});
    // An extension keeps the green channel's policy and adds to it.
    await h.transition(handle, 'requestExtension', h.mediator, {
      days: 2,
      reason: '企业财务负责人出差，需补充对账单',
      partiesConsent: true,
    });
    const extended = await h.transition(handle, 'decideExtension', h.supervisor, { approve: true });
    const moved = extended.deadlines.find((deadline) => deadline.kind === 'stage')!;
    expect(moved.explanation.policyKey).toBe('stage.simple.green');
    expect(moved.explanation.extensionDays).toBe(2);
    const settled = await h.transition(handle, 'settle', h.mediator, {
      form: 'written',
      terms: '乳业公司于十日内支付货款八万元',
      amountFen: 8_000_000,
      performance: [{ description: '支付货款', amountFen: 8_000_000 }],
    });
    expect(settled.stage).toBe('link');
    await saveHistory(h, 'green-channel-flagged-triaged-extended-settled', handle.workflowId);
  });
});
