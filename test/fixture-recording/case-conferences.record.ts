import { afterAll, beforeAll, expect, it } from 'vitest';
import { holdConferenceUpdate, waiveConferenceUpdate } from '../../workflows/case.messages.js';
import { type CaseWorkflowHarness, createCaseWorkflowHarness } from '../helpers/case-workflow-env.js';
import { saveHistory } from './recording-helpers.js';

/**
 * Histories of complex cases bound by the conference policy (研): one settles after its conference, one
 * after a supervisor's waiver. Record with
 * `npm run fixtures:record -- test/fixture-recording/case-conferences.record.ts`.
 */
let h: CaseWorkflowHarness;
beforeAll(async () => {
  h = await createCaseWorkflowHarness();
});
afterAll(() => h?.teardown());

const settlement = {
  form: 'oral' as const,
  terms: '承包方于本月底前返还押金三万元',
  amountFen: 3_000_000,
  performance: [{ description: '返还押金', dueDate: '2026-12-31', amountFen: 3_000_000 }],
};

async function acceptedComplexCase(caseNumber: string) {
  const handle = await h.start(caseNumber);
  await h.transition(handle, 'triage', h.clerk, { triageClass: 'complex', category: 'contract' });
  await h.transition(handle, 'assign', h.clerk, { mediatorId: h.mediator.id });
  await h.transition(handle, 'accept', h.mediator, {});
  return handle;
}

it('records a complex case refused settlement, studied at a conference, then settled', async () => {
  await h.run(async () => {
    const handle = await acceptedComplexCase('FX-2026-000041');
    await expect(h.transition(handle, 'settle', h.mediator, settlement)).rejects.toThrow();
    await handle.executeUpdate(holdConferenceUpdate, {
      args: [
        {
          heldAt: new Date(await h.env.currentTimeMs()).toISOString(),
          participants: [
            { name: '王调解', role: 'mediator' },
            { name: '刘律师', role: 'lawyer', organisation: '内蒙古呼伦律师事务所' },
          ],
          conclusions: '双方均有和解意愿',
          plan: '核实工程量后分别做双方工作',
          actor: h.actor(h.mediator),
        },
      ],
    });
    const settled = await h.transition(handle, 'settle', h.mediator, settlement);
    expect(settled.stage).toBe('link');
    await saveHistory(h, 'complex-conference-held-then-settled', handle.workflowId);
  });
});

it('records a complex case whose conference a supervisor waived, then settled', async () => {
  await h.run(async () => {
    const handle = await acceptedComplexCase('FX-2026-000042');
    await handle.executeUpdate(waiveConferenceUpdate, {
      args: [{ reason: '案情简单明了，当事人急需款项', actor: h.actor(h.supervisor) }],
    });
    const settled = await h.transition(handle, 'settle', h.mediator, settlement);
    expect(settled.stage).toBe('link');
    await saveHistory(h, 'complex-conference-waived-then-settled', handle.workflowId);
  });
});
